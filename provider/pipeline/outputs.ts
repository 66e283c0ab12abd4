import { allStepsTrue } from "../conditions/condition";
import { crRef } from "../kube/cr-ref";
import { API_VERSION, KIND } from "../kube/names";
import type { Mesh, MeshLoadBalancer } from "../deps";
import type { Desired } from "../model/desired";
import type { LoadBalancerOutput } from "../../sdk/outputs";
import type { CheckedInputs, MeshStatus, StoredInputs, StoredOutputs } from "../model/types";
import { SECRET_INPUTS } from "../../sdk/secret-inputs";
import { STATE_FORMAT } from "../model/state-format";
import type { Observed } from "./observed";

export interface OutputFacts {
  /** The properties the engine passed (the checked inputs, with `__provider`). */
  props: Record<string, unknown>;
  inputs: CheckedInputs;
  desired: Desired;
  observed: Observed;
  status: MeshStatus;
  handledRetryAt?: string;
  /** The previous pass's outputs: what this pass did not look at again (a listing has no EIP ids). */
  prior?: StoredOutputs;
}

/**
 * The resource's outputs: the inputs as given (plus `__provider`, which `delete` needs), the inputs as
 * resolved, and what the pass observed; `ready` from the conditions. Plain values only: `pulumi.secret`
 * in outputs breaks the host.
 */
export function toOutputs({
  props,
  inputs,
  desired,
  observed,
  status,
  handledRetryAt,
  prior,
}: OutputFacts): StoredOutputs {
  const { mesh, customResource } = observed;
  return {
    ...(props as unknown as CheckedInputs),
    inputs: storedInputs(inputs),
    region: observed.region ?? desired.region ?? "",
    clusterSpec: observed.edition ?? inputs.clusterSpec,
    meshId: inputs.meshId,
    name: inputs.name ?? mesh?.name ?? observed.meshName ?? "",
    retryAt: inputs.retryAt,
    meshConfig: inputs.meshConfig,
    timeouts: inputs.timeouts,
    serviceMeshId: mesh?.id ?? observed.meshId ?? "",
    serviceMeshName: mesh?.name ?? observed.meshName ?? "",
    clusters: mesh?.clusters ?? prior?.clusters ?? [],
    status,
    ready: allStepsTrue(status.conditions),
    state: mesh?.state ?? "",
    version: mesh?.version ?? "",
    istioVersion: inputs.istioVersion ?? mesh?.version ?? "",
    tags: inputs.tags,
    ...meshOutputs(mesh, {
      ...prior,
      vpcId: prior?.vpcId ?? inputs.vpcId,
      vSwitchIds: prior?.vSwitchIds ?? inputs.vSwitchIds,
    }),
    controlPlaneKubeconfig: inputs.controlPlaneKubeconfig,
    managementPolicy: inputs.managementPolicy,
    // A pass that stopped before MeshConfigApplied keeps the one read last, while it is still asked for.
    meshKubeconfig: observed.meshKubeconfig ?? (inputs.controlPlaneKubeconfig ? prior?.meshKubeconfig : undefined),
    customResource: customResource
      ? { apiVersion: API_VERSION, kind: KIND, ...crRef(inputs), uid: customResource.uid }
      : undefined,
    drift: undefined,
    ...(handledRetryAt !== undefined ? { handledRetryAt } : {}),
    stateFormat: STATE_FORMAT,
  };
}

type MeshOutputs = Pick<StoredOutputs, "vpcId" | "vSwitchIds" | "loadBalancer" | "endpoints" | "createTime">;

/**
 * What the mesh reports about itself (network, load balancers, endpoints, creation time), each from
 * `known` (earlier outputs, or the inputs) where this look did not show it: a listing has no EIP ids,
 * a pass that stopped early saw no mesh.
 */
export function meshOutputs(mesh: Mesh | undefined, known: Partial<MeshOutputs>): MeshOutputs {
  return {
    vpcId: mesh?.network?.vpcId ?? known.vpcId,
    vSwitchIds: mesh?.network?.vSwitchIds ?? known.vSwitchIds,
    loadBalancer: mesh?.loadBalancer ? loadBalancerOutput(mesh.loadBalancer) : known.loadBalancer,
    endpoints: mesh?.endpoints ?? known.endpoints,
    createTime: mesh?.createdAt !== undefined ? new Date(mesh.createdAt).toISOString() : (known.createTime ?? ""),
  };
}

/** The load balancers as ASM reports them, in the output's shape. */
export function loadBalancerOutput(lb: MeshLoadBalancer): LoadBalancerOutput {
  return {
    apiServerPublicEip: lb.apiServerEipId !== "",
    apiServerEipId: lb.apiServerEipId,
    apiServerLoadBalancerId: lb.apiServerLoadBalancerId,
    pilotEipId: lb.pilotEipId,
    pilotLoadBalancerId: lb.pilotLoadBalancerId,
  };
}

/** The checked inputs as the engine stores them, minus credentials (they stay in their own secret keys). */
export function storedInputs(inputs: CheckedInputs): StoredInputs {
  const { __provider: _provider, ...rest } = inputs as CheckedInputs & { __provider?: unknown };
  return Object.fromEntries(
    Object.entries(rest).filter(([key]) => !(SECRET_INPUTS as readonly string[]).includes(key)),
  ) as StoredInputs;
}
