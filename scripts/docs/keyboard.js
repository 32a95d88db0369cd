// Keyboard access that Redoc's page lacks, added by scripts/docs.mjs (test/browser checks it):
// - the search box (a <div> that opens search on click) joins the Tab order and opens with Enter
//   or Space;
// - a menu opened from a button (the code-sample language, the example pickers) takes the focus
//   on the item it shows; arrows, Home and End move, Enter or Space picks, Escape and Tab close it
//   and give the focus back to the button.
(() => {
  const SEARCH = '[data-testid="search-trigger"]';
  const shown = (element) => element.getClientRects().length > 0;
  const menuItems = () => [...document.querySelectorAll('[role="menuitem"]')].filter(shown).map((item) => /** @type {HTMLElement} */ (item));
  /** @type {HTMLElement | null} */
  let opener = null;

  const readySearch = () => {
    const trigger = /** @type {HTMLElement | null} */ (document.querySelector(SEARCH));
    if (trigger && !trigger.hasAttribute('tabindex')) {
      trigger.tabIndex = 0;
      trigger.setAttribute('role', 'button');
    }
  };

  const focusMenu = (/** @type {HTMLElement} */ button) => {
    opener = button;
    // The menu renders on the next frame.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const items = menuItems();
      // Redoc marks the chosen item by style only; the button shows its text.
      const current = items.find((item) => item.textContent.trim() === button.textContent.trim());
      (current ?? items[0])?.focus();
    }));
  };

  const closeMenu = () => {
    const button = opener;
    opener = null;
    if (button && button.getAttribute('aria-expanded') === 'true') button.click();
    button?.focus();
  };

  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    // Handled keys stop here: Redoc's own handlers would toggle the menu a second time.
    if (target.matches(SEARCH) && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      event.stopPropagation();
      target.click();
      return;
    }
    if (target.matches('[aria-haspopup="menu"]') && ['Enter', ' ', 'ArrowDown'].includes(event.key)) {
      event.preventDefault();
      event.stopPropagation();
      if (target.getAttribute('aria-expanded') !== 'true') target.click();
      focusMenu(target);
      return;
    }
    if (!target.matches('[role="menuitem"]')) return;
    const items = menuItems();
    const at = items.indexOf(target);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (move !== undefined) event.stopPropagation();
    if (move !== undefined) {
      event.preventDefault();
      items[(move + items.length) % items.length]?.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      const button = opener;
      target.click();
      opener = null;
      button?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      closeMenu();
    }
  }, true);

  readySearch();
  new MutationObserver(readySearch).observe(document.documentElement, { childList: true, subtree: true });
})();
