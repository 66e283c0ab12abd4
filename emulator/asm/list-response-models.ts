/** The list operations' responses, as shapes: the response models of alibabacloud-servicemesh20200111 3.4.0 (type hints of the generated Python models). */
import type { Shape } from "./model-shapes";

export const DESCRIBE_SERVICE_MESHES: { [key: string]: Shape } = {
  RequestId: "str",
  ServiceMeshes: [
    {
      ClusterSpec: "str",
      Clusters: ["str"],
      Endpoints: {
        IntranetApiServerEndpoint: "str",
        IntranetPilotEndpoint: "str",
        PublicApiServerEndpoint: "str",
        PublicPilotEndpoint: "str",
        ReverseTunnelEndpoint: "str",
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
          PilotPublicEip: "bool",
          PilotPublicLoadbalancerId: "str",
        },
        MeshConfig: {
          ExtraConfiguration: {
            Playground: {
              Scene: "str",
            },
          },
          Mtls: "bool",
          OutboundTrafficPolicy: "str",
          Pilot: {
            Http10Enabled: "bool",
            TraceSampling: "float",
          },
          SidecarInjector: {
            AutoInjectionPolicyEnabled: "bool",
            EnableNamespacesByDefault: "bool",
            InitCNIConfiguration: {
              Enabled: "bool",
              ExcludeNamespaces: "str",
            },
          },
          StrictMtls: "bool",
          Telemetry: "bool",
          Tracing: "bool",
        },
        Network: {
          SecurityGroupId: "str",
          VSwitches: ["str"],
          VpcId: "str",
        },
      },
      Tag: [
        {
          Key: "str",
          Value: "str",
        },
      ],
      Upgradable: "bool",
    },
  ],
};

export const DESCRIBE_SERVICE_MESH_CLUSTERS: { [key: string]: Shape } = {
  Clusters: [
    {
      ClusterDomain: "str",
      ClusterId: "str",
      ClusterType: "str",
      CreationTime: "str",
      ErrorMessage: "str",
      ForbiddenFlag: "int",
      ForbiddenInfo: "str",
      Name: "str",
      RegionId: "str",
      ServiceMeshId: "str",
      SgId: "str",
      State: "str",
      UpdateTime: "str",
      Version: "str",
      VpcId: "str",
    },
  ],
  NumberOfClusters: "int",
  RequestId: "str",
};
