import * as pulumi from "@pulumi/pulumi";
import type { Edition, MeshConfigArgs, ServiceMeshArgs, TimeoutsArgs } from "./args";
import type { CustomResourceOutput, StatusOutput } from "./outputs";
import providerShell = require("./provider-shell");

/**
 * An Alibaba Cloud Service Mesh (ASM) instance for an ACK cluster, with the cluster enrolled and the
 * mesh configured, the behaviour of the in-cluster `servicemesh-operator`: four ordered steps
 * (PreChecked → ServiceMeshAvailable → ClusterEnrolled → MeshConfigApplied) reported as conditions on a
 * `ServiceMesh` custom resource in `istio-system`, a deletion policy (Retain by default) and a retry
 * trigger. Type token: `pulumi-nodejs:dynamic/asm:ServiceMesh`.
 */
export class ServiceMesh extends pulumi.dynamic.Resource {
  declare readonly clusterId: pulumi.Output<string>;
  declare readonly meshId: pulumi.Output<string | undefined>;
  /** The mesh name as requested (defaulted). */
  declare readonly name: pulumi.Output<string>;
  declare readonly clusterSpec: pulumi.Output<Edition>;
  declare readonly deletionPolicy: pulumi.Output<"Retain" | "Delete">;
  declare readonly retryAt: pulumi.Output<string | undefined>;
  declare readonly region: pulumi.Output<string>;
  declare readonly meshConfig: pulumi.Output<MeshConfigArgs | undefined>;
  declare readonly timeouts: pulumi.Output<TimeoutsArgs | undefined>;
  /** The ASM instance id. */
  declare readonly serviceMeshId: pulumi.Output<string>;
  /** The mesh name as ASM reports it. */
  declare readonly serviceMeshName: pulumi.Output<string>;
  /** The CR's status: edition, mesh id and name, and the ordered conditions. */
  declare readonly status: pulumi.Output<StatusOutput>;
  /** All four step conditions are True. */
  declare readonly ready: pulumi.Output<boolean>;
  /** The mesh's `ServiceMeshInfo.State` (`running` when settled). */
  declare readonly state: pulumi.Output<string>;
  /** The mesh's Istio version. */
  declare readonly version: pulumi.Output<string>;
  declare readonly customResource: pulumi.Output<CustomResourceOutput>;
  /** Differences the last `pulumi refresh` found between state, the cloud and the CR. */
  declare readonly drift: pulumi.Output<string[] | undefined>;

  constructor(name: string, args: ServiceMeshArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      // Stored as a secret whatever the caller passed: it holds cluster credentials.
      kubeconfig: args.kubeconfig === undefined ? undefined : pulumi.secret(args.kubeconfig),
      resourceName: name,
      serviceMeshId: undefined,
      serviceMeshName: undefined,
      status: undefined,
      ready: undefined,
      state: undefined,
      version: undefined,
      customResource: undefined,
      drift: undefined,
    };
    const options: pulumi.CustomResourceOptions = {
      ...opts,
      additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "kubeconfig"],
    };
    super(providerShell, name, props, options, "asm", "ServiceMesh");
  }
}
