// A Go program on the asm-servicemesh SDK generated from the plugin's schema (tests/e2e/plugin-go.test.ts).
// It runs as an Automation API inline program: the Go language host is a module the module proxy
// refuses, and an inline program needs none (the program serves its own language runtime to the real
// CLI and engine). It previews one ServiceMesh and prints the preview's change summary as JSON.
//
// Environment: STACK, CLUSTER_ID, PLUGIN_DIR (the directory of pulumi-resource-asm-servicemesh), plus
// the backend, passphrase and provider settings a `pulumi` command takes.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/pulumi-asm-servicemesh/pulumi-asm-servicemesh/sdk/go/asmservicemesh"
)

func program(ctx *pulumi.Context) error {
	mesh, err := asmservicemesh.NewServiceMesh(ctx, "mesh", &asmservicemesh.ServiceMeshArgs{
		ClusterId:      pulumi.String(os.Getenv("CLUSTER_ID")),
		ClusterSpec:    pulumi.String("Standard"),
		DeletionPolicy: pulumi.String("Retain"),
	})
	if err != nil {
		return err
	}
	ctx.Export("ready", mesh.Ready)
	ctx.Export("serviceMeshId", mesh.ServiceMeshId)
	return nil
}

func main() {
	if err := preview(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func preview(ctx context.Context) error {
	project := workspace.Project{
		Name:    "mesh-go",
		Runtime: workspace.NewProjectRuntimeInfo("go", nil),
		Plugins: &workspace.Plugins{
			Providers: []workspace.PluginOptions{{Name: "asm-servicemesh", Path: os.Getenv("PLUGIN_DIR")}},
		},
	}
	stack, err := auto.UpsertStackInlineSource(ctx, os.Getenv("STACK"), "mesh-go", program, auto.Project(project))
	if err != nil {
		return err
	}
	result, err := stack.Preview(ctx)
	if err != nil {
		return err
	}
	summary, err := json.Marshal(result.ChangeSummary)
	if err != nil {
		return err
	}
	fmt.Println(string(summary))
	return nil
}
