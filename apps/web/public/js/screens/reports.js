// Raadsinformatiebrieven: the alderman issues the next one; alderman and council read them in
// the app (report-view.js) and download their decisions for a spreadsheet (Excel or CSV) or the
// brief as text (Markdown), fetched with Accept and offered as a file.

import { api, describeError } from '../api.js';
import { announce, busy, el, problemBox, moreButton } from '../dom.js';
import { EVENTS, count, euro, formatDateTime, label } from '../format.js';

const PAGE_SIZE = 20;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function render(view, ctx) {
  document.title = 'Raadsinformatiebrieven – Wijkflow';
  view.append(
    el('h1', {}, 'Raadsinformatiebrieven'),
    el(
      'p',
      {},
      'Het college meldt de raad met een raadsinformatiebrief elk besluit over een aanvraag (toekennen, afwijzen, ' +
        'buiten behandeling stellen, vaststellen, intrekken, een overeenkomst tekenen, evalueren of beëindigen) en ' +
        'welk budget is overgeheveld.',
    ),
  );
  if (ctx.me.roles.includes('alderman')) view.append(issueForm(ctx));

  const list = el('ul', { class: 'cards', 'aria-label': 'Raadsinformatiebrieven' });
  const more = moreButton(() => load());
  view.append(el('h2', {}, 'Uitgebrachte brieven'), list, more);
  let cursor = null;
  const load = async () => {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (cursor) query.set('cursor', cursor);
    const page = await api(`/reports?${query}`);
    for (const report of page.items) list.append(card(report));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    return page.items;
  };
  const first = await load();
  if (first.length === 0) list.replaceWith(el('p', {}, 'Er is nog geen raadsinformatiebrief uitgebracht.'));
}

function issueForm(ctx) {
  const form = el(
    'form',
    { class: 'stack panel', 'aria-labelledby': 'issue-title' },
    el('h2', { id: 'issue-title' }, 'Nieuwe raadsinformatiebrief'),
    el(
      'p',
      {},
      'Alle besluiten en overhevelingen die nog niet gemeld zijn, gaan mee; afgeronde aanvragen worden gearchiveerd. ' +
        'De brief legt ook de stand van de procesregistratie vast.',
    ),
    el('button', { type: 'submit' }, 'Breng de raadsinformatiebrief uit'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelector('.form-problem')?.remove();
    await busy(form, async () => {
      try {
        const report = await api('/reports', { method: 'POST' });
        ctx.navigate(
          '#/rapportages',
          `Raadsinformatiebrief ${report.number} is uitgebracht, met ${
            report.totals.decisionCount !== undefined
              ? count(report.totals.decisionCount, 'besluit', 'besluiten')
              : count(report.totals.caseCount, 'aanvraag', 'aanvragen')
          }.`,
        );
      } catch (error) {
        const box = problemBox(describeError(error), error);
        form.prepend(box);
        box.focus();
      }
    });
  });
  return form;
}

function card(report) {
  const t = report.totals;
  // Reports issued before decisions were listed have only the closed cases and transfers.
  const summary =
    t.decisionCount !== undefined
      ? [
          `${count(t.decisionCount, 'besluit', 'besluiten')}: ${t.honouredCount} toegekend (${euro(t.honouredAmountCents)}), ` +
            `${t.rejectedCount} afgewezen, ${t.settledCount ?? 0} vastgesteld (${euro(t.settledAmountCents ?? 0)}). ` +
            `Teruggegaan naar het budget: ${euro(t.releasedAmountCents ?? 0)}.`,
          `${count(t.caseCount, 'afgeronde aanvraag', 'afgeronde aanvragen')} gemeld. ` +
            `${count(t.transferCount, 'overheveling', 'overhevelingen')} (${euro(t.transferredAmountCents)}).`,
        ]
      : [
          `${count(t.caseCount, 'aanvraag', 'aanvragen')}: ${t.honouredCount} toegekend (${euro(t.honouredAmountCents)}), ` +
            `${t.rejectedCount} afgewezen. ${count(t.transferCount, 'overheveling', 'overhevelingen')} ` +
            `(${euro(t.transferredAmountCents)}).`,
        ];
  return el(
    'li',
    { class: 'card', 'data-report': report.number },
    el('h3', { class: 'card-title' }, `Raadsinformatiebrief ${report.number}`),
    el(
      'p',
      { class: 'card-meta' },
      `${formatDateTime(report.createdAt)} · uitgebracht door ${report.issuedBy.name}`,
    ),
    summary.map((line) => el('p', { class: 'report-summary' }, line)),
    decisionsOf(report),
    el(
      'p',
      { class: 'button-row' },
      el(
        'a',
        { href: `#/rapportages/${report.id}`, class: 'button', 'data-read': report.number },
        `Lees raadsinformatiebrief ${report.number}`,
      ),
      downloadButton(report, XLSX, 'xlsx', 'Download de besluiten als Excel-bestand'),
      downloadButton(report, 'text/csv', 'csv', 'Download de besluiten als CSV'),
      downloadButton(report, 'text/markdown', 'md', 'Download als tekst (Markdown)'),
    ),
  );
}

/** The report's decisions, counted per kind of decision (where the API lists them). */
function decisionsOf(report) {
  if (!Array.isArray(report.decisions) || report.decisions.length === 0) return null;
  const kinds = new Map();
  for (const d of report.decisions) kinds.set(d.event, (kinds.get(d.event) ?? 0) + 1);
  return el(
    'ul',
    { class: 'plain-list decisions', 'aria-label': 'Besluiten per soort' },
    [...kinds].map(([event, n]) => el('li', {}, `${label(EVENTS, event)}: ${n}`)),
  );
}

function downloadButton(report, accept, extension, text) {
  const button = el('button', { type: 'button', class: 'secondary' }, text);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      // The bytes as sent (a Blob, not text): decoding as text would drop the CSV's byte order mark.
      const body = await api(`/reports/${report.id}`, { accept, blob: true });
      const type = accept === XLSX ? accept : `${accept};charset=utf-8`;
      const url = URL.createObjectURL(new Blob([body], { type }));
      const link = el('a', {
        href: url,
        download: `raadsinformatiebrief-${report.number}.${extension}`,
        hidden: true,
      });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      announce(`Raadsinformatiebrief ${report.number} is gedownload.`);
    } catch (error) {
      announce(describeError(error));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
