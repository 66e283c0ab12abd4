#!/usr/bin/env bash
# Builds (or finds) the real test toolchain: the Pulumi CLI, kube-apiserver, kubectl and etcd, from the
# Go tools modules under tools/. Binaries go to a cache outside the repo keyed by version, so a second
# run only checks versions. Writes <cache>/toolchain.env, which devkit/toolchain.ts reads.
#   PULUMI_ASM_TOOLCHAIN_CACHE  cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-asm-servicemesh/toolchain)
#   KUBEBUILDER_ASSETS          a dir with kube-apiserver + etcd (+ kubectl) to use instead of building
# A pulumi v<pinned> already on PATH (with the nodejs, python and yaml language hosts beside it) is used as is.
#
# --demo (scripts/demo.sh): the demo runs on any pulumi on PATH at or above the package's minimum (the
# floor of the peer @pulumi/pulumi range: dynamic-provider `configure` arrived in 3.139.0, SDK and CLI
# alike) with pulumi-language-nodejs and pulumi-resource-pulumi-nodejs beside it; then no pulumi is
# built. The demo's pulumi bin dir is printed on stdout. toolchain.env names only the pinned build, which
# the tests use, so a developer's own CLI never changes what the tests run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
demo=false
case "${1:-}" in
  --demo) demo=true ;;
  "") ;;
  *)
    echo "usage: toolchain.sh [--demo]" >&2
    exit 2
    ;;
esac
cache="${PULUMI_ASM_TOOLCHAIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-asm-servicemesh/toolchain}"
# Go's default install location, for shells whose PATH lacks it (a CI runner's login environment).
[ -x /usr/local/go/bin/go ] && case ":$PATH:" in *:/usr/local/go/bin:*) ;; *) PATH="$PATH:/usr/local/go/bin" ;; esac
export GOTOOLCHAIN=local # a go.mod asking for a newer Go must fail clearly, not download a toolchain
export CGO_ENABLED=0
started=$SECONDS

say() { printf '[toolchain %4ss] %s\n' "$((SECONDS - started))" "$*" >&2; }
die() {
  say "ERROR: $*"
  exit 1
}

# The pinned versions live in the tools modules' go.mod files (one source of truth).
required_version() { awk -v m="$2" '$1==m && $2 ~ /^v/ {print $2; exit}' "$root/tools/$1/go.mod"; }
pulumi_version=$(required_version pulumi github.com/pulumi/pulumi/pkg/v3)
host_version=$(required_version language-host github.com/pulumi/pulumi/sdk/v3)
yaml_version=$(required_version yaml-host github.com/pulumi/pulumi-yaml)
kube_version=$(required_version kube k8s.io/kubernetes)
etcd_version=$(required_version etcd go.etcd.io/etcd/server/v3)
[ -n "$pulumi_version" ] && [ -n "$host_version" ] && [ -n "$yaml_version" ] && [ -n "$kube_version" ] &&
  [ -n "$etcd_version" ] || die "cannot read pinned versions from tools/{pulumi,language-host,yaml-host,kube,etcd}/go.mod"

need_go() {
  command -v go >/dev/null 2>&1 ||
    die "'go' is not on PATH; building $1 needs Go >= $(awk '$1=="go"{print $2}' "$root/tools/$2/go.mod") (e.g. /usr/local/go/bin)"
}

# go_build NAME TOOLDIR OUTDIR TAGS LDFLAGS PKG... : builds into OUTDIR.partial, then renames, so an
# interrupted build never looks finished. Prints a heartbeat while go runs so it never looks hung.
go_build() {
  local name=$1 tooldir=$2 out=$3 tags=$4 ldflags=$5
  shift 5
  need_go "$name" "$tooldir"
  local log="$cache/$name-build.log" t0=$SECONDS
  rm -rf "$out.partial"
  mkdir -p "$out.partial/bin"
  say "building $name (go build in tools/$tooldir, log: $log); a cold build takes 5-20 min on 2 cores"
  (cd "$root/tools/$tooldir" && exec go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "$out.partial/bin/" "$@") >"$log" 2>&1 &
  local pid=$! last=$SECONDS
  build_pid=$pid
  while kill -0 "$pid" 2>/dev/null; do
    sleep 2
    if ((SECONDS - last >= 30)); then
      last=$SECONDS
      local fetched note=""
      fetched=$(grep -c '^go: downloading' "$log" || true)
      [ "${fetched:-0}" -eq 0 ] || note=", $fetched modules downloaded so far"
      say "  still building $name: $((SECONDS - t0))s elapsed$note"
    fi
  done
  if ! wait "$pid"; then
    tail -n 40 "$log" >&2
    if grep -qE '403 Forbidden|410 Gone|404 Not Found|not available|unknown revision' "$log"; then
      die "the Go module proxy refused a module needed by $name (see the lines above and $log)"
    fi
    if grep -qE 'dial tcp|no such host|i/o timeout|TLS handshake|lookup disabled|GOPROXY=off' "$log"; then
      die "cannot reach the Go module proxy ($(go env GOPROXY)) to download modules for $name (see $log)"
    fi
    die "go build of $name failed after $((SECONDS - t0))s (see the lines above and $log)"
  fi
  build_pid=""
  rm -rf "$out"
  mv "$out.partial" "$out"
  say "built $name in $((SECONDS - t0))s -> $out/bin"
}

# Copies only when the content differs, and by rename, so a test starting a plugin right now never
# reads a half-written script.
install_script() {
  cmp -s "$1" "$2" 2>/dev/null && return 0
  cp "$1" "$2.new"
  chmod +x "$2.new"
  mv -f "$2.new" "$2"
}

mkdir -p "$cache"
# A go build left running would outlive an interrupted script.
build_pid=""
trap '[ -z "$build_pid" ] || kill "$build_pid" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM # so that the EXIT trap runs on ^C too
# Several test runs on one machine share the cache: one builds, the others wait and then reuse it.
exec 9>"$cache/.lock"
if ! flock -n 9; then
  say "another toolchain build holds $cache/.lock; waiting for it"
  flock 9
fi
rm -rf "$cache"/*.partial # left by an interrupted build; nobody else builds while we hold the lock

# --- Pulumi CLI + Node.js plugins -----------------------------------------------------------------
pulumi_ok() { [ -x "$1/pulumi" ] && [ "$("$1/pulumi" version 2>/dev/null)" = "$pulumi_version" ]; }
# at_least A B: version A >= version B (both without the leading v).
at_least() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]; }
pulumi_bin="" demo_pulumi_bin=""
ambient=$(command -v pulumi 2>/dev/null || true)
if $demo && [ -n "$ambient" ]; then
  min_pulumi=$(node -p "require('$root/package.json').peerDependencies['@pulumi/pulumi'].replace(/^[^0-9]*/, '')")
  ambient_dir=$(dirname "$ambient")
  ambient_version=$("$ambient" version 2>/dev/null || true)
  if ! at_least "${ambient_version#v}" "$min_pulumi"; then
    say "pulumi ${ambient_version:-(no version)} on PATH ($ambient) is older than v$min_pulumi, the package's minimum"
  elif [ ! -x "$ambient_dir/pulumi-language-nodejs" ] || [ ! -x "$ambient_dir/pulumi-resource-pulumi-nodejs" ]; then
    say "pulumi $ambient_version on PATH ($ambient) lacks pulumi-language-nodejs or pulumi-resource-pulumi-nodejs beside it"
  else
    demo_pulumi_bin=$ambient_dir
    say "using pulumi $ambient_version from PATH for the demo: $ambient_dir (the package needs >= v$min_pulumi)"
  fi
fi

if [ -n "$demo_pulumi_bin" ]; then
  # The tests' pinned build is neither built nor replaced for the demo; it stays recorded if it is there.
  pinned="$cache/pulumi-$pulumi_version/bin"
  if pulumi_ok "$pinned" && [ -x "$pinned/pulumi-language-nodejs" ]; then pulumi_bin=$pinned; fi
elif [ -n "$ambient" ] && pulumi_ok "$(dirname "$ambient")" && [ -x "$(dirname "$ambient")/pulumi-language-nodejs" ] &&
  [ -x "$(dirname "$ambient")/pulumi-language-python" ] && [ -x "$(dirname "$ambient")/pulumi-language-yaml" ]; then
  pulumi_bin=$(dirname "$ambient")
  say "using pulumi $pulumi_version from PATH: $pulumi_bin"
else
  pulumi_bin="$cache/pulumi-$pulumi_version/bin"
  if pulumi_ok "$pulumi_bin"; then
    say "pulumi $pulumi_version already built"
  else
    go_build pulumi pulumi "$cache/pulumi-$pulumi_version" osusergo,grpcnotrace \
      "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$pulumi_version" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
    pulumi_ok "$pulumi_bin" || die "built pulumi does not report $pulumi_version"
  fi
  # The Node.js and Python language hosts: since v3.69 each is its own untagged module, which the
  # module proxy refuses; the last release that shipped them inside sdk/v3 (see tools/README.md) is
  # built instead, each into a directory of its own, so the demo builds the Node.js host alone.
  host_ok() { [ -x "$cache/$1-host-$host_version/bin/pulumi-language-$1" ]; }
  if host_ok nodejs; then
    say "pulumi-language-nodejs $host_version already built"
  else
    go_build nodejs-host language-host "$cache/nodejs-host-$host_version" osusergo,grpcnotrace \
      "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$host_version" \
      github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
  fi
  install_script "$cache/nodejs-host-$host_version/bin/pulumi-language-nodejs" "$pulumi_bin/pulumi-language-nodejs"
  # For the tests only (the provider plugin's Python and YAML programs): the demo runs neither.
  if ! $demo; then
    # The Python host runs programs through the pulumi-language-python-exec shim beside it.
    python_bin="$cache/python-host-$host_version/bin"
    if host_ok python && [ -x "$python_bin/pulumi-language-python-exec" ]; then
      say "pulumi-language-python $host_version already built"
    else
      go_build python-host language-host "$cache/python-host-$host_version" osusergo,grpcnotrace \
        "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$host_version" \
        github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python
      sdk_dir=$(cd "$root/tools/language-host" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)
      install_script "$sdk_dir/python/cmd/pulumi-language-python-exec" "$python_bin/pulumi-language-python-exec"
    fi
    for program in pulumi-language-python pulumi-language-python-exec; do
      install_script "$python_bin/$program" "$pulumi_bin/$program"
    done
    # Pulumi YAML's language host: a tagged module of its own.
    yaml_bin="$cache/yaml-host-$yaml_version/bin"
    if [ -x "$yaml_bin/pulumi-language-yaml" ]; then
      say "pulumi-language-yaml $yaml_version already built"
    else
      go_build yaml-host yaml-host "$cache/yaml-host-$yaml_version" osusergo,grpcnotrace \
        "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$yaml_version" \
        github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
    fi
    install_script "$yaml_bin/pulumi-language-yaml" "$pulumi_bin/pulumi-language-yaml"
  fi
  # The dynamic-provider launcher is a shell script shipped in the @pulumi/pulumi npm package.
  launcher="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  [ -f "$launcher" ] || die "missing $launcher: run \`npm ci\` first (the launcher ships in @pulumi/pulumi)"
  install_script "$launcher" "$pulumi_bin/pulumi-resource-pulumi-nodejs"
fi
[ -n "$demo_pulumi_bin" ] || demo_pulumi_bin=$pulumi_bin

# --- kube-apiserver + kubectl -------------------------------------------------------------------------
# Output is captured before matching: with pipefail, `cmd | grep -q` fails whenever grep exits before
# cmd has written its last line (SIGPIPE), which made cached binaries look stale at random.
reports() { local out; out=$("$1" "${@:3}" 2>/dev/null) && grep -qx "$2" <<<"$out"; }
kube_ok() { [ -x "$1/kube-apiserver" ] && reports "$1/kube-apiserver" "Kubernetes $kube_version" --version; }
kubectl_ok() { [ -x "$1/kubectl" ] && reports "$1/kubectl" "Client Version: $kube_version" version --client; }
etcd_ok() { [ -x "$1/etcd" ] && reports "$1/etcd" "etcd Version: ${etcd_version#v}" --version; }

kube_apiserver="" kubectl="" etcd=""
assets="${KUBEBUILDER_ASSETS:-}"
if [ -n "$assets" ] && [ -x "$assets/kube-apiserver" ] && [ -x "$assets/etcd" ]; then
  say "using kube-apiserver and etcd from KUBEBUILDER_ASSETS=$assets"
  kube_apiserver="$assets/kube-apiserver" etcd="$assets/etcd"
  [ -x "$assets/kubectl" ] && kubectl="$assets/kubectl"
elif [ -n "$assets" ]; then
  say "KUBEBUILDER_ASSETS=$assets lacks kube-apiserver or etcd; building them instead"
fi

if [ -z "$kube_apiserver" ] || [ -z "$kubectl" ]; then
  kube_bin="$cache/kube-$kube_version/bin"
  if kube_ok "$kube_bin" && kubectl_ok "$kube_bin"; then
    say "kube-apiserver and kubectl $kube_version already built"
  else
    minor=${kube_version#v1.}
    minor=${minor%%.*}
    # Same version stamps as upstream's hack/lib/version.sh, or /version says v0.0.0-master.
    # The tag time stands in for the build date so rebuilding gives the same binary.
    build_date=$(cd "$root/tools/kube" && go list -m -f '{{.Time.Format "2006-01-02T15:04:05Z"}}' k8s.io/kubernetes 2>/dev/null || true)
    ldflags="-s -w"
    for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ldflags+=" -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
      ldflags+=" -X $pkg.gitCommit=go-module-$kube_version -X $pkg.gitTreeState=clean -X $pkg.buildDate=${build_date:-1970-01-01T00:00:00Z}"
    done
    go_build kube kube "$cache/kube-$kube_version" selinux,notest,grpcnotrace "$ldflags" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl
    kube_ok "$kube_bin" || die "built kube-apiserver does not report $kube_version"
  fi
  [ -n "$kube_apiserver" ] || kube_apiserver="$kube_bin/kube-apiserver"
  [ -n "$kubectl" ] || kubectl="$kube_bin/kubectl"
fi

# --- etcd --------------------------------------------------------------------------------------------
if [ -z "$etcd" ]; then
  etcd_bin="$cache/etcd-$etcd_version/bin"
  if etcd_ok "$etcd_bin"; then
    say "etcd $etcd_version already built"
  else
    # The server module root is etcd's main package, which go names "server" (it skips the /v3).
    go_build etcd etcd "$cache/etcd-$etcd_version" grpcnotrace "-s -w" go.etcd.io/etcd/server/v3
    mv "$etcd_bin/server" "$etcd_bin/etcd"
    etcd_ok "$etcd_bin" || die "built etcd does not report ${etcd_version#v}"
  fi
  etcd="$etcd_bin/etcd"
fi

# --- sdkgen: the plugin's Python and Go SDKs from its schema, with the pinned pulumi's code generators --
# For the tests: the demo builds none, but keeps one already built recorded. Rebuilt whenever its source
# or module files change (the binary is keyed by their hash).
sdkgen_key=$(cat "$root/tools/sdkgen/main.go" "$root/tools/sdkgen/go.mod" "$root/tools/sdkgen/go.sum" | sha256sum | cut -c1-16)
sdkgen_dir="$cache/sdkgen-$sdkgen_key"
if [ -x "$sdkgen_dir/bin/sdkgen" ]; then
  say "sdkgen already built"
elif ! $demo; then
  go_build sdkgen sdkgen "$sdkgen_dir" osusergo,grpcnotrace "-s -w" .
fi
sdkgen=""
[ ! -x "$sdkgen_dir/bin/sdkgen" ] || sdkgen="$sdkgen_dir/bin/sdkgen"

env_file="$cache/toolchain.env"
{
  [ -z "$pulumi_bin" ] || printf 'PULUMI_BIN_DIR=%s\nPULUMI_VERSION=%s\n' "$pulumi_bin" "$pulumi_version"
  cat <<EOF
KUBE_APISERVER=$kube_apiserver
KUBECTL=$kubectl
KUBE_VERSION=$kube_version
ETCD=$etcd
ETCD_VERSION=$etcd_version
EOF
  [ -z "$sdkgen" ] || printf 'SDKGEN=%s\n' "$sdkgen"
} >"$env_file.tmp"
mv "$env_file.tmp" "$env_file"
say "toolchain ready ($env_file):"
sed 's/^/    /' "$env_file" >&2
if $demo; then
  say "the demo's pulumi: $demo_pulumi_bin"
  printf '%s\n' "$demo_pulumi_bin"
fi
