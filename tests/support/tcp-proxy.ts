// A TCP pass-through in front of a real server (the kube-apiserver), so a test can make the server
// unreachable for a while and bring it back on the same address. TLS passes through untouched: the
// client still verifies the apiserver's certificate (issued for 127.0.0.1).
import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  /** 127.0.0.1 port clients connect to. */
  port: number;
  /** Stops listening and cuts every open connection: new connects get ECONNREFUSED until resume(). */
  pause(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
  /** Pauses now and resumes after `ms`; resolves when resumed. */
  outage(ms: number): Promise<void>;
  paused(): boolean;
  stop(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = createConnection(target);
        sockets.add(client).add(upstream);
        const close = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on("error", close).on("close", close);
        upstream.on("error", close).on("close", close);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        const address = s.address();
        port = typeof address === "object" && address ? address.port : port;
        server = s;
        resolve();
      });
    });

  const pause = async () => {
    const s = server;
    if (!s) return;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  const resume = async () => {
    if (server) return;
    // The port was ours a moment ago; retry briefly in case the kernel has not released it yet.
    for (let attempt = 0; ; attempt++) {
      try {
        return await listen();
      } catch (e) {
        if (attempt >= 50) throw e;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };

  await listen();
  return {
    get port() {
      return port;
    },
    pause,
    resume,
    async outage(ms) {
      await pause();
      await new Promise((r) => setTimeout(r, ms));
      await resume();
    },
    paused: () => server === undefined,
    stop: pause,
  };
}

/** The same kubeconfig, with its server pointing at the proxy. */
export function kubeconfigVia(kubeconfig: string, proxyPort: number): string {
  return kubeconfig.replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://127.0.0.1:${proxyPort}`);
}

/** Host and port of the kubeconfig's server. */
export function serverOf(kubeconfig: string): { host: string; port: number } {
  const match = /server: https:\/\/([\d.]+):(\d+)/.exec(kubeconfig);
  if (!match) throw new Error("no https://host:port server in the kubeconfig");
  return { host: match[1]!, port: Number(match[2]) };
}
