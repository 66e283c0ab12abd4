import { redact } from "./redact";

/**
 * Progress lines. The dynamic provider has no engine connection, so `pulumi.log` cannot attach them to
 * the resource; the CLI (3.146+) passes the provider's stdout through as diagnostics instead. Every line
 * is prefixed with the resource so a stack of many meshes stays readable, and is redacted.
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

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };
