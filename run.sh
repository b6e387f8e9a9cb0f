#!/usr/bin/env bash
# Builds what is missing (or older than its sources) and starts the whole app locally:
# embedded store, local OIDC provider, the three services. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
source ./build-if-stale.sh

build_if_stale \
  persistence-service/target/quarkus-app/quarkus-run.jar \
  llm-proxy-service/target/quarkus-app/quarkus-run.jar \
  chat-gateway/target/quarkus-app/quarkus-run.jar \
  local-stack/target/local-stack.jar

exec java -jar local-stack/target/local-stack.jar "$@"
