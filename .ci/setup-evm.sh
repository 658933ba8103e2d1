# Installs the tools provenance-evm's tests use: the pinned npm packages of provenance-evm/package.json
# (package-lock.json): anvil and cast (their linux-amd64 packages carry the binaries) and solc-js. They go
# to provenance-evm/node_modules (git-ignored), with `npm ci --ignore-scripts`, so no install script
# downloads anything. Idempotent: does nothing when the pinned versions are installed.
# Sourced by bin/test (and so by .ci/run) and run by the provenance-evm build (exec-maven-plugin), so it
# must not exit or change shell options; it exports PROVENANCE_ANVIL, PROVENANCE_CAST and
# PROVENANCE_EVM_TOOLS for the tests (which otherwise look in provenance-evm/node_modules themselves).
__evm_setup() {
  local module
  module="$(cd "$(dirname "${BASH_SOURCE[0]}")/../provenance-evm" && pwd)" || return 1
  local anvil="$module/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
  local cast="$module/node_modules/@foundry-rs/cast-linux-amd64/bin/cast"
  local solc="$module/node_modules/solc/package.json"
  local stamp="$module/node_modules/.provenance-evm-lock.sha256"
  local want
  want="$(sha256sum "$module/package-lock.json" | cut -d' ' -f1)"
  if [ -x "$anvil" ] && [ -x "$cast" ] && [ -f "$solc" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    echo "[setup-evm] anvil, cast and solc-js present in $module/node_modules"
  else
    if ! command -v npm >/dev/null 2>&1; then
      echo "[setup-evm] installing Debian's nodejs and npm"
      if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
      else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
      fi
    fi
    echo "[setup-evm] npm ci in $module (anvil, cast, solc-js)"
    (cd "$module" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || {
      echo "[setup-evm] npm ci failed: provenance-evm's tests need anvil, cast and solc-js" >&2
      return 1
    }
    echo "$want" > "$stamp"
  fi
  export PROVENANCE_ANVIL="$anvil"
  export PROVENANCE_CAST="$cast"
  export PROVENANCE_EVM_TOOLS="$module/node_modules"
  echo "[setup-evm] $("$anvil" --version 2>/dev/null | head -1); $("$cast" --version 2>/dev/null | head -1)"
}
__evm_setup
__evm_status=$?
unset -f __evm_setup
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # executed rather than sourced (the Maven build runs it): report failure through the exit status
  exit "$__evm_status"
fi
unset __evm_status
