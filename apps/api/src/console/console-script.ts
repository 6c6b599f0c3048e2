/**
 * The console's one script, served from the app itself (`/console/assets/console.js`) because the
 * Content-Security-Policy (helmet's default, `script-src 'self'`) allows no inline script. It does
 * two things and the pages work without it:
 * - focus: the error summary (or the notice of a form shown again) takes focus when the page
 *   opens, where the browser did not honour its `autofocus`;
 * - the session: a warning shortly before the idle time-out, with "Stay signed in" (a request to
 *   `/console/session`, which counts as use), and typing in a form keeps the session alive too.
 * Timings come from `/console/session`; the server's idle clock is touched at most once a minute,
 * so the warning counts from up to a minute before the page's own load.
 */
export const CONSOLE_SCRIPT = `(function () {
  'use strict';
  var first = document.querySelector('[data-focus-first]');
  if (first && document.activeElement !== first) first.focus();
  var returnPath = document.body.getAttribute('data-location');
  if (returnPath && window.history && window.history.replaceState) window.history.replaceState(null, '', returnPath);

  var box = document.querySelector('[data-session-warning]');
  if (!box) return;
  var text = box.querySelector('[data-session-text]');
  var stay = box.querySelector('[data-stay-signed-in]');
  var warnTimer = null, endTimer = null, idleSeconds = 0, leadSeconds = 0, lastPing = Date.now();

  function schedule(remaining) {
    clearTimeout(warnTimer); clearTimeout(endTimer);
    warnTimer = setTimeout(warn, Math.max(0, remaining - leadSeconds) * 1000);
    endTimer = setTimeout(ended, Math.max(0, remaining) * 1000);
  }
  function warn() {
    var minutes = Math.max(1, Math.round(leadSeconds / 60));
    text.textContent = 'You will be signed out in about ' + minutes + (minutes === 1 ? ' minute' : ' minutes') + ' because nothing has been sent for a while. If that happens, what you have typed is not lost: sign in again and it is shown again.';
    stay.hidden = false;
    box.hidden = false;
    stay.focus();
  }
  function ended() {
    text.textContent = 'Your session has ended. When you send a form you will be asked to sign in again, and what you typed is shown again.';
    stay.hidden = true;
    box.hidden = false;
  }
  function ping(then) {
    lastPing = Date.now();
    fetch('/console/session', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s || !s.signedIn) { ended(); return; }
        idleSeconds = s.idleSeconds; leadSeconds = s.warnSeconds;
        schedule(idleSeconds - Math.min(60, idleSeconds / 4));
        if (then) then();
      })
      .catch(function () { /* offline: keep the timers as they are */ });
  }
  stay.addEventListener('click', function () { ping(function () { box.hidden = true; }); });
  document.addEventListener('input', function () { if (idleSeconds > 0 && Date.now() - lastPing > 60000) ping(null); });
  ping(null);
})();
`;
