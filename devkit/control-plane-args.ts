// Command lines for etcd and kube-apiserver, shared by the test harness (tests/support/kube-cluster.ts)
// and the demo's background cluster (scripts/demo/services.ts). The flags follow controller-runtime's
// envtest: no kubelet, no controller-manager, RBAC on, bearer tokens from a token file.

export function etcdArgs(o: { dataDir: string; clientUrl: string; peerUrl: string; unsafeNoFsync: boolean }): string[] {
  return [
    `--data-dir=${o.dataDir}`,
    `--listen-client-urls=${o.clientUrl}`,
    `--advertise-client-urls=${o.clientUrl}`,
    `--listen-peer-urls=${o.peerUrl}`,
    `--initial-advertise-peer-urls=${o.peerUrl}`,
    `--initial-cluster=default=${o.peerUrl}`,
    // Throwaway test data only: fsync dominates etcd latency on small disks.
    ...(o.unsafeNoFsync ? ["--unsafe-no-fsync=true"] : []),
    "--log-level=warn",
  ];
}

export function apiserverArgs(o: {
  etcdUrl: string;
  certDir: string;
  port: number;
  tokenFile: string;
  serviceAccountPublicKey: string;
  serviceAccountPrivateKey: string;
}): string[] {
  const server = `https://127.0.0.1:${o.port}`;
  return [
    `--etcd-servers=${o.etcdUrl}`,
    // No --tls-cert-file: the server writes a self-signed CA + serving pair here; clients trust that CA.
    `--cert-dir=${o.certDir}`,
    `--secure-port=${o.port}`,
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    "--service-cluster-ip-range=10.0.0.0/24",
    "--allow-privileged=true",
    // Nothing creates default service accounts without a controller-manager.
    "--disable-admission-plugins=ServiceAccount",
    "--authorization-mode=RBAC",
    `--token-auth-file=${o.tokenFile}`,
    `--service-account-issuer=${server}`,
    `--service-account-key-file=${o.serviceAccountPublicKey}`,
    `--service-account-signing-key-file=${o.serviceAccountPrivateKey}`,
    // The default reconciler rejects a loopback address for the kubernetes Service and logs noise.
    "--endpoint-reconciler-type=none",
  ];
}
