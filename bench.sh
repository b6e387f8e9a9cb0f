#!/usr/bin/env bash
# Runs one SPEC 9 benchmark against the packaged services (production JVM settings):
#   ./bench.sh hops        two service hops: chat list and a 50-message page, gateway vs. store
#   ./bench.sh streaming   first token and per-chunk overhead, gateway vs. the upstream read directly
#   ./bench.sh load        500 concurrent streams: in order, saved complete once, none dropped; store writes per reply
# Builds what is missing or older than its sources first. Exit 0: every figure met its budget; 1: one missed.
set -euo pipefail
cd "$(dirname "$0")"
source ./build-if-stale.sh

build_if_stale \
  persistence-service/target/quarkus-app/quarkus-run.jar \
  llm-proxy-service/target/quarkus-app/quarkus-run.jar \
  chat-gateway/target/quarkus-app/quarkus-run.jar \
  local-stack/target/local-stack.jar \
  benchmarks/target/benchmarks.jar

exec java -jar benchmarks/target/benchmarks.jar "$@"
