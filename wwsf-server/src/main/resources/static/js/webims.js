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
