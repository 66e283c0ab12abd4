import type * as pulumi from "@pulumi/pulumi";

/** ASM editions. The API's `ClusterSpec` takes the lower-case form. */
export type Edition = "Standard" | "Enterprise" | "Ultimate";

/** What happens to the mesh when the resource is deleted (the seed's deletion-policy annotation). */
export type DeletionPolicy = "Retain" | "Delete";

type In<T> = pulumi.Input<T>;

/**
 * The mesh features the MeshConfigApplied step manages, nested like ASM's `Spec.MeshConfig`. Each field
 * names its [UpdateMeshFeature](https://api.aliyun.com/api/servicemesh/2020-01-11/UpdateMeshFeature)
 * parameter (set at creation too when CreateServiceMesh takes it); every field changes in place and is
 * read back on refresh. A field left out keeps whatever the mesh has (ASM's default on a new mesh).
 * The README's meshConfig table lists each field's parameter and where ASM reports it.
 */
export interface MeshConfigArgs {
  /** Access logs to Simple Log Service. */
  readonly accessLog?: In<{
    /** `AccessLogEnabled`. @default false */
    enabled?: In<boolean>;
    /** SLS project for the logs. `AccessLogProject`. */
    project?: In<string>;
    /** Collect gateway access logs. `AccessLogGatewayEnabled`. @default false */
    gatewayEnabled?: In<boolean>;
    /** Collect sidecar access logs. `AccessLogSidecarEnabled`. @default false */
    sidecarEnabled?: In<boolean>;
    /** Days to keep gateway logs, 1–3650. `AccessLogGatewayLifecycle`. */
    gatewayLifecycle?: In<number>;
    /** Days to keep sidecar logs, 1–3650. `AccessLogSidecarLifecycle`. */
    sidecarLifecycle?: In<number>;
  }>;
  /** Mesh audit to Simple Log Service. */
  readonly audit?: In<{
    /** `EnableAudit`. @default false */
    enabled?: In<boolean>;
    /** `AuditProject`. @default `mesh-log-${meshId}` */
    project?: In<string>;
  }>;
  /**
   * Control-plane logs to Simple Log Service: `ControlPlaneLogEnabled` / `ControlPlaneLogProject` at
   * creation, then [UpdateControlPlaneLogConfig](https://api.aliyun.com/api/servicemesh/2020-01-11/UpdateControlPlaneLogConfig).
   */
  readonly controlPlaneLog?: In<{
    /** `Enabled`. @default false */
    enabled?: In<boolean>;
    /** SLS project for the logs. `Project`. */
    project?: In<string>;
    /** Days to keep the logs, 1–3650. `LogTTLInDay`. */
    logTtlInDays?: In<number>;
  }>;
  /** Distributed tracing. */
  readonly tracing?: In<{
    /** `Tracing`. @default false */
    enabled?: In<boolean>;
    /** Sampling percentage, 0–100. `TraceSampling`. @default 1 */
    sampling?: In<number>;
    /** Send traces to your own Zipkin. `CustomizedZipkin`. @default false */
    customizedZipkin?: In<boolean>;
  }>;
  /** Telemetry (metrics) collection. `Telemetry`. @default false */
  readonly telemetry?: In<boolean>;
  /** `OutboundTrafficPolicy` (UpdateMeshFeature only). @default "ALLOW_ANY" */
  readonly outboundTrafficPolicy?: In<"ALLOW_ANY" | "REGISTRY_ONLY">;
  /** The sidecar proxy: resources as Kubernetes quantities, DNS proxying, the init container. */
  readonly sidecarProxy?: In<{
    /** `ProxyRequestCPU`. @default "100m" */
    requestCpu?: In<string>;
    /** `ProxyRequestMemory`. @default "128Mi" */
    requestMemory?: In<string>;
    /** `ProxyLimitCPU`. @default "2000m" */
    limitCpu?: In<string>;
    /** `ProxyLimitMemory`. @default "1025Mi" */
    limitMemory?: In<string>;
    /** `DNSProxyingEnabled`. @default false */
    dnsProxying?: In<boolean>;
    /**
     * The clusters' DNS domain (CreateServiceMesh `ClusterDomain`). ASM fixes it at creation: changing it
     * replaces the resource. @default "cluster.local"
     */
    clusterDomain?: In<string>;
    /** How long a terminating proxy drains, e.g. `5s`. `TerminationDrainDuration`. */
    terminationDrainDuration?: In<string>;
    /** The istio-init container's resources. */
    init?: In<{
      /** `ProxyInitCPUResourceRequest`. */
      requestCpu?: In<string>;
      /** `ProxyInitMemoryResourceRequest`. */
      requestMemory?: In<string>;
      /** `ProxyInitCPUResourceLimit`. */
      limitCpu?: In<string>;
      /** `ProxyInitMemoryResourceLimit`. */
      limitMemory?: In<string>;
    }>;
  }>;
  /** The sidecar injector (UpdateMeshFeature only). */
  readonly sidecarInjection?: In<{
    /** `AutoInjectionPolicyEnabled`. @default false */
    autoInjectionPolicyEnabled?: In<boolean>;
    /** `EnableNamespacesByDefault`. @default false */
    enableNamespacesByDefault?: In<boolean>;
    /** `SidecarInjectorRequestCPU`. @default "100m" */
    requestCpu?: In<string>;
    /** `SidecarInjectorRequestMemory`. @default "128Mi" */
    requestMemory?: In<string>;
    /** `SidecarInjectorLimitCPU`. @default "4000m" */
    limitCpu?: In<string>;
    /** `SidecarInjectorLimitMemory`. @default "2048Mi" */
    limitMemory?: In<string>;
    /** The Istio CNI plugin instead of the init container. */
    initCni?: In<{
      /** `CniEnabled`. @default false */
      enabled?: In<boolean>;
      /** Comma-separated namespaces the plugin skips. `CniExcludeNamespaces`. */
      excludeNamespaces?: In<string>;
    }>;
  }>;
  /** Kiali. */
  readonly kiali?: In<{
    /** `KialiEnabled`. @default false */
    enabled?: In<boolean>;
  }>;
  /** The Open Policy Agent plug-in. */
  readonly opa?: In<{
    /** `OpaEnabled`. @default false */
    enabled?: In<boolean>;
    /** `OPALogLevel`: debug, info or error. */
    logLevel?: In<"debug" | "info" | "error">;
    /** `OPARequestCPU`. */
    requestCpu?: In<string>;
    /** `OPARequestMemory`. */
    requestMemory?: In<string>;
    /** `OPALimitCPU`. */
    limitCpu?: In<string>;
    /** `OPALimitMemory`. */
    limitMemory?: In<string>;
  }>;
  /** Pilot (istiod). */
  readonly pilot?: In<{
    /** Accept HTTP/1.0. `Http10Enabled` (UpdateMeshFeature only). @default false */
    http10Enabled?: In<boolean>;
  }>;
  /** Where metrics go. */
  readonly prometheus?: In<{
    /** Use your own Prometheus. `CustomizedPrometheus`. @default false */
    useExternal?: In<boolean>;
    /** Its URL. `PrometheusUrl`. */
    externalUrl?: In<string>;
  }>;
  /** Locality load balancing. `LocalityLoadBalancing`. @default false */
  readonly localityLoadBalancing?: In<boolean>;
  /** Outbound IP ranges the sidecar intercepts, CIDRs or `*`. `IncludeIPRanges`. @default "*" */
  readonly includeIpRanges?: In<string>;
  /** Outbound IP ranges the sidecar leaves alone. `ExcludeIPRanges`. */
  readonly excludeIpRanges?: In<string>;
  /** Inbound ports the sidecar leaves alone, comma-separated. `ExcludeInboundPorts`. */
  readonly excludeInboundPorts?: In<string>;
  /** Outbound ports the sidecar leaves alone, comma-separated. `ExcludeOutboundPorts`. */
  readonly excludeOutboundPorts?: In<string>;
  /** Read Istio resources through the data-plane clusters' API servers. `CRAggregationEnabled`. @default false */
  readonly crAggregation?: In<boolean>;
  /** Keep the history of Istio resources. `EnableCRHistory`. @default false */
  readonly crHistory?: In<boolean>;
  /** The Kubernetes Gateway API. `GatewayAPIEnabled`. @default false */
  readonly gatewayApi?: In<boolean>;
  /** Protocol filters. */
  readonly protocolSupport?: In<{
    /** `DubboFilterEnabled`. @default false */
    dubbo?: In<boolean>;
    /** `MysqlFilterEnabled`. @default false */
    mysql?: In<boolean>;
    /** `RedisFilterEnabled`. @default false */
    redis?: In<boolean>;
    /** `ThriftFilterEnabled`. @default false */
    thrift?: In<boolean>;
  }>;
  /** WebAssembly filter deployment. `WebAssemblyFilterEnabled`. @default false */
  readonly webAssemblyFilter?: In<boolean>;
}

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
