#!/usr/bin/env bash
# npm run demo: the whole main job on a fresh clone.
#   1. npm packages, the build, and the real toolchain (pulumi, kube-apiserver, etcd, kubectl; built
#      from Go modules once, then cached under ~/.cache/pulumi-asm-servicemesh);
#   2. the ASM/ACK emulator and a local Kubernetes control plane in the background, state in .demo/, on
#      free ports chosen at the first start and recorded in .demo/env (two checkouts run side by side);
#   3. `pulumi up` of the root Pulumi.yaml project (a local file backend in .demo/state);
#   4. the mesh, its four conditions, and `kubectl get servicemesh -n istio-system`.
# Run it again: "no changes". `npm run demo:down` destroys the stack and stops the services.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }

step "npm packages and build"
[ -d node_modules/@pulumi/pulumi ] || npm ci --no-audit --no-fund
npm run --silent build

step "toolchain (a pulumi >= 3.139.0 on PATH is used; anything not found is built from Go modules: about 13 minutes on 2 cores with nothing found, with progress lines)"
PULUMI_BIN_DIR=$(bash scripts/toolchain.sh --demo)
export PULUMI_BIN_DIR

step "emulator and local cluster"
node --import tsx scripts/demo/services.ts start
# shellcheck source=/dev/null
source .demo/env

export PULUMI_BACKEND_URL="file://$PWD/.demo/state"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-demo}"
export PULUMI_HOME="$PWD/.demo/pulumi-home"
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
mkdir -p .demo/state
config=(--stack demo --config-file .demo/Pulumi.demo.yaml)
if ! pulumi stack select demo --non-interactive >/dev/null 2>&1; then
  pulumi stack init demo --non-interactive >/dev/null
  # stack init writes the stack file next to Pulumi.yaml; keep the checkout clean.
  [ -f Pulumi.demo.yaml ] && mv Pulumi.demo.yaml .demo/Pulumi.demo.yaml
fi
touch .demo/Pulumi.demo.yaml

step "pulumi up"
pulumi up --yes --non-interactive "${config[@]}"

step "the mesh"
pulumi stack output --stack demo --non-interactive
printf '\n$ kubectl get servicemesh -n istio-system\n'
"$KUBECTL" get servicemesh -n istio-system
printf '\n$ kubectl get servicemesh mesh -n istio-system -o yaml\n'
"$KUBECTL" get servicemesh mesh -n istio-system -o yaml
