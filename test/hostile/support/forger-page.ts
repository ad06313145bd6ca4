/**
 * A hostile page for the forgery tests (Chromium and Firefox): its script forges ConsentLens's
 * main-world <-> isolated-world bridge `attempts` times of every kind, from the first moment a page
 * script can run, and tries the extension's runtime from the page world. It shows a genuine banner,
 * so the content script has a prompt to which forged consent signals could be attached.
 * Results in window.__forgery.
 */
export function forgerPage(attempts: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Forger</title>
<script>
(function () {
  var N = ${attempts};
  var stats = { handshake: 0, ready: 0, documentEvents: 0, postMessage: 0, caughtNodes: 0, runtime: 'none' };
  // Anything the main world might hand over again: count it.
  var own = new WeakSet();
  document.addEventListener('consentlens-bridge-handshake', function (e) { if (e.relatedTarget && !own.has(e.relatedTarget)) stats.caughtNodes++; }, true);
  var permission = JSON.stringify({ k: 'request', seq: 1, api: 'mediaDevices.getUserMedia', permission: 'camera', probe: false, sinceNavigation: 1, gesture: true });
  var outcome = JSON.stringify({ k: 'outcome', seq: 1, outcome: 'granted', state: 'granted' });
  var before = JSON.stringify({ k: 'before', permission: 'camera' });
  var signal = JSON.stringify({ source: 'tcf', name: '__tcfapi', value: 'CPforgedTCstringAAAA', eventStatus: 'useractioncomplete', cmpId: 10 });
  var api = JSON.stringify({ source: 'api', name: '__tcfapi', value: 'visible' });
  function sendOn(target) {
    target.dispatchEvent(new CustomEvent('permission', { detail: before }));
    target.dispatchEvent(new CustomEvent('permission', { detail: permission }));
    target.dispatchEvent(new CustomEvent('permission', { detail: outcome }));
    target.dispatchEvent(new CustomEvent('signal', { detail: signal }));
    target.dispatchEvent(new CustomEvent('signal', { detail: api }));
  }
  for (var i = 0; i < N; i++) {
    // 1. offer our own node as the bridge (a detached element, as the real main world does)
    var mine = document.createElement('span');
    own.add(mine);
    document.dispatchEvent(new MouseEvent('consentlens-bridge-handshake', { relatedTarget: mine }));
    sendOn(mine);
    stats.handshake++;
    // 2. ask the main world to hand its node over again
    document.dispatchEvent(new CustomEvent('consentlens-bridge-isolated-ready'));
    stats.ready++;
    // 3. bridge events on the document, the root and the window
    sendOn(document); sendOn(document.documentElement); sendOn(window);
    stats.documentEvents++;
    // 4. postMessage, in the runtime envelope and as bridge strings
    window.postMessage({ type: 'permission/requested', payload: JSON.parse(permission) }, '*');
    window.postMessage({ type: 'ledger/delete-all', payload: { confirm: true } }, '*');
    window.postMessage(permission, '*');
    window.postMessage(signal, '*');
    stats.postMessage++;
  }
  // 5. the extension's runtime from the page world (no externally_connectable: none should exist)
  try {
    var rt = window.chrome && window.chrome.runtime;
    if (!rt || typeof rt.sendMessage !== 'function') stats.runtime = 'absent';
    else {
      stats.runtime = 'present';
      rt.sendMessage(new URLSearchParams(location.search).get('ext'), { type: 'ledger/delete-all', payload: { confirm: true } }, function (reply) {
        stats.runtime = reply ? 'answered:' + JSON.stringify(reply) : 'no answer';
      });
    }
  } catch (e) {
    stats.runtime = 'threw:' + e.message;
  }
  window.__forgery = stats;
})();
</script></head>
<body>
<h1>A hostile page</h1>
<div id="cookie-banner" role="dialog" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1rem">
  <p>We use cookies to personalise ads and measure our audience. You can accept or reject them.</p>
  <button id="accept">Accept all</button> <button id="reject">Reject all</button>
</div>
</body></html>`;
}
