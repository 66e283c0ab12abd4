// The demo's ports: chosen free by the OS at the first start, recorded in .demo/env, reused on later
// starts, so two checkouts on one machine run their demos side by side. A recorded port that another
// program has taken meanwhile is replaced by a new free one (the services read their ports from here on
// every start; nothing else keeps them).
import { createServer, type Server } from "node:net";

export const PORT_NAMES = ["emulator", "etcd", "etcdPeer", "apiserver"] as const;
export type PortName = (typeof PORT_NAMES)[number];
export type Ports = Record<PortName, number>;

/** The .demo/env variable for each port. */
export const PORT_VARIABLES: Record<PortName, string> = {
  emulator: "DEMO_EMULATOR_PORT",
  etcd: "DEMO_ETCD_PORT",
  etcdPeer: "DEMO_ETCD_PEER_PORT",
  apiserver: "DEMO_APISERVER_PORT",
};

/** `export NAME=value` lines of a .demo/env file, unquoted values only (what we write). */
export function readEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of text.matchAll(/^export ([A-Z_][A-Z0-9_]*)=([^"'\n]*)$/gm)) values[m[1]!] = m[2]!;
  return values;
}

/** The ports recorded in a .demo/env text; a missing or malformed one is left out. */
export function recordedPorts(envText: string): Partial<Ports> {
  const env = readEnvFile(envText);
  const ports: Partial<Ports> = {};
  for (const name of PORT_NAMES) {
    const port = Number(env[PORT_VARIABLES[name]]);
    if (Number.isInteger(port) && port > 0 && port < 65536) ports[name] = port;
  }
  return ports;
}

export function portLines(ports: Ports): string[] {
  return PORT_NAMES.map((name) => `export ${PORT_VARIABLES[name]}=${ports[name]}`);
}

function listen(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

const close = (s: Server) => new Promise<void>((r) => s.close(() => r()));

/**
 * Ports for the services: `keep` ones (their service is running) as they are, recorded ones when still
 * free, new free ones from the OS otherwise. All are held open together while choosing, so no two are
 * the same; released just before the services bind them.
 */
export async function choosePorts(
  recorded: Partial<Ports>,
  keep: ReadonlySet<PortName>,
): Promise<{ ports: Ports; replaced: PortName[] }> {
  const held: Server[] = [];
  const ports: Partial<Ports> = {};
  const replaced: PortName[] = [];
  try {
    for (const name of PORT_NAMES) {
      const wanted = recorded[name];
      if (wanted !== undefined && keep.has(name)) {
        ports[name] = wanted;
        continue;
      }
      const reused = wanted === undefined ? undefined : await listen(wanted);
      const server = reused ?? (await listen(0));
      if (!server) throw new Error("the OS gave no free port on 127.0.0.1");
      if (wanted !== undefined && !reused) replaced.push(name);
      held.push(server);
      const address = server.address();
      ports[name] = typeof address === "object" && address ? address.port : 0;
    }
  } finally {
    await Promise.all(held.map(close));
  }
  return { ports: ports as Ports, replaced };
}
