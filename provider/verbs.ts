import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { Deps } from "./deps";
import { crRef } from "./kube/cr-ref";
import { check } from "./lifecycle/check";
import { create } from "./lifecycle/create";
import { deleteServiceMesh } from "./lifecycle/delete";
import { diff } from "./lifecycle/diff";
import { needsPreflight, preflight, PREFLIGHT_BUDGET, preflightOlds } from "./lifecycle/preflight";
import { importMesh, isImport } from "./lifecycle/import";
import { read } from "./lifecycle/read";
import { update } from "./lifecycle/update";
import { configuredRegion } from "./model/desired";
import type { StoredOutputs, Timeouts } from "./model/types";
import { reportedOnce } from "./diagnostics";
import type { EngineLog } from "./engine-log";
import { plain } from "./plain";
import { resolveSettings, type ConfigSource, type Settings } from "./settings";

/** The verbs every shell drives: the dynamic resource's host, and a provider plugin. */
export type ServiceMeshVerbs = Required<
  Pick<dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">
>;

/**
 * The core's verbs for one provider process: each Pulumi verb mapped onto the lifecycle functions, with
 * the clients for each call built from the settings `configure` read (stack config, then the
 * environment). Properties carry the inputs and the resource's identity (`resourceName`, `owner`,
 * `resourceUrn`: see model/resource-identity.ts); `engine` takes the progress lines for the resource's row.
 */
export function serviceMeshVerbs(engine: EngineLog | undefined): ServiceMeshVerbs {
  let settings: Settings | undefined;
  const currentSettings = () => (settings ??= resolveSettings());

  /** Answers the engine only once the method's progress lines have reached it. */
  async function answered<T>(method: () => Promise<T>): Promise<T> {
    try {
      return await method();
    } finally {
      await engine?.flush();
    }
  }

  /**
   * The real clients for one call. Loaded on first use: the Alibaba SDKs and client-node take a second or
   * two to load, and `check`/`diff` need them only for a preflight (a new resource or a new binding).
   */
  function depsFor(props: Record<string, unknown>, operation: keyof Timeouts, budget?: string): Deps {
    const outs = props as Partial<StoredOutputs>;
    const s = currentSettings();
    const { makeDeps } = require("./deps/make-deps") as typeof import("./deps/make-deps");
    return makeDeps({
      settings: s,
      operation,
      timeouts: budget ? { [operation]: budget } : outs.timeouts,
      region: configuredRegion(outs, s),
      clusterId: outs.clusterId ?? "",
      kubeconfig: outs.kubeconfig,
      clusterKubeconfig: outs.clusterKubeconfig,
      clusterEndpoint: outs.clusterEndpoint,
      resourceName: outs.resourceName ?? outs.clusterId ?? "?",
      urn: outs.resourceUrn,
      engine,
      customResource: crRef(outs),
    });
  }

  return {
    async configure(req: { config: ConfigSource }) {
      settings = resolveSettings(req.config);
    },
    check: (olds = {}, news = {}) =>
      reportedOnce(() =>
        answered(async () => {
          const s = currentSettings();
          const checked = check(olds, news, s);
          if (checked.failures.length > 0 || s.preflight === false) return checked;
          const before = preflightOlds(olds, news);
          if (!needsPreflight(before, checked.inputs)) return checked;
          const deps = depsFor(checked.inputs, "read", PREFLIGHT_BUDGET);
          return { ...checked, failures: await preflight(before, checked.inputs, s, deps) };
        }),
      ),
    diff: (_id, olds = {}, news = {}) => reportedOnce(async () => diff(olds, news)),
    create: (props) => answered(async () => plain(await create(props, currentSettings(), depsFor(props, "create")))),
    // A read with no state is the engine importing `id` (only a provider plugin gets one: the dynamic
    // provider's import fails in the engine, which has no `__provider` to run it with).
    read: (id, props = {}) =>
      reportedOnce(() =>
        answered(async () => {
          const deps = depsFor(props, "read");
          return plain(
            isImport(props) ? await importMesh(id, props, currentSettings(), deps) : await read(id, props, deps),
          );
        }),
      ),
    update: (_id, olds, news) =>
      answered(async () => plain(await update(olds, news, currentSettings(), depsFor(news, "update")))),
    delete: (_id, props) =>
      reportedOnce(() => answered(() => deleteServiceMesh(props, currentSettings(), depsFor(props, "delete")))),
  };
}
