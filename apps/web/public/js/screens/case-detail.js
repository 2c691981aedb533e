// One case: its state in Dutch, its terms (the decision term, the day to supply information,
// the penalty after a notice of default), its decisions (besluiten) with their letters, its
// details, the money (granted, settled, returned) and the agreement, what the user may do now
// (only the events the API lists in availableEvents, each with a form drawn from the event's
// fields in GET /workflows; the ones it lists in blockedEvents as a line saying why not now)
// and the process log as a timeline.

import { api, ApiError, describeError } from '../api.js';
import { announce, busy, choices, el, missingRequired, problemBox, showFormErrors } from '../dom.js';
import { describePayload, eventHelp, fieldControls, fieldsFor, readEventBody } from '../event-form.js';
import {
  ACTIONS,
  CLAIMS,
  EVENTS,
  ROLES,
  STATES,
  TYPES,
  count,
  currentYear,
  euro,
  formatDate,
  formatDateTime,
  formatDay,
  label,
  todayInAmsterdam,
} from '../format.js';
import { endsWithoutGrant, eventFieldsOf, hasTag, tagClasses } from '../workflow.js';

export async function render(view, ctx) {
  const id = ctx.params[0];
  const [c, log, decided] = await Promise.all([
    api(`/cases/${id}`),
    api(`/cases/${id}/log`),
    // The page still shows the case when its decisions cannot be read; the section says so.
    api(`/cases/${id}/decisions`).catch((error) => error),
  ]);
  // Waiting for a decision, the area's programme says what may be granted (or why not).
  const frame =
    (c.availableEvents.length > 0 || blockedOf(c).length > 0) && hasTag(c.state, 'awaiting_decision')
      ? await programmeOf(c.areaCode)
      : null;
  document.title = `${c.title} – Wijkflow`;
  const reload = () => ctx.navigate(`#/aanvragen/${c.id}`);
  // What the case holds (money, agreement) comes before what may be done with it.
  const parts = [
    el('p', { class: 'back' }, el('a', { href: '#/aanvragen' }, '← Terug naar de lijst')),
    el('h1', {}, c.title),
    el('p', { class: 'subtitle' }, `${c.reference} · ${label(TYPES, c.type)} · ${ctx.areaName(c.areaCode)}`),
    statusPanel(c, log, decided, ctx),
    penalty(c, ctx),
    decisions(c, decided),
    money(c, log),
    agreement(c, log),
    actions(c, ctx, frame, reload),
    details(c, ctx),
    timeline(log, ctx),
  ];
  view.append(...parts.filter(Boolean));
}

/**
 * The newest decision, as the initiator reads the outcome once the case is closed and reported
 * to the raad: "Toegekend: € 1.200,00" with its letter, not the reporting state.
 */
function outcomeFor(c, decided, ctx) {
  if (!hasTag(c.state, 'reported') || ctx.me.id !== c.initiatorId) return null;
  if (!Array.isArray(decided) || decided.length === 0) return null;
  return decided.reduce((newest, d) => (d.seq > newest.seq ? d : newest));
}

function statusPanel(c, log, decided, ctx) {
  const outcome = outcomeFor(c, decided, ctx);
  if (outcome) {
    return el(
      'section',
      { class: 'panel', 'aria-labelledby': 'status-title' },
      el('h2', { id: 'status-title', class: 'visually-hidden' }, 'Status'),
      el(
        'p',
        { class: 'state-line' },
        'Besluit: ',
        el(
          'span',
          { class: `badge ${tagClasses(c.state)}`, 'data-state': c.state, 'data-outcome': outcome.number },
          label(EVENTS, outcome.event),
          outcome.amountCents !== undefined ? `: ${euro(outcome.amountCents)}` : null,
        ),
      ),
      el('p', {}, `Besloten op ${formatDate(outcome.decidedAt)}. Uw aanvraag is afgerond.`),
      el('p', { class: 'button-row' }, letterButton(c, outcome, `decision-${outcome.number}-title`)),
    );
  }
  const open = hasTag(c.state, 'open');
  const question = hasTag(c.state, 'awaiting_initiator')
    ? lastWith(log, 'question')?.payload?.question
    : null;
  return el(
    'section',
    { class: 'panel', 'aria-labelledby': 'status-title' },
    el('h2', { id: 'status-title', class: 'visually-hidden' }, 'Status'),
    el(
      'p',
      { class: 'state-line' },
      'Status: ',
      el('span', { class: `badge ${tagClasses(c.state)}`, 'data-state': c.state }, label(STATES, c.state)),
    ),
    open ? decisionTerm(c) : null,
    question ? el('p', {}, 'Gevraagde informatie: ', el('q', {}, question)) : null,
    hasTag(c.state, 'awaiting_initiator') && c.respondBy
      ? dueLine(c.respondBy, 'Aanvullen uiterlijk op ', 'De gevraagde informatie had er uiterlijk op ')
      : null,
    hasTag(c.state, 'account_due') && c.accountBy
      ? dueLine(c.accountBy, 'Verantwoording uiterlijk op ', 'De verantwoording had er uiterlijk op ')
      : null,
    hasTag(c.state, 'in_progress') && c.agreement
      ? el('p', {}, 'De overeenkomst loopt tot en met ', el('strong', {}, formatDay(c.agreement.endsOn)), '.')
      : null,
  );
}

/** Until when the municipality decides, or that it is late (then the initiator may give notice). */
function decisionTerm(c) {
  if (Date.parse(c.decisionDueAt) < Date.now()) {
    return el(
      'p',
      { class: 'overdue', 'data-term': 'decision' },
      'De gemeente had uiterlijk op ',
      el('strong', {}, formatDate(c.decisionDueAt)),
      ' moeten beslissen.',
    );
  }
  return el(
    'p',
    { 'data-term': 'decision' },
    'Besluit uiterlijk op ',
    el('strong', {}, formatDate(c.decisionDueAt)),
    hasTag(c.state, 'term_suspended') ? '. Deze termijn staat stil tot de gevraagde informatie er is.' : '.',
  );
}

/** Until when something is due (a day, YYYY-MM-DD), or that the day has passed. */
function dueLine(day, before, late) {
  const overdue = day < todayInAmsterdam();
  return el(
    'p',
    { class: overdue ? 'overdue' : null },
    overdue ? late : before,
    el('strong', {}, formatDay(day)),
    overdue ? ' moeten zijn.' : '.',
  );
}

/**
 * The penalty (dwangsom, Awb 4:17) once the initiator gave notice of default: since when it
 * runs, for how many days, how much; whether it reached the maximum or stopped at the decision.
 */
function penalty(c, ctx) {
  const p = c.penalty;
  if (!p) return null;
  const started = p.accruesFrom <= todayInAmsterdam();
  const rows = [
    ['In gebreke gesteld op', formatDate(p.noticeAt)],
    [p.frozen ? 'Liep vanaf' : started ? 'Loopt sinds' : 'Gaat in op', formatDay(p.accruesFrom)],
    ['Aantal dagen', count(p.days, 'dag', 'dagen')],
    ['Bedrag', euro(p.amountCents)],
  ];
  let state;
  if (p.frozen) {
    state =
      p.days > 0
        ? 'De dwangsom is gestopt bij het besluit.'
        : 'De dwangsom is gestopt bij het besluit, voordat hij inging: de gemeente hoeft niets te betalen.';
  } else if (!started) {
    state = `Heeft de gemeente op ${formatDay(p.accruesFrom)} nog niet beslist, dan betaalt zij vanaf die dag een dwangsom.`;
  } else if (!p.capped) {
    state = 'Het bedrag loopt elke dag op tot de gemeente beslist, ten hoogste 42 dagen.';
  }
  const who = ctx.me.id === c.initiatorId ? 'U heeft' : 'De aanvrager heeft';
  return el(
    'section',
    { 'aria-labelledby': 'penalty-title', class: 'penalty panel' },
    el('h2', { id: 'penalty-title' }, 'Dwangsom'),
    el('p', {}, `${who} de gemeente in gebreke gesteld, omdat zij niet op tijd besliste.`),
    el(
      'dl',
      { class: 'details', 'data-penalty': '' },
      rows.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
    ),
    p.capped
      ? el('p', { class: 'penalty-state' }, 'Het bedrag bereikt het maximum: het loopt niet verder op.')
      : null,
    state ? el('p', { class: 'penalty-state' }, state) : null,
  );
}

/** The kind of a decision as a noun, as the API names it in Dutch (Toekenning, Afwijzing, …). */
function decisionKind(d) {
  return d.kindLabel ?? label(EVENTS, d.event);
}

/** The decisions (besluiten) on the case, newest first, each with its letter as a PDF. */
function decisions(c, list) {
  const section = el(
    'section',
    { 'aria-labelledby': 'decisions-title', class: 'case-decisions' },
    el('h2', { id: 'decisions-title' }, 'Besluiten'),
  );
  if (!Array.isArray(list)) {
    section.append(problemBox(describeError(list), list instanceof ApiError ? list : null));
    return section;
  }
  if (list.length === 0) return null;
  const newestFirst = [...list].sort((x, y) => y.seq - x.seq);
  section.append(
    el(
      'ol',
      { class: 'cards decision-list' },
      newestFirst.map((d) => decisionCard(c, d)),
    ),
  );
  return section;
}

function decisionCard(c, d) {
  const titleId = `decision-${d.number}-title`;
  // The council decides as a body (its griffier registers it); anyone else by name where the API gives one.
  const by =
    d.decidedBy.role === 'council'
      ? 'De gemeenteraad'
      : d.decidedBy.role === 'clerk'
        ? `De gemeenteraad (vastgelegd door ${d.decidedBy.name ? `${d.decidedBy.name}, griffier` : 'de griffier'})`
        : d.decidedBy.name
          ? `${d.decidedBy.name} (${label(ROLES, d.decidedBy.role)})`
          : label(ROLES, d.decidedBy.role);
  const rows = [
    ['Datum', formatDate(d.decidedAt)],
    ['Kenmerk', d.number],
    ['Besloten door', by],
    d.amountCents !== undefined ? ['Bedrag', euro(d.amountCents)] : null,
    d.conditions ? ['Voorwaarden', el('span', { class: 'description' }, d.conditions)] : null,
    ['Motivering', el('span', { class: 'description' }, d.motivation)],
    ['Wettelijke grondslag', d.legalBasis],
    [
      'Bezwaar maken',
      d.objectionPossible && d.objectionDeadline
        ? ['Kan tot en met ', el('strong', {}, formatDay(d.objectionDeadline)), '.']
        : 'Tegen dit besluit kunt u geen bezwaar maken.',
    ],
  ].filter(Boolean);
  return el(
    'li',
    { class: 'card decision', 'data-decision': d.number },
    el('h3', { id: titleId, class: 'card-title' }, `${decisionKind(d)}, ${formatDate(d.decidedAt)}`),
    el(
      'dl',
      { class: 'details' },
      rows.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
    ),
    el('p', { class: 'button-row' }, letterButton(c, d, titleId)),
  );
}

/**
 * Fetches the decision's letter with the bearer token (Accept: application/pdf; the token never
 * goes into an address) and offers it as a file through a blob: URL.
 */
function letterButton(c, d, titleId) {
  const button = el(
    'button',
    { type: 'button', class: 'secondary', 'aria-describedby': titleId, 'data-letter': d.number },
    'Brief downloaden (pdf)',
  );
  button.addEventListener('click', async () => {
    button.closest('li').querySelector('.form-problem')?.remove();
    button.disabled = true;
    try {
      const pdf = await api(`/cases/${c.id}/decisions/${encodeURIComponent(d.number)}`, {
        accept: 'application/pdf',
        blob: true,
      });
      const url = URL.createObjectURL(new Blob([pdf], { type: 'application/pdf' }));
      const link = el('a', { href: url, download: `besluit-${d.number}.pdf`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      announce(`De brief bij besluit ${d.number} is gedownload.`);
    } catch (error) {
      const box = problemBox(describeError(error), error instanceof ApiError ? error : null);
      button.parentElement.after(box);
      box.focus();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** The money of the case: asked, granted, accounted for, settled and returned, with the why. */
function money(c, log) {
  if (c.honouredAmountCents === null) return null;
  const settlement = lastWith(log, 'settledCents');
  const rows = [
    ['Gevraagd bedrag', euro(c.requestedAmountCents)],
    ['Toegekend bedrag', euro(c.honouredAmountCents)],
    c.accountBy ? ['Verantwoorden uiterlijk op', formatDay(c.accountBy)] : null,
    c.conditions ? ['Voorwaarden', el('span', { class: 'description' }, c.conditions)] : null,
    c.account ? ['Werkelijke kosten', euro(c.account.actualCostCents)] : null,
    c.account ? ['Verantwoording ingediend op', formatDateTime(c.account.submittedAt)] : null,
    c.account ? ['Verslag', el('span', { class: 'description' }, c.account.report)] : null,
    c.accountReview ? ['Advies gebiedsteam', euro(c.accountReview.advisedCents)] : null,
    c.accountReview ? ['Motivering van het advies', c.accountReview.motivation] : null,
    // An initiative is settled (vastgesteld) after its account; until then it is granted only.
    c.settledAmountCents !== undefined
      ? ['Vastgesteld bedrag', euro(c.settledAmountCents)]
      : c.accountBy && hasTag(c.state, 'in_progress')
        ? ['Vastgesteld bedrag', 'Nog niet vastgesteld']
        : null,
    settlement ? ['Vastgesteld op', formatDateTime(settlement.at)] : null,
    settlement?.payload?.motivation ? ['Waarom dit bedrag', settlement.payload.motivation] : null,
    ['Teruggegaan naar het budget', euro(c.releasedAmountCents ?? 0)],
  ].filter(Boolean);
  return el(
    'section',
    { 'aria-labelledby': 'money-title', class: 'money' },
    el('h2', { id: 'money-title' }, 'Geld'),
    el(
      'dl',
      { class: 'details', 'data-money': '' },
      rows.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
    ),
  );
}

/** The Right to Challenge agreement: its term, what is delivered, how it is measured, the fallback. */
function agreement(c, log) {
  if (!c.agreement && !c.agreementMonths) return null;
  const section = el(
    'section',
    { 'aria-labelledby': 'agreement-title', class: 'agreement' },
    el('h2', { id: 'agreement-title' }, 'Overeenkomst'),
  );
  const a = c.agreement;
  if (!a) {
    section.append(
      el('p', {}, `Nog niet getekend. Toegekende looptijd: ten hoogste ${c.agreementMonths} maanden.`),
    );
    return section;
  }
  const measured = lastValues(log);
  section.append(
    el(
      'dl',
      { class: 'details' },
      el('dt', {}, 'Looptijd'),
      el('dd', {}, `${formatDay(a.startsOn)} tot en met ${formatDay(a.endsOn)}`),
      c.agreementMonths
        ? [el('dt', {}, 'Toegekende looptijd'), el('dd', {}, `${c.agreementMonths} maanden`)]
        : null,
      el('dt', {}, 'Terugvaloptie'),
      el('dd', { class: 'description' }, a.fallback),
    ),
    el('h3', {}, 'Wat de bewoners leveren'),
    el(
      'ul',
      { class: 'deliverables' },
      a.deliverables.map((d) => el('li', {}, d)),
    ),
  );
  if (a.indicators.length > 0) {
    section.append(
      el(
        'div',
        // Scrolls sideways on a phone: reachable by keyboard, named by its caption (as the other tables).
        { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'indicators-caption' },
        el(
          'table',
          { class: 'indicators' },
          el('caption', { id: 'indicators-caption' }, 'Indicatoren'),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col' }, 'Indicator'),
              el('th', { scope: 'col' }, 'Eenheid'),
              el('th', { scope: 'col', class: 'num' }, 'Doel'),
              el('th', { scope: 'col', class: 'num' }, 'Laatst gemeten'),
            ),
          ),
          el(
            'tbody',
            {},
            a.indicators.map((i) =>
              el(
                'tr',
                { 'data-indicator': i.name },
                el('th', { scope: 'row' }, i.name),
                el('td', {}, i.unit),
                el('td', { class: 'num' }, number(i.target)),
                el('td', { class: 'num' }, measured.has(i.name) ? number(measured.get(i.name)) : '–'),
              ),
            ),
          ),
        ),
      ),
    );
  }
  return section;
}

const number = (n) => new Intl.NumberFormat('nl-NL').format(n);

/** The latest value measured for each indicator, from the log's reviews and evaluation. */
function lastValues(log) {
  const values = new Map();
  for (const entry of log) {
    for (const v of entry.payload?.indicatorValues ?? []) values.set(v.name, v.value);
  }
  return values;
}

/** The last log entry whose payload carries the field. */
function lastWith(log, name) {
  return [...log].reverse().find((e) => e.payload && e.payload[name] !== undefined);
}

function details(c, ctx) {
  const rows = [
    ['Soort', label(TYPES, c.type)],
    ['Gebied', ctx.areaName(c.areaCode)],
    ['Thema', c.theme],
    ['Gevraagd bedrag', euro(c.requestedAmountCents)],
    ['Ingediend op', formatDateTime(c.createdAt)],
    ['Laatst gewijzigd', formatDateTime(c.updatedAt)],
    c.challengedTask ? ['Over te nemen taak', c.challengedTask] : null,
    c.organisation ? ['Organisatie', c.organisation] : null,
    c.claim ? ['Belofte', label(CLAIMS, c.claim)] : null,
    c.proposedCostCents !== undefined && c.proposedCostCents !== null
      ? ['Kosten bij overname', euro(c.proposedCostCents)]
      : null,
    c.currentCostCents !== undefined && c.currentCostCents !== null
      ? ['Kosten nu (gemeente)', euro(c.currentCostCents)]
      : null,
    // Contact data is for the initiator and the area team, never for the council or its clerk
    // (AVG): the API leaves it out for them, and this page does not show it to them anyway.
    c.contactEmail && !['council', 'clerk'].some((r) => ctx.me.roles.includes(r))
      ? ['E-mailadres voor contact', c.contactEmail]
      : null,
  ].filter(Boolean);
  return el(
    'section',
    { 'aria-labelledby': 'details-title' },
    el('h2', { id: 'details-title' }, 'Gegevens'),
    el(
      'dl',
      { class: 'details' },
      rows.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
    ),
    el('h3', {}, 'Omschrijving'),
    el('p', { class: 'description' }, c.description),
  );
}

function timeline(log, ctx) {
  return el(
    'section',
    { 'aria-labelledby': 'log-title' },
    el('h2', { id: 'log-title' }, 'Verloop'),
    el(
      'ol',
      { class: 'timeline' },
      log.map((entry) =>
        el(
          'li',
          {},
          el('p', { class: 'timeline-when' }, el('time', { datetime: entry.at }, formatDateTime(entry.at))),
          el('p', { class: 'timeline-what' }, label(EVENTS, entry.event)),
          el('p', { class: 'timeline-who' }, 'Door ', actorName(entry.actor, ctx)),
          entry.fromState && entry.toState && entry.fromState !== entry.toState
            ? el(
                'p',
                { class: 'hint' },
                `Status: ${label(STATES, entry.fromState)} → ${label(STATES, entry.toState)}`,
              )
            : null,
          entryDetails(entry),
        ),
      ),
    ),
  );
}

function actorName(actor, ctx) {
  if (actor.id === ctx.me.id) return 'u';
  const role = label(ROLES, actor.role);
  return actor.name ? `${actor.name} (${role})` : role;
}

/** What came with an event, each field under its Dutch label (from GET /workflows). */
function entryDetails(entry) {
  const lines = describePayload(eventFieldsOf(entry.event), entry.payload ?? {});
  if (lines.length === 0) return null;
  return el(
    'dl',
    { class: 'timeline-details' },
    lines.map(([t, d]) => [el('dt', {}, t), el('dd', {}, d)]),
  );
}

async function programmeOf(areaCode) {
  try {
    return (await api(`/programmes/${currentYear()}`)).find((p) => p.areaCode === areaCode) ?? null;
  } catch {
    return null;
  }
}

/** The events the caller's role could send in this state but may not now, with the refusal code. */
function blockedOf(c) {
  return Array.isArray(c.blockedEvents) ? c.blockedEvents : [];
}

/**
 * Where a blocked action would be: a plain line with the action's name and why it cannot be done
 * now (text, not a disabled button, so every reader meets it in the page's order). The reason is
 * the API's own Dutch sentence (blockedEvents[].detail), made from the case and its programme.
 */
function blockedLine(b) {
  const why = typeof b.detail === 'string' && b.detail ? b.detail : 'Dit kan nu niet.';
  return el(
    'p',
    { class: 'blocked-action', 'data-blocked': b.type, 'data-code': b.code },
    el('strong', {}, `“${label(ACTIONS, b.type)}”`),
    ` kan nu niet: ${why.charAt(0).toLowerCase()}${why.slice(1)}`,
  );
}

function actions(c, ctx, frame, reload) {
  const section = el('section', { 'aria-labelledby': 'actions-title', class: 'actions' });
  // A raadslid reads a case referred to the raad; the raad decides in its meeting and the
  // griffier registers that decision here.
  if (c.availableEvents.length === 0 && hasTag(c.state, 'referred') && ctx.me.roles.includes('council')) {
    section.append(
      el('h2', { id: 'actions-title' }, 'Besluit van de raad'),
      el(
        'p',
        { class: 'panel', 'data-read-only': '' },
        'De raad besluit over deze aanvraag in een raadsvergadering. De griffier legt dat besluit hier vast, ' +
          'met de datum van de raadsvergadering, het agendapunt en de stemmen. U kunt de aanvraag lezen, maar ' +
          'niet zelf besluiten.',
      ),
    );
    return section;
  }
  const blocked = blockedOf(c);
  if (c.availableEvents.length === 0 && blocked.length === 0) return section;
  section.append(el('h2', { id: 'actions-title' }, 'Wat kunt u nu doen?'));
  if (frame) {
    section.append(
      el(
        'p',
        { class: 'hint' },
        `Programma ${frame.year} voor dit gebied: nog beschikbaar ${euro(frame.availableCents)}, ` +
          `mandaat wethouder ${euro(frame.delegationLimitCents)}, thema's: ${frame.themes.join(', ')}.`,
      ),
    );
  }
  // An event that ends the case without a grant (or takes it away) cannot be undone: it comes
  // last, folded away until asked for, and asks to be confirmed. What cannot be done now stands
  // where its action would be, in the order GET /workflows lists the events.
  const final = (event) => endsWithoutGrant(c.type, c.state, event);
  const order = Object.keys(ACTIONS);
  const rank = (event) => (order.includes(event) ? order.indexOf(event) : order.length);
  const items = [
    ...c.availableEvents.filter((e) => !final(e)).map((e) => [e, () => eventForm(e, c, ctx, reload, false)]),
    ...blocked.map((b) => [b.type, () => blockedLine(b)]),
  ].sort(([x], [y]) => rank(x) - rank(y));
  for (const [, draw] of items) section.append(draw());
  for (const event of c.availableEvents.filter(final)) {
    const form = eventForm(event, c, ctx, reload, true);
    section.append(el('details', { class: 'fold' }, el('summary', {}, label(ACTIONS, event)), form));
  }
  return section;
}

function eventForm(event, c, ctx, reload, final) {
  const prefix = `event-${event.toLowerCase()}`;
  const fields = fieldsFor(eventFieldsOf(event), c);
  const help = eventHelp(event, c);
  const action = label(ACTIONS, event);
  // An event without fields would go with one tap: like an event that cannot be undone, it is confirmed first.
  const confirm = final || fields.length === 0;
  const form = el(
    'form',
    {
      novalidate: true,
      class: 'stack event-form',
      'aria-labelledby': `${prefix}-title`,
      'aria-describedby': help ? `${prefix}-help` : null,
      'data-event': event,
    },
    el('h3', { id: `${prefix}-title` }, action),
    help
      ? el(
          'div',
          { id: `${prefix}-help`, class: 'event-help' },
          help.map((text) => el('p', {}, text)),
        )
      : null,
    fieldControls(fields, c, prefix),
    confirm
      ? choices({
          name: 'confirm',
          type: 'checkbox',
          idPrefix: `${prefix}-confirm`,
          legend: 'Bevestigen',
          options: [
            [
              'yes',
              final
                ? `Ja: ${action.toLowerCase()}. Dit kan niet ongedaan worden gemaakt.`
                : `Ja: ${action.toLowerCase()}.`,
            ],
          ],
          required: true,
        })
      : null,
    el('button', { type: 'submit', class: final ? 'danger' : null }, action),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const { body, errors } = readEventBody(form, event, fields);
    const missing = missingRequired(form).filter((m) => !errors.some((x) => x.name === m.name));
    if (missing.length || errors.length) return showFormErrors(form, [...missing, ...errors]);
    await busy(form, async () => {
      try {
        // If-Match: the version this page showed. Someone else's change in between is a 412, not a surprise.
        const updated = await api(`/cases/${c.id}/events`, {
          method: 'POST',
          body,
          headers: { 'If-Match': `"${c.version}"` },
        });
        ctx.navigate(
          `#/aanvragen/${c.id}`,
          `${label(EVENTS, event)}. De status is nu: ${label(STATES, updated.state)}.`,
        );
      } catch (error) {
        // The page no longer shows the case as it is: offer to load it again.
        const stale =
          error instanceof ApiError &&
          (error.status === 412 || ['STATE', 'CONCURRENT_UPDATE'].includes(error.code));
        showFormErrors(form, error, stale ? { onReload: reload } : {});
        if (!(error instanceof ApiError)) announce('Er ging iets mis.');
      }
    });
  });
  return form;
}
