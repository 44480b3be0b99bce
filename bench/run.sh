#!/usr/bin/env bash
# Vigil benchmarks, one command.
#
#   bench/run.sh ingest [IngestLoad options]   end-to-end HTTP ingest load test (bench/README.md)
#   bench/run.sh jmh    [JMH options]          JMH micro-benchmarks, e.g. `jmh ChunkBench -f 1`
#   bench/run.sh protocols [ProtocolLoad options]  events/s per wire protocol vs native NDJSON,
#                                              e.g. `protocols --duration 10 --warmup 5 --repeats 3`
#   bench/run.sh rca    [RcaLoad options]      RCA latency over an hour of 10M log lines, e.g.
#                                              `rca --lines 1000000 --runs 3`, `rca --data-dir DIR` (kept, reused)
#   bench/run.sh all                           ingest and jmh, with default settings
#
# Builds bench/target/benchmarks.jar with the Vigil modules it measures, from source
# (`mvn -B -q -pl bench -am package -DskipTests`), when it is missing or older than any module's
# sources. BENCH_REBUILD=1 forces the build; MVN_OFFLINE=1 adds -o.
# Extra JVM options go in JAVA_OPTS, e.g. a JFR recording:
#   JAVA_OPTS="-XX:StartFlightRecording=duration=60s,filename=/tmp/ingest.jfr" bench/run.sh ingest
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
jar="$here/target/benchmarks.jar"
mode=${1:-all}
[[ $# -gt 0 ]] && shift

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

build() {
  local offline=()
  [[ ${MVN_OFFLINE:-0} == 1 ]] && offline=(-o)
  # The reactor builds the Vigil modules from source with the bench (-am): an installed copy in the
  # local repository could be older than the code being measured.
  if [[ ${BENCH_REBUILD:-0} == 1 ]] || [[ ! -f $jar ]] \
      || [[ -n $(find "$root"/*/src "$root"/*/pom.xml "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null) ]]; then
    echo "run.sh: building bench/target/benchmarks.jar (mvn -B -q -pl bench -am package -DskipTests)" >&2
    (cd "$root" && mvn -B -q "${offline[@]}" -pl bench -am package -DskipTests)
  fi
  [[ -f $jar ]] || { echo "run.sh: $jar was not built" >&2; exit 1; }
}

# Chronicle Queue cannot start without the first two; the third lets it unmap memory.
jvm_flags=(
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  -Dchronicle.analytics.disable=true
  -Dchronicle.announcer.disable=true
  -Djava.awt.headless=true
)
java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [[ ${java_major%%.*} -ge 24 ]]; then
  jvm_flags+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi
# shellcheck disable=SC2206
extra=(${JAVA_OPTS:-})

run_ingest() {
  java "${jvm_flags[@]}" "${extra[@]}" -cp "$jar" dev.vigil.bench.IngestLoad "$@"
}

run_protocols() {
  java "${jvm_flags[@]}" "${extra[@]}" -cp "$jar" dev.vigil.bench.protocols.ProtocolLoad "$@"
}

run_rca() {
  java "${jvm_flags[@]}" "${extra[@]}" -cp "$jar" dev.vigil.bench.rca.RcaLoad "$@"
}

run_jmh() {
  local results=()
  # Machine-readable results next to the jar unless the caller chose a format.
  if [[ " $* " != *" -rf "* && " $* " != *" -l "* && " $* " != *" -h "* && " $* " != *" -lp "* ]]; then
    results=(-rf json -rff "$here/target/jmh-results.json")
  fi
  echo "JMH on: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
  # Forked benchmark JVMs inherit these JVM flags.
  java "${jvm_flags[@]}" "${extra[@]}" -jar "$jar" "${results[@]}" "$@"
}

case $mode in
  ingest) build; run_ingest "$@" ;;
  jmh) build; run_jmh "$@" ;;
  protocols) build; run_protocols "$@" ;;
  rca) build; run_rca "$@" ;;
  all)
    if [[ $# -gt 0 ]]; then echo "run.sh: 'all' takes no options; run 'ingest' or 'jmh' with options instead" >&2; exit 2; fi
    build; run_ingest; run_jmh ;;
  -h|--help|help) usage ;;
  *) echo "run.sh: unknown mode '$mode'" >&2; usage >&2; exit 2 ;;
esac
