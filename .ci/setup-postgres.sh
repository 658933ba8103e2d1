# Sourced by bin/test (and so by .ci/run) before the build: installs the PostgreSQL server that the
# provenance-postgres tests start (PostgresServer: a throw-away cluster per test class from initdb, on 127.0.0.1
# at a free port, run as the postgres user through runuser when the build runs as root). Debian's package only
# provides the binaries here: its own cluster service is not needed and is not started by the tests.
# Idempotent: does nothing when /usr/lib/postgresql/*/bin/initdb exists. Sourced, so it must not exit, change
# shell options or leave variables behind.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "[setup-postgres] installing postgresql"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
fi
echo "[setup-postgres] $(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | head -1 || echo 'initdb missing')"
