// One raadsinformatiebrief to read in the app: the Dutch Markdown document the API writes
// (GET /reports/{id}, Accept: text/markdown) made HTML by marked and sanitised by DOMPurify,
// both served from this server (/vendor/). The Markdown already escapes what people typed;
// DOMPurify makes sure nothing in it can run or load anything all the same.

import { api } from '../api.js';
import { el } from '../dom.js';

export async function render(view, ctx) {
  const id = ctx.params[0];
  const [markdown, { marked }, { default: DOMPurify }] = await Promise.all([
    api(`/reports/${id}`, { accept: 'text/markdown' }),
    import('/vendor/marked/marked.esm.js'),
    import('/vendor/dompurify/purify.es.mjs'),
  ]);
  const html = marked.parse(markdown, { gfm: true, async: false });
  // A fragment of nodes, never an HTML string put into the page.
  const brief = DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['img', 'style', 'form', 'input', 'button'],
  });
  const article = el('article', { class: 'brief', 'data-brief': id });
  article.append(brief);
  // Wide tables scroll by themselves instead of widening the page on a phone.
  for (const table of article.querySelectorAll('table')) {
    const scroll = el('div', { class: 'table-scroll', tabindex: '0' });
    table.replaceWith(scroll);
    scroll.append(table);
  }
  const title = article.querySelector('h1')?.textContent ?? 'Raadsinformatiebrief';
  document.title = `${title} – Wijkflow`;
  view.append(
    el('p', { class: 'back' }, el('a', { href: '#/rapportages' }, '← Alle raadsinformatiebrieven')),
    article,
  );
}
