'use strict';
// JsSIP, as a web page would use it, registering through the eP-CSCF with SIP Digest, then
// deregistering (issue 12 point 2, EPC-22). Run by JsSipInteropTest; by hand:
//
//   JSSIP_PASSWORD=... node jssip-register.js --url wss://localhost:7443/ --origin https://localhost:8443 \
//     --uri sip:alice@ims.example.net --impi alice_private@ims.example.net --ca cert.pem
//
// Prints one line per outcome ("registered 200", "unregistered 200") and exits 0 when both came,
// 1 on any failure (with JsSIP's cause), 2 on bad arguments. The password comes from the environment,
// never the command line. The UA configuration is JsSIP's plain one: sockets, uri, password,
// authorization_user. Node 20 has no global WebSocket: the `ws` package stands in for the browser's,
// sending the Origin a browser would send and trusting the test's self-signed certificate (--ca).

const fs = require('fs');
const JsSIP = require('jssip');
const NodeWebSocket = require('ws');

function options(argv) {
  const out = { timeout: '20000' };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      usage(`bad argument ${argv[i]}`);
    }
    out[argv[i].substring(2)] = argv[i + 1];
  }
  for (const name of ['url', 'origin', 'uri', 'impi']) {
    if (!out[name]) {
      usage(`--${name} is missing`);
    }
  }
  if (!process.env.JSSIP_PASSWORD) {
    usage('JSSIP_PASSWORD is not set');
  }
  return out;
}

function usage(problem) {
  console.error(`${problem}\nusage: JSSIP_PASSWORD=... node jssip-register.js --url wss://host:port/ `
    + '--origin https://wwsf --uri sip:user@domain --impi private-id [--ca cert.pem] [--timeout ms]');
  process.exit(2);
}

const opts = options(process.argv.slice(2));
const ca = opts.ca ? fs.readFileSync(opts.ca) : undefined;

// What a browser gives JsSIP: new WebSocket(url, 'sip'), with the page's Origin.
globalThis.WebSocket = class extends NodeWebSocket {
  constructor(url, protocols) {
    super(url, protocols, { origin: opts.origin, ca });
  }
};

const ua = new JsSIP.UA({
  sockets: [new JsSIP.WebSocketInterface(opts.url)],
  uri: opts.uri,
  password: process.env.JSSIP_PASSWORD,
  authorization_user: opts.impi,
});

function finish(code, line) {
  console.log(line);
  clearTimeout(timer);
  ua.stop();
  // Let the close frame go out, then leave whatever JsSIP still has scheduled.
  setTimeout(() => process.exit(code), 200);
}

const timer = setTimeout(() => finish(1, `timeout after ${opts.timeout} ms`), Number(opts.timeout));

ua.on('registered', (e) => {
  console.log(`registered ${e.response.status_code}`);
  ua.unregister();
});
ua.on('registrationFailed', (e) => {
  finish(1, `registrationFailed ${e.response ? e.response.status_code : '-'} ${e.cause}`);
});
ua.on('unregistered', (e) => {
  if (e.response && e.response.status_code === 200 && !e.cause) {
    finish(0, 'unregistered 200');
  } else {
    finish(1, `unregistered ${e.response ? e.response.status_code : '-'} ${e.cause}`);
  }
});
ua.on('disconnected', (e) => {
  if (e.error) {
    console.log(`disconnected ${e.code} ${e.reason}`);
  }
});

ua.start();
