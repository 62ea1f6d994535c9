#!/usr/bin/env bash
# Runs the whole WebIMS system on this machine with demo data:
#   WWSF + WAF   https://localhost:8443   (web site, sign-in, OAuth 2.0 authorization server)
#   eP-CSCF      wss://localhost:7443     (SIP over secure WebSocket)
#   IMS core     127.0.0.1:5060 UDP+TCP   (S-CSCF + HSS)
# Everything is on loopback with TLS (one self-signed certificate, made on first start). The demo
# accounts below exist only in this run: their data lives under ./data/demo.
# Ports can be overridden: WWSF_PORT, EPCSCF_PORT, IMS_PORT.
# `./run.sh check file.sip ...` runs the SIP message checker instead.
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
IMS_PORT=${IMS_PORT:-5060}
DATA=data/demo
mkdir -p "$DATA"

echo "Building (tests skipped; run 'mvn -B -ntp verify' for them)..."
mvn -B -ntp -q package -DskipTests -pl wwsf-server,ep-cscf,ims-core -am

jar() { ls "$1"/target/"$1"-*-exec.jar | head -n 1; }
TLS=(--webims.tls.key-store="$DATA/tls.p12" --webims.tls.key-store-password=webims-dev-only)

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

java -jar "$(jar ims-core)" \
  --webims.ims.sip.port="$IMS_PORT" \
  --webims.ims.subscribers-file=demo/subscribers.yaml \
  --spring.datasource.url="jdbc:h2:file:./$DATA/ims-core" > "$DATA/ims-core.log" 2>&1 &
pids+=($!)

java -jar "$(jar wwsf-server)" \
  --server.port="$WWSF_PORT" "${TLS[@]}" \
  --webims.waf.seed-file=demo/waf-seed.yml \
  --webims.wwsf.epcscf-url="wss://localhost:$EPCSCF_PORT" \
  --spring.datasource.url="jdbc:h2:file:./$DATA/wwsf" > "$DATA/wwsf.log" 2>&1 &
pids+=($!)

# The eP-CSCF trusts the WAF's certificate for the JWKS; it is made by the WWSF's first start.
for _ in $(seq 1 120); do
  [ -f "$DATA/tls.p12" ] && curl -ks -o /dev/null "https://localhost:$WWSF_PORT/" && break
  sleep 1
done

java -jar "$(jar ep-cscf)" \
  --server.port="$EPCSCF_PORT" "${TLS[@]}" \
  --webims.epcscf.core.uri="sip:127.0.0.1:$IMS_PORT;transport=tcp" \
  --webims.epcscf.websocket.allowed-origins="https://localhost:$WWSF_PORT" \
  --webims.epcscf.token.issuer="https://localhost:$WWSF_PORT" \
  --webims.epcscf.token.jwks-uri="https://localhost:$WWSF_PORT/oauth2/jwks" \
  --webims.epcscf.token.trust-store="$DATA/tls.p12" \
  --webims.epcscf.token.trust-store-password=webims-dev-only > "$DATA/ep-cscf.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
  curl -ks -o /dev/null "https://localhost:$EPCSCF_PORT/" && break
  sleep 1
done

cat <<INFO

WebIMS is running. Open https://localhost:$WWSF_PORT
(the certificate is self-signed: accept it once; the eP-CSCF at https://localhost:$EPCSCF_PORT uses the same
one. See docs/user-guide.md.)

Demo accounts (this run only):
  web user  alice    / alice-demo     -> IMPI alice_private@ims.example.net, IMPUs sip:alice@ims.example.net, tel:+15551230001
  web user  mallory  / mallory-demo   -> IMPI mallory_private@ims.example.net (the IMS core bars this WAF for her: 403)
  operator  operator / operator-demo  -> no IMS identity; opens the read-only console at https://localhost:$WWSF_PORT/console
  IMS subscriber  alice_private@ims.example.net / alice-ims-demo, IMPU sip:alice@ims.example.net
                  (scenario 1, SIP Digest: https://localhost:$WWSF_PORT/ims "Sign in with IMS credentials")

Logs: $DATA/*.log    Stop: Ctrl-C
INFO
wait -n "${pids[@]}"
echo "A server stopped; see $DATA/*.log"
