import type { EngineLog } from "./engine-log";
import { redact } from "./redact";

/**
 * Progress lines, redacted. With the resource's URN and a connection to the engine, a line goes on the
 * resource's own row (the engine's Log RPC). Without one (no URN is known: a resource recorded by an
 * older version, read or deleted before its next update, or a process not started by the engine), it
 * goes to stdout, which the CLI shows on the Stack's row: then it is prefixed with the resource name so
 * a stack of many meshes stays readable.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export function consoleLogger(
  resource: string,
  write: (line: string) => void = (l) => process.stdout.write(l),
): Logger {
  const line = (level: string, message: string) => write(`${level}[ServiceMesh ${resource}] ${redact(message)}\n`);
  return {
    info: (message) => line("", message),
    warn: (message) => line("warning: ", message),
  };
}

/** Lines on the resource's row when its URN and the engine are known; else {@link consoleLogger}'s. */
export function resourceLogger(
  resource: string,
  urn: string | undefined,
  engine: EngineLog | undefined,
  write?: (line: string) => void,
): Logger {
  const console = consoleLogger(resource, write);
  if (!urn || !engine) return console;
  return {
    info: (message) => engine.log(urn, "info", redact(message), () => console.info(message)),
    warn: (message) => engine.log(urn, "warning", redact(message), () => console.warn(message)),
  };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };
