// The dev server's script in the reference page (added to the answer, never to generated/): it
// listens to /__dev/events, reloads the page after each rebuild keeping the reader's place, and
// shows the description's problems over the page until they are fixed.
(() => {
  const script = document.currentScript;
  const build = Number(script?.dataset.build);
  const PLACE = 'kirim-dev-place';

  // Back where the reader was: the anchor comes back with the URL; the scroll position is
  // restored once Redoc has drawn the page (it moves to the anchor by itself, after a while).
  const saved = sessionStorage.getItem(PLACE);
  if (saved !== null) {
    sessionStorage.removeItem(PLACE);
    const { y, hash } = JSON.parse(saved);
    if (hash === location.hash) {
      let steady = 0;
      const deadline = performance.now() + 3000;
      const stop = () => (steady = Infinity);
      for (const type of ['wheel', 'keydown', 'touchstart', 'mousedown']) addEventListener(type, stop, { once: true, passive: true });
      const settle = () => {
        if (steady === Infinity || performance.now() > deadline) return;
        if (Math.abs(scrollY - y) > 1) {
          steady = 0;
          scrollTo(0, y);
        } else steady += 1;
        // Redoc may still move the page: hold the place for a few quiet frames.
        if (steady < 10) requestAnimationFrame(settle);
        else document.documentElement.dataset.devPlaceRestored = 'true';
      };
      if (document.readyState === 'complete') requestAnimationFrame(settle);
      else addEventListener('load', () => requestAnimationFrame(settle), { once: true });
    }
  }

  function reload() {
    sessionStorage.setItem(PLACE, JSON.stringify({ y: scrollY, hash: location.hash }));
    location.reload();
  }

  let overlay;
  function showProblems({ heading, problems }) {
    overlay ??= Object.assign(document.createElement('div'), { id: 'kirim-dev-overlay' });
    overlay.setAttribute('role', 'alert');
    overlay.style.cssText =
      'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:16px 20px;' +
      'background:#1b1b1f;color:#f4f4f5;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;border-top:4px solid #e5484d;box-shadow:0 -4px 16px #0006';
    const title = document.createElement('strong');
    title.textContent = `${heading} — the page shows the last good build until this is fixed.`;
    const list = document.createElement('ul');
    list.style.cssText = 'margin:8px 0 0;padding:0;list-style:none';
    for (const p of problems) {
      const item = document.createElement('li');
      item.className = 'kirim-dev-problem';
      item.style.cssText = 'margin:6px 0;white-space:pre-wrap;overflow-wrap:anywhere';
      item.textContent = [p.place, p.ruleId, p.message].filter(Boolean).join('  ');
      list.append(item);
    }
    overlay.replaceChildren(title, list);
    if (!overlay.isConnected) document.body.append(overlay);
  }

  const events = new EventSource('/__dev/events');
  // On (re)connection: a page served before the latest build reloads, and current problems show.
  events.addEventListener('hello', (event) => {
    const state = JSON.parse(event.data);
    if (state.build !== build) reload();
    else if (state.problems) showProblems(state.problems);
  });
  events.addEventListener('reload', reload);
  events.addEventListener('problems', (event) => showProblems(JSON.parse(event.data)));
  events.addEventListener('fixed', () => overlay?.remove());
})();
