#!/usr/bin/env bash
# Installs what the tests need on a Debian 12 machine (with JDK 17 and Maven 3.8) and runs them all:
#   - Chromium and its chromedriver (Selenium tests), Node.js and npm (terser in wic.js's build, wic.js smoke
#     test, JsSIP interop test);
#   - Kamailio with its WebSocket, TLS and presence modules (interop tests, docs/interop.md);
#   - rtpengine (the eP-CSCF's media gateway), baresip (a SIP phone that is not a browser) and sox (makes the
#     phone's tone, measures what it heard): the calls-to-phones tests (issue 15, docs/interop.md);
#   - HAProxy (Debian's 2.6), the load balancer of ./run.sh --cluster (issue 16, docs/operations.md);
#   - PostgreSQL, started on loopback with the tests' role and database (two WAF nodes in ImpuPoolConcurrencyTest);
#   - the npm packages, pinned by their lock files (e2e-tests/src/test/node, wic-client/minify).
# Installing needs root (apt-get); a machine that has everything already installs nothing.
# Then: mvn -B -ntp verify. Extra arguments go to Maven (e.g. ./test.sh -pl sip-core).
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v kamailio >/dev/null 2>&1 || [ -x /usr/sbin/kamailio ] || need+=(kamailio)
for module in websocket tls presence; do
  ls /usr/lib/*/kamailio/modules/"$module".so >/dev/null 2>&1 || need+=(kamailio-"$module"-modules)
done
[ -x /usr/bin/rtpengine ] || need+=(rtpengine-daemon)
# baresip-core has the binary and every module the tests and the demo phone load; the "baresip" metapackage
# would add GTK, X11 and FFmpeg front-ends besides.
for module in aufile sndfile ctrl_tcp echo aubridge alsa g711 opus account menu; do
  [ -f /usr/lib/baresip/modules/"$module".so ] || { need+=(baresip-core); break; }
done
command -v sox >/dev/null 2>&1 || need+=(sox)
# HAProxy in front of two eP-CSCF and two WWSF + WAF nodes (./run.sh --cluster, ClusterRunScriptTest, issue 16).
[ -x /usr/sbin/haproxy ] || need+=(haproxy)
# The server, not only the client tools (pg_ctlcluster alone comes with postgresql-common).
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
fi

# The first PostgreSQL cluster (Debian's default listens on localhost only), with the tests' role and database;
# TestPostgres reads WEBIMS_TEST_POSTGRES_URL/_USER/_PASSWORD, defaulting to these.
read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters -h | head -n 1)
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
[ "$pg_status" = online ] || { if [ "$(id -u)" = 0 ]; then pg_ctlcluster "$pg_version" "$pg_cluster" start;
  else sudo pg_ctlcluster "$pg_version" "$pg_cluster" start; fi; }
(cd / && as_postgres "psql -p $pg_port -v ON_ERROR_STOP=1 -q") <<'SQL'
SELECT 'CREATE ROLE webims LOGIN PASSWORD ''webims''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'webims')\gexec
SELECT 'CREATE DATABASE webims_test OWNER webims' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'webims_test')\gexec
SQL
export WEBIMS_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$pg_port/webims_test"

# npm packages of the tests (JsSIP), exactly as the lock file pins them.
if [ -f e2e-tests/src/test/node/package-lock.json ]; then
  npm ci --no-audit --no-fund --prefix e2e-tests/src/test/node
fi
# terser, which the build runs over wic.js (wic-client/minify), exactly as its lock file pins it.
npm ci --no-audit --no-fund --prefer-offline --prefix wic-client/minify

java -version
mvn -v
node --version
chromium --version
/usr/sbin/kamailio -v | sed -n 1p
pg_lsclusters -h | head -n 1
/usr/bin/rtpengine --version 2>&1 | sed -n 1p
{ baresip -h 2>&1 || true; } | sed -n 1p  # -h exits 254
sox --version
/usr/sbin/haproxy -v | sed -n 1p

mvn -B -ntp verify "$@"
