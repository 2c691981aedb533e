// The area programmes of a year: budget, committed, available, and the raadsbesluit that set
// each. The alderman shifts budget between areas; the raad adopts or revises a programme in a
// meeting, which the griffier (clerk) registers here; a raadslid reads it.

import { api } from '../api.js';
import { busy, el, field, loadError, missingRequired, showFormErrors, yearForm } from '../dom.js';
import { centsToInput, currentYear, euro, formatDate, formatDay, parseEuro } from '../format.js';

export async function render(view, ctx) {
  const year = Number(ctx.query.get('jaar')) || currentYear();
  document.title = `Programma's ${year} – Wijkflow`;
  const isAlderman = ctx.me.roles.includes('alderman');
  const isCouncil = ctx.me.roles.includes('council');
  const isClerk = ctx.me.roles.includes('clerk');
  const [programmes, transfers] = await Promise.all([
    api(`/programmes/${year}`),
    isAlderman || isCouncil ? api(`/programmes/${year}/transfers`).catch((error) => error) : null,
  ]);
  const reload = (message) => ctx.navigate(`#/programmas?jaar=${year}`, message);

  view.append(
    el('h1', {}, `Programma's ${year}`),
    el(
      'p',
      {},
      'Per gebied het budget dat de raad vaststelde, wat daarvan is toegekend en wat er nog beschikbaar is.',
    ),
    yearForm(ctx, { id: 'programmes-year', year, years: yearChoices(), route: '#/programmas' }),
    programmeTable(programmes, ctx, year),
  );
  if (isAlderman) view.append(transferForm(programmes, ctx, year, reload));
  if (transfers) view.append(transferList(transfers, ctx));
  if (isClerk) view.append(adoptForm(programmes, ctx, year, reload));
  else if (isCouncil) {
    view.append(
      el(
        'p',
        { class: 'panel', 'data-read-only': '' },
        'De raad stelt een programma vast in een raadsvergadering; de griffier legt dat besluit hier vast. ' +
          'Als raadslid leest u de programma’s en de besluiten, maar stelt u ze niet zelf vast.',
      ),
    );
  }
}

/** The raadsbesluit of a programme in one line: meeting, agenda item and votes, as far as recorded. */
export function councilDecisionText(d) {
  if (!d) return 'Niet vastgelegd';
  const votes = [
    d.votesFor !== undefined ? `${d.votesFor} stemmen voor` : null,
    d.votesAgainst !== undefined ? `${d.votesAgainst} stemmen tegen` : null,
  ].filter(Boolean);
  return (
    `Raadsvergadering ${formatDay(d.meetingOn)}, agendapunt ${d.agendaItem}` +
    (votes.length ? ` (${votes.join(', ')})` : '')
  );
}

function programmeTable(programmes, ctx, year) {
  const byArea = new Map(programmes.map((p) => [p.areaCode, p]));
  return el(
    'div',
    { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'programmes-caption' },
    el(
      'table',
      {},
      el('caption', { id: 'programmes-caption' }, `Programma's per gebied, ${year}`),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          [
            'Gebied',
            'Budget',
            'Toegekend',
            'Beschikbaar',
            'Mandaat wethouder',
            "Thema's",
            'Besluit van de raad',
          ].map((h, i) => el('th', { scope: 'col', class: i > 0 && i < 5 ? 'num' : null }, h)),
        ),
      ),
      el(
        'tbody',
        {},
        ctx.areas.map((area) => {
          const p = byArea.get(area.code);
          if (!p) {
            return el(
              'tr',
              { 'data-area': area.code },
              el('th', { scope: 'row' }, area.name),
              el('td', { colspan: '6', class: 'none' }, 'Geen programma vastgesteld'),
            );
          }
          return el(
            'tr',
            { 'data-area': area.code },
            el('th', { scope: 'row' }, area.name),
            el('td', { class: 'num' }, euro(p.budgetCents)),
            el('td', { class: 'num' }, euro(p.committedCents)),
            el('td', { class: 'num' }, euro(p.availableCents)),
            el('td', { class: 'num' }, euro(p.delegationLimitCents)),
            el('td', {}, p.themes.join(', ')),
            el('td', { class: 'council-decision' }, councilDecisionText(p.councilDecision)),
          );
        }),
      ),
    ),
  );
}

function areaOptions(areas) {
  return [['', 'Kies een gebied'], ...areas.map((a) => [a.code, a.name])];
}

function transferForm(programmes, ctx, year, reload) {
  const withProgramme = new Set(programmes.map((p) => p.areaCode));
  const mine = ctx.areas.filter((a) => ctx.me.areas.includes(a.code) && withProgramme.has(a.code));
  const others = ctx.areas.filter((a) => withProgramme.has(a.code));
  const form = el(
    'form',
    { novalidate: true, class: 'stack', 'aria-labelledby': 'transfer-title' },
    el('h2', { id: 'transfer-title' }, 'Budget overhevelen'),
    el('p', { class: 'hint' }, 'U geeft budget af vanuit een gebied waarvoor u werkt, aan een ander gebied.'),
    field({
      id: 'transfer-from',
      name: 'fromAreaCode',
      label: 'Van gebied',
      kind: 'select',
      options: areaOptions(mine),
      required: true,
    }),
    field({
      id: 'transfer-to',
      name: 'toAreaCode',
      label: 'Naar gebied',
      kind: 'select',
      options: areaOptions(others),
      required: true,
    }),
    field({
      id: 'transfer-amount',
      name: 'amountCents',
      label: 'Bedrag (euro)',
      hint: 'Bijvoorbeeld 10.000,00',
      inputmode: 'decimal',
      autocomplete: 'off',
      required: true,
    }),
    field({
      id: 'transfer-reason',
      name: 'reason',
      label: 'Reden',
      kind: 'textarea',
      rows: 3,
      required: true,
    }),
    el('button', { type: 'submit' }, 'Hevel over'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const errors = missingRequired(form);
    const amountCents = parseEuro(data.get('amountCents'));
    if (amountCents === null && String(data.get('amountCents')).trim() !== '') {
      errors.push({ name: 'amountCents', reason: 'Vul een bedrag in euro in, bijvoorbeeld 10.000,00.' });
    }
    if (errors.length) return showFormErrors(form, errors);
    const body = {
      fromAreaCode: data.get('fromAreaCode'),
      toAreaCode: data.get('toAreaCode'),
      amountCents,
      reason: String(data.get('reason')).trim(),
    };
    await busy(form, async () => {
      try {
        await api(`/programmes/${year}/transfers`, { method: 'POST', body });
        reload(`${euro(amountCents)} is overgeheveld.`);
      } catch (error) {
        showFormErrors(form, error);
      }
    });
  });
  return form;
}

function transferList(transfers, ctx) {
  const section = el(
    'section',
    { 'aria-labelledby': 'transfers-title' },
    el('h2', { id: 'transfers-title' }, 'Overhevelingen'),
  );
  if (transfers instanceof Error) section.append(loadError(transfers));
  else if (transfers.length === 0) section.append(el('p', {}, 'Nog geen overhevelingen dit jaar.'));
  else
    section.append(
      el(
        'ul',
        { class: 'plain-list' },
        transfers.map((t) =>
          el(
            'li',
            {},
            `${formatDate(t.createdAt)}: ${euro(t.amountCents)} van ${ctx.areaName(t.fromAreaCode)} naar ${ctx.areaName(t.toAreaCode)}. `,
            el('span', { class: 'hint' }, t.reason),
          ),
        ),
      ),
    );
  return section;
}

function adoptForm(programmes, ctx, year, reload) {
  const byArea = new Map(programmes.map((p) => [p.areaCode, p]));
  const form = el(
    'form',
    { novalidate: true, class: 'stack', 'aria-labelledby': 'adopt-title' },
    el('h2', { id: 'adopt-title' }, `Programma ${year} vaststellen of wijzigen`),
    field({
      id: 'adopt-area',
      name: 'areaCode',
      label: 'Gebied',
      kind: 'select',
      options: areaOptions(ctx.areas),
      required: true,
    }),
    field({
      id: 'adopt-budget',
      name: 'budgetCents',
      label: 'Budget (euro)',
      inputmode: 'decimal',
      autocomplete: 'off',
      required: true,
    }),
    field({
      id: 'adopt-limit',
      name: 'delegationLimitCents',
      label: 'Mandaat wethouder (euro)',
      hint: 'Tot dit bedrag per aanvraag beslist de wethouder; daarboven de raad.',
      inputmode: 'decimal',
      autocomplete: 'off',
      required: true,
    }),
    field({
      id: 'adopt-themes',
      name: 'themes',
      label: "Thema's",
      hint: 'Gescheiden door komma’s, in kleine letters: groen, speelruimte, buurtwelzijn',
      autocapitalize: 'none',
      required: true,
    }),
    el(
      'fieldset',
      { class: 'field record-field', 'data-field': 'councilDecision' },
      el('legend', {}, 'Besluit van de raad'),
      el(
        'p',
        { class: 'hint' },
        'U legt vast wat de raad besloot: in welke raadsvergadering, onder welk agendapunt en met hoeveel stemmen.',
      ),
      field({
        id: 'adopt-meeting',
        name: 'councilDecision.meetingOn',
        label: 'Datum van de raadsvergadering',
        type: 'date',
        required: true,
      }),
      field({
        id: 'adopt-agenda-item',
        name: 'councilDecision.agendaItem',
        label: 'Agendapunt',
        hint: 'Bijvoorbeeld 7.2',
        autocomplete: 'off',
        maxlength: 200,
        required: true,
      }),
      field({
        id: 'adopt-votes-for',
        name: 'councilDecision.votesFor',
        label: 'Stemmen voor',
        type: 'number',
        inputmode: 'numeric',
        min: 0,
        step: 1,
        optional: true,
      }),
      field({
        id: 'adopt-votes-against',
        name: 'councilDecision.votesAgainst',
        label: 'Stemmen tegen',
        type: 'number',
        inputmode: 'numeric',
        min: 0,
        step: 1,
        optional: true,
      }),
    ),
    el('button', { type: 'submit' }, 'Leg het besluit vast'),
  );
  // Choosing an area with a programme fills in its current frame, to revise it.
  form.elements.areaCode.addEventListener('change', () => {
    const p = byArea.get(form.elements.areaCode.value);
    form.elements.budgetCents.value = p ? centsToInput(p.budgetCents) : '';
    form.elements.delegationLimitCents.value = p ? centsToInput(p.delegationLimitCents) : '';
    form.elements.themes.value = p ? p.themes.join(', ') : '';
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const errors = missingRequired(form);
    const money = {};
    for (const name of ['budgetCents', 'delegationLimitCents']) {
      money[name] = parseEuro(data.get(name));
      if (money[name] === null && String(data.get(name)).trim() !== '') {
        errors.push({ name, reason: 'Vul een bedrag in euro in, bijvoorbeeld 100.000,00.' });
      }
    }
    const councilDecision = {
      meetingOn: String(data.get('councilDecision.meetingOn')).trim(),
      agendaItem: String(data.get('councilDecision.agendaItem')).trim(),
    };
    for (const name of ['votesFor', 'votesAgainst']) {
      const text = String(data.get(`councilDecision.${name}`) ?? '').trim();
      if (text === '') continue;
      if (/^\d+$/.test(text)) councilDecision[name] = Number(text);
      else errors.push({ name: `councilDecision.${name}`, reason: 'Vul een geheel aantal stemmen in.' });
    }
    if (errors.length) return showFormErrors(form, errors);
    const areaCode = data.get('areaCode');
    const body = {
      ...money,
      themes: String(data.get('themes'))
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      councilDecision,
    };
    await busy(form, async () => {
      try {
        await api(`/programmes/${year}/${encodeURIComponent(areaCode)}`, { method: 'PUT', body });
        reload(`Het besluit van de raad is vastgelegd: programma ${year} voor ${ctx.areaName(areaCode)}.`);
      } catch (error) {
        showFormErrors(form, error);
      }
    });
  });
  return form;
}

function yearChoices() {
  const now = currentYear();
  return [now - 2, now - 1, now, now + 1];
}
