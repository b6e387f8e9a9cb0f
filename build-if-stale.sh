#!/usr/bin/env bash
# Sourced by run.sh and bench.sh: builds (mvn package, tests skipped) when one of the given
# artifacts is missing or older than a pom or a main source file.
build_if_stale() {
  local needs_build=false jar
  for jar in "$@"; do
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
}
