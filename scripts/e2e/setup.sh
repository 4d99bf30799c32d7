#!/usr/bin/env bash
# Installs a real VS Code (code-server 4.100.3, Code 1.100.3) into .e2e/ for the
# end-to-end test, following shared/notes/vscode-e2e-here.md. Idempotent: a
# second run only checks. code-server never enters the project's package.json.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E="$ROOT/.e2e"
CS_VERSION="4.100.3"
CS="$E2E/cs/node_modules/code-server"
VSC="$CS/lib/vscode"

need_pkgs=()
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
command -v rg >/dev/null 2>&1 || need_pkgs+=(ripgrep)
command -v pkg-config >/dev/null 2>&1 || need_pkgs+=(pkg-config)
command -v unzip >/dev/null 2>&1 || need_pkgs+=(unzip)
for p in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || need_pkgs+=("$p")
done
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  echo "setup: apt-get install ${need_pkgs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

if [ -f "$E2E/cs/.ready-$CS_VERSION" ] && [ -x "$E2E/cs/node_modules/.bin/code-server" ]; then
  echo "setup: code-server $CS_VERSION already installed"
  exit 0
fi

mkdir -p "$E2E/cs"
cd "$E2E/cs"
[ -f package.json ] || npm init -y >/dev/null
# Its postinstall refuses to run as root, so scripts are skipped and the
# native parts rebuilt by hand below.
npm install --no-audit --no-fund --ignore-scripts "code-server@$CS_VERSION" >/dev/null

cd "$VSC"
npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null
npm_config_yes=true npm rebuild kerberos node-pty @vscode/spdlog @parcel/watcher native-watchdog @vscode/deviceid >/dev/null
# @vscode/ripgrep's postinstall downloads a binary; Debian's rg replaces it.
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null)

cd "$E2E/cs"
npm_config_yes=true npm rebuild argon2 >/dev/null
./node_modules/.bin/code-server --version
touch "$E2E/cs/.ready-$CS_VERSION"
echo "setup: done"
