// The municipality's own look from the server's settings (/theme.json, made from THEME_* and
// MUNICIPALITY_NAME): its name and logo in the header, its links in the footer. The colours
// come as CSS custom properties in /theme.css and need no script.

import { clear, el } from './dom.js';

const FOOTER_LINKS = [
  ['contact', 'Contact'],
  ['privacy', 'Privacyverklaring'],
  ['accessibility', 'Toegankelijkheidsverklaring'],
];

const theme = { municipalityName: '' };

/** The configured name, once applyTheme has read it. */
export const municipalityName = () => theme.municipalityName;

export async function applyTheme() {
  const response = await fetch('/theme.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`theme.json: ${response.status}`);
  const { municipalityName, logoUrl, links } = await response.json();
  theme.municipalityName = municipalityName;
  document.getElementById('brand-sub').textContent = municipalityName;
  document.getElementById('footer-municipality').textContent = municipalityName;
  const logo = document.getElementById('brand-logo');
  if (logoUrl) {
    // The link's text names the municipality already: the logo is decoration beside it.
    logo.src = logoUrl;
    logo.hidden = false;
  }
  clear(document.getElementById('footer-links')).append(
    ...FOOTER_LINKS.map(([key, text]) => el('li', {}, el('a', { href: links[key] }, text))),
  );
}
