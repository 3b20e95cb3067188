#!/usr/bin/env bash
# Installs what a fresh machine lacks (Node 24, pnpm, FerretDB, Debian tools,
# workspace dependencies) and puts the project's Node first on PATH.
# Source it: every other script runs with the Node it pins.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_MAJOR=24
NODE_VERSION="${CERTIFY_NODE_VERSION:-24.9.0}"
FERRETDB_VERSION=v1.24.2
mkdir -p "$TOOLS"
log() { printf '[bootstrap] %s\n' "$*" >&2; }

node_arch() {
  case "$(uname -m)" in
    x86_64) echo x64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) echo "unsupported CPU $(uname -m)" >&2; return 1 ;;
  esac
}

ensure_node() {
  local have=0
  if command -v node >/dev/null 2>&1; then have="$(node -p 'process.versions.node.split(".")[0]')"; fi
  if [ "$have" -ge "$NODE_MAJOR" ]; then return; fi
  local dir="$TOOLS/node-$NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    # The npm registry ships Node as node-<os>-<arch> (what the `node@24` package installs).
    log "installing Node $NODE_VERSION from the npm registry (system Node is ${have:-absent})"
    local tmp; tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-$(node_arch)@$NODE_VERSION" >/dev/null && tar xzf ./*.tgz)
    rm -rf "$dir" && mv "$tmp/package" "$dir" && rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
}

ensure_pnpm() {
  local want; want="$(node -p "require('$ROOT/package.json').packageManager.split('@')[1]")"
  local dir="$TOOLS/pnpm-$want"
  if [ ! -x "$dir/node_modules/.bin/pnpm" ]; then
    log "installing pnpm $want"
    npm install --silent --no-save --prefix "$dir" "pnpm@$want" >/dev/null
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
}

ensure_ferretdb() {
  local bin="${FERRETDB_BIN:-$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin/ferretdb}"
  if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "$FERRETDB_VERSION"; then
    export FERRETDB_BIN="$bin"; return
  fi
  log "building FerretDB $FERRETDB_VERSION with Go"
  # `go install …@v1.24.2` fails here: the proxy refuses the module's version list
  # (deprecation check), and the module zip lacks build/version/version.txt,
  # which the binary needs at init. So fetch the exact version and build it.
  local mod src
  mod="$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')"
  src="$(mktemp -d)"
  cp -r "$mod/." "$src" && chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"
  mkdir -p "$(dirname "$bin")"
  (cd "$src" && go build -trimpath -o "$bin" ./cmd/ferretdb)
  rm -rf "$src"
  export FERRETDB_BIN="$bin"
}

ensure_debian_packages() {
  # chromium: browser tests and the render benchmark; zbar-tools: QR decoding;
  # poppler-utils: pdftotext/pdftoppm for PDF checks.
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  [ "${#missing[@]}" -eq 0 ] && return
  log "installing Debian packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dependencies() {
  local stamp="$ROOT/node_modules/.certify-install-stamp"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$ROOT/pnpm-lock.yaml" ]; then return; fi
  log "installing workspace dependencies"
  local frozen="--no-frozen-lockfile"; [ "${CI:-}" = "true" ] && frozen="--frozen-lockfile"
  (cd "$ROOT" && pnpm install "$frozen" --reporter=append-only >/dev/null)
  touch "$stamp"
}

ensure_node
ensure_pnpm
ensure_ferretdb
ensure_debian_packages
ensure_dependencies
export CERTIFY_ROOT="$ROOT"
