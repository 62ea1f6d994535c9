#!/usr/bin/env bash
# Runs the whole WebIMS system on this machine with demo data:
#   WWSF + WAF   https://localhost:8443   (web site, sign-in, OAuth 2.0 authorization server)
#   eP-CSCF      wss://localhost:7443     (SIP over secure WebSocket)
#   IMS core     127.0.0.1:5060 UDP+TCP   (S-CSCF + HSS), admin API https://127.0.0.1:8090
#   rtpengine    ng 127.0.0.1:2223 UDP    (the eP-CSCF's media gateway for calls to phones), when installed
#   echo phone   127.0.0.1:5070 UDP+TCP   (baresip as sip:echo@ims.example.net, answers and echoes), when installed
# Everything is on loopback with TLS (one self-signed certificate, made on first start). The demo
# accounts below exist only in this run: their data lives under ./data/demo.
# Each server's management port (Prometheus metrics and health, docs/operations.md) is on loopback:
#   WWSF 127.0.0.1:9081, eP-CSCF 127.0.0.1:9082, IMS core 127.0.0.1:9083, user "metrics", password in $DATA.
# Every port can be moved, so that a second instance can run beside the first: WWSF_PORT, EPCSCF_PORT,
# EPCSCF_SIP_PORT (the eP-CSCF's own SIP port toward the IMS core), IMS_PORT, IMS_ADMIN_PORT, WWSF_MANAGEMENT_PORT,
# EPCSCF_MANAGEMENT_PORT, IMS_MANAGEMENT_PORT, RTPENGINE_NG_PORT and the media ports
# RTPENGINE_PORT_MIN..RTPENGINE_PORT_MAX, DEMO_PHONE_PORT (baresip also binds the next port, for TLS); the data
# directory with WEBIMS_DATA. WEBIMS_NO_BUILD=1 starts the jars already built (the tests that run this script use it).
# `./run.sh check file.sip ...` runs the SIP message checker instead; `./run.sh --cluster` runs two WWSF + WAF and
# two eP-CSCF nodes behind HAProxy instead (cluster.sh, docs/operations.md).
set -euo pipefail
cd "$(dirname "$0")"

if [ "${1:-}" = "check" ]; then
  shift
  mvn -B -ntp -q -pl sip-core -am package -DskipTests
  jar=$(ls sip-core/target/sip-core-*.jar | head -n 1)
  [ "$#" -gt 0 ] || set -- sip-core/src/test/resources/checklist/*.sip
  exec java -cp "$jar" org.webims.sip.tools.SipCheck "$@"
fi

WWSF_PORT=${WWSF_PORT:-8443}
EPCSCF_PORT=${EPCSCF_PORT:-7443}
EPCSCF_SIP_PORT=${EPCSCF_SIP_PORT:-5062}
IMS_PORT=${IMS_PORT:-5060}
IMS_ADMIN_PORT=${IMS_ADMIN_PORT:-8090}
RTPENGINE_NG_PORT=${RTPENGINE_NG_PORT:-2223}
RTPENGINE_PORT_MIN=${RTPENGINE_PORT_MIN:-30000}
RTPENGINE_PORT_MAX=${RTPENGINE_PORT_MAX:-30999}
DEMO_PHONE_PORT=${DEMO_PHONE_PORT:-5070}
WWSF_MANAGEMENT_PORT=${WWSF_MANAGEMENT_PORT:-9081}
EPCSCF_MANAGEMENT_PORT=${EPCSCF_MANAGEMENT_PORT:-9082}
IMS_MANAGEMENT_PORT=${IMS_MANAGEMENT_PORT:-9083}
DATA=${WEBIMS_DATA:-data/demo}
mkdir -p -m 700 "$DATA"
DATA=$(cd "$DATA" && pwd)

if [ "${WEBIMS_NO_BUILD:-}" != 1 ]; then
  # The build runs terser over wic.js (wic-client/minify, pinned by its lock file): Node.js and npm, from
  # Debian's packages when missing (needs root or sudo).
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm
  fi
  npm ci --no-audit --no-fund --prefer-offline --prefix wic-client/minify
  echo "Building (tests skipped; ./test.sh runs them)..."
  mvn -B -ntp -q package -DskipTests -pl wwsf-server,ep-cscf,ims-core -am
fi
# Issue 16: two of everything behind HAProxy, on one machine (cluster.sh says what runs where).
[ "${1:-}" = --cluster ] && exec ./cluster.sh

. scripts/run-common.sh
# Waits until a server answers on its port; stops early when it has died.
await_up() { # name, pid, log, url
  for _ in $(seq 1 120); do
    kill -0 "$2" 2>/dev/null || { echo "The $1 did not start; see $3" >&2; exit 1; }
    curl -ks -o /dev/null "$4" && return 0
    sleep 1
  done
  echo "The $1 did not answer at $4 within 120 s; see $3" >&2
  exit 1
}
umask 077 # from here on, what this run writes (data, logs, secrets) is readable by this user only (the servers
          # also make $DATA 0700 and its files 0600 at each start)
# The TLS keystore's password: generated once and kept beside the keystore (readable by this user only); the
# servers get it in their environment, not on the command line. A keystore from before has the old fixed
# password: it goes, and the WWSF's start makes a new self-signed one.
if [ ! -s "$DATA/keystore-password" ]; then
  rm -f "$DATA/tls.p12"
  head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$DATA/keystore-password"
fi
export WEBIMS_TLS_KEYSTOREPASSWORD WEBIMS_WWSF_IMSADMIN_TRUSTSTOREPASSWORD WEBIMS_EPCSCF_TOKEN_TRUSTSTOREPASSWORD
WEBIMS_TLS_KEYSTOREPASSWORD=$(cat "$DATA/keystore-password")
WEBIMS_WWSF_IMSADMIN_TRUSTSTOREPASSWORD=$WEBIMS_TLS_KEYSTOREPASSWORD
WEBIMS_EPCSCF_TOKEN_TRUSTSTOREPASSWORD=$WEBIMS_TLS_KEYSTOREPASSWORD
TLS=(--webims.tls.key-store="$DATA/tls.p12")

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# The IMS core's admin API (network deregistration from the console): a new random password each run, readable
# by this user only, handed to both servers in their environment (not on the command line, which `ps` shows).
( umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$DATA/ims-admin-password" )
IMS_ADMIN_PASSWORD=$(cat "$DATA/ims-admin-password")
# The same for the WAF's client credentials clients (docs/configuration.md): the eP-CSCF's client `ep-cscf`, which
# releases pool IMPU leases after deregistration (EPC-28), and `automation`, the REST API's client for scripts
# (docs/rest-api.md reads its secret from this file).
( umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$DATA/ep-cscf-secret" )
( umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$DATA/automation-secret" )
EPCSCF_CLIENT_SECRET=$(cat "$DATA/ep-cscf-secret")

# The console's Nodes page (docs/operator-console.md) reads these servers' management ports, each with the
# password its server generates into $DATA (read at each scrape, so a server started later is fine).
console_node wwsf wwsf "$WWSF_MANAGEMENT_PORT" "$DATA/wwsf-management-password"
console_node ep-cscf ep-cscf "$EPCSCF_MANAGEMENT_PORT" "$DATA/ep-cscf-management-password"
console_node ims-core ims-core "$IMS_MANAGEMENT_PORT" "$DATA/ims-core-management-password"

WEBIMS_WWSF_IMSADMIN_PASSWORD="$IMS_ADMIN_PASSWORD" \
WEBIMS_WAF_CLIENTS_EPCSCF_SECRET="$EPCSCF_CLIENT_SECRET" \
WEBIMS_WAF_CLIENTS_AUTOMATION_SECRET="$(cat "$DATA/automation-secret")" \
  java -jar "$(jar wwsf-server)" \
  --server.port="$WWSF_PORT" "${TLS[@]}" \
  --management.server.port="$WWSF_MANAGEMENT_PORT" \
  --webims.wwsf.ims-admin.url="https://127.0.0.1:$IMS_ADMIN_PORT" \
  --webims.wwsf.ims-admin.trust-store="$DATA/tls.p12" \
  --webims.waf.seed-file=demo/waf-seed.yml \
  --webims.wwsf.epcscf-url="wss://localhost:$EPCSCF_PORT" "${CONSOLE_NODES[@]}" \
  --spring.datasource.url="jdbc:h2:file:$DATA/wwsf" > "$DATA/wwsf.log" 2>&1 &
pids+=($!)

# The eP-CSCF trusts the WAF's certificate for the JWKS, and the IMS core's admin API serves the same keystore
# (which the WWSF trusts): it is made by the WWSF's first start, so both start after it.
await_up WWSF "${pids[-1]}" "$DATA/wwsf.log" "https://localhost:$WWSF_PORT/"

# A SIP phone registers at the S-CSCF itself and follows its Record-Route: an address, not a name it cannot resolve.
# baresip 1.0.0 answers only a 401 that offers MD5 alone (docs/interop.md): so, with the demo phone, MD5 it is.
IMS_PHONES=(--webims.ims.registrar.service-route="sip:orig@127.0.0.1:$IMS_PORT;lr")
[ -x /usr/bin/baresip ] && IMS_PHONES+=(--webims.ims.digest.algorithms=MD5)
WEBIMS_IMS_ADMIN_PASSWORD="$IMS_ADMIN_PASSWORD" java -jar "$(jar ims-core)" \
  --webims.ims.sip.port="$IMS_PORT" "${IMS_PHONES[@]}" \
  --webims.ims.subscribers-file=demo/subscribers.yaml \
  --webims.ims.admin.enabled=true \
  --webims.ims.admin.port="$IMS_ADMIN_PORT" "${TLS[@]}" \
  --management.server.port="$IMS_MANAGEMENT_PORT" \
  --spring.datasource.url="jdbc:h2:file:$DATA/ims-core" > "$DATA/ims-core.log" 2>&1 &
pids+=($!)

# The eP-CSCF's core is the IMS core: let it listen first (its admin API answers 401 to this probe).
await_up "IMS core" "${pids[-1]}" "$DATA/ims-core.log" "https://127.0.0.1:$IMS_ADMIN_PORT/"

# The media gateway (eIMS-AGW) for calls with phones that are not browsers (docs/media-gateway.md): rtpengine in
# userspace (no kernel module), on loopback, when it is installed.
MEDIA=()
if [ -x /usr/bin/rtpengine ]; then
  /usr/bin/rtpengine --config-file=none --foreground --log-stderr --table=-1 --interface=127.0.0.1 \
    --listen-ng="127.0.0.1:$RTPENGINE_NG_PORT" --port-min="$RTPENGINE_PORT_MIN" --port-max="$RTPENGINE_PORT_MAX" \
    --pidfile="$DATA/rtpengine.pid" > "$DATA/rtpengine.log" 2>&1 &
  pids+=($!)
  MEDIA=(--webims.epcscf.media.ng-address="127.0.0.1:$RTPENGINE_NG_PORT")
  media_info="rtpengine (media gateway) ng 127.0.0.1:$RTPENGINE_NG_PORT, media ports $RTPENGINE_PORT_MIN-$RTPENGINE_PORT_MAX"
else
  media_info="rtpengine is not installed (apt-get install rtpengine-daemon): calls to phones that are not browsers fail; browser to browser calls work"
  echo "$media_info"
fi

WEBIMS_EPCSCF_LEASERELEASE_CLIENTSECRET="$EPCSCF_CLIENT_SECRET" java -jar "$(jar ep-cscf)" \
  "${MEDIA[@]}" \
  --server.port="$EPCSCF_PORT" "${TLS[@]}" \
  --management.server.port="$EPCSCF_MANAGEMENT_PORT" \
  --webims.epcscf.core.uri="sip:127.0.0.1:$IMS_PORT;transport=tcp" \
  --webims.epcscf.core.port="$EPCSCF_SIP_PORT" \
  --webims.epcscf.websocket.allowed-origins="https://localhost:$WWSF_PORT" \
  --webims.epcscf.token.issuer="https://localhost:$WWSF_PORT" \
  --webims.epcscf.token.jwks-uri="https://localhost:$WWSF_PORT/oauth2/jwks" \
  --webims.epcscf.token.trust-store="$DATA/tls.p12" > "$DATA/ep-cscf.log" 2>&1 &
pids+=($!)

await_up eP-CSCF "${pids[-1]}" "$DATA/ep-cscf.log" "https://localhost:$EPCSCF_PORT/"

# The demo phone that is not a browser: baresip registered as sip:echo@ims.example.net (SIP Digest over UDP at the
# S-CSCF), answering every call and sending back what it hears: its echo module joins each call's player and
# source through aubridge (a device per call), so it needs no sound card.
if [ -x /usr/bin/baresip ] && [ -f /usr/lib/baresip/modules/echo.so ]; then
  phone="$DATA/echo-phone"
  mkdir -p "$phone"
  cat > "$phone/config" <<CONFIG
poll_method epoll
sip_listen 127.0.0.1:$DEMO_PHONE_PORT
net_interface 127.0.0.1
audio_player aubridge,echo
audio_source aubridge,echo
audio_alert aubridge,echo
module_path /usr/lib/baresip/modules
module g711.so
module opus.so
module aubridge.so
module_app account.so
module_app echo.so
CONFIG
  echo "<sip:echo@ims.example.net>;auth_user=echo_private@ims.example.net;auth_pass=echo-ims-demo;outbound=\"sip:127.0.0.1:$IMS_PORT;lr\";regint=600;answermode=manual" > "$phone/accounts"
  : > "$phone/contacts"
  /usr/bin/baresip -f "$phone" < /dev/null > "$DATA/echo-phone.log" 2>&1 &
  pids+=($!)
  phone_info="  phone     sip:echo@ims.example.net -> baresip, answers at once and echoes what it hears: sign in as alice
                                         and call it (docs/user-guide.md, \"Calls to phones\")"
else
  phone_info="  (no demo phone: baresip is not installed; apt-get install baresip for sip:echo@ims.example.net)"
fi

cat <<INFO

WebIMS is running. Open https://localhost:$WWSF_PORT
(the certificate is self-signed: accept it once; the eP-CSCF at https://localhost:$EPCSCF_PORT uses the same
one. See docs/user-guide.md.)

Demo accounts (this run only):
  web user  alice    / alice-demo     -> IMPI alice_private@ims.example.net, IMPUs sip:alice@ims.example.net, tel:+15551230001
  web user  mallory  / mallory-demo   -> IMPI mallory_private@ims.example.net (the IMS core bars this WAF for her: 403)
  web users guest1, guest2, guest3 / guest-demo
                               -> pool "guests": each leases a free IMPU of sip:guest-001..010@ims.example.net
                                  at sign-in (scenario 3); released after deregistration
  web user  bob      / bob-demo       -> no mapping yet: map him in the console to IMPI bob_private@ims.example.net,
                                         IMPU sip:bob@ims.example.net (both in the demo HSS)
  operator  operator / operator-demo  -> no IMS identity; opens the console at https://localhost:$WWSF_PORT/console
                                         (identity mappings, pools, leases, audit log; network deregistration;
                                         live figures of the three servers at /console/nodes)
  REST API  client automation, secret in $DATA/automation-secret: https://localhost:$WWSF_PORT/api/v1
            (docs/rest-api.md; OpenAPI document at /api/v1/openapi.json)
  IMS subscriber  alice_private@ims.example.net / alice-ims-demo, IMPU sip:alice@ims.example.net
                  (scenario 1, SIP Digest: https://localhost:$WWSF_PORT/ims "Sign in with IMS credentials")
$phone_info

Media: $media_info

Metrics and health (docs/operations.md), loopback only, HTTP Basic user "metrics":
  WWSF + WAF  http://127.0.0.1:$WWSF_MANAGEMENT_PORT/actuator/prometheus   password in $DATA/wwsf-management-password
  eP-CSCF     http://127.0.0.1:$EPCSCF_MANAGEMENT_PORT/actuator/prometheus   password in $DATA/ep-cscf-management-password
  IMS core    http://127.0.0.1:$IMS_MANAGEMENT_PORT/actuator/prometheus   password in $DATA/ims-core-management-password
  (and /actuator/health, /actuator/health/liveness, /actuator/health/readiness on each)

Logs: $DATA/*.log    Stop: Ctrl-C
INFO
wait -n "${pids[@]}"
echo "A server stopped; see $DATA/*.log"
