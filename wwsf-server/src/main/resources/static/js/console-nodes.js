/*
 * The console's Nodes page (issue 16 point 4): asks /console/nodes/figures (the table's data-figures) every refresh
 * interval and writes each node's status and figures into its row. A file of the WWSF's own origin, so the
 * Content-Security-Policy (script-src and connect-src 'self') lets it run and fetch. When the console does not
 * answer with figures (signed out, server away), the rows keep the last figures and the page says so.
 */
(function () {
  'use strict';

  var table = document.getElementById('node-table');
  var at = document.getElementById('nodes-at');
  var stale = document.getElementById('nodes-stale');
  if (!table || !window.fetch) {
    return;
  }
  var FIGURES = ['flows', 'registrations', 'calls', 'leases'];
  var seconds = Number(table.getAttribute('data-refresh-seconds')) || 5;

  function text(row, css, value) {
    var cell = row.querySelector(css);
    if (cell && cell.textContent !== value) {
      cell.textContent = value;
    }
  }

  function show(snapshot) {
    snapshot.nodes.forEach(function (node) {
      var row = document.getElementById('node-' + node.name);
      if (!row) {
        return;
      }
      row.querySelector('.status').setAttribute('data-status', node.status.replace(' ', '-'));
      text(row, '.state', node.status);
      text(row, '.reason', node.reason);
      FIGURES.forEach(function (figure) {
        text(row, '.' + figure, node[figure]);
      });
    });
    at.textContent = snapshot.at;
    at.setAttribute('datetime', snapshot.at);
    stale.hidden = true;
  }

  function refresh() {
    fetch(table.getAttribute('data-figures'), {
      credentials: 'same-origin', headers: { Accept: 'application/json' }, redirect: 'error'
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    }).then(show).catch(function () {
      stale.hidden = false;
    }).then(function () {
      setTimeout(refresh, seconds * 1000);
    });
  }

  setTimeout(refresh, seconds * 1000);
})();
