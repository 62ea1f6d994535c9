#!/usr/bin/env bash
# `./run.sh --cluster`: the whole WebIMS system as a two-node cluster on this machine (issue 16, "two of
# everything"; docs/operations.md, "Two nodes behind HAProxy"):
#   HAProxy          https://localhost:8443 -> WWSF + WAF nodes 1 and 2 (TCP, TLS passes through)
#                    wss://localhost:7443   -> eP-CSCF nodes 1 and 2    (TCP, TLS passes through)
#   WWSF + WAF 1, 2  https://127.0.0.1:8441, :8442, both on one PostgreSQL database
#   eP-CSCF 1, 2     wss://127.0.0.1:7441, :7442; SIP toward the IMS core on 5062, 5064
#   IMS core         127.0.0.1:5060 UDP+TCP (one), admin API https://127.0.0.1:8090
#   rtpengine        ng 127.0.0.1:2223 UDP (one, shared by both eP-CSCFs), when installed
# Every process is supervised like systemd's Restart=always: one that exits (killed, crashed, or stopped for a
# rolling restart) is started again after 1 s, and the others go on. Each writes its pid to $DATA/<name>.pid and
# its output to $DATA/<name>.log. Ctrl-C (or SIGTERM to this script) stops everything.
# The database: PostgreSQL of this machine (installed and started when missing; needs root or sudo), role and
# database webims_cluster with a password generated into $DATA/postgres-password; or the one of
# WEBIMS_DB_URL, WEBIMS_DB_USER, WEBIMS_DB_PASSWORD (the tests give theirs, with a schema of their own).
# Every port can be moved: WWSF_PORT, EPCSCF_PORT (HAProxy's), WWSF1_PORT, WWSF2_PORT, EPCSCF1_PORT, EPCSCF2_PORT,
# EPCSCF1_SIP_PORT, EPCSCF2_SIP_PORT, IMS_PORT, IMS_ADMIN_PORT, the management ports WWSF1_MANAGEMENT_PORT,
# WWSF2_MANAGEMENT_PORT, EPCSCF1_MANAGEMENT_PORT, EPCSCF2_MANAGEMENT_PORT, IMS_MANAGEMENT_PORT, RTPENGINE_NG_PORT,
# RTPENGINE_PORT_MIN..RTPENGINE_PORT_MAX; the data directory with WEBIMS_DATA (default data/cluster); the WAF's
# seed (users, mappings, pools) with WAF_SEED_FILE (default demo/waf-seed.yml).
# WEBIMS_NO_BUILD=1 starts the jars already built. Run through ./run.sh --cluster, which builds first.
set -euo pipefail
cd "$(dirname "$0")"

WWSF_PORT=${WWSF_PORT:-8443}
EPCSCF_PORT=${EPCSCF_PORT:-7443}
WWSF1_PORT=${WWSF1_PORT:-8441}
WWSF2_PORT=${WWSF2_PORT:-8442}
EPCSCF1_PORT=${EPCSCF1_PORT:-7441}
EPCSCF2_PORT=${EPCSCF2_PORT:-7442}
EPCSCF1_SIP_PORT=${EPCSCF1_SIP_PORT:-5062}
EPCSCF2_SIP_PORT=${EPCSCF2_SIP_PORT:-5064}
IMS_PORT=${IMS_PORT:-5060}
IMS_ADMIN_PORT=${IMS_ADMIN_PORT:-8090}
WWSF1_MANAGEMENT_PORT=${WWSF1_MANAGEMENT_PORT:-9081}
WWSF2_MANAGEMENT_PORT=${WWSF2_MANAGEMENT_PORT:-9091}
EPCSCF1_MANAGEMENT_PORT=${EPCSCF1_MANAGEMENT_PORT:-9082}
EPCSCF2_MANAGEMENT_PORT=${EPCSCF2_MANAGEMENT_PORT:-9092}
IMS_MANAGEMENT_PORT=${IMS_MANAGEMENT_PORT:-9083}
RTPENGINE_NG_PORT=${RTPENGINE_NG_PORT:-2223}
RTPENGINE_PORT_MIN=${RTPENGINE_PORT_MIN:-30000}
RTPENGINE_PORT_MAX=${RTPENGINE_PORT_MAX:-30999}
DATA=${WEBIMS_DATA:-data/cluster}
mkdir -p -m 700 "$DATA"
DATA=$(cd "$DATA" && pwd)
umask 077 # what this run writes (data, logs, secrets, haproxy.cfg) is readable by this user only

command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || {
  echo "HAProxy is not installed: apt-get install haproxy (Debian 12: 2.6)" >&2; exit 1; }
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)

. scripts/run-common.sh
secret() { # file: a random secret made once, kept readable by this user only
  [ -s "$1" ] || head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$1"
  cat "$1"
}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The database of both WAF nodes.
if [ -n "${WEBIMS_DB_URL:-}" ]; then
  DB_URL=$WEBIMS_DB_URL
  DB_USER=${WEBIMS_DB_USER:?WEBIMS_DB_USER goes with WEBIMS_DB_URL}
  DB_PASSWORD=${WEBIMS_DB_PASSWORD:?WEBIMS_DB_PASSWORD goes with WEBIMS_DB_URL}
else
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
  fi
  read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters -h | head -n 1)
  [ "$pg_status" = online ] || as_root pg_ctlcluster "$pg_version" "$pg_cluster" start
  DB_USER=webims_cluster
  DB_PASSWORD=$(secret "$DATA/postgres-password")
  DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/webims_cluster"
  # The role gets the password of the file at each start (on psql's input, not its command line), so a new data
  # directory works with an old role.
  (cd / && as_root su postgres -c "psql -p $pg_port -v ON_ERROR_STOP=1 -q") <<SQL
SELECT 'CREATE ROLE webims_cluster LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'webims_cluster')\gexec
ALTER ROLE webims_cluster PASSWORD '$DB_PASSWORD';
SELECT 'CREATE DATABASE webims_cluster OWNER webims_cluster' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'webims_cluster')\gexec
SQL
fi

# Secrets, as ./run.sh makes them, plus what the two nodes of one server must share: the WWSF's client secret at
# the WAF (a node's token request may reach the other node through HAProxy) and each server's management
# password (one per server, made here so that HAProxy's health checks can use it before the first start).
if [ ! -s "$DATA/keystore-password" ]; then rm -f "$DATA/tls.p12"; fi
export WEBIMS_TLS_KEYSTOREPASSWORD WEBIMS_WWSF_IMSADMIN_TRUSTSTOREPASSWORD WEBIMS_EPCSCF_TOKEN_TRUSTSTOREPASSWORD
WEBIMS_TLS_KEYSTOREPASSWORD=$(secret "$DATA/keystore-password")
WEBIMS_WWSF_IMSADMIN_TRUSTSTOREPASSWORD=$WEBIMS_TLS_KEYSTOREPASSWORD
WEBIMS_EPCSCF_TOKEN_TRUSTSTOREPASSWORD=$WEBIMS_TLS_KEYSTOREPASSWORD
rm -f "$DATA/ims-admin-password" # a new one each run, as ./run.sh does
export WEBIMS_IMS_ADMIN_PASSWORD WEBIMS_WWSF_IMSADMIN_PASSWORD WEBIMS_WAF_CLIENTS_EPCSCF_SECRET \
  WEBIMS_EPCSCF_LEASERELEASE_CLIENTSECRET WEBIMS_WAF_CLIENTS_AUTOMATION_SECRET WEBIMS_WAF_CLIENTS_WWSF_SECRET \
  SPRING_DATASOURCE_PASSWORD
WEBIMS_IMS_ADMIN_PASSWORD=$(secret "$DATA/ims-admin-password")
WEBIMS_WWSF_IMSADMIN_PASSWORD=$WEBIMS_IMS_ADMIN_PASSWORD
WEBIMS_WAF_CLIENTS_EPCSCF_SECRET=$(secret "$DATA/ep-cscf-secret")
WEBIMS_EPCSCF_LEASERELEASE_CLIENTSECRET=$WEBIMS_WAF_CLIENTS_EPCSCF_SECRET
WEBIMS_WAF_CLIENTS_AUTOMATION_SECRET=$(secret "$DATA/automation-secret")
WEBIMS_WAF_CLIENTS_WWSF_SECRET=$(secret "$DATA/wwsf-client-secret")
SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD
basic() { printf 'metrics:%s' "$(secret "$DATA/$1-management-password")" | base64 | tr -d '\n'; }
WWSF_CHECK_AUTH=$(basic wwsf)
EPCSCF_CHECK_AUTH=$(basic ep-cscf)
basic ims-core > /dev/null

# HAProxy's configuration, made at each start from the ports above (docs/operations.md explains each line).
cat > "$DATA/haproxy.cfg" <<CFG
# Generated by ./run.sh --cluster at each start; 0600, as it holds the management user's Basic credentials.
global
    log stdout format raw local0 notice
    maxconn 4096
    stats socket $DATA/haproxy.sock mode 600 level admin

defaults
    mode tcp
    log global
    option dontlognull
    timeout connect 2s
    timeout client 1h
    timeout server 1h
    timeout check 2s
    retries 2
    option redispatch
    default-server inter 1s fall 2 rise 2

frontend wwsf
    mode http
    bind 127.0.0.1:$WWSF_PORT ssl crt $DATA/haproxy.pem
    timeout http-request 10s
    timeout http-keep-alive 10s
    option forwardfor
    http-request set-header X-Forwarded-Proto https
    http-request set-header X-Forwarded-Port %[dst_port]
    default_backend wwsf_nodes

backend wwsf_nodes
    mode http
    balance random
    option httpchk
    http-check send meth GET uri /actuator/health/readiness ver HTTP/1.1 hdr Host 127.0.0.1 hdr Authorization "Basic $WWSF_CHECK_AUTH"
    http-check expect status 200
    server wwsf-1 127.0.0.1:$WWSF1_PORT ssl verify required ca-file $DATA/node-cert.pem check port $WWSF1_MANAGEMENT_PORT no-check-ssl
    server wwsf-2 127.0.0.1:$WWSF2_PORT ssl verify required ca-file $DATA/node-cert.pem check port $WWSF2_MANAGEMENT_PORT no-check-ssl

frontend epcscf
    bind 127.0.0.1:$EPCSCF_PORT
    default_backend epcscf_nodes

backend epcscf_nodes
    balance leastconn
    option httpchk
    http-check send meth GET uri /actuator/health/readiness ver HTTP/1.1 hdr Host 127.0.0.1 hdr Authorization "Basic $EPCSCF_CHECK_AUTH"
    http-check expect status 200
    server ep-cscf-1 127.0.0.1:$EPCSCF1_PORT send-proxy-v2 check port $EPCSCF1_MANAGEMENT_PORT
    server ep-cscf-2 127.0.0.1:$EPCSCF2_PORT send-proxy-v2 check port $EPCSCF2_MANAGEMENT_PORT
CFG

supervisors=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  kill "${supervisors[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# Runs a command as node <name> and starts it again whenever it exits (systemd's Restart=always, RestartSec=1).
# SIGTERM to the supervisor stops the node (the eP-CSCF drains) and then the supervisor.
supervise() { # name, command...
  local name=$1
  shift
  (
    set +e
    child=""
    trap '[ -z "$child" ] || kill -TERM "$child" 2>/dev/null; [ -z "$child" ] || wait "$child"; exit 0' TERM
    while true; do
      "$@" >> "$DATA/$name.log" 2>&1 &
      child=$!
      echo "$child" > "$DATA/$name.pid"
      wait "$child" && status=0 || status=$?
      echo "[supervisor] $name (pid $child) exited with status $status; starting it again in 1 s" >> "$DATA/$name.log"
      sleep 1
    done
  ) &
  supervisors+=($!)
}
# Waits until a node's readiness answers 200 (the management user's password is in the data directory).
await_ready() { # name, management port, password file prefix
  local auth
  auth="metrics:$(cat "$DATA/$3-management-password")"
  for _ in $(seq 1 180); do
    curl -s -o /dev/null -w '%{http_code}' -u "$auth" "http://127.0.0.1:$2/actuator/health/readiness" \
      | grep -q 200 && return 0
    sleep 1
  done
  echo "$1 was not ready within 180 s; see $DATA/$1.log" >&2
  exit 1
}

# The console's Nodes page (docs/operator-console.md) on either WWSF node shows all five servers.
console_node wwsf-1 wwsf "$WWSF1_MANAGEMENT_PORT" "$DATA/wwsf-management-password"
console_node wwsf-2 wwsf "$WWSF2_MANAGEMENT_PORT" "$DATA/wwsf-management-password"
console_node ep-cscf-1 ep-cscf "$EPCSCF1_MANAGEMENT_PORT" "$DATA/ep-cscf-management-password"
console_node ep-cscf-2 ep-cscf "$EPCSCF2_MANAGEMENT_PORT" "$DATA/ep-cscf-management-password"
console_node ims-core ims-core "$IMS_MANAGEMENT_PORT" "$DATA/ims-core-management-password"

TLS=(--webims.tls.key-store="$DATA/tls.p12")
PUBLIC_WWSF="https://localhost:$WWSF_PORT"
wwsf_node() { # number, port, management port
  supervise "wwsf-$1" java -jar "$(jar wwsf-server)" \
    --server.address=127.0.0.1 --server.port="$2" "${TLS[@]}" \
    --management.server.port="$3" \
    --webims.waf.issuer="$PUBLIC_WWSF" \
    --server.forward-headers-strategy=native --server.tomcat.remoteip.internal-proxies='127\.0\.0\.1' \
    --webims.wwsf.ims-admin.url="https://127.0.0.1:$IMS_ADMIN_PORT" \
    --webims.wwsf.ims-admin.trust-store="$DATA/tls.p12" \
    --webims.waf.seed-file="${WAF_SEED_FILE:-demo/waf-seed.yml}" \
    --webims.wwsf.epcscf-url="wss://localhost:$EPCSCF_PORT" "${CONSOLE_NODES[@]}" \
    --spring.datasource.url="$DB_URL" --spring.datasource.username="$DB_USER"
}
epcscf_node() { # number, WSS port, SIP port, management port
  supervise "ep-cscf-$1" java -jar "$(jar ep-cscf)" \
    "${MEDIA[@]}" \
    --server.address=127.0.0.1 --server.port="$2" "${TLS[@]}" \
    --management.server.port="$4" \
    --webims.epcscf.core.uri="sip:127.0.0.1:$IMS_PORT;transport=tcp" \
    --webims.epcscf.core.port="$3" \
    --webims.epcscf.websocket.proxy-protocol=on \
    --webims.epcscf.websocket.allowed-origins="$PUBLIC_WWSF" \
    --webims.epcscf.token.issuer="$PUBLIC_WWSF" \
    --webims.epcscf.token.jwks-uri="$PUBLIC_WWSF/oauth2/jwks" \
    --webims.epcscf.token.trust-store="$DATA/tls.p12"
}

# The first WWSF node alone: it makes the keystore (self-signed, shared by every node) and the WAF's tables.
wwsf_node 1 "$WWSF1_PORT" "$WWSF1_MANAGEMENT_PORT"
await_ready wwsf-1 "$WWSF1_MANAGEMENT_PORT" wwsf
# HAProxy ends the browsers' TLS for the WWSF (HTTP mode, so that it can tell the nodes each browser's address in
# X-Forwarded-For): it needs the shared certificate and key in PEM, and the certificate to check the nodes' TLS.
openssl pkcs12 -in "$DATA/tls.p12" -passin env:WEBIMS_TLS_KEYSTOREPASSWORD -nodes -out "$DATA/haproxy.pem"
openssl pkcs12 -in "$DATA/tls.p12" -passin env:WEBIMS_TLS_KEYSTOREPASSWORD -nokeys -out "$DATA/node-cert.pem"
"$HAPROXY" -c -q -f "$DATA/haproxy.cfg"
supervise haproxy "$HAPROXY" -db -f "$DATA/haproxy.cfg"
wwsf_node 2 "$WWSF2_PORT" "$WWSF2_MANAGEMENT_PORT"

supervise ims-core java -jar "$(jar ims-core)" \
  --webims.ims.sip.port="$IMS_PORT" \
  --webims.ims.subscribers-file=demo/subscribers.yaml \
  --webims.ims.admin.enabled=true \
  --webims.ims.admin.port="$IMS_ADMIN_PORT" "${TLS[@]}" \
  --management.server.port="$IMS_MANAGEMENT_PORT" \
  --spring.datasource.url="jdbc:h2:file:$DATA/ims-core"

MEDIA=()
if [ -x /usr/bin/rtpengine ]; then
  supervise rtpengine /usr/bin/rtpengine --config-file=none --foreground --log-stderr --table=-1 \
    --interface=127.0.0.1 --listen-ng="127.0.0.1:$RTPENGINE_NG_PORT" \
    --port-min="$RTPENGINE_PORT_MIN" --port-max="$RTPENGINE_PORT_MAX"
  MEDIA=(--webims.epcscf.media.ng-address="127.0.0.1:$RTPENGINE_NG_PORT")
  media_info="rtpengine ng 127.0.0.1:$RTPENGINE_NG_PORT (one, shared by both eP-CSCF nodes)"
else
  media_info="rtpengine is not installed (apt-get install rtpengine-daemon): calls to phones that are not browsers fail"
fi
await_ready ims-core "$IMS_MANAGEMENT_PORT" ims-core

epcscf_node 1 "$EPCSCF1_PORT" "$EPCSCF1_SIP_PORT" "$EPCSCF1_MANAGEMENT_PORT"
epcscf_node 2 "$EPCSCF2_PORT" "$EPCSCF2_SIP_PORT" "$EPCSCF2_MANAGEMENT_PORT"
await_ready wwsf-2 "$WWSF2_MANAGEMENT_PORT" wwsf
await_ready ep-cscf-1 "$EPCSCF1_MANAGEMENT_PORT" ep-cscf
await_ready ep-cscf-2 "$EPCSCF2_MANAGEMENT_PORT" ep-cscf

cat <<INFO

WebIMS is running as a cluster. Open $PUBLIC_WWSF
(through HAProxy; the certificate is self-signed: accept it once. Demo accounts as for ./run.sh: docs/user-guide.md.)

  HAProxy       $PUBLIC_WWSF -> WWSF + WAF nodes       config $DATA/haproxy.cfg
                wss://localhost:$EPCSCF_PORT -> eP-CSCF nodes
  wwsf-1        https://127.0.0.1:$WWSF1_PORT   management http://127.0.0.1:$WWSF1_MANAGEMENT_PORT
  wwsf-2        https://127.0.0.1:$WWSF2_PORT   management http://127.0.0.1:$WWSF2_MANAGEMENT_PORT
  ep-cscf-1     wss://127.0.0.1:$EPCSCF1_PORT    management http://127.0.0.1:$EPCSCF1_MANAGEMENT_PORT   SIP 127.0.0.1:$EPCSCF1_SIP_PORT
  ep-cscf-2     wss://127.0.0.1:$EPCSCF2_PORT    management http://127.0.0.1:$EPCSCF2_MANAGEMENT_PORT   SIP 127.0.0.1:$EPCSCF2_SIP_PORT
  ims-core      SIP 127.0.0.1:$IMS_PORT, admin API https://127.0.0.1:$IMS_ADMIN_PORT, management http://127.0.0.1:$IMS_MANAGEMENT_PORT
  database      $DB_URL (user $DB_USER)
  media         $media_info

Management ports: HTTP Basic user "metrics", password in $DATA/<server>-management-password
(wwsf, ep-cscf, ims-core; both nodes of a server share it); /actuator/prometheus, /actuator/health/readiness.
Each process is restarted when it exits; its pid is in $DATA/<name>.pid, its log in $DATA/<name>.log.
A rolling restart: kill -TERM \$(cat $DATA/ep-cscf-1.pid), wait until it is ready again, then ep-cscf-2
(docs/operations.md).    Stop: Ctrl-C
INFO
wait
