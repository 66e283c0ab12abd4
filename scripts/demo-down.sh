#!/usr/bin/env bash
# npm run demo:down: destroy the demo stack (the mesh is kept: deletionPolicy Retain), stop the
# emulator and the local cluster (only this checkout's own processes, checked by pid, start time and
# command line; it returns once they have exited), and remove .demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .demo/env ]; then
  node --import tsx scripts/demo/services.ts start >/dev/null # destroy needs both services up
  # shellcheck source=/dev/null
  source .demo/env
  export PULUMI_BACKEND_URL="file://$PWD/.demo/state" PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-demo}"
  export PULUMI_HOME="$PWD/.demo/pulumi-home" PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
  pulumi destroy --yes --non-interactive --stack demo --config-file .demo/Pulumi.demo.yaml || true
fi
node --import tsx scripts/demo/services.ts stop
rm -rf .demo
echo "demo removed"
