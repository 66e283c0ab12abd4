#!/usr/bin/env node
/**
 * asm-emulator --port N --access-key-id X --access-key-secret Y [--seed FILE] [--state FILE]
 *              [--sts FILE] [--provision-ms N --enroll-ms N --remove-ms N --update-ms N --delete-ms N
 *              --response-ms N] [--qps N] [--qps-per-action N]
 *
 * The key id and secret may come from ASM_EMULATOR_ACCESS_KEY_ID / ASM_EMULATOR_ACCESS_KEY_SECRET instead,
 * so the secret need not appear on the command line. `--sts FILE` is a JSON array of
 * {accessKeyId, accessKeySecret, securityToken}. The first stdout line is
 * `asm-emulator listening on http://127.0.0.1:PORT`; SIGTERM/SIGINT stop it cleanly.
 */
import { readFileSync } from "node:fs";
import { startEmulator } from "./emulator";
import type { EmulatorOptions, EmulatorSeed, Latencies, StsToken } from "./types";

const LATENCY_FLAGS: Record<string, keyof Latencies> = {
  "--provision-ms": "provisionMs",
  "--enroll-ms": "enrollMs",
  "--remove-ms": "removeMs",
  "--update-ms": "updateMs",
  "--delete-ms": "deleteMs",
  "--response-ms": "responseMs",
};

const USAGE =
  "usage: asm-emulator [--port N] [--access-key-id X] [--access-key-secret Y] [--seed FILE] [--state FILE] [--sts FILE]\n" +
  "                    [--provision-ms N] [--enroll-ms N] [--remove-ms N] [--update-ms N] [--delete-ms N] [--response-ms N] [--qps N] [--qps-per-action N]\n" +
  "env: ASM_EMULATOR_ACCESS_KEY_ID, ASM_EMULATOR_ACCESS_KEY_SECRET\n";

function nonNegative(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || v === "" || !Number.isFinite(n) || n < 0)
    throw new Error(`${flag} needs a number >= 0, got ${v ?? "nothing"}`);
  return n;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): EmulatorOptions {
  const latency: Partial<Latencies> = {};
  let port = 0;
  let accessKeyId = env["ASM_EMULATOR_ACCESS_KEY_ID"];
  let accessKeySecret = env["ASM_EMULATOR_ACCESS_KEY_SECRET"];
  let seed: EmulatorSeed | undefined;
  let statePath: string | undefined;
  let stsTokens: StsToken[] | undefined;
  let qpsLimit: number | undefined;
  let qpsPerActionLimit: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    const [name, inline] = flag.includes("=")
      ? [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)]
      : [flag, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    const latencyKey = Object.hasOwn(LATENCY_FLAGS, name) ? LATENCY_FLAGS[name] : undefined;
    if (latencyKey) {
      latency[latencyKey] = nonNegative(name, value());
      continue;
    }
    switch (name) {
      case "--port":
        port = nonNegative(name, value());
        break;
      case "--access-key-id":
        accessKeyId = value();
        break;
      case "--access-key-secret":
        accessKeySecret = value();
        break;
      case "--seed":
        seed = JSON.parse(readFileSync(value(), "utf8")) as EmulatorSeed;
        break;
      case "--state":
        statePath = value();
        break;
      case "--sts":
        stsTokens = JSON.parse(readFileSync(value(), "utf8")) as StsToken[];
        break;
      case "--qps":
        qpsLimit = nonNegative(name, value());
        break;
      case "--qps-per-action":
        qpsPerActionLimit = nonNegative(name, value());
        break;
      case "--help":
      case "-h":
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  if (!accessKeyId || !accessKeySecret) {
    throw new Error(
      "an access key is required: --access-key-id/--access-key-secret or ASM_EMULATOR_ACCESS_KEY_ID/ASM_EMULATOR_ACCESS_KEY_SECRET",
    );
  }
  return {
    port,
    accessKeyId,
    accessKeySecret,
    latency,
    ...(seed ? { seed } : {}),
    ...(statePath ? { statePath } : {}),
    ...(stsTokens ? { stsTokens } : {}),
    ...(qpsLimit ? { qpsLimit } : {}),
    ...(qpsPerActionLimit ? { qpsPerActionLimit } : {}),
  };
}

async function main(): Promise<void> {
  let opts: EmulatorOptions;
  try {
    opts = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    process.stderr.write(`asm-emulator: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
  const emulator = await startEmulator(opts);
  process.stdout.write(`asm-emulator listening on ${emulator.url}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`asm-emulator: ${signal}, stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`asm-emulator: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
