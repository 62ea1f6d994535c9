/*
 * WebIMS pages' own behaviour, beside wic.js (issue 12 item 9). A file, not inline script, so that a
 * Content-Security-Policy can forbid inline script. Every part looks for its elements and does nothing without them.
 */
(function () {
  'use strict';

  // Register and Deregister follow the registration state wic.js shows in #state's data-state, as the agent
  // accepts them: Register when nothing is registered or under way (or to retry now while reconnecting),
  // Deregister when registered (or to stop retrying).
  var state = document.getElementById('state');
  var register = document.getElementById('register');
  var deregister = document.getElementById('deregister');
  var REGISTER_IN = ['idle', 'deregistered', 'error', 'reconnecting'];
  var DEREGISTER_IN = ['registered', 'reconnecting'];

  function followState() {
    var now = state.getAttribute('data-state');
    register.disabled = REGISTER_IN.indexOf(now) < 0;
    deregister.disabled = DEREGISTER_IN.indexOf(now) < 0;
  }

  if (state && register && deregister) {
    followState();
    new MutationObserver(followState).observe(state, { attributes: true, attributeFilter: ['data-state'] });
  }

  // The call panel (issue 14): wic.js shows the call in #call-state's data-state and handles the buttons' clicks;
  // here the buttons follow that state (Call also needs a registration), the duration counts while connected,
  // Mute and Camera off start released with each call, and the callee field offers the user's own public
  // identities (#impus) and the numbers called before (this browser's localStorage, newest first).
  var call = document.getElementById('call-state');
  var callee = document.getElementById('callee');
  var calleeOptions = document.getElementById('callee-options');
  var duration = document.getElementById('call-duration');
  var media = document.getElementById('call-media');
  var RECENT = 'webims-recent-callees';
  var CALL_BUTTONS = {
    call: ['idle', 'ended', 'failed'],
    answer: ['ringing'],
    decline: ['ringing'],
    mute: ['connected'],
    camera: ['connected'],
    hangup: ['calling', 'alerting', 'connected']
  };
  var connectedAt = 0;
  var ticking = 0;

  function recentCallees() {
    try {
      return JSON.parse(window.localStorage.getItem(RECENT)) || [];
    } catch (e) {
      return [];
    }
  }

  function offerCallees() {
    if (!calleeOptions) {
      return;
    }
    var seen = {};
    var values = [];
    recentCallees().concat(Array.prototype.map.call(document.querySelectorAll('#impus li'), function (li) {
      return li.textContent;
    })).forEach(function (value) {
      if (value && !seen[value]) {
        seen[value] = true;
        values.push(value);
      }
    });
    calleeOptions.replaceChildren.apply(calleeOptions, values.map(function (value) {
      var option = document.createElement('option');
      option.value = value;
      return option;
    }));
  }

  function remember(value) {
    var recent = [value].concat(recentCallees().filter(function (v) {
      return v !== value;
    })).slice(0, 10);
    try {
      window.localStorage.setItem(RECENT, JSON.stringify(recent));
    } catch (e) {
      // storage blocked: the list lasts for this page only
    }
    offerCallees();
  }

  function showDuration() {
    var s = Math.floor((Date.now() - connectedAt) / 1000);
    var seconds = s % 60;
    duration.textContent = Math.floor(s / 60) + ':' + (seconds < 10 ? '0' : '') + seconds;
  }

  // Issue 15: a connected call's media goes either straight between the two ends or through the eP-CSCF's media
  // gateway (rtpengine), which it uses for phones that are not browsers. The gateway is ICE-lite toward the browser,
  // so the remote SDP's a=ice-lite says "anchored"; another browser's SDP never has it.
  function showMedia(now) {
    if (!media) {
      return;
    }
    if (now !== 'connected' && now !== 'ended') {
      media.hidden = true;
      media.setAttribute('data-anchored', '');
      return;
    }
    var peer = window.wicPeer;
    var remote = peer && peer.remoteDescription;
    if (now !== 'connected' || !remote) {
      if (now === 'connected' && peer) {
        peer.addEventListener('signalingstatechange', function () {
          showMedia(call.getAttribute('data-state'));
        }, { once: true });
      }
      return;
    }
    var anchored = /^a=ice-lite\s*$/m.test(remote.sdp);
    media.setAttribute('data-anchored', anchored ? 'true' : 'false');
    media.textContent = anchored ? 'via media gateway' : 'direct';
    media.title = anchored ? 'The media goes through the operator\'s media gateway (rtpengine)'
      : 'The media goes straight between the two browsers';
    media.hidden = false;
  }

  function followCall() {
    var now = call.getAttribute('data-state');
    showMedia(now);
    var registered = !state || state.getAttribute('data-state') === 'registered';
    Object.keys(CALL_BUTTONS).forEach(function (id) {
      var button = document.getElementById(id);
      if (button) {
        button.disabled = CALL_BUTTONS[id].indexOf(now) < 0 || (id === 'call' && !registered);
      }
    });
    if (now !== 'connected') {
      ['mute', 'camera'].forEach(function (id) {
        var button = document.getElementById(id);
        if (button) {
          button.setAttribute('aria-pressed', 'false');
        }
      });
    }
    if (now === 'calling' && callee && callee.value.trim()) {
      remember(callee.value.trim());
    }
    if (duration) {
      if (now === 'connected' && !ticking) {
        connectedAt = Date.now();
        duration.hidden = false;
        showDuration();
        ticking = window.setInterval(showDuration, 1000);
      } else if (now !== 'connected' && ticking) {
        window.clearInterval(ticking);
        ticking = 0;
      }
      if (now === 'idle' || now === 'calling' || now === 'ringing') {
        duration.hidden = true;
      }
    }
  }

  if (call) {
    followCall();
    var watch = { attributes: true, attributeFilter: ['data-state'] };
    new MutationObserver(followCall).observe(call, watch);
    if (state) {
      new MutationObserver(followCall).observe(state, watch);
    }
    var impus = document.getElementById('impus');
    if (impus) {
      new MutationObserver(offerCallees).observe(impus, { childList: true });
    }
    offerCallees();
    document.getElementById('call-form').addEventListener('submit', function (event) {
      event.preventDefault();
    });
  }

  // /ims: the credentials are a form whose submit button is #register, so Enter registers (wic.js handles the
  // button's click); the form itself never goes anywhere.
  var credentials = document.getElementById('ims-credentials');
  if (credentials) {
    credentials.addEventListener('submit', function (event) {
      event.preventDefault();
    });
  }

  // Tabs of one browser share one web sign-in. The signed-out home page tells the other tabs; a signed-in tab that
  // hears it deregisters (when registered) and then goes to the home page, which shows it signed out.
  if (typeof BroadcastChannel === 'function') {
    var channel = new BroadcastChannel('webims-session');
    if (document.body.getAttribute('data-session') === 'signed-out') {
      channel.postMessage('signed-out');
    } else if (document.getElementById('signout')) {
      channel.onmessage = function (event) {
        if (event.data === 'signed-out') {
          signedOutElsewhere();
        }
      };
    }
  }

  function signedOutElsewhere() {
    var leave = function () {
      window.location.assign('/');
    };
    if (!state || !deregister || state.getAttribute('data-state') !== 'registered') {
      leave();
      return;
    }
    // Leave once the deregistration has its answer, or after 5 s; leaving the page also deregisters (pagehide).
    var timer = window.setTimeout(leave, 5000);
    new MutationObserver(function () {
      var now = state.getAttribute('data-state');
      if (now !== 'registered' && now !== 'deregistering') {
        window.clearTimeout(timer);
        leave();
      }
    }).observe(state, { attributes: true, attributeFilter: ['data-state'] });
    deregister.click();
  }
}());
