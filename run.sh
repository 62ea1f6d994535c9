#!/usr/bin/env bash
# Runs what WebIMS has so far. Today that is sip-core's message checker: it builds the project and
# checks the SIP messages you name (or the conformance checklist's examples), printing what the
# registration headers say or the status and reason a server would answer.
# The servers (WWSF/WAF, eP-CSCF, IMS core) join this command as they land.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp -q -pl sip-core -am package -DskipTests
jar=$(ls sip-core/target/sip-core-*.jar | grep -v sources | head -n 1)
if [ "$#" -eq 0 ]; then
  set -- sip-core/src/test/resources/checklist/*.sip
fi
exec java -cp "$jar" org.webims.sip.tools.SipCheck "$@"
