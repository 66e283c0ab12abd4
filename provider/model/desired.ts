import type { Settings } from "../settings";
import { defaultMeshName } from "./editions";
import type { CheckedInputs, DeletionPolicy, Edition, LoadBalancer, ManagementPolicy, MeshConfig } from "./types";

/** The desired mesh after the defaults known before any call, as the steps read it. */
export interface Desired {
  clusterId: string;
  /** Who this resource is (see `CheckedInputs.owner`); undefined for a resource from before owners. */
  owner?: string;
  meshId?: string;
  /** The name the user asked for (`check` fills in `mesh-for-${clusterId}` unless joining by meshId). */
  name?: string;
  clusterSpec?: Edition;
  /** The input, else stack config / environment; PreChecked resolves it against the cluster's own. */
  region?: string;
  deletionPolicy: DeletionPolicy;
  /** `Observe`: read and report only (see `observePass`); unset means `Full`. */
  managementPolicy?: ManagementPolicy;
  meshConfig?: MeshConfig;
  retryAt?: string;
  istioVersion?: string;
  /** User tags; the ownership tag is added beside them. */
  tags?: Record<string, string>;
  /** The control plane's network; PreChecked defaults both from the cluster. */
  vpcId?: string;
  vSwitchIds?: string[];
  loadBalancer?: LoadBalancer;
  controlPlaneKubeconfig?: "private" | "public";
}

export function toDesired(inputs: CheckedInputs, settings: Settings): Desired {
  return {
    clusterId: inputs.clusterId,
    owner: inputs.owner || undefined,
    meshId: inputs.meshId || undefined,
    name: inputs.name || undefined,
    clusterSpec: inputs.clusterSpec,
    region: configuredRegion(inputs, settings),
    deletionPolicy: inputs.deletionPolicy ?? "Retain",
    managementPolicy: inputs.managementPolicy,
    meshConfig: inputs.meshConfig,
    retryAt: inputs.retryAt,
    istioVersion: inputs.istioVersion || undefined,
    tags: inputs.tags,
    vpcId: inputs.vpcId || undefined,
    vSwitchIds: inputs.vSwitchIds,
    loadBalancer: inputs.loadBalancer,
    controlPlaneKubeconfig: inputs.controlPlaneKubeconfig,
  };
}

/**
 * The region known without asking the cloud: the `region` input (or the resolved one among stored
 * outputs), else stack config / environment. An empty string counts as unset.
 */
export function configuredRegion(props: { region?: string }, settings: Settings): string | undefined {
  return props.region || settings.region || undefined;
}

/**
 * The mesh name this resource looks up and creates: the requested name, else `mesh-for-${clusterId}`;
 * none when joining by meshId without a name (the joined mesh keeps its own).
 */
export function wantedMeshName(desired: Pick<Desired, "clusterId" | "meshId" | "name">): string | undefined {
  return desired.name ?? (desired.meshId ? undefined : defaultMeshName(desired.clusterId));
}
