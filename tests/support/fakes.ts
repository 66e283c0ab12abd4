/**
 * Small stateful fakes of the cloud and the cluster for step tests. They hold meshes, clusters and a
 * custom resource and change them as the real services would (a new mesh walks `initial` → `running`
 * one describe at a time); tests assert the resulting state, not the calls made.
 */
import { CloudError } from "../../provider/resilience/errors";
import { setValueAt, type ApiMeshConfig } from "../../provider/cloud/mesh-config-mapping";
import { MESH_CONFIG_FIELDS } from "../../provider/model/mesh-config-fields";
import { setCondition, type ConditionUpdate } from "../../provider/conditions/condition";
import type {
  AckApi,
  AckCluster,
  AsmApi,
  CreateMeshRequest,
  Deps,
  EipEndpoint,
  CrClusterApi,
  EnrolledClusterApi,
  GuestNamespace,
  Mesh,
  MeshCluster,
  MeshUsage,
  ProxyStatus,
  UserKubeconfig,
} from "../../provider/deps";
import {
  customResourceManifest,
  customResourcePatch,
  type CustomResourceIntent,
  type ServiceMeshObject,
} from "../../provider/kube/custom-resource";
import { ExpectedDurations } from "../../provider/cloud/expected-durations";
import { MeshObserver } from "../../provider/cloud/mesh-observer";
import { silentLogger } from "../../provider/log";
import type { Condition, MeshStatus } from "../../provider/model/types";
import type { Observed } from "../../provider/pipeline/observed";
import type { StepContext } from "../../provider/pipeline/step";
import { FakeClock } from "./fake-clock";

const GONE = "__gone";

interface StoredCluster {
  state: string;
  next: string[];
  errorMessage?: string;
}

export interface StoredMesh {
  id: string;
  name: string;
  state: string;
  /** States still to walk, one per describe; reaching `__gone` removes the mesh. */
  next: string[];
  errorMessage?: string;
  clusterSpec: string;
  regionId: string;
  version: string;
  meshConfig: ApiMeshConfig;
  clusters: Map<string, StoredCluster>;
  tags: Record<string, string>;
  vpcId: string;
  vSwitchIds: string[];
  apiServerEipId: string;
  pilotEipId: string;
}

/** The Istio versions the fake offers, oldest first. */
export const FAKE_ISTIO_VERSIONS = [
  "v1.23.6.71-g4e35b0b2-aliyun",
  "v1.24.6.1-g0f8b2c4e-aliyun",
  "v1.25.3.38-g7a2d1c44-aliyun",
];

/** Where each UpdateMeshFeature parameter lands in `Spec.MeshConfig`, as the real service reports it. */
function write(config: ApiMeshConfig, param: string, value: string | number | boolean): void {
  const field = MESH_CONFIG_FIELDS.find(
    (f) => f.param === param || (f.update.action === "UpdateControlPlaneLogConfig" && f.update.param === param),
  );
  if (field) setValueAt(config, field.reported, value);
}

export class FakeAsm implements AsmApi {
  readonly meshes = new Map<string, StoredMesh>();
  /** False: every call answers Forbidden.ServiceNotActivated, as for an account without ASM. */
  activated = true;
  /** The states a newly created mesh walks through on successive describes. */
  createPath: string[] = ["initial", "running"];
  createErrorMessage?: string;
  /** The states a newly added cluster walks through, and the error it reports if it ends failed. */
  enrollPath: string[] = ["initial", "running"];
  enrollErrorMessage?: string;
  /**
   * Someone creates a mesh of the same name just before our CreateServiceMesh lands: untagged (`true`),
   * or with the tags its creation carried.
   */
  concurrentCreator: boolean | { tags: Record<string, string> } = false;
  /** What ASM sees in each cluster while it is in a mesh: namespaces (with labels) and connected proxies. */
  readonly guests = new Map<string, { namespaces: GuestNamespace[]; proxies: string[] }>();
  private seq = 0;

  /** Puts an existing, running mesh in the cloud. */
  seed(mesh: Partial<Omit<StoredMesh, "clusters">> & { name: string; clusters?: string[] }): StoredMesh {
    const id = mesh.id ?? this.nextId();
    const stored: StoredMesh = {
      id,
      name: mesh.name,
      state: mesh.state ?? "running",
      next: mesh.next ?? [],
      clusterSpec: mesh.clusterSpec ?? "standard",
      regionId: mesh.regionId ?? "cn-hangzhou",
      version: mesh.version ?? "v1.24.6.1-g0f8b2c4e-aliyun",
      meshConfig: mesh.meshConfig ?? {},
      clusters: new Map((mesh.clusters ?? []).map((c) => [c, { state: "running", next: [] }])),
      tags: mesh.tags ?? {},
      vpcId: mesh.vpcId ?? "vpc-1",
      vSwitchIds: mesh.vSwitchIds ?? ["vsw-1"],
      apiServerEipId: mesh.apiServerEipId ?? "",
      pilotEipId: mesh.pilotEipId ?? "",
      ...(mesh.errorMessage !== undefined ? { errorMessage: mesh.errorMessage } : {}),
    };
    this.meshes.set(id, stored);
    return stored;
  }

  meshesNamed(name: string): StoredMesh[] {
    return [...this.meshes.values()].filter((m) => m.name === name);
  }

  async describeMesh(meshId: string): Promise<Mesh | undefined> {
    this.ensureActivated();
    const stored = this.meshes.get(meshId);
    if (!stored) return undefined;
    const seen = snapshot(stored);
    this.tick(stored);
    return seen;
  }

  async listMeshes(): Promise<Mesh[]> {
    this.ensureActivated();
    return [...this.meshes.values()].map((m) => snapshot(m, "list"));
  }

  async createMesh(request: CreateMeshRequest): Promise<string> {
    this.ensureActivated();
    if (this.concurrentCreator) {
      const tags = this.concurrentCreator === true ? {} : this.concurrentCreator.tags;
      this.concurrentCreator = false;
      this.seed({ name: request.name, regionId: request.regionId, clusterSpec: request.clusterSpec, tags });
    }
    if (this.meshesNamed(request.name).length > 0) {
      throw new CloudError(
        "conflict",
        "NameAlreadyExist",
        `mesh name ${request.name} already exists`,
        "cannot create mesh",
      );
    }
    const [first = "initial", ...rest] = this.createPath;
    const meshConfig: ApiMeshConfig = {};
    for (const [param, value] of Object.entries(request.features)) write(meshConfig, param, value);
    const mesh = this.seed({
      name: request.name,
      regionId: request.regionId,
      clusterSpec: request.clusterSpec,
      state: first,
      next: rest,
      meshConfig,
      tags: request.tags,
      vpcId: request.vpcId,
      vSwitchIds: request.vSwitches,
      ...(request.features["IstioVersion"] !== undefined ? { version: String(request.features["IstioVersion"]) } : {}),
      ...(request.features["ApiServerPublicEip"] === true ? { apiServerEipId: `eip-${this.seq}` } : {}),
    });
    if (this.createErrorMessage !== undefined) mesh.errorMessage = this.createErrorMessage;
    return mesh.id;
  }

  async listClusters(meshId: string): Promise<MeshCluster[]> {
    const mesh = this.require(meshId);
    return [...mesh.clusters].map(([clusterId, c]) => ({
      clusterId,
      state: c.state,
      ...(c.errorMessage ? { errorMessage: c.errorMessage } : {}),
    }));
  }

  async addCluster(meshId: string, clusterId: string): Promise<void> {
    const mesh = this.require(meshId);
    const present = mesh.clusters.get(clusterId);
    if (present && !/failed$/.test(present.state)) {
      throw new CloudError(
        "conflict",
        "Cluster.AlreadyInMesh",
        `cluster ${clusterId} is already in mesh ${meshId}`,
        "cannot add cluster",
      );
    }
    const [first = "initial", ...rest] = this.enrollPath;
    mesh.clusters.set(clusterId, {
      state: first,
      next: rest,
      ...(this.enrollErrorMessage ? { errorMessage: this.enrollErrorMessage } : {}),
    });
    mesh.state = "updating";
    mesh.next = ["running"];
  }

  async removeCluster(meshId: string, clusterId: string): Promise<void> {
    const mesh = this.require(meshId);
    const cluster = mesh.clusters.get(clusterId);
    if (!cluster)
      throw new CloudError(
        "not-found",
        "ErrorClusterNotFound",
        `cluster ${clusterId} is not in mesh ${meshId}`,
        "cannot remove cluster",
      );
    cluster.state = "deleting";
    cluster.next = [GONE];
    mesh.state = "updating";
    mesh.next = ["running"];
  }

  async deleteMesh(meshId: string): Promise<void> {
    const mesh = this.require(meshId);
    if (mesh.clusters.size > 0) {
      throw new CloudError(
        "conflict",
        "ErrorPermitted.ClustersNotEmpty",
        "the mesh still has clusters",
        `cannot delete mesh ${meshId}`,
      );
    }
    mesh.state = "deleting";
    mesh.next = [GONE];
  }

  async updateMeshFeature(meshId: string, params: Record<string, string | number | boolean>): Promise<void> {
    const mesh = this.require(meshId);
    for (const [param, value] of Object.entries(params)) {
      if (param === "ClusterSpec") mesh.clusterSpec = String(value);
      else write(mesh.meshConfig, param, value);
    }
    mesh.state = params["ClusterSpec"] !== undefined ? "upgrading" : "updating";
    mesh.next = ["running"];
  }

  async updateControlPlaneLog(meshId: string, params: Record<string, string | number | boolean>): Promise<void> {
    const mesh = this.require(meshId);
    for (const [param, value] of Object.entries(params)) write(mesh.meshConfig, param, value);
    mesh.state = "updating";
    mesh.next = ["running"];
  }

  async renameMesh(meshId: string, name: string): Promise<void> {
    this.require(meshId).name = name;
  }

  async guestNamespaces(meshId: string, clusterId: string): Promise<GuestNamespace[] | undefined> {
    if (!this.require(meshId).clusters.has(clusterId)) return undefined;
    return structuredClone(this.guests.get(clusterId)?.namespaces ?? []);
  }

  async proxyStatus(meshId: string): Promise<ProxyStatus[]> {
    const clusters = [...this.require(meshId).clusters.keys()];
    return clusters.flatMap((id) =>
      (this.guests.get(id)?.proxies ?? []).map((proxyId) => ({ proxyId, clusterSynced: "SYNCED" })),
    );
  }

  async istioVersions(): Promise<string[]> {
    this.ensureActivated();
    return [...FAKE_ISTIO_VERSIONS];
  }

  async upgradeMesh(meshId: string, version: string): Promise<void> {
    const mesh = this.require(meshId);
    mesh.version = version;
    mesh.state = "upgrading";
    mesh.next = ["running"];
  }

  async meshTags(meshId: string): Promise<Record<string, string>> {
    return { ...this.require(meshId).tags };
  }

  async tagMesh(meshId: string, _regionId: string, tags: Record<string, string>): Promise<void> {
    Object.assign(this.require(meshId).tags, tags);
  }

  async untagMesh(meshId: string, _regionId: string, keys: string[]): Promise<void> {
    const mesh = this.require(meshId);
    for (const key of keys) delete mesh.tags[key];
  }

  async bindEip(meshId: string, endpoint: EipEndpoint, eipId: string | undefined): Promise<void> {
    const mesh = this.require(meshId);
    const slot = endpoint === "apiServer" ? "apiServerEipId" : "pilotEipId";
    if (eipId !== undefined && mesh[slot]) {
      throw new CloudError("conflict", "InvalidOperation.EipBound", `EIP ${mesh[slot]} is bound`, "cannot bind");
    }
    mesh[slot] = eipId ?? "";
  }

  async meshKubeconfig(meshId: string, endpoint: "private" | "public"): Promise<string> {
    return `kubeconfig of mesh ${this.require(meshId).id} (${endpoint}) token: mesh-secret-token`;
  }

  private tick(mesh: StoredMesh): void {
    const state = mesh.next.shift();
    if (state === GONE) this.meshes.delete(mesh.id);
    else if (state !== undefined) mesh.state = state;
    for (const [id, cluster] of mesh.clusters) {
      const next = cluster.next.shift();
      if (next === GONE) mesh.clusters.delete(id);
      else if (next !== undefined) cluster.state = next;
    }
  }

  private require(meshId: string): StoredMesh {
    this.ensureActivated();
    const mesh = this.meshes.get(meshId);
    if (!mesh)
      throw new CloudError(
        "not-found",
        "ServiceMesh.NotFound",
        `mesh ${meshId} not found`,
        `cannot use mesh ${meshId}`,
      );
    return mesh;
  }

  private ensureActivated(): void {
    if (!this.activated) {
      throw new CloudError(
        "terminal",
        "Forbidden.ServiceNotActivated",
        "the service is not activated",
        "cannot list meshes",
      );
    }
  }

  private nextId(): string {
    this.seq += 1;
    return `m${this.seq.toString(16).padStart(8, "0")}`;
  }
}

function snapshot(mesh: StoredMesh, source: Mesh["source"] = "detail"): Mesh {
  return {
    source,
    id: mesh.id,
    name: mesh.name,
    state: mesh.state,
    clusterSpec: mesh.clusterSpec,
    clusters: [...mesh.clusters.keys()],
    regionId: mesh.regionId,
    version: mesh.version,
    meshConfig: structuredClone(mesh.meshConfig),
    network: { vpcId: mesh.vpcId, vSwitchIds: [...mesh.vSwitchIds] },
    ...(source === "detail"
      ? {
          loadBalancer: {
            apiServerLoadBalancerId: `lb-${mesh.id}`,
            apiServerEipId: mesh.apiServerEipId,
            pilotLoadBalancerId: mesh.pilotEipId ? `lb-pilot-${mesh.id}` : "",
            pilotEipId: mesh.pilotEipId,
          },
        }
      : {}),
    ...(source === "list" ? { tags: { ...mesh.tags } } : {}),
    ...(mesh.errorMessage !== undefined ? { errorMessage: mesh.errorMessage } : {}),
  };
}

export function ackCluster(overrides: Partial<AckCluster> = {}): AckCluster {
  return {
    clusterId: "c1234",
    name: "demo",
    regionId: "cn-hangzhou",
    state: "running",
    kubernetesVersion: "1.32.1-aliyun.1",
    vpcId: "vpc-1",
    vswitchIds: ["vsw-1", "vsw-2"],
    ...overrides,
  };
}

/** What PreChecked learned for `ackCluster()`, and the name recorded before any create. */
export function precheckedFacts(overrides: Partial<Observed> = {}): Observed {
  return {
    cluster: ackCluster(),
    region: "cn-hangzhou",
    edition: "Standard",
    meshName: "mesh-for-c1234",
    ...overrides,
  };
}

export class FakeAck implements AckApi {
  readonly clusters = new Map<string, AckCluster>();

  constructor(...clusters: AckCluster[]) {
    for (const c of clusters) this.clusters.set(c.clusterId, c);
  }

  async describeCluster(clusterId: string): Promise<AckCluster | undefined> {
    const found = this.clusters.get(clusterId);
    return found ? { ...found } : undefined;
  }

  async userKubeconfig(clusterId: string): Promise<UserKubeconfig> {
    return { config: `kubeconfig of ${clusterId}`, expiration: "2099-01-01T00:00:00Z" };
  }
}

/** The CR cluster: the CRD, the namespace, the one CR. */
export class FakeCrCluster implements CrClusterApi {
  crdInstalled = false;
  namespaceExists = false;
  cr: ServiceMeshObject | undefined;

  async ensureCrd(): Promise<void> {
    this.crdInstalled = true;
  }

  async ensureNamespace(): Promise<void> {
    this.namespaceExists = true;
  }

  async readCr(): Promise<ServiceMeshObject | undefined> {
    return this.cr ? structuredClone(this.cr) : undefined;
  }

  async applyCr(intent: CustomResourceIntent): Promise<ServiceMeshObject> {
    if (!this.cr) {
      const manifest = customResourceManifest(intent);
      this.cr = {
        uid: "uid-1",
        generation: 1,
        annotations: manifest.metadata.annotations,
        finalizers: manifest.metadata.finalizers,
        spec: manifest.spec,
      };
    } else {
      const patch = customResourcePatch(intent, this.cr);
      for (const [k, v] of Object.entries(patch.metadata.annotations)) {
        if (v === null) delete this.cr.annotations[k];
        else this.cr.annotations[k] = v;
      }
      if (patch.metadata.finalizers) this.cr.finalizers = patch.metadata.finalizers;
      if (patch.spec) {
        const spec: Record<string, string | undefined> = { ...this.cr.spec };
        for (const [k, v] of Object.entries(patch.spec)) spec[k] = v ?? undefined;
        this.cr.spec = JSON.parse(JSON.stringify(spec)) as ServiceMeshObject["spec"];
        this.cr.generation += 1;
      }
    }
    return structuredClone(this.cr);
  }

  async writeStatus(status: MeshStatus): Promise<void> {
    if (this.cr) this.cr.status = structuredClone(status);
  }

  async deleteCr(): Promise<void> {
    this.cr = undefined;
  }
}

/** The enrolled cluster: its pods and what in it still uses the mesh. */
export class FakeEnrolledCluster implements EnrolledClusterApi {
  pods = 0;
  usage: MeshUsage = { injectedNamespaces: [], sidecarPods: [], gateways: [] };

  async countPods(limit: number): Promise<number> {
    return Math.min(this.pods, limit);
  }

  async meshUsage(): Promise<MeshUsage> {
    return structuredClone(this.usage);
  }
}

export interface World {
  asm: FakeAsm;
  ack: FakeAck;
  crCluster: FakeCrCluster;
  enrolledCluster: FakeEnrolledCluster;
  clock: FakeClock;
  deps: Deps;
  /** Conditions the steps published while working (Reconciling, WaitSteady), Kubernetes-style. */
  conditions: Condition[];
  ctx: StepContext;
}

/** A cloud with the given ACK clusters, an empty ASM, an empty cluster side and a 30-minute deadline. */
export function world(options: { clusters?: AckCluster[]; deadlineMs?: number } = {}): World {
  const asm = new FakeAsm();
  const ack = new FakeAck(...(options.clusters ?? [ackCluster()]));
  const crCluster = new FakeCrCluster();
  const enrolledCluster = new FakeEnrolledCluster();
  const clock = new FakeClock();
  const deps: Deps = {
    asm,
    ack,
    crCluster,
    enrolledCluster,
    watch: new MeshObserver(() => asm, clock, new ExpectedDurations()),
    clock,
    deadline: clock.deadline(options.deadlineMs ?? 30 * 60_000, `${(options.deadlineMs ?? 30 * 60_000) / 60_000}m`),
    log: silentLogger,
  };
  const w: World = {
    asm,
    ack,
    crCluster,
    enrolledCluster,
    clock,
    deps,
    conditions: [],
    ctx: {
      deps,
      progress: async (update: ConditionUpdate) => {
        w.conditions = setCondition(w.conditions, update, new Date(clock.now()), 1);
      },
    },
  };
  return w;
}
