#!/usr/bin/env bash
# Lineage at scale (issue 6): builds the seeded lineage ledger of RECORDS records once (cached in
# benchmarks/target/lineage-<N>; an interrupted build resumes; delete the directory to rebuild), then measures
# lineage/ancestry/uses latencies against the raw limit read from the same file, full verify, storage, and the
# peak heap of queries and verify in JVMs capped at 64 MB, at RECORDS and at SMALLER records (to show the heap
# does not grow with the ledger). Prints the BENCHMARKS.md table. Never part of `mvn verify`.
# Usage: benchmarks/scale.sh [RECORDS=10000000] [SMALLER=1000000]
#   one phase only: benchmarks/scale.sh RECORDS SMALLER build|plan|queries|verify|storage|summary
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-10000000}"
smaller="${2:-1000000}"
only="${3:-}"
target="$PWD/benchmarks/target"
jar="$target/benchmarks-scale.jar"
if [[ -z "$only" || ! -f "$jar" ]]; then
  mvn -B -ntp -q -pl benchmarks -am package -DskipTests
  # a private copy: the phases run for many minutes, and another build may replace benchmarks.jar meanwhile
  cp "$target/benchmarks.jar" "$jar"
fi
run() { # heap phase records
  java "-Xmx$1" -Dbenchmarks.dir="$target" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$jar" io.datanet.provenance.benchmarks.LineageScaleBenchmark "$2" "$3"
}
phases() { # records
  local n="$1"
  [[ -z "$only" || "$only" == build ]] && run 3g build "$n"
  [[ -z "$only" || "$only" == plan ]] && run 1g plan "$n"
  [[ -z "$only" || "$only" == queries ]] && run 64m queries "$n"
  [[ -z "$only" || "$only" == verify ]] && run 64m verify "$n"
  [[ -z "$only" || "$only" == storage ]] && run 256m storage "$n"
  return 0
}
if [[ "$smaller" -gt 0 ]]; then
  phases "$smaller"
fi
phases "$records"
java -Dbenchmarks.dir="$target" -cp "$jar" io.datanet.provenance.benchmarks.LineageScaleSummary "$records" "$smaller" \
  | tee "$target/lineage-summary.md"
