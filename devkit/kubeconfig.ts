/** A kubeconfig for one user of a local kube-apiserver, authenticated by a bearer token. */
export function kubeconfigYaml(server: string, caData: string, user: string, token: string): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: test",
    "    cluster:",
    `      server: ${server}`,
    `      certificate-authority-data: ${caData}`,
    "users:",
    `  - name: ${user}`,
    "    user:",
    `      token: ${token}`,
    "contexts:",
    `  - name: ${user}@test`,
    "    context:",
    "      cluster: test",
    `      user: ${user}`,
    `current-context: ${user}@test`,
    "",
  ].join("\n");
}
