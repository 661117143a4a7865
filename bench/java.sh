# Sourced by run.sh and peers.sh: finds a JDK >= 25 and builds bench/target/benchmarks.jar when it is
# missing or older than any source it is built from. Not meant to be run on its own.
#   JDK search order, as scripts/sgdmc: $SGDMC_JAVA_HOME, $JAVA_HOME, java on PATH, /usr/lib/jvm/*,
#   /usr/local/lib/jvm/*, /opt/*.
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_root=$(dirname "$bench_dir")
bench_jar="$bench_dir/target/benchmarks.jar"

bench_major_version() { # prints the feature version of the java binary $1, or nothing
  "$1" -version 2>&1 | sed -nE '1s/.*version "([0-9]+)[."].*/\1/p; 1s/.*version "([0-9]+)"$/\1/p' | head -n1
}

bench_find_java() {
  local c v
  for c in ${SGDMC_JAVA_HOME:+"$SGDMC_JAVA_HOME/bin/java"} ${JAVA_HOME:+"$JAVA_HOME/bin/java"} \
           "$(command -v java 2>/dev/null)" /usr/lib/jvm/*/bin/java /usr/local/lib/jvm/*/bin/java /opt/*/bin/java; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    v=$(bench_major_version "$c")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$c"; return 0; fi
  done
  return 1
}

# Sets $bench_java, building the jar first if needed; exits 2 when no JDK 25 or Maven can be had.
bench_prepare() {
  bench_java=$(bench_find_java) || {
    echo "bench: no JDK 25 or newer found (set SGDMC_JAVA_HOME to one)" >&2; exit 2; }
  if [ ! -f "$bench_jar" ] || [ -n "$(find "$bench_dir/src" "$bench_dir/pom.xml" "$bench_root/src/main" \
      -newer "$bench_jar" -print -quit 2>/dev/null)" ]; then
    command -v mvn >/dev/null || { echo "bench: $bench_jar is missing or stale and Maven (mvn) is not installed" >&2; exit 2; }
    echo "bench: building $bench_jar ..." >&2
    local log
    log=$(mktemp)
    if ! (cd "$bench_root" && JAVA_HOME="$(dirname "$(dirname "$bench_java")")" mvn -q -B -f bench/pom.xml package >"$log" 2>&1); then
      cat "$log" >&2; rm -f "$log"
      echo "bench: build failed" >&2; exit 1
    fi
    rm -f "$log"
  fi
}
