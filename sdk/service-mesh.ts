import * as pulumi from "@pulumi/pulumi";
import type { ServiceMeshArgs } from "./args";
import type { ServiceMeshOutputs } from "./outputs";
import providerShell = require("./provider-shell");
import { SECRET_INPUTS, SECRET_OUTPUTS } from "./secret-inputs";

/** The class must declare every field of {@link ServiceMeshOutputs}, with the same type (checked by `implements`). */
type DeclaredOutputs = { readonly [K in keyof ServiceMeshOutputs]-?: pulumi.Output<ServiceMeshOutputs[K]> };

/**
 * An Alibaba Cloud Service Mesh (ASM) instance for an ACK cluster, with the cluster enrolled and the
 * mesh configured, the behaviour of the in-cluster `servicemesh-operator`: four ordered steps
 * (PreChecked → ServiceMeshAvailable → ClusterEnrolled → MeshConfigApplied) reported as conditions on a
 * `ServiceMesh` custom resource in `istio-system`, a deletion policy (Retain by default) and a retry
 * trigger. Type token: `pulumi-nodejs:dynamic/asm:ServiceMesh`.
 */
export class ServiceMesh extends pulumi.dynamic.Resource implements DeclaredOutputs {
  declare readonly clusterId: pulumi.Output<ServiceMeshOutputs["clusterId"]>;
  declare readonly meshId: pulumi.Output<ServiceMeshOutputs["meshId"]>;
  declare readonly name: pulumi.Output<ServiceMeshOutputs["name"]>;
  declare readonly clusterSpec: pulumi.Output<ServiceMeshOutputs["clusterSpec"]>;
  declare readonly deletionPolicy: pulumi.Output<ServiceMeshOutputs["deletionPolicy"]>;
  declare readonly retryAt: pulumi.Output<ServiceMeshOutputs["retryAt"]>;
  declare readonly region: pulumi.Output<ServiceMeshOutputs["region"]>;
  declare readonly meshConfig: pulumi.Output<ServiceMeshOutputs["meshConfig"]>;
  declare readonly timeouts: pulumi.Output<ServiceMeshOutputs["timeouts"]>;
  declare readonly istioVersion: pulumi.Output<ServiceMeshOutputs["istioVersion"]>;
  declare readonly tags: pulumi.Output<ServiceMeshOutputs["tags"]>;
  declare readonly vpcId: pulumi.Output<ServiceMeshOutputs["vpcId"]>;
  declare readonly vSwitchIds: pulumi.Output<ServiceMeshOutputs["vSwitchIds"]>;
  declare readonly loadBalancer: pulumi.Output<ServiceMeshOutputs["loadBalancer"]>;
  declare readonly controlPlaneKubeconfig: pulumi.Output<ServiceMeshOutputs["controlPlaneKubeconfig"]>;
  declare readonly serviceMeshId: pulumi.Output<ServiceMeshOutputs["serviceMeshId"]>;
  declare readonly serviceMeshName: pulumi.Output<ServiceMeshOutputs["serviceMeshName"]>;
  declare readonly status: pulumi.Output<ServiceMeshOutputs["status"]>;
  declare readonly ready: pulumi.Output<ServiceMeshOutputs["ready"]>;
  declare readonly state: pulumi.Output<ServiceMeshOutputs["state"]>;
  declare readonly version: pulumi.Output<ServiceMeshOutputs["version"]>;
  declare readonly customResource: pulumi.Output<ServiceMeshOutputs["customResource"]>;
  declare readonly drift: pulumi.Output<ServiceMeshOutputs["drift"]>;
  declare readonly endpoints: pulumi.Output<ServiceMeshOutputs["endpoints"]>;
  declare readonly createTime: pulumi.Output<ServiceMeshOutputs["createTime"]>;
  declare readonly meshKubeconfig: pulumi.Output<ServiceMeshOutputs["meshKubeconfig"]>;

  constructor(name: string, args: ServiceMeshArgs, opts?: pulumi.CustomResourceOptions) {
    const secrets = Object.fromEntries(
      SECRET_INPUTS.map((key) => [key, args[key] === undefined ? undefined : pulumi.secret(args[key])]),
    );
    const computed: Record<Exclude<keyof ServiceMeshOutputs, keyof ServiceMeshArgs>, undefined> = {
      serviceMeshId: undefined,
      serviceMeshName: undefined,
      status: undefined,
      ready: undefined,
      state: undefined,
      version: undefined,
      customResource: undefined,
      drift: undefined,
      endpoints: undefined,
      createTime: undefined,
      meshKubeconfig: undefined,
    };
    // Credentials are stored as secrets whatever the caller passed; outputs are seeded as undefined so
    // the engine knows them (declared outputs must appear in the props).
    // The owner names this resource of this stack: the mesh it creates is tagged with it, so no other
    // resource (another stack's, or another in this one) takes that mesh for its own.
    const owner = `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
    const props = { ...args, ...secrets, resourceName: name, owner, ...computed };
    const options: pulumi.CustomResourceOptions = {
      ...opts,
      additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...SECRET_INPUTS, ...SECRET_OUTPUTS],
    };
    super(providerShell, name, props, options, "asm", "ServiceMesh");
  }
}
