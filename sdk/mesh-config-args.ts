import type * as pulumi from "@pulumi/pulumi";

type In<T> = pulumi.Input<T>;

/**
 * The mesh features the MeshConfigApplied step manages, nested like ASM's `Spec.MeshConfig`. Each field
 * names its [UpdateMeshFeature](https://api.aliyun.com/api/servicemesh/2020-01-11/UpdateMeshFeature)
 * parameter (set at creation too when CreateServiceMesh takes it); every field changes in place and is
 * read back on refresh. A field left out keeps whatever the mesh has (ASM's default on a new mesh).
 * The meshConfig table in docs/reference.md lists each field's parameter and where ASM reports it.
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
