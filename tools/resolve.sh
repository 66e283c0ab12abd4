#!/usr/bin/env bash
# Regenerates one tools module's go.mod/go.sum for a new upstream version. Maintenance only: the
# committed go.mod/go.sum are what scripts/toolchain.sh builds, so run this, then commit both files.
#   bash tools/resolve.sh pulumi v3.248.0
#   bash tools/resolve.sh kube   v1.36.3
#   bash tools/resolve.sh etcd   v3.6.8
#   bash tools/resolve.sh yaml-host v1.25.0
set -euo pipefail
export GOTOOLCHAIN=local # a too-new go line must fail here, not fetch another Go
name=${1:?usage: resolve.sh pulumi|language-host|yaml-host|kube|etcd VERSION}
version=${2:?usage: resolve.sh pulumi|language-host|yaml-host|kube|etcd VERSION}
dir="$(cd "$(dirname "$0")" && pwd)/$name"
mkdir -p "$dir"
cd "$dir"
rm -f go.mod go.sum

case "$name" in
pulumi)
  go mod init pulumi-asm-servicemesh/tools/pulumi
  go mod edit -go=1.25.11
  # Upstream pkg/go.mod carries this replace; go modules ignore a dependency's replaces, so repeat it.
  go mod edit -replace=github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
  # The Node.js language host is built from tools/language-host (see there).
  go get -tool "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$version"
  ;;
language-host)
  go mod init pulumi-asm-servicemesh/tools/language-host
  go mod edit -go=1.24
  # sdk/v3 up to v3.68.0 carries the Node.js language host as a package; later releases moved it to an
  # untagged module of its own, which the module proxy refuses (403). VERSION is an sdk/v3 version.
  # The Python language host lived beside it in sdk/v3 up to the same release (for the plugin's users).
  go get -tool "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs@$version" \
    "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python@$version"
  ;;
yaml-host)
  # Pulumi YAML's language host, its own tagged module (VERSION is a pulumi-yaml version).
  go mod init pulumi-asm-servicemesh/tools/yaml-host
  go get -tool "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$version"
  ;;
kube)
  go mod init pulumi-asm-servicemesh/tools/kube
  tmp=$(mktemp -d)
  # k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with ./staging paths
  # that are not in its module zip; derive the list from its go.mod and point each at the published
  # k8s.io/<name> v0.<minor>.<patch>.
  gomod=$(cd "$tmp" && go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  rm -rf "$tmp"
  [ -f "$gomod" ] || { echo "cannot download k8s.io/kubernetes@$version go.mod" >&2; exit 1; }
  staging="v0.${version#v1.}"
  go mod edit -go="$(awk '$1=="go"{print $2; exit}' "$gomod")"
  godebug=$(awk '$1=="godebug"{print $2; exit}' "$gomod")
  [ -z "$godebug" ] || go mod edit -godebug="$godebug" # GODEBUG defaults follow the main module
  awk '$2=="=>" && $3 ~ /^\.\/staging\// {print $1}' "$gomod" | while read -r mod; do
    go mod edit -replace="$mod=$mod@$staging"
  done
  other=$(awk '$2=="=>" && $3 !~ /^\.\/staging\// {print}' "$gomod")
  [ -z "$other" ] || { echo "k8s go.mod has non-staging replaces, copy them by hand:" >&2; echo "$other" >&2; exit 1; }
  go get -tool "k8s.io/kubernetes/cmd/kube-apiserver@$version" "k8s.io/kubernetes/cmd/kubectl@$version"
  ;;
etcd)
  go mod init pulumi-asm-servicemesh/tools/etcd
  # The server module root is etcd's main package; its siblings are required at the same version.
  go get -tool "go.etcd.io/etcd/server/v3@$version"
  # Match upstream's go line: GODEBUG defaults follow the main module's go version.
  gomod=$(go mod download -json "go.etcd.io/etcd/server/v3@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  go mod edit -go="$(awk '$1=="go"{print $2; exit}' "$gomod")"
  ;;
*)
  echo "unknown tools module: $name" >&2
  exit 2
  ;;
esac
go mod tidy
echo "resolved $dir/go.mod"
