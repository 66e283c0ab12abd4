/**
 * The cloud's inventory: meshes, clusters, and whether ASM is activated for the account. Async
 * operations complete lazily: `settle(now)` applies every pending operation whose time has come, so
 * no timers run and a persisted file mid-operation resumes after a restart. Persistence is an atomic
 * JSON write (tmp + rename) after each mutation.
 */
import { meshFromFormat1 } from "./state-format";
import { DEFAULT_ISTIO_VERSION } from "./asm/istio-versions";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import {
  applyChanges,
  DEFAULT_K8S_VERSION,
  defaultMeshConfig,
  formatTime,
  newMeshId,
  profileFor,
  type ClusterRecord,
  type MeshRecord,
} from "./records";
import type { ClusterView, EmulatorSeed, InventoryView, MeshView, SeedCluster, SeedMesh } from "./types";

interface StateFile {
  format: 1 | 2;
  asmActivated: boolean;
  meshes: MeshRecord[];
  clusters: ClusterRecord[];
}

export function clusterFromSeed(c: SeedCluster, now: number): ClusterRecord {
  return {
    clusterId: c.clusterId,
    name: c.name ?? c.clusterId,
    regionId: c.regionId,
    kubernetesVersion: c.kubernetesVersion ?? DEFAULT_K8S_VERSION,
    state: c.state ?? "running",
    vpcId: c.vpcId ?? `vpc-${c.clusterId}`,
    vswitchIds: c.vswitchIds ?? [`vsw-${c.clusterId}`],
    clusterType: c.clusterType ?? "ManagedKubernetes",
    ...(c.namespaces ? { namespaces: c.namespaces } : {}),
    proxies: c.proxies ?? [],
    ...(c.kubeconfig ? { kubeconfig: c.kubeconfig } : {}),
    createdAt: now,
  };
}

export function meshFromSeed(m: SeedMesh, now: number): MeshRecord {
  const id = m.serviceMeshId ?? newMeshId();
  const spec = m.clusterSpec ?? "enterprise";
  return {
    serviceMeshId: id,
    name: m.name,
    regionId: m.regionId,
    clusterSpec: spec,
    profile: profileFor(spec),
    version: DEFAULT_ISTIO_VERSION,
    vpcId: m.vpcId ?? "vpc-seeded",
    vswitches: m.vswitches ?? ["vsw-seeded"],
    securityGroupId: `sg-${id.slice(1, 17)}`,
    loadBalancerId: `lb-${id.slice(1, 21)}`,
    state: "running",
    errorMessage: "",
    createdAt: now,
    updatedAt: now,
    clusters: [...(m.clusters ?? [])],
    failedEnrollments: [],
    tags: [],
    meshConfig: defaultMeshConfig(id),
  };
}

export class Inventory {
  asmActivated = true;
  readonly meshes = new Map<string, MeshRecord>();
  readonly clusters = new Map<string, ClusterRecord>();

  constructor(
    private readonly statePath: string | undefined,
    private readonly clock: () => number,
  ) {}

  /** Load the state file when it exists, else build from the seed (and write the file). */
  static open(seed: EmulatorSeed | undefined, statePath: string | undefined, clock: () => number): Inventory {
    const inv = new Inventory(statePath, clock);
    if (statePath && existsSync(statePath)) {
      const file = JSON.parse(readFileSync(statePath, "utf8")) as StateFile;
      if (file.format !== 1 && file.format !== 2) {
        throw new Error(`unsupported emulator state file format in ${statePath}`);
      }
      inv.asmActivated = file.asmActivated;
      for (const c of file.clusters) inv.clusters.set(c.clusterId, c);
      for (const m of file.meshes) inv.meshes.set(m.serviceMeshId, file.format === 1 ? meshFromFormat1(m) : m);
      return inv;
    }
    const now = clock();
    inv.asmActivated = seed?.account?.asmActivated ?? true;
    for (const c of seed?.clusters ?? []) inv.clusters.set(c.clusterId, clusterFromSeed(c, now));
    for (const m of seed?.meshes ?? []) {
      const rec = meshFromSeed(m, now);
      inv.meshes.set(rec.serviceMeshId, rec);
    }
    inv.save();
    return inv;
  }

  now(): number {
    return this.clock();
  }

  save(): void {
    if (!this.statePath) return;
    const file: StateFile = {
      format: 2,
      asmActivated: this.asmActivated,
      meshes: [...this.meshes.values()],
      clusters: [...this.clusters.values()],
    };
    const tmp = `${this.statePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(file, null, 2));
    renameSync(tmp, this.statePath);
  }

  /** Apply every pending operation that has completed by `now`; persists when anything changed. */
  settle(now = this.clock()): void {
    let changed = false;
    for (const mesh of [...this.meshes.values()]) {
      const op = mesh.pending;
      if (!op || op.completesAt > now) continue;
      changed = true;
      mesh.pending = undefined;
      mesh.updatedAt = op.completesAt;
      if (op.enrollFailure && op.clusterId) {
        // The cluster is not added; the mesh goes back to running and the failure is visible per cluster.
        mesh.clusters = mesh.clusters.filter((c) => c !== op.clusterId);
        mesh.failedEnrollments.push({ clusterId: op.clusterId, ...op.enrollFailure, at: op.completesAt });
        mesh.state = "running";
        continue;
      }
      if (op.endState) {
        if (op.kind === "enroll" && op.clusterId) mesh.clusters = mesh.clusters.filter((c) => c !== op.clusterId);
        mesh.state = op.endState;
        mesh.errorMessage = op.errorMessage ?? `the operation ended in state ${op.endState}`;
        continue;
      }
      switch (op.kind) {
        case "delete":
          this.meshes.delete(mesh.serviceMeshId);
          continue;
        case "remove":
          mesh.clusters = mesh.clusters.filter((c) => c !== op.clusterId);
          break;
        case "update":
        case "upgrade":
          if (op.changes) applyChanges(mesh, op.changes);
          break;
        case "create":
        case "enroll":
          break;
      }
      mesh.state = "running";
      mesh.errorMessage = "";
    }
    if (changed) this.save();
  }

  /** The mesh a cluster is attached to (enrolling or removing counts), if any. */
  meshOfCluster(clusterId: string): MeshRecord | undefined {
    for (const m of this.meshes.values()) if (m.clusters.includes(clusterId)) return m;
    return undefined;
  }

  snapshot(): InventoryView {
    this.settle();
    return {
      asmActivated: this.asmActivated,
      meshes: [...this.meshes.values()].map((m) => meshView(m)),
      clusters: [...this.clusters.values()].map((c) => this.clusterView(c)),
    };
  }

  private clusterView(c: ClusterRecord): ClusterView {
    const mesh = this.meshOfCluster(c.clusterId);
    return {
      clusterId: c.clusterId,
      name: c.name,
      regionId: c.regionId,
      kubernetesVersion: c.kubernetesVersion,
      state: c.state,
      vpcId: c.vpcId,
      vswitchIds: [...c.vswitchIds],
      clusterType: c.clusterType,
      ...(mesh ? { serviceMeshId: mesh.serviceMeshId } : {}),
    };
  }
}

function meshView(m: MeshRecord): MeshView {
  const copy = JSON.parse(JSON.stringify(m)) as MeshRecord;
  return {
    serviceMeshId: copy.serviceMeshId,
    name: copy.name,
    state: copy.state,
    errorMessage: copy.errorMessage,
    clusterSpec: copy.clusterSpec,
    profile: copy.profile,
    version: copy.version,
    regionId: copy.regionId,
    vpcId: copy.vpcId,
    vswitches: copy.vswitches,
    clusters: copy.clusters,
    tags: copy.tags,
    meshConfig: copy.meshConfig,
    ...(copy.pending
      ? {
          pending: {
            kind: copy.pending.kind,
            completesAt: copy.pending.completesAt,
            ...(copy.pending.clusterId ? { clusterId: copy.pending.clusterId } : {}),
          },
        }
      : {}),
    creationTime: formatTime(copy.createdAt),
    updateTime: formatTime(copy.updatedAt),
  };
}
