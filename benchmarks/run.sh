#!/usr/bin/env bash
# Core ledger benchmarks (issue 2): builds benchmarks/target/benchmarks.jar, builds the 1M-record ledger once
# (cached in benchmarks/target/ledger-1m; delete it to rebuild), measures storage, runs the JMH benchmarks
# with modest settings (one fork, few iterations) and prints the BENCHMARKS.md table, then (a) in alternating blocks.
# Usage: benchmarks/run.sh [JMH regexp]   (default: every benchmark in io.datanet.provenance.benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."
target="$PWD/benchmarks/target"
mvn -q -pl benchmarks -am package -DskipTests
jar="$target/benchmarks.jar"
java -Xmx2g -Dbenchmarks.dir="$target" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$jar" io.datanet.provenance.benchmarks.MillionRecordLedger
java -jar "$jar" "${1:-io.datanet.provenance.benchmarks.*Benchmark}" \
  -jvmArgsPrepend "-Dbenchmarks.dir=$target" -rf json -rff "$target/jmh-result.json" | tee "$target/jmh-output.txt"
java -cp "$jar" io.datanet.provenance.benchmarks.Summary "$target/jmh-result.json" "$target/storage.properties" \
  | tee "$target/summary.md"
# (a) again in alternating blocks of ledger appends and raw commits (JMH takes the two a minute apart): three runs
if [ -z "${1:-}" ] || [[ "DurableAppendBenchmark" =~ ${1} ]]; then
  for run in 1 2 3; do
    java -Xmx1g -Dbenchmarks.dir="$target" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      -cp "$jar" io.datanet.provenance.benchmarks.AlternatingAppendRatio
  done | tee -a "$target/summary.md"
fi
