#!/usr/bin/env bash
# Runs the JMH benchmarks on JDK 25 with the Vector API module, building bench/target/benchmarks.jar first
# when it is missing or stale. Every argument goes to JMH: a regular expression picks benchmarks, options
# override the annotations. Failing self-checks fail the run (-foe true), unless -foe is given.
#   bench/run.sh                     everything, as annotated (3 forks each)
#   bench/run.sh Linreg1d -f 3       the kernel and engine benchmarks
#   bench/run.sh -l                  list the benchmarks;  bench/run.sh -h  JMH's options
#   Extra JVM options for the JMH host: $SGDMC_JAVA_OPTS (forks take theirs from the annotations, or -jvmArgsAppend).
set -uo pipefail
# shellcheck source=bench/java.sh
. "$(dirname "${BASH_SOURCE[0]}")/java.sh"
bench_prepare

foe=(-foe true)
# every fork runs with the project's JVM options (scripts/jvm.options), unless the caller prepends its own
prepend=(-jvmArgsPrepend "@$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/jvm.options")
for a in "$@"; do
  [ "$a" = "-foe" ] && foe=()
  [ "$a" = "-jvmArgsPrepend" ] && prepend=()
done
drop_incubator_warning() { # the host JVM's one-line warning; the forks' own appear in JMH's output
  local first
  if IFS= read -r first; then
    case "$first" in "WARNING: Using incubator modules"*) ;; *) printf '%s\n' "$first" ;; esac
    exec cat
  fi
}
# shellcheck disable=SC2086
"$bench_java" --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow ${SGDMC_JAVA_OPTS:-} -jar "$bench_jar" "${foe[@]}" "${prepend[@]}" "$@" \
  2> >(drop_incubator_warning >&2)
rc=$?
wait 2>/dev/null
exit $rc
