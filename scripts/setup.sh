#!/usr/bin/env bash
# One place for fresh-machine set-up: pnpm, dependencies (better-sqlite3 builds against the system Node
# headers, hence npm_config_nodedir), and with --test the system packages the browser and form tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
export npm_config_nodedir="${npm_config_nodedir:-/usr}"

if ! command -v pnpm >/dev/null 2>&1; then
  echo "==> installing pnpm"
  npm i -g pnpm@12.21.0 >/dev/null
fi

if [ "${1:-}" = "--test" ]; then
  need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  [ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  # A real PostgreSQL server for the suites' second run (scripts/with-postgres.sh starts a throwaway cluster).
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
  command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
  # The load balancer of the multi-server test (deploy/haproxy.cfg).
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need+=(haproxy)
  if [ ${#need[@]} -gt 0 ]; then
    echo "==> installing system packages: ${need[*]}"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

echo "==> installing dependencies"
if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile --reporter=append-only
else
  pnpm install --reporter=append-only
fi
