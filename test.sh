#!/usr/bin/env bash
# Runs every test: checks that kubectl is there (it cannot be installed from Debian), installs the
# system packages the browser and monitoring tests need (Debian's chromium and prometheus) when they
# are missing, then runs the Maven build.
set -euo pipefail
cd "$(dirname "$0")"

# deploy-checks renders k8s/ with `kubectl kustomize` (offline, no cluster). kubectl is no Debian package,
# so apt cannot install it: it comes with the machine image, or from the Kubernetes project's packages.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl is missing: deploy-checks renders k8s/ with 'kubectl kustomize' (it needs no cluster)." >&2
  echo "It is no Debian package; install it from https://kubernetes.io/docs/tasks/tools/ and run ./test.sh again." >&2
  exit 1
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (apt-get) ..."
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

exec mvn -B verify "$@"
