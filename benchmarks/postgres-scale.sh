#!/usr/bin/env bash
# The lineage scale harness on the PostgreSQL store (issue 6): starts a local PostgreSQL (Debian's package, on
# 127.0.0.1 only; its cluster is kept in benchmarks/target/pg-data so the ledger is built once and reused), builds
# the seeded N-record ledger in database lineage_<N> (default 1,000,000), then measures queries and verify in JVMs
# capped at 64 MB of heap, and storage; figures go to benchmarks/target/lineage-<N>-pg-<phase>.properties.
# The query plan is the embedded store's (LineageScaleBenchmark plan N), so both stores answer the same queries.
# Usage: benchmarks/postgres-scale.sh [RECORDS] [PHASE...]   (phases: build queries verify storage; default all)
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-1000000}"
shift || true
phases=("$@")
[ ${#phases[@]} -gt 0 ] || phases=(build queries verify storage)
target="$PWD/benchmarks/target"
# shellcheck source=/dev/null
source .ci/setup-postgres.sh
mvn -q -pl benchmarks -am package -DskipTests
# a private copy: the phases run for minutes, and another build may replace benchmarks.jar meanwhile
jar="$target/benchmarks-postgres-scale.jar"
cp "$target/benchmarks.jar" "$jar"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
data="$target/pg-data"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$data"
  as_pg "$bin/initdb" -D "$data" -U provenance --auth=trust -E UTF8 --no-locale >/dev/null
fi
port="${PROVENANCE_PG_PORT:-55432}"
as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 120 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c shared_buffers=256MB -c max_wal_size=4GB" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null' EXIT
db="lineage_$records"
as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U provenance -d postgres -qtAc \
  "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
  || as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U provenance "$db"
url="jdbc:postgresql://127.0.0.1:$port/$db?user=provenance"
props=(-Dbenchmarks.dir="$target" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
if [ $((records % 1000000)) -eq 0 ]; then label="$((records / 1000000))m"
elif [ $((records % 1000)) -eq 0 ]; then label="$((records / 1000))k"; else label="$records"; fi
for phase in "${phases[@]}"; do
  echo "[postgres-scale] $phase $records"
  case "$phase" in
    build) java -Xmx2g "${props[@]}" -cp "$jar" io.datanet.provenance.benchmarks.PostgresLineageScale build "$url" "$records"
           [ -f "$target/lineage-$label-plan.txt" ] \
             || java -Xmx2g "${props[@]}" -cp "$jar" io.datanet.provenance.benchmarks.LineageScaleBenchmark plan "$records" ;;
    queries|verify) java -Xmx64m "${props[@]}" -cp "$jar" io.datanet.provenance.benchmarks.PostgresLineageScale "$phase" "$url" "$records" ;;
    storage) java -Xmx256m "${props[@]}" -cp "$jar" io.datanet.provenance.benchmarks.PostgresLineageScale storage "$url" "$records" ;;
    *) echo "unknown phase $phase" >&2; exit 2 ;;
  esac
done
