// The main menu on a phone (up to 40em wide): folded behind a "Menu" button instead of wrapping
// over several lines. The button says whether the menu is open (aria-expanded); Escape closes
// it and gives the focus back to the button; choosing a page closes it. On wider screens the
// button is hidden by the stylesheet and the menu is always shown.

export function setUpMenu() {
  const button = document.getElementById('menu-button');
  const nav = document.getElementById('site-nav');
  const setOpen = (open) => {
    button.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('site-nav--open', open);
  };
  button.addEventListener('click', () => setOpen(button.getAttribute('aria-expanded') !== 'true'));
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || button.getAttribute('aria-expanded') !== 'true') return;
    setOpen(false);
    button.focus();
  });
  nav.addEventListener('click', (event) => {
    if (event.target.closest('a')) setOpen(false);
  });
  window.addEventListener('hashchange', () => setOpen(false));
}
