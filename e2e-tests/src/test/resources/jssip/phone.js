'use strict';
// A minimal JsSIP 3.13 phone for the interop tests and the call setup benchmark (issue 14 points 5, 6).
// The test starts it with window.phone.start({url, uri, impi, password}); the buttons then do what the
// WIC's do. JsSIP's configuration is its plain one; what it needs for our network is in docs/interop.md.
(function () {
  const MEDIA = { audio: true, video: true };
  // No STUN or TURN (JsSIP's default, said here on purpose): the test runs on one machine, and a STUN server that
  // cannot be reached would hold JsSIP's complete (non-trickle) offer until ICE gathering gives up.
  const PC_CONFIG = { iceServers: [] };
  let ua = null;
  let session = null;
  const marks = {};

  function $(id) {
    return document.getElementById(id);
  }

  /** The state, and after it in words who calls or why it ended, as the WIC's page shows them. */
  function show(id, state, words) {
    const el = $(id);
    el.setAttribute('data-state', state);
    el.textContent = words ? state + ' ' + words : state;
  }

  function mark(name) {
    if (!(name in marks)) {
      marks[name] = performance.now();
    }
  }

  function attach(s) {
    session = s;
    s.on('sending', () => mark('inviteSent'));
    s.on('progress', (e) => {
      mark('progress');
      if (s.direction === 'outgoing') {
        show('call-state', 'alerting');
      }
    });
    s.on('accepted', () => {
      mark('accepted');
      show('call-state', 'connected');
    });
    s.on('confirmed', () => mark('confirmed'));
    s.on('ended', (e) => {
      show('call-state', 'ended', e.originator + ' ' + e.cause);
      session = null;
    });
    s.on('failed', (e) => {
      // As the WIC's states: a call this side cancelled or declined ended; a failure response failed.
      show('call-state', e.originator === 'local' || e.cause === JsSIP.C.causes.CANCELED ? 'ended' : 'failed',
        (e.message && e.message.status_code ? e.message.status_code + ' ' : '') + e.originator + ' ' + e.cause);
      session = null;
    });
    s.on('peerconnection', (e) => watch(e.peerconnection));
    if (s.connection) {
      watch(s.connection);
    }
  }

  function watch(pc) {
    // The test hook the WIC's page has too (Browser#inboundMediaBytes reads its getStats()).
    window.wicPeer = pc;
    pc.addEventListener('track', (e) => {
      if (e.streams[0] && $('remote-video').srcObject !== e.streams[0]) {
        $('remote-video').srcObject = e.streams[0];
      }
    });
    pc.addEventListener('iceconnectionstatechange', () => {
      if (pc.iceConnectionState === 'connected') {
        mark('iceConnected');
      }
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') {
        mark('dtlsConnected');
      }
    });
  }

  function showLocal() {
    const pc = session && session.connection;
    if (pc) {
      const stream = new MediaStream(pc.getSenders().map((s) => s.track).filter((t) => t));
      $('local-video').srcObject = stream;
    }
  }

  window.phone = {
    marks,

    start(config) {
      const socket = new JsSIP.WebSocketInterface(config.url);
      ua = new JsSIP.UA({
        sockets: [socket],
        uri: config.uri,
        authorization_user: config.impi,
        password: config.password,
      });
      ua.on('registered', () => show('state', 'registered'));
      ua.on('registrationFailed', (e) => show('state', 'error', e.cause));
      ua.on('unregistered', () => show('state', 'deregistered'));
      ua.on('newRTCSession', (e) => {
        if (e.originator === 'remote') {
          if (session) {
            e.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
            return;
          }
          attach(e.session);
          show('call-state', 'ringing', e.request.getHeader('P-Asserted-Identity') || e.request.from.toString());
        }
      });
      ua.start();
    },

    /**
     * A new offer in the dialog: a re-INVITE, or an UPDATE (RFC 3311) when useUpdate. Resolves 'succeeded' on
     * its 2xx, or the call state if the call ends instead (JsSIP ends a call whose renegotiation fails).
     */
    renegotiate(useUpdate) {
      return new Promise((resolve) => {
        const s = session;
        if (!s || !s.renegotiate({ useUpdate }, () => resolve('succeeded'))) {
          resolve('not possible');
          return;
        }
        s.on('ended', () => resolve('ended'));
        s.on('failed', () => resolve('failed'));
      });
    },

    /**
     * JsSIP's hold (on) or unhold: a re-INVITE with a sendonly (sendrecv) offer. Resolves 'succeeded' on its 2xx,
     * or the call state if the call ends instead (JsSIP sends BYE when its re-INVITE is refused).
     */
    hold(on) {
      return new Promise((resolve) => {
        const s = session;
        const done = () => resolve('succeeded');
        if (!s || !(on ? s.hold({}, done) : s.unhold({}, done))) {
          resolve('not possible');
          return;
        }
        s.on('ended', () => resolve('ended'));
        s.on('failed', () => resolve('failed'));
      });
    },

    /**
     * The session refresh JsSIP sends on its own at half the Session-Expires interval (RFC 4028 §10; JsSIP's
     * session_timers are on by default, 90 s, refresh by UPDATE without SDP), now instead of in 45 s. JsSIP has no
     * public call for it: this is the private method its timer calls. Resolves the response's status code.
     */
    sessionRefresh() {
      return new Promise((resolve) => {
        if (!session) {
          resolve(0);
          return;
        }
        session._sendUpdate({ eventHandlers: {
          succeeded: (r) => resolve(r.status_code),
          failed: (r) => resolve(r ? r.status_code : 0),
        } });
        session.on('ended', () => resolve(0));
      });
    },

    stop() {
      if (ua) {
        ua.stop();
      }
    },
  };

  document.addEventListener('DOMContentLoaded', () => {
    $('call').addEventListener('click', () => {
      if (!ua || session) {
        return;
      }
      for (const k of Object.keys(marks)) {
        delete marks[k];
      }
      mark('click');
      show('call-state', 'calling');
      attach(ua.call($('callee').value, { mediaConstraints: MEDIA, pcConfig: PC_CONFIG }));
      showLocal();
    });
    $('answer').addEventListener('click', () => {
      if (session && session.direction === 'incoming' && session.isInProgress()) {
        session.answer({ mediaConstraints: MEDIA, pcConfig: PC_CONFIG });
        showLocal();
      }
    });
    $('decline').addEventListener('click', () => {
      if (session && session.direction === 'incoming' && session.isInProgress()) {
        session.terminate({ status_code: 603, reason_phrase: 'Decline' });
      }
    });
    $('hangup').addEventListener('click', () => {
      if (session) {
        session.terminate();
      }
    });
  });
})();
