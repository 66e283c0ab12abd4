import type { Mesh } from "../cloud/asm-client";
import type { ServiceMeshObject } from "../kube/custom-resource";
import { crRef } from "../kube/cr-ref";
import { API_VERSION, KIND } from "../kube/names";
import { defaultMeshName } from "../spec/editions";
import type { CheckedInputs, Edition, MeshStatus, ServiceMeshOutputs } from "../spec/types";

export interface OutputFacts {
  props: Record<string, unknown>;
  inputs: CheckedInputs;
  status: MeshStatus;
  region?: string;
  edition?: Edition;
  mesh?: Mesh;
  meshId?: string;
  cr?: ServiceMeshObject;
  ready: boolean;
  handledRetryAt?: string;
}

/**
 * The resource's outputs: every input as given (plus `__provider`, which `delete` needs), the resolved
 * defaults, and what the pass observed. Plain values only: `pulumi.secret` in outputs breaks the host.
 */
export function toOutputs(f: OutputFacts): ServiceMeshOutputs {
  const defaulted = (["region", "clusterSpec"] as const).filter((key) => f.inputs[key] === undefined);
  const name = f.mesh?.name ?? f.status.serviceMeshName ?? f.inputs.name ?? defaultMeshName(f.inputs.clusterId);
  return {
    ...(f.props as unknown as CheckedInputs),
    region: f.region ?? f.inputs.region ?? "",
    ...((f.edition ?? f.inputs.clusterSpec) ? { clusterSpec: f.edition ?? f.inputs.clusterSpec } : {}),
    name: f.inputs.name ?? name,
    serviceMeshId: f.mesh?.id ?? f.meshId ?? "",
    serviceMeshName: name,
    status: f.status,
    ready: f.ready,
    state: f.mesh?.state ?? "",
    version: f.mesh?.version ?? "",
    ...(f.cr ? { customResource: { apiVersion: API_VERSION, kind: KIND, ...crRef(f.inputs), uid: f.cr.uid } } : {}),
    defaultedInputs: defaulted,
    ...(f.handledRetryAt !== undefined ? { handledRetryAt: f.handledRetryAt } : {}),
  };
}
