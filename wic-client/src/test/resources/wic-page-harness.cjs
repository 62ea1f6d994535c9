// Loads wic.js (argv[2]) as a plain <script> into a fake page with the issue 4 contract's elements,
// a fake XMLHttpRequest, WebSocket, sessionStorage and localStorage, then plays scenario argv[3]:
//   "register": Register -> 200 OK -> sign-out -> deregistration -> 200 OK;
//   "signed-out": /wic/session answers 401;
//   "no-sip": the WebSocket opens without selecting the subprotocol sip;
//   "digest": scenario 1, wicStartDigest with IMPI, IMPU and password typed in: Register -> 401 Digest
//   challenge -> answer -> 200 OK -> Deregister -> 200 OK;
//   "digest-ims-order": the same with the IMS core's default challenges SHA-512-256, SHA-256, MD5 (WIC-23);
//   "digest-sha512-only": the same with one SHA-512-256 challenge, which wic.js does not answer: the page's failure;
//   "pagehide": Register -> 200 OK -> the window's pagehide (tab closed): deregistration sent, socket closed;
//   "options": wicStart with options (20 ms keep-alive, 30 ms timeout, a trusted WAF): Register -> 401 Bearer
//   from that WAF -> a second session fetch and REGISTER -> 200 OK -> CRLF pings, none answered -> reconnecting.
// After each 200 OK to a registration the WIC also sends its reg SUBSCRIBE (WIC-16), left unanswered here.
// Prints one JSON object with what the page showed and what went on the wire.
'use strict';
const fs = require('fs');
const vm = require('vm');
const scenario = process.argv[3] || 'register';

class Element {
  constructor(tagName, id) {
    this.tagName = tagName; this.id = id; this.children = []; this.attributes = {}; this.listeners = {};
    this.textContent = ''; this.value = '';
  }
  get firstChild() { return this.children.length ? this.children[0] : null; }
  appendChild(c) { this.children.push(c); return c; }
  removeChild(c) { this.children.splice(this.children.indexOf(c), 1); return c; }
  setAttribute(n, v) { this.attributes[n] = String(v); }
  getAttribute(n) { return this.attributes[n]; }
  removeAttribute(n) { delete this.attributes[n]; }
  addEventListener(type, l) { (this.listeners[type] = this.listeners[type] || []).push(l); }
  dispatch(type) {
    const event = { type, target: this, currentTarget: this, defaultPrevented: false,
      preventDefault() { this.defaultPrevented = true; } };
    (this.listeners[type] || []).forEach((l) => (typeof l === 'function' ? l(event) : l.handleEvent(event)));
    return event;
  }
}

const ids = {};
const pageIds = scenario.startsWith('digest')
  ? ['identity', 'impi', 'impu', 'password', 'register', 'deregister', 'state', 'impus', 'log', 'log-entries']
  : ['identity', 'register', 'deregister', 'state', 'impus', 'log', 'log-entries', 'signout'];
pageIds.forEach((id) => {
  ids[id] = new Element({ register: 'BUTTON', deregister: 'BUTTON', impus: 'UL', log: 'DETAILS',
    'log-entries': 'OL', signout: 'FORM', impi: 'INPUT', impu: 'INPUT', password: 'INPUT' }[id] || 'DIV', id);
});
let submitted = 0;
if (ids.signout) ids.signout.submit = () => { submitted++; };

const out = { xhr: [], sockets: [], sent: [], states: [] };
const sockets = [];

class FakeXhr {
  constructor() { this.listeners = {}; this.headers = {}; }
  open(method, url) { this.method = method; this.url = url; }
  setRequestHeader(n, v) { this.headers[n] = v; }
  addEventListener(type, l) { (this.listeners[type] = this.listeners[type] || []).push(l); }
  send() {
    out.xhr.push(this.method + ' ' + this.url);
    setTimeout(() => {
      if (scenario === 'signed-out') {
        this.status = 401; this.statusText = 'Unauthorized'; this.responseText = '{"status":401}';
        (this.listeners.load || []).forEach((l) => (typeof l === 'function' ? l({}) : l.handleEvent({})));
        return;
      }
      this.status = 200; this.statusText = 'OK';
      this.responseText = JSON.stringify({ token: 'eyJhbGciOiJSUzI1NiJ9.payload-payload.signature', impi: 'alice_private@ims.example.net',
        impus: ['sip:alice@ims.example.net', 'tel:+15551230001'], epcscfUrl: 'wss://localhost:7443',
        realm: 'ims.example.net', expiresAt: new Date(Date.now() + 600000).toISOString() });
      (this.listeners.load || []).forEach((l) => (typeof l === 'function' ? l({}) : l.handleEvent({})));
    }, 0);
  }
}

class FakeWebSocket {
  constructor(url, protocol) {
    this.url = url; this.requested = protocol; this.readyState = 0; this.protocol = ''; this.listeners = {};
    out.sockets.push(url + ' ' + protocol); sockets.push(this);
    setTimeout(() => { this.readyState = 1; this.protocol = scenario === 'no-sip' ? '' : 'sip'; this.fire('open', {}); }, 0);
  }
  addEventListener(type, l) { (this.listeners[type] = this.listeners[type] || []).push(l); }
  fire(type, e) { e.type = type; (this.listeners[type] || []).forEach((l) => (typeof l === 'function' ? l(e) : l.handleEvent(e))); }
  send(text) { out.sent.push(text); }
  close(code) { this.readyState = 3; out.closeCode = code; }
}

function reply(request, status, extra) {
  const lines = request.split('\r\n');
  const pick = (name) => lines.find((l) => l.startsWith(name + ': '));
  return ['SIP/2.0 ' + status, pick('Via'), pick('From'), pick('To') + ';tag=srv', pick('Call-ID'), pick('CSeq')]
    .concat(extra).concat(['Content-Length: 0', '', '']).join('\r\n');
}
const okTo = (request, extra) => reply(request, '200 OK', extra);
const lastRegister = () => out.sent.filter((m) => m.startsWith('REGISTER ')).pop();
const contactOf = (request) => request.split('\r\n').find((l) => l.startsWith('Contact: '));

// The 401's challenges: one WWW-Authenticate header per algorithm, in this order.
const DIGEST_CHALLENGES = { 'digest': ['SHA-256'], 'digest-ims-order': ['SHA-512-256', 'SHA-256', 'MD5'],
  'digest-sha512-only': ['SHA-512-256'] }[scenario];

async function digest() {
  ids.impi.value = ' alice_private@ims.example.net ';
  ids.impu.value = 'alice@ims.example.net';
  ids.password.value = 's3cret-webrtc';
  page.wicStartDigest('wss://localhost:7443', 'ims.example.net');
  snapshot();
  ids.register.dispatch('click');
  ids.register.dispatch('click');
  out.passwordFieldAfterRegister = ids.password.value;
  await tick(); await tick();
  snapshot();
  const ws = sockets[0];
  ws.fire('message', { data: reply(out.sent[0], '401 Unauthorized', DIGEST_CHALLENGES.map((a) =>
    'WWW-Authenticate: Digest realm="ims.example.net", nonce="5f6b1c0e9a7d4e2f8b3c1d0e9f8a7b6c", algorithm=' + a
    + ', qop="auth", opaque="e3b0c442"')) });
  snapshot();
  if (!DIGEST_CHALLENGES.includes('SHA-256')) {
    console.log(JSON.stringify(out));
    return;
  }
  ws.fire('message', { data: okTo(lastRegister(), [contactOf(lastRegister()) + ';expires=3600',
    'P-Associated-URI: <sip:alice@ims.example.net>, <tel:+15551230001>']) });
  snapshot();
  out.impus = ids.impus.children.map((li) => li.tagName + ' ' + li.textContent);
  ids.deregister.dispatch('click');
  snapshot();
  ws.fire('message', { data: okTo(lastRegister(), []) });
  snapshot();
  out.log = ids['log-entries'].children.map((e) => e.tagName + ' ' + e.textContent);
  out.stored = store;
  out.local = local;
  console.log(JSON.stringify(out));
}

const store = {};
const local = {};
const page = {
  document: { getElementById: (id) => ids[id] || null, createElement: (tag) => new Element(tag.toUpperCase()) },
  // The tab's sessionStorage holds the +sip.instance (issue 12 item 9); localStorage, shared by every tab, must
  // stay empty (out.local).
  sessionStorage: { getItem: (k) => (k in store ? store[k] : null), setItem: (k, v) => { store[k] = String(v); } },
  localStorage: { getItem: (k) => (k in local ? local[k] : null), setItem: (k, v) => { local[k] = String(v); } },
  XMLHttpRequest: FakeXhr, WebSocket: FakeWebSocket, crypto: globalThis.crypto,
  setTimeout, clearTimeout, Date, console, Uint32Array, TextEncoder, TextDecoder,
  listeners: {},
  addEventListener(type, l) { (this.listeners[type] = this.listeners[type] || []).push(l); },
};
page.window = page; page.self = page;
vm.createContext(page);
vm.runInContext(fs.readFileSync(process.argv[2], 'utf8'), page, { filename: 'wic.js' });

const tick = () => new Promise((r) => setTimeout(r, 5));
const snapshot = () => out.states.push(ids.state.getAttribute('data-state') + '|' + ids.state.textContent);

async function options() {
  page.wicStart('/wic/session', { keepAliveInterval: 0.02, keepAliveTimeout: 0.03, reconnectBase: 60,
    trustedAuthzServer: 'https://waf.example.net' });
  ids.register.dispatch('click');
  await tick(); await tick();
  const ws = sockets[0];
  ws.fire('message', { data: reply(out.sent[0], '401 Unauthorized',
    ['WWW-Authenticate: Bearer realm="ims.example.net", authz_server="https://waf.example.net/"']) });
  await tick(); await tick();
  ws.fire('message', { data: okTo(lastRegister(), [contactOf(lastRegister()) + ';expires=3600']) });
  snapshot();
  const deadline = Date.now() + 5000;
  while (ids.state.getAttribute('data-state') !== 'reconnecting' && Date.now() < deadline) await tick();
  snapshot();
  out.attempt = ids.state.getAttribute('data-attempt') || null;
  console.log(JSON.stringify(out));
  process.exit(0);
}

(async () => {
  if (scenario === 'options') {
    await options();
    return;
  }
  if (DIGEST_CHALLENGES) {
    await digest();
    return;
  }
  page.wicStart('/wic/session');
  snapshot();
  ids.register.dispatch('click');
  snapshot();
  ids.register.dispatch('click');
  await tick(); await tick();
  snapshot();
  if (scenario !== 'register' && scenario !== 'pagehide') {
    console.log(JSON.stringify(out));
    return;
  }
  const ws = sockets[0];
  const register = out.sent[0];
  const contact = register.split('\r\n').find((l) => l.startsWith('Contact: '));
  ws.fire('message', { data: okTo(register, [contact + ';expires=3600',
    'P-Associated-URI: <sip:alice@ims.example.net>, <tel:+15551230001>']) });
  snapshot();
  out.impus = ids.impus.children.map((li) => li.tagName + ' ' + li.textContent);
  if (scenario === 'pagehide') {
    (page.listeners.pagehide || []).forEach((l) => (typeof l === 'function' ? l({ type: 'pagehide' }) : l.handleEvent({ type: 'pagehide' })));
    snapshot();
    console.log(JSON.stringify(out));
    return;
  }
  const submit = ids.signout.dispatch('submit');
  out.signoutPrevented = submit.defaultPrevented;
  out.submittedBeforeOk = submitted;
  snapshot();
  ws.fire('message', { data: okTo(lastRegister(), []) });
  snapshot();
  out.submittedAfterOk = submitted;
  out.log = ids['log-entries'].children.map((e) => e.tagName + ' ' + e.textContent);
  out.instanceStored = store['webims.wic.instance'] || null;
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
