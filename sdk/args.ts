import type * as pulumi from "@pulumi/pulumi";
import type { MeshConfigArgs } from "./mesh-config-args";

export type { MeshConfigArgs };

/** ASM editions. The API's `ClusterSpec` takes the lower-case form. */
export type Edition = "Standard" | "Enterprise" | "Ultimate";

/** What happens to the mesh when the resource is deleted (the seed's deletion-policy annotation). */
export type DeletionPolicy = "Retain" | "Delete";

/**
 * Public endpoints of the mesh's control plane: an EIP on the CLB in front of the API server (for
 * `kubectl` on Istio resources) and on Pilot's (for data planes outside the VPC). Binding and unbinding
 * happen in place.
 */
export interface LoadBalancerArgs {
  /**
   * Give the API server a public endpoint when the mesh is created (ASM allocates the EIP;
   * CreateServiceMesh `ApiServerPublicEip`). `false` later unbinds it in place; to add one to an existing
   * mesh, name an EIP in `apiServerEipId`.
   * @default false
   */
  readonly apiServerPublicEip?: pulumi.Input<boolean>;
  /** An EIP you own to bind to the API server's CLB, in place (ModifyApiServerEipResource). */
  readonly apiServerEipId?: pulumi.Input<string>;
  /** An EIP you own to bind to Pilot's public CLB, in place (ModifyPilotEipResource). */
  readonly pilotEipId?: pulumi.Input<string>;
}

/** How much of the mesh the resource manages (Crossplane's `managementPolicies: ["Observe"]`). */
export type ManagementPolicy = "Full" | "Observe";

/** Per-operation deadlines (Pulumi's `customTimeouts` never reaches a dynamic provider). */
export interface TimeoutsArgs {
  /** `pulumi refresh`: how long reads retry throttling, 5xx and timeouts before the refresh fails. @default "5m" */
  readonly read?: pulumi.Input<string>;
  /** @default "30m" */
  readonly create?: pulumi.Input<string>;
  /** @default "30m" */
  readonly update?: pulumi.Input<string>;
  /** @default "30m" */
  readonly delete?: pulumi.Input<string>;
}

/** The inputs of a {@link ServiceMesh}: the seed's `spec` fields first, then the operator's annotations. */
export interface ServiceMeshArgs {
  /** The ACK cluster to enroll. Changing it replaces the resource (delete first). */
  readonly clusterId: pulumi.Input<string>;
  /**
   * An existing mesh to join (the CR's `spec.id`); takes precedence over `name`. Changing it replaces
   * the resource. Named `meshId` because Pulumi reserves `id` for the resource id.
   */
  readonly meshId?: pulumi.Input<string>;
  /**
   * The mesh name. An existing mesh of that name is joined, not duplicated; changing it renames the
   * mesh in place ([ModifyServiceMeshName](https://api.aliyun.com/api/servicemesh/2020-01-11/ModifyServiceMeshName)).
   * @default `mesh-for-${clusterId}`
   */
  readonly name?: pulumi.Input<string>;
  /**
   * The edition. Upgrades in place (Standard → Enterprise → Ultimate); a downgrade is refused. Standard
   * exists only in Chinese-mainland regions. Maps to `ClusterSpec`.
   * @default Standard in `cn-*` regions except `cn-hongkong`, else Enterprise
   */
  readonly clusterSpec?: pulumi.Input<Edition>;
  /**
   * What happens to the mesh when this resource is deleted: `Retain` keeps it, `Delete` deletes it
   * (only when no other cluster is attached). The cluster is removed from the mesh either way.
   * @default "Retain"
   */
  readonly deletionPolicy?: pulumi.Input<DeletionPolicy>;
  /** Any new value re-runs the steps that failed (the operator's `retry-at` annotation). */
  readonly retryAt?: pulumi.Input<string>;
  /**
   * Region of the cluster and the mesh. Changing it replaces the resource.
   * @default stack config `alicloud:region`, `ALICLOUD_REGION`, else the cluster's own region
   */
  readonly region?: pulumi.Input<string>;
  /** Mesh features applied by the MeshConfigApplied step. @default ASM's defaults */
  readonly meshConfig?: pulumi.Input<MeshConfigArgs>;
  /**
   * The Istio version, as ASM lists it (DescribeVersions), e.g. `v1.24.6.64-g5c3b4e1a-aliyun`: the new
   * mesh's version (CreateServiceMesh `IstioVersion`); a newer one upgrades in place
   * (UpgradeMeshEditionPartially, gateways left for you to upgrade); an older one is refused.
   * @default ASM's current default version
   */
  readonly istioVersion?: pulumi.Input<string>;
  /**
   * Tags on the mesh, applied at creation and kept in place (TagResources / UntagResources). The
   * provider's own `pulumi-asm-servicemesh/cluster` tag is added beside them and cannot be set here.
   */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * The VPC of the mesh's control plane (CreateServiceMesh `VpcId`). Changing it replaces the resource.
   * @default the enrolled cluster's VPC
   */
  readonly vpcId?: pulumi.Input<string>;
  /**
   * The vSwitch of the control plane, one id, in `vpcId` (CreateServiceMesh `VSwitches`). Changing it
   * replaces the resource.
   * @default the enrolled cluster's first vSwitch
   */
  readonly vSwitchIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Public endpoints (EIPs) of the API server and Pilot. */
  readonly loadBalancer?: pulumi.Input<LoadBalancerArgs>;
  /**
   * Export the mesh control plane's kubeconfig as the secret output `meshKubeconfig`, for its `private`
   * (VPC) or `public` endpoint (DescribeServiceMeshKubeconfig). Unset: no kubeconfig is read or stored.
   */
  readonly controlPlaneKubeconfig?: pulumi.Input<"private" | "public">;
  /**
   * `Observe`: the resource only reads and reports an existing mesh (outputs, `drift`, conditions) and
   * never calls an ASM or ACK write API, even where the program differs; its destroy removes nothing
   * but a CR it wrote while fully managed. Switching between the two is an in-place update.
   * @default "Full"
   */
  readonly managementPolicy?: pulumi.Input<ManagementPolicy>;
  /**
   * Take over the existing mesh `meshId` names (made in the console or by Terraform) as it is: the first
   * preview names each field where the program differs from it, and the first `up` records it with no
   * ASM or ACK write call when they match, or refuses, changing nothing, when they do not. Later `up`s
   * manage it as usual (a cluster the mesh did not hold is enrolled by the next one). Read only when the
   * resource is created.
   * @default false
   */
  readonly adopt?: pulumi.Input<boolean>;
  /**
   * The *CR cluster*: the cluster to write the CRD and the `ServiceMesh` CR into, e.g. a management
   * cluster holding the CRs of many ACK clusters. Always stored as a secret. Usage and pod checks never
   * read it: they read the enrolled cluster.
   * @default the enrolled cluster itself, as the seed's operator does
   */
  readonly kubeconfig?: pulumi.Input<string>;
  /**
   * How to reach the *enrolled cluster* (`clusterId`: where pods, sidecars, injection labels and gateways
   * are counted) when ACK cannot issue its kubeconfig. Always stored as a secret.
   * @default a short-lived kubeconfig from ACK
   *   ([DescribeClusterUserKubeconfig](https://api.aliyun.com/api/CS/2015-12-15/DescribeClusterUserKubeconfig)),
   *   held in memory only
   */
  readonly clusterKubeconfig?: pulumi.Input<string>;
  /**
   * Which API server endpoint of the enrolled cluster the kubeconfig from ACK names: `public`, or
   * `private` (the VPC-internal one, when Pulumi runs inside the VPC). DescribeClusterUserKubeconfig's
   * `PrivateIpAddress`.
   * @default "public"
   */
  readonly clusterEndpoint?: pulumi.Input<"public" | "private">;
  /**
   * Namespace of the `ServiceMesh` custom resource. Set it (with `customResourceName`) to keep the CRs of
   * several meshes in one management cluster; the seed's operator always uses istio-system/mesh.
   * @default "istio-system"
   */
  readonly customResourceNamespace?: pulumi.Input<string>;
  /** Name of the `ServiceMesh` custom resource. @default "mesh" */
  readonly customResourceName?: pulumi.Input<string>;
  /** Deadlines for create, update and delete (30m each) and for refresh's reads (5m). */
  readonly timeouts?: pulumi.Input<TimeoutsArgs>;
}
