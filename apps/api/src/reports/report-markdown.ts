import { stateLabel } from '../../../../libs/workflows/src/index.js';
import type { ReportView } from './report.dto.js';

const TZ = 'Europe/Amsterdam';
const longDate = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: TZ });
const shortDate = new Intl.DateTimeFormat('nl-NL', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TZ,
});
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

const TYPE_NL = { initiative: 'Bewonersinitiatief', right_to_challenge: 'Uitdaagrecht' } as const;
const DECIDED_BY_NL = { college: 'college', council: 'raad' } as const;

export function formatEuro(cents: number): string {
  return euro.format(cents / 100);
}

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
  const t = r.totals;
  const out: string[] = [
    `# Raadsinformatiebrief ${r.number}: besluiten over bewonersinitiatieven en uitdaagrecht`,
    '',
    `**Datum:** ${longDate.format(new Date(r.createdAt))}  `,
    `**Aan:** de gemeenteraad  `,
    `**Van:** het college van burgemeester en wethouders, uitgebracht door ${mdText(r.issuedBy.name)}  `,
    `**Kenmerk:** ${r.id}`,
    '',
    '## Samenvatting',
    '',
  ];
  if (t.caseCount === 0 && t.transferCount === 0) {
    out.push(
      'Sinds de vorige raadsinformatiebrief heeft het college geen nieuwe besluiten genomen en geen budget tussen ' +
        'gebieden verschoven. Deze brief legt de stand van het proceslogboek vast (zie Verificatie).',
    );
  } else {
    out.push(
      'Het college informeert de raad achteraf over de besluiten die sinds de vorige raadsinformatiebrief zijn genomen ' +
        'op bewonersinitiatieven en verzoeken in het kader van het uitdaagrecht, en over verschuivingen van budget tussen ' +
        'de gebiedsprogramma’s.',
      '',
      `- Besluiten: ${t.caseCount}, waarvan ${t.honouredCount} toegekend en ${t.rejectedCount} afgewezen.`,
      `- Toegekend: ${formatEuro(t.honouredAmountCents)}.`,
      `- Budgetverschuivingen: ${count(t.transferCount, 'verschuiving', 'verschuivingen')}, samen ${formatEuro(t.transferredAmountCents)}.`,
    );
  }
  if (t.byAreaTheme.length > 0) {
    out.push(
      '',
      '### Per gebied en thema',
      '',
      ...table(
        ['Gebied', 'Thema', 'Gehonoreerd', 'Afgewezen', 'Toegekend'],
        ['l', 'l', 'r', 'r', 'r'],
        t.byAreaTheme.map((x) => [
          area(x.areaCode),
          mdText(x.theme),
          String(x.honouredCount),
          String(x.rejectedCount),
          formatEuro(x.honouredAmountCents),
        ]),
      ),
    );
  }
  out.push(
    '',
    `### Budget per gebied (programma ${t.programmeYear})`,
    '',
    ...table(
      ['Gebied', 'Budget', 'Vastgelegd', 'Beschikbaar', 'Verschoven', 'Toegekend in deze brief'],
      ['l', 'r', 'r', 'r', 'r', 'r'],
      t.byArea.map((a) => [
        area(a.areaCode),
        a.programme ? formatEuro(a.programme.budgetCents) : 'geen programma',
        a.programme ? formatEuro(a.programme.committedCents) : '',
        a.programme ? formatEuro(a.programme.availableCents) : '',
        formatEuro(a.transferredNetCents),
        formatEuro(a.honouredAmountCents),
      ]),
    ),
    '',
    '## Besluiten',
    '',
  );
  if (r.cases.length === 0) {
    out.push('Geen nieuwe besluiten.');
  } else {
    out.push(
      ...table(
        [
          'Kenmerk',
          'Soort',
          'Titel',
          'Gebied',
          'Thema',
          'Besluit',
          'Besloten door',
          'Gevraagd',
          'Toegekend',
          'Datum besluit',
        ],
        ['l', 'l', 'l', 'l', 'l', 'l', 'l', 'r', 'r', 'l'],
        r.cases.map((c) => [
          mdText(c.reference),
          TYPE_NL[c.type],
          mdText(c.title),
          area(c.areaCode),
          mdText(c.theme),
          stateLabel(c.outcome).toLowerCase(),
          DECIDED_BY_NL[c.decidedBy],
          formatEuro(c.requestedAmountCents),
          c.honouredAmountCents === null ? '' : formatEuro(c.honouredAmountCents),
          shortDate.format(new Date(c.decidedAt)),
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
          shortDate.format(new Date(x.createdAt)),
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
    `Deze brief verankert het proceslogboek. Bij het uitbrengen was de laatste regel nummer ${r.logHead.seq}, met hash:`,
    '',
    `    ${r.logHead.hash}`,
    '',
    'Met `GET /api/v1/audit/verify` kan de raad nagaan dat het logboek sindsdien niet is gewijzigd, ingekort of ' +
      'herschikt: de controle faalt zodra deze regel ontbreekt of een andere hash heeft.',
    '',
  );
  return out.join('\n');
}
