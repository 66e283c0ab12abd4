import * as pulumi from "@pulumi/pulumi";
import type { ServiceMeshArgs } from "./args";
import type { ServiceMeshOutputs } from "./outputs";
import { ownerName } from "../provider/model/resource-identity";
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
  declare readonly managementPolicy: pulumi.Output<ServiceMeshOutputs["managementPolicy"]>;
  declare readonly controlPlaneKubeconfig: pulumi.Output<ServiceMeshOutputs["controlPlaneKubeconfig"]>;
  declare readonly serviceMeshId: pulumi.Output<ServiceMeshOutputs["serviceMeshId"]>;
  declare readonly serviceMeshName: pulumi.Output<ServiceMeshOutputs["serviceMeshName"]>;
  declare readonly clusters: pulumi.Output<ServiceMeshOutputs["clusters"]>;
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
    // Every output must be a key of the props for the engine to fill it (and for `this.<output>` to
    // exist): inputs the program leaves out, and `get`'s reference, which passes none.
    const resolved: Record<keyof ServiceMeshOutputs & keyof ServiceMeshArgs, undefined> = {
      clusterId: undefined,
      meshId: undefined,
      name: undefined,
      clusterSpec: undefined,
      deletionPolicy: undefined,
      retryAt: undefined,
      region: undefined,
      meshConfig: undefined,
      timeouts: undefined,
      istioVersion: undefined,
      tags: undefined,
      vpcId: undefined,
      vSwitchIds: undefined,
      loadBalancer: undefined,
      controlPlaneKubeconfig: undefined,
      managementPolicy: undefined,
    };
    const computed: Record<Exclude<keyof ServiceMeshOutputs, keyof ServiceMeshArgs>, undefined> = {
      serviceMeshId: undefined,
      serviceMeshName: undefined,
      clusters: undefined,
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
    // Credentials are stored as secrets whatever the caller passed. The owner names this resource of
    // this stack: the mesh it creates is tagged with it, so no other resource (another stack's, or
    // another in this one) takes that mesh for its own.
    const owner = ownerName(pulumi.getProject(), pulumi.getStack(), name);
    // The URN this resource will have: the provider puts its progress lines on the resource's row.
    const resourceUrn = pulumi.createUrn(name, ServiceMesh.TYPE, opts?.parent);
    const props = { ...resolved, ...args, ...secrets, resourceName: name, owner, resourceUrn, ...computed };
    const options: pulumi.CustomResourceOptions = {
      ...opts,
      additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...SECRET_INPUTS, ...SECRET_OUTPUTS],
    };
    super(providerShell, name, props, options, "asm", "ServiceMesh");
  }

  /** The resource's type token, which `pulumi.dynamic.Resource` makes from the module and type given above. */
  static readonly TYPE = "pulumi-nodejs:dynamic/asm:ServiceMesh";

  /**
   * A read-only reference to an existing mesh, as every Pulumi resource class has: `id` is the mesh id
   * (the `serviceMeshId` output, the id the ASM console and Terraform show) or an ACK cluster id (the
   * mesh serving that cluster). Every output is read from the cloud; nothing is ever written or deleted,
   * in `pulumi up` or `pulumi destroy`. `state` is taken for the usual signature; what the cloud
   * answers fills the outputs.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: Partial<ServiceMeshArgs>,
    opts?: pulumi.CustomResourceOptions,
  ): ServiceMesh {
    const reference = { ...state, reference: true } as unknown as ServiceMeshArgs;
    return new ServiceMesh(name, reference, { ...opts, id });
  }
}
