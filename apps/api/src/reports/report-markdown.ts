import { DECISION_EVENTS, EVENT_WORDS, stateLabel } from '../../../../libs/workflows/src/index.js';
import type { ReportDecisionView, ReportView } from './report.dto.js';
import { withDecisionTotals } from './report-row.js';
import { CASE_TYPE_NL, formatEuro, formatLongDate } from '../common/dutch.js';

const TZ = 'Europe/Amsterdam';
const shortDate = new Intl.DateTimeFormat('nl-NL', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TZ,
});
const TYPE_NL = CASE_TYPE_NL;
const DECIDED_BY_NL = { college: 'college', council: 'raad' } as const;

export { formatEuro };

/**
 * Where a renderer makes a link of bare text, with no markup at all (GFM's autolink literals,
 * as on GitHub and GitLab, and markdown-it's linkify): the `:` of `https://` (any scheme), a
 * `//` without a scheme, the `.` of `www.` and the `@` of an e-mail address (also behind
 * `mailto:` and `xmpp:`). Escaped, each reads the same but breaks the pattern: `https\://`,
 * `\//host`, `www\.`, `anna\@…`.
 */
const AUTOLINK = /:(?=\/\/)|(?<!:)\/(?=\/)|(?<=www)\.|@/gi;

/**
 * Text typed by residents or aldermen, made inert in Markdown: it can neither break a table
 * row (| and line breaks) nor become markup, a link, HTML, an entity (&) or math ($) in the
 * council's viewer, and bare web and e-mail addresses in it are not made links either.
 * Every escape is a CommonMark backslash escape, so the reader sees the text as typed.
 */
export function mdText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_{}[\]()<>#!|~&$]/g, (ch) => `\\${ch}`)
    .replace(AUTOLINK, (ch) => `\\${ch}`);
}

function table(head: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The raadsinformatiebrief as a readable Dutch document. `areaNames` maps area codes to
 * their names; an unknown code is shown as is.
 */
export function reportToMarkdown(r: ReportView, areaNames: ReadonlyMap<string, string>): string {
  const area = (code: string) => mdText(areaNames.get(code) ?? code);
  const t = withDecisionTotals(r.totals);
  const amount = (cents: number | null | undefined) => (cents == null ? '' : formatEuro(cents));
  const date = (iso: string) => shortDate.format(new Date(iso));
  // One section per kind of decision, in the order the machines know them.
  const kinds = DECISION_EVENTS.map((event) => ({
    label: EVENT_WORDS[event].label,
    decisions: r.decisions.filter((d) => d.event === event),
  })).filter((k) => k.decisions.length > 0);
  const out: string[] = [
    `# Raadsinformatiebrief ${r.number}: besluiten over bewonersinitiatieven en uitdaagrecht`,
    '',
    `**Datum:** ${formatLongDate(r.createdAt)}  `,
    `**Aan:** de gemeenteraad  `,
    `**Van:** het college van burgemeester en wethouders, uitgebracht door ${mdText(r.issuedBy.name)}  `,
    `**Kenmerk:** ${r.id}`,
    '',
    '## Samenvatting',
    '',
  ];
  if (r.decisions.length === 0 && r.cases.length === 0 && t.transferCount === 0) {
    out.push(
      'Sinds de vorige raadsinformatiebrief heeft het college geen nieuwe besluiten genomen en geen budget tussen ' +
        'gebieden verschoven. Deze brief legt de stand van de procesregistratie vast (zie Verificatie).',
    );
  } else {
    out.push(
      'Het college informeert de raad achteraf over de besluiten die sinds de vorige raadsinformatiebrief zijn genomen ' +
        'op bewonersinitiatieven en verzoeken in het kader van het uitdaagrecht: toekenningen en afwijzingen, en wat ' +
        'er daarna met een toekenning gebeurde. Ook meldt het de zaken die zijn afgerond, en verschuivingen van budget ' +
        'tussen de gebiedsprogramma’s.',
      '',
      r.decisions.length === 0
        ? '- Besluiten: geen.'
        : `- Besluiten: ${r.decisions.length} (${kinds
            .map((k) => `${k.label.toLowerCase()}: ${k.decisions.length}`)
            .join(', ')}).`,
      `- Toegekend: ${formatEuro(t.honouredAmountCents)}.`,
    );
    if (t.settledCount > 0) out.push(`- Subsidie vastgesteld: ${formatEuro(t.settledAmountCents)}.`);
    if (t.releasedAmountCents > 0) {
      out.push(`- Teruggevloeid naar het budget van de gebieden: ${formatEuro(t.releasedAmountCents)}.`);
    }
    if (t.penaltyAmountCents > 0) {
      out.push(`- Dwangsommen omdat te laat is beslist: ${formatEuro(t.penaltyAmountCents)}.`);
    }
    out.push(
      `- Afgeronde zaken: ${t.caseCount}.`,
      `- Budgetverschuivingen: ${count(t.transferCount, 'verschuiving', 'verschuivingen')}, samen ${formatEuro(t.transferredAmountCents)}.`,
    );
  }
  if (t.byAreaTheme.length > 0) {
    out.push(
      '',
      '### Per gebied en thema',
      '',
      ...table(
        ['Gebied', 'Thema', 'Toekenningen', 'Afwijzingen', 'Toegekend', 'Vastgesteld', 'Teruggevloeid'],
        ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
        t.byAreaTheme
          .map(withDecisionTotals)
          .map((x) => [
            area(x.areaCode),
            mdText(x.theme),
            String(x.honouredCount),
            String(x.rejectedCount),
            formatEuro(x.honouredAmountCents),
            formatEuro(x.settledAmountCents),
            formatEuro(x.releasedAmountCents),
          ]),
      ),
    );
  }
  out.push(
    '',
    `### Budget per gebied (programma ${t.programmeYear})`,
    '',
    ...table(
      [
        'Gebied',
        'Budget',
        'Vastgelegd',
        'Beschikbaar',
        'Verschoven',
        'Toegekend in deze brief',
        'Vastgesteld in deze brief',
        'Teruggevloeid in deze brief',
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      t.byArea
        .map(withDecisionTotals)
        .map((a) => [
          area(a.areaCode),
          a.programme ? formatEuro(a.programme.budgetCents) : 'geen programma',
          a.programme ? formatEuro(a.programme.committedCents) : '',
          a.programme ? formatEuro(a.programme.availableCents) : '',
          formatEuro(a.transferredNetCents),
          formatEuro(a.honouredAmountCents),
          formatEuro(a.settledAmountCents),
          formatEuro(a.releasedAmountCents),
        ]),
    ),
    '',
    '## Besluiten',
    '',
  );
  if (kinds.length === 0) {
    out.push('Geen nieuwe besluiten.');
  }
  for (const k of kinds) {
    const withAmount = k.decisions.some((d) => d.amountCents !== undefined);
    const withReleased = k.decisions.some((d) => d.releasedCents !== undefined);
    const amounts = [...(withAmount ? ['Bedrag'] : []), ...(withReleased ? ['Terug naar het budget'] : [])];
    const head = ['Kenmerk', 'Soort', 'Titel', 'Gebied', 'Thema', ...amounts, 'Datum besluit'];
    const align = head.map((h): 'l' | 'r' => (amounts.includes(h) ? 'r' : 'l'));
    const row = (d: ReportDecisionView) => [
      mdText(d.reference),
      TYPE_NL[d.type],
      mdText(d.title),
      area(d.areaCode),
      mdText(d.theme),
      ...(withAmount ? [amount(d.amountCents)] : []),
      ...(withReleased ? [amount(d.releasedCents)] : []),
      date(d.at),
    ];
    out.push(`### ${k.label} (${k.decisions.length})`, '', ...table(head, align, k.decisions.map(row)), '');
  }
  if (kinds.length > 0) out.pop();
  out.push('', '## Afgeronde zaken', '');
  if (r.cases.length === 0) {
    out.push('Geen zaken afgerond.');
  } else {
    out.push(
      'Deze zaken zijn met het laatste besluit erover afgerond en hiermee aan de raad gemeld.',
      '',
      ...table(
        [
          'Kenmerk',
          'Soort',
          'Titel',
          'Gebied',
          'Thema',
          'Uitkomst',
          'Besloten door',
          'Gevraagd',
          'Toegekend',
          'Vastgesteld',
          'Teruggevloeid',
          'Datum besluit',
        ],
        ['l', 'l', 'l', 'l', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'l'],
        r.cases.map((c) => [
          mdText(c.reference),
          TYPE_NL[c.type],
          mdText(c.title),
          area(c.areaCode),
          mdText(c.theme),
          stateLabel(c.outcome).toLowerCase(),
          DECIDED_BY_NL[c.decidedBy],
          formatEuro(c.requestedAmountCents),
          amount(c.honouredAmountCents),
          amount(c.settledAmountCents),
          amount(c.releasedAmountCents),
          date(c.decidedAt),
        ]),
      ),
    );
  }
  out.push('', '## Budgetverschuivingen', '');
  if (r.transfers.length === 0) {
    out.push('Geen budgetverschuivingen.');
  } else {
    out.push(
      ...table(
        ['Datum', 'Van', 'Naar', 'Bedrag', 'Reden'],
        ['l', 'l', 'l', 'r', 'l'],
        r.transfers.map((x) => [
          date(x.createdAt),
          area(x.fromAreaCode),
          area(x.toAreaCode),
          formatEuro(x.amountCents),
          mdText(x.reason),
        ]),
      ),
    );
  }
  out.push(
    '',
    '## Verificatie',
    '',
    `Deze brief verankert de procesregistratie. Bij het uitbrengen was de laatste regel nummer ${r.logHead.seq}, met hash:`,
    '',
    `    ${r.logHead.hash}`,
    '',
    'Met `GET /api/v1/audit/verify` kan de raad nagaan dat de procesregistratie sindsdien niet is gewijzigd, ingekort of ' +
      'herschikt: de controle faalt zodra deze regel ontbreekt of een andere hash heeft.',
    '',
  );
  return out.join('\n');
}
