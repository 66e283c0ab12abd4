import type * as pulumi from "@pulumi/pulumi";

/** ASM editions. The API's `ClusterSpec` takes the lower-case form. */
export type Edition = "Standard" | "Enterprise" | "Ultimate";

/** What happens to the mesh when the resource is deleted (the seed's deletion-policy annotation). */
export type DeletionPolicy = "Retain" | "Delete";

/**
 * The mesh features the MeshConfigApplied step manages. Each maps to an
 * [UpdateMeshFeature](https://api.aliyun.com/api/servicemesh/2020-01-11/UpdateMeshFeature) parameter;
 * a field left out keeps whatever the mesh has.
 */
export interface MeshConfigArgs {
  /** Sidecar access logs to Simple Log Service. `AccessLogEnabled`, `AccessLogProject`. */
  readonly accessLog?: pulumi.Input<{ enabled?: pulumi.Input<boolean>; project?: pulumi.Input<string> }>;
  /** Distributed tracing and its sampling percentage (0–100). `Tracing`, `TraceSampling`. */
  readonly tracing?: pulumi.Input<{ enabled?: pulumi.Input<boolean>; sampling?: pulumi.Input<number> }>;
  /** Telemetry (metrics) collection. `Telemetry`. */
  readonly telemetry?: pulumi.Input<boolean>;
  /** `ALLOW_ANY` (default in ASM) or `REGISTRY_ONLY`. `OutboundTrafficPolicy`. */
  readonly outboundTrafficPolicy?: pulumi.Input<"ALLOW_ANY" | "REGISTRY_ONLY">;
  /** Sidecar proxy resources, Kubernetes quantities. `ProxyRequestCPU`, `ProxyRequestMemory`, `ProxyLimitCPU`, `ProxyLimitMemory`. */
  readonly sidecarProxy?: pulumi.Input<{
    requestCpu?: pulumi.Input<string>;
    requestMemory?: pulumi.Input<string>;
    limitCpu?: pulumi.Input<string>;
    limitMemory?: pulumi.Input<string>;
  }>;
  /** Automatic sidecar injection policy. `AutoInjectionPolicyEnabled`, `EnableNamespacesByDefault`. */
  readonly sidecarInjection?: pulumi.Input<{
    autoInjectionPolicyEnabled?: pulumi.Input<boolean>;
    enableNamespacesByDefault?: pulumi.Input<boolean>;
  }>;
}

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
