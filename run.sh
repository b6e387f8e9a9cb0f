#!/usr/bin/env bash
# Builds what is missing (or older than its sources) and starts the whole app locally:
# embedded store, local OIDC provider, the three services. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

artifacts=(
  persistence-service/target/quarkus-app/quarkus-run.jar
  llm-proxy-service/target/quarkus-app/quarkus-run.jar
  chat-gateway/target/quarkus-app/quarkus-run.jar
  local-stack/target/local-stack.jar
)

needs_build=false
for jar in "${artifacts[@]}"; do
  if [ ! -f "$jar" ]; then
    needs_build=true
  elif [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    needs_build=true
  fi
done

if $needs_build; then
  echo "Building z3chat (mvn package, tests skipped) ..."
  mvn -B -q -DskipTests package
fi

exec java -jar local-stack/target/local-stack.jar "$@"
