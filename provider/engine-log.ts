/**
 * The engine's Log RPC, so that a progress line lands on the resource's own row in `pulumi up` (as
 * `@pulumi/kubernetes` does for its await logic) rather than on the Stack's. A provider process is
 * started with the engine's address as its first argument; each line names the resource by its URN.
 *
 * Lines go out one at a time, in order: a chain of calls the verb awaits (`flush`) before it answers
 * the engine, so no line arrives after the step it belongs to has finished. A line the engine does not
 * take (it went away, or refused it) is written to stdout instead, which the CLI shows on the Stack's row.
 */
import type * as EngineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";

export type Severity = "info" | "warning";

export interface EngineLog {
  log(urn: string, severity: Severity, message: string, fallback: () => void): void;
  flush(): Promise<void>;
}

// engine.proto's LogSeverity.
const SEVERITY: Record<Severity, number> = { info: 1, warning: 2 };

/** A connection to the engine at `address` (host:port); the gRPC modules load on the first line. */
export function engineLog(address: string): EngineLog {
  let client: InstanceType<typeof EngineGrpc.EngineClient> | undefined;
  let chain: Promise<void> = Promise.resolve();
  const connect = () => {
    if (client) return client;
    // The copies the provider host itself runs with: @pulumi/pulumi and the grpc-js it depends on.
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [require.resolve("@pulumi/pulumi")] }));
    const { EngineClient } = require("@pulumi/pulumi/proto/engine_grpc_pb") as typeof EngineGrpc;
    client = new EngineClient(address, grpc.credentials.createInsecure());
    return client;
  };
  const send = (urn: string, severity: Severity, message: string) =>
    new Promise<void>((resolve, reject) => {
      const { LogRequest } = require("@pulumi/pulumi/proto/engine_pb");
      const request = new LogRequest();
      request.setSeverity(SEVERITY[severity]);
      request.setMessage(message);
      request.setUrn(urn);
      connect().log(request, (error: Error | null) => (error ? reject(error) : resolve()));
    });
  return {
    log(urn, severity, message, fallback) {
      chain = chain.then(() => send(urn, severity, message).catch(fallback));
    },
    flush: () => chain,
  };
}

/**
 * The engine of this provider process, when it was started as one: the dynamic-provider host
 * (`@pulumi/pulumi/cmd/dynamic-provider`) receives the engine's address as its first argument.
 */
export function dynamicProviderHostEngine(argv: readonly string[] = process.argv): string | undefined {
  const script = argv[1] ?? "";
  const address = argv[2] ?? "";
  return /dynamic-provider/.test(script) && isEngineAddress(address) ? address : undefined;
}

/**
 * The engine of a provider plugin process: the engine starts a plugin with its address as the last
 * argument, after any logging flags.
 */
export function pluginEngine(args: readonly string[]): string | undefined {
  return [...args].reverse().find(isEngineAddress);
}

const isEngineAddress = (arg: string) => /^[\w.[\]:-]+:\d+$/.test(arg);
