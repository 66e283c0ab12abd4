/** DescribeServiceMeshDetail's response, as a shape: the response models of alibabacloud-servicemesh20200111 3.4.0 (type hints of the generated Python models). */
import type { Shape } from "./model-shapes";

export const DESCRIBE_SERVICE_MESH_DETAIL: { [key: string]: Shape } = {
  RequestId: "str",
  ServiceMesh: {
    ClusterSpec: "str",
    Clusters: ["str"],
    Endpoints: {
      IntranetApiServerEndpoint: "str",
      IntranetCanaryPilotEndpoint: "str",
      IntranetPilotEndpoint: "str",
      PublicApiServerEndpoint: "str",
      PublicCanaryPilotEndpoint: "str",
      PublicPilotEndpoint: "str",
    },
    OwnerId: "str",
    OwnerType: "str",
    ServiceMeshInfo: {
      CreationTime: "str",
      ErrorMessage: "str",
      Name: "str",
      Profile: "str",
      RegionId: "str",
      ServiceMeshId: "str",
      State: "str",
      UpdateTime: "str",
      Version: "str",
    },
    Spec: {
      LoadBalancer: {
        ApiServerLoadbalancerId: "str",
        ApiServerPublicEip: "bool",
        ApiServerPublicEipId: "str",
        CanaryPilotLoadBalancerId: "str",
        CanaryPilotPublicEipId: "str",
        PilotPublicEip: "bool",
        PilotPublicEipId: "str",
        PilotPublicLoadbalancerId: "str",
      },
      MeshConfig: {
        AccessLog: {
          Enabled: "bool",
          Project: "str",
        },
        Audit: {
          AuditProjectStatus: "str",
          Enabled: "bool",
          Project: "str",
        },
        ControlPlaneLogInfo: {
          Enabled: "bool",
          LogTTL: "int",
          Project: "str",
        },
        CustomizedZipkin: "bool",
        Edition: {
          IstiodImageTag: "str",
          Name: "str",
          ProxyImageTag: "str",
        },
        EnableLocalityLB: "bool",
        ExcludeIPRanges: "str",
        ExcludeInboundPorts: "str",
        ExcludeOutboundPorts: "str",
        ExtraConfiguration: {
          AccessLogExtraConf: {
            GatewayEnabled: "bool",
            GatewayLifecycle: "int",
            SidecarEnabled: "bool",
            SidecarLifecycle: "int",
          },
          AdaptiveXdsConfiguration: {
            EgressAutoscaleEnabled: "bool",
            EgressHpaCpu: {
              TargetAverageUtilization: "int",
            },
            EgressHpaMemory: {
              TargetAverageUtilization: "int",
            },
            EgressMaxReplica: "int",
            EgressMinReplica: "int",
            EgressReplicaCount: "int",
            EgressResources: {
              Limits: "dict<str,any>",
              Requests: "dict<str,any>",
            },
            Enabled: "bool",
          },
          AutoDiagnosis: {
            AutoDiagnosisEnabled: "bool",
          },
          CRAggregationConfiguration: {
            Enabled: "bool",
          },
          CRAggregationEnabled: "bool",
          DiscoverySelectors: ["dict<str,any>"],
          IstioCRHistory: {
            EnableHistory: "bool",
          },
          IstiodExtraConfiguration: {
            LabelsForOffloadedWorkloads: "str",
            PilotEnableQuicListeners: "bool",
          },
          Lifecycle: {
            postStart: {
              exec: {
                command: ["str"],
              },
              httpGet: {
                host: "str",
                httpHeaders: [
                  {
                    name: "str",
                    value: "str",
                  },
                ],
                port: "str",
                scheme: "str",
              },
              tcpSocket: {
                host: "str",
                port: "str",
              },
            },
            preStop: {
              exec: {
                command: ["str"],
              },
              httpGet: {
                host: "str",
                httpHeaders: [
                  {
                    name: "str",
                    value: "str",
                  },
                ],
                port: "str",
                scheme: "str",
              },
              tcpSocket: {
                host: "str",
                port: "str",
              },
            },
          },
          MultiBuffer: {
            Enabled: "bool",
            PollDelay: "str",
          },
          NFDConfiguration: {
            Enabled: "bool",
            NFDLabelPruned: "bool",
          },
          OPAScopeInjection: {
            OPAScopeInjected: "bool",
          },
          Playground: {
            Scene: "str",
          },
          SidecarProxyInitResourceLimit: {
            ResourceCPULimit: "str",
            ResourceMemoryLimit: "str",
          },
          SidecarProxyInitResourceRequest: {
            ResourceCPURequest: "str",
            ResourceMemoryRequest: "str",
          },
          TerminationDrainDuration: "str",
        },
        IncludeIPRanges: "str",
        K8sNewAPIsSupport: {
          GatewayAPIEnabled: "bool",
        },
        Kiali: {
          Enabled: "bool",
          Url: "str",
        },
        LocalityLB: {
          Distribute: "dict<str,any>",
          Enabled: "bool",
          Failover: "dict<str,any>",
          FailoverPriority: "dict<str,any>",
        },
        MSE: {
          Enabled: "bool",
        },
        OPA: {
          Enabled: "bool",
          LimitCPU: "str",
          LimitMemory: "str",
          LogLevel: "str",
          RequestCPU: "str",
          RequestMemory: "str",
        },
        OutboundTrafficPolicy: "str",
        Pilot: {
          ConfigSource: {
            Enabled: "bool",
            NacosID: "str",
          },
          Feature: {
            EnableSDSServer: "bool",
            FilterGatewayClusterConfig: "bool",
          },
          Http10Enabled: "bool",
          TraceSampling: "float",
        },
        Prometheus: {
          ExternalUrl: "str",
          UseExternal: "bool",
        },
        ProtocolSupport: {
          DubboFilterEnabled: "bool",
          MysqlFilterEnabled: "bool",
          RedisFilterEnabled: "bool",
          ThriftFilterEnabled: "bool",
        },
        Proxy: {
          AccessLogFile: "str",
          AccessLogFormat: "str",
          AccessLogServiceEnabled: "bool",
          AccessLogServiceHost: "str",
          AccessLogServicePort: "int",
          ClusterDomain: "str",
          EnableDNSProxying: "bool",
          LimitCPU: "str",
          LimitMemory: "str",
          RequestCPU: "str",
          RequestMemory: "str",
        },
        SidecarInjector: {
          AutoInjectionPolicyEnabled: "bool",
          EnableNamespacesByDefault: "bool",
          InitCNIConfiguration: {
            Enabled: "bool",
            ExcludeNamespaces: "str",
          },
          LimitCPU: "str",
          LimitMemory: "str",
          RequestCPU: "str",
          RequestMemory: "str",
          SidecarInjectorNum: "int",
          SidecarInjectorWebhookAsYaml: "str",
        },
        Telemetry: "bool",
        Tracing: "bool",
        WebAssemblyFilterDeployment: {
          Enabled: "bool",
        },
      },
      Network: {
        SecurityGroupId: "str",
        VSwitches: ["str"],
        VpcId: "str",
      },
    },
  },
};
