// A deep link (`#/labels/createlabel`) used to paint the server-rendered intro, then jump to the
// operation about a second later, when Redoc's script had run. Until the linked part exists, the
// page stays hidden instead of showing the wrong content (theme.css: data-kirim-route). Runs in
// <head>, before the body is parsed, so the intro is never painted.
(() => {
  const route = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  if (!route) return;
  const root = document.documentElement;
  root.setAttribute('data-kirim-route', 'pending');
  let sawIntro = false;
  const done = () => {
    observer.disconnect();
    clearTimeout(timer);
    root.removeAttribute('data-kirim-route');
  };
  // Shown once the linked element is there (server-rendered sections are, as soon as they are
  // parsed), or once the script replaced the intro with another page (an unknown address).
  const check = () => {
    if (document.getElementById(route)) return done();
    const intro = document.querySelector('[id^="section/"]');
    if (intro) sawIntro = true;
    else if (sawIntro) done();
  };
  const observer = new MutationObserver(check);
  observer.observe(root, { childList: true, subtree: true });
  // Whatever happens to the script, the page is shown.
  const timer = setTimeout(done, 5000);
})();
