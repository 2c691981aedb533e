import fc from 'fast-check';
import { formatEuro, mdText, reportToMarkdown } from './report-markdown.js';
import type { ReportView } from './report.dto.js';

/** CommonMark backslash escapes: a backslash before ASCII punctuation stands for that character. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
/** The text a reader sees (mdText leaves no entities: & is escaped too). */
const visible = (md: string) => md.replace(ESCAPE, '$1');
/**
 * The Markdown with every escaped character blanked out (an escaped `:` kept apart): what
 * autolinkers (GFM's autolink literals, markdown-it's linkify) look for must not be left in it.
 */
const unescaped = (md: string) => md.replace(ESCAPE, (_, ch: string) => (ch === ':' ? '\uE001' : '\uE000'));
// A scheme's `://`, `www.`, an e-mail's `@`, and a `//` without a scheme (markdown-it links
// `//host`); after an escaped `:` a `//` is not linked, the scheme is broken there.
const AUTOLINK_TRIGGER = /[a-z]:\/\/|(?<!\uE001)\/\/|www\.|@/i;

describe('mdText', () => {
  it('makes typed text inert: no table breaks, markup, links or HTML', () => {
    expect(mdText('a | b')).toBe('a \\| b');
    expect(mdText('[klik](http://x)')).toBe('\\[klik\\]\\(http\\://x\\)');
    expect(mdText('<script>*x*</script>')).toBe('\\<script\\>\\*x\\*\\</script\\>');
    expect(mdText('regel 1\r\n\n  regel 2')).toBe('regel 1 regel 2');
    expect(mdText('# kop')).toBe('\\# kop');
    expect(mdText('Tom &amp; $x$')).toBe('Tom \\&amp; \\$x\\$');
  });

  it.each([
    ['zie https://evil.example/x', 'zie https\\://evil.example/x'],
    ['HTTP://EVIL.EXAMPLE', 'HTTP\\://EVIL.EXAMPLE'],
    ['ftp://x.nl en //x.nl', 'ftp\\://x.nl en \\//x.nl'],
    ['www.evil.example en WWW.evil.example', 'www\\.evil.example en WWW\\.evil.example'],
    ['mail anna@example.org', 'mail anna\\@example.org'],
    ['mailto:anna@example.org', 'mailto:anna\\@example.org'],
    ['(https://x.nl)', '\\(https\\://x.nl\\)'],
    ['om 12:30 // 13:00', 'om 12:30 \\// 13:00'],
  ])('leaves no bare address a renderer would link: %j', (input, expected) => {
    expect(mdText(input)).toBe(expected);
    expect(visible(mdText(input))).toBe(input);
    expect(unescaped(mdText(input))).not.toMatch(AUTOLINK_TRIGGER);
  });

  it('reads as typed, with nothing left for an autolinker, whatever is typed', () => {
    const piece = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.emailAddress(),
      fc.domain().map((d) => `www.${d}`),
      fc.string({
        unit: fc.constantFrom(
          'h',
          't',
          'p',
          's',
          ':',
          '/',
          'w',
          'W',
          '.',
          '@',
          '\\',
          '&',
          '$',
          'a',
          ' ',
          '(',
          '*',
          '_',
        ),
        maxLength: 20,
      }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 4 }),
        fc.constantFrom(' ', '', '(', '*', '\\'),
        (pieces, sep) => {
          const typed = pieces.join(sep);
          const md = mdText(typed);
          expect(visible(md)).toBe(typed);
          expect(unescaped(md)).not.toMatch(AUTOLINK_TRIGGER);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('formatEuro', () => {
  it('writes Dutch amounts', () => {
    expect(formatEuro(123_456_78)).toMatch(/^€\s123\.456,78$/u);
  });
});

describe('reportToMarkdown', () => {
  const report: ReportView = {
    id: '00000000-0000-4000-8000-000000000001',
    number: 7,
    createdAt: '2026-03-02T10:00:00.000Z',
    issuedBy: { id: 'w', name: 'Wethouder *Wim*' },
    logHead: { seq: 42, hash: 'ab'.repeat(32) },
    decisions: [],
    cases: [],
    transfers: [],
    totals: {
      caseCount: 0,
      decisionCount: 0,
      honouredCount: 0,
      rejectedCount: 0,
      honouredAmountCents: 0,
      settledCount: 0,
      settledAmountCents: 0,
      releasedAmountCents: 0,
      penaltyAmountCents: 0,
      transferCount: 0,
      transferredAmountCents: 0,
      programmeYear: 2026,
      byAreaTheme: [],
      byArea: [
        {
          areaCode: 'oost',
          honouredCount: 0,
          rejectedCount: 0,
          honouredAmountCents: 0,
          settledCount: 0,
          settledAmountCents: 0,
          releasedAmountCents: 0,
          penaltyAmountCents: 0,
          transferredNetCents: 0,
          programme: null,
        },
      ],
    },
  };

  it('says plainly when there is nothing new, and still gives the anchor', () => {
    const md = reportToMarkdown(report, new Map([['oost', 'Oost']]));
    expect(md).toMatch(/^# Raadsinformatiebrief 7:/);
    expect(md).toContain('**Datum:** 2 maart 2026');
    expect(md).toContain('uitgebracht door Wethouder \\*Wim\\*');
    expect(md).toContain('geen nieuwe besluiten');
    expect(md).toContain('Geen budgetverschuivingen.');
    expect(md).toContain('| Oost | geen programma |');
    expect(md).toContain('laatste regel nummer 42');
    expect(md).toContain('ab'.repeat(32));
  });

  it('links no address typed into any text: names, titles, themes, areas, reasons', () => {
    const url = 'https://evil.example/login';
    const typed = (what: string) => `${what} ${url} www.evil.example ${what}@evil.example`;
    const full: ReportView = {
      ...report,
      issuedBy: { id: 'w', name: typed('naam') },
      cases: [
        {
          caseId: '00000000-0000-4000-8000-000000000002',
          reference: 'INI-2026-000001',
          type: 'initiative',
          title: typed('titel'),
          areaCode: 'oost',
          theme: typed('thema'),
          outcome: 'honoured',
          decidedBy: 'college',
          requestedAmountCents: 100,
          honouredAmountCents: 100,
          settledAmountCents: null,
          releasedAmountCents: null,
          decidedAt: '2026-03-01T10:00:00.000Z',
        },
      ] as ReportView['cases'],
      decisions: [
        {
          seq: 40,
          at: '2026-03-01T10:00:00.000Z',
          caseId: '00000000-0000-4000-8000-000000000002',
          reference: 'INI-2026-000001',
          type: 'initiative',
          title: typed('besluittitel'),
          areaCode: 'oost',
          theme: typed('besluitthema'),
          event: 'HONOUR',
          amountCents: 100,
        },
      ],
      transfers: [
        {
          id: '00000000-0000-4000-8000-000000000003',
          createdAt: '2026-03-01T10:00:00.000Z',
          fromAreaCode: 'oost',
          toAreaCode: 'west',
          amountCents: 100,
          reason: typed('reden'),
        },
      ] as unknown as ReportView['transfers'],
    };
    const md = reportToMarkdown(full, new Map([['oost', typed('gebied')]]));
    for (const what of ['naam', 'titel', 'thema', 'gebied', 'reden', 'besluittitel', 'besluitthema']) {
      expect(visible(md)).toContain(typed(what));
    }
    expect(unescaped(md)).not.toMatch(AUTOLINK_TRIGGER);
  });

  it('gives a section per kind of decision in Dutch, with amounts in euro, and the closed cases apart', () => {
    const decision = (seq: number, event: ReportView['decisions'][number]['event'], extra = {}) => ({
      seq,
      at: '2026-03-01T10:00:00.000Z',
      caseId: `00000000-0000-4000-8000-0000000000${seq}`,
      reference: `INI-2026-0000${seq}`,
      type: 'initiative' as const,
      title: `Plan ${seq}`,
      areaCode: 'oost',
      theme: 'groen',
      event,
      ...extra,
    });
    const md = reportToMarkdown(
      {
        ...report,
        decisions: [
          decision(11, 'HONOUR', { amountCents: 1_200_000 }),
          decision(12, 'REJECT'),
          decision(13, 'SETTLE', { amountCents: 900_000, releasedCents: 300_000 }),
          decision(14, 'HONOUR', { amountCents: 50_000 }),
          decision(15, 'REVOKE', { releasedCents: 20_000 }),
          decision(16, 'SIGN_AGREEMENT', { type: 'right_to_challenge' }),
          decision(17, 'TERMINATE', { type: 'right_to_challenge', releasedCents: 0 }),
        ],
        cases: [
          {
            caseId: '00000000-0000-4000-8000-000000000013',
            reference: 'INI-2026-000013',
            type: 'initiative',
            title: 'Plan 13',
            areaCode: 'oost',
            theme: 'groen',
            outcome: 'settled',
            decidedBy: 'college',
            requestedAmountCents: 1_500_000,
            honouredAmountCents: 1_200_000,
            settledAmountCents: 900_000,
            releasedAmountCents: 300_000,
            decidedAt: '2026-03-01T10:00:00.000Z',
          },
        ],
        totals: {
          ...report.totals,
          caseCount: 1,
          decisionCount: 7,
          honouredCount: 2,
          rejectedCount: 1,
          honouredAmountCents: 1_250_000,
          settledCount: 1,
          settledAmountCents: 900_000,
          releasedAmountCents: 320_000,
        },
      },
      new Map([['oost', 'Oost']]),
    );
    const lines = md.split('\n');
    const section = (title: string) => {
      const at = lines.indexOf(title);
      expect(at).toBeGreaterThan(0);
      const end = lines.findIndex((l, i) => i > at && /^#/.test(l));
      return lines.slice(at + 1, end).filter((l) => l.startsWith('| INI'));
    };
    expect(md).toContain(
      '- Besluiten: 7 (toegekend: 2, afgewezen: 1, toekenning ingetrokken: 1, subsidie vastgesteld: 1, ' +
        'overeenkomst getekend: 1, overeenkomst beëindigd: 1).',
    );
    expect(md).toMatch(/- Toegekend: €\s12\.500,00\./u);
    expect(md).toMatch(/- Subsidie vastgesteld: €\s9\.000,00\./u);
    expect(md).toMatch(/- Teruggevloeid naar het budget van de gebieden: €\s3\.200,00\./u);
    expect(md).toContain('- Afgeronde zaken: 1.');
    // In the order the machines know the decisions (DECISION_EVENTS), each with its rows and only its columns.
    const titles = lines.filter((l) => l.startsWith('### ') && /\(\d+\)$/.test(l));
    expect(titles).toEqual([
      '### Toegekend (2)',
      '### Afgewezen (1)',
      '### Toekenning ingetrokken (1)',
      '### Subsidie vastgesteld (1)',
      '### Overeenkomst getekend (1)',
      '### Overeenkomst beëindigd (1)',
    ]);
    const granted = section('### Toegekend (2)');
    expect(granted).toHaveLength(2);
    expect(granted[0]).toMatch(
      /^\| INI-2026-000011 \| Bewonersinitiatief \| Plan 11 \| Oost \| groen \| €\s12\.000,00 \| 01-03-2026 \|$/u,
    );
    expect(section('### Afgewezen (1)')).toEqual([
      '| INI-2026-000012 | Bewonersinitiatief | Plan 12 | Oost | groen | 01-03-2026 |',
    ]);
    expect(section('### Subsidie vastgesteld (1)')[0]).toMatch(
      /\| €\s9\.000,00 \| €\s3\.000,00 \| 01-03-2026 \|$/u,
    );
    expect(section('### Toekenning ingetrokken (1)')[0]).toMatch(/\| groen \| €\s200,00 \| 01-03-2026 \|$/u);
    expect(section('### Overeenkomst getekend (1)')[0]).toMatch(
      /^\| INI-2026-000016 \| Uitdaagrecht \| .* \| groen \| 01-03-2026 \|$/,
    );
    expect(section('### Overeenkomst beëindigd (1)')[0]).toMatch(/\| €\s0,00 \| 01-03-2026 \|$/u);
    expect(lines[lines.indexOf('### Toegekend (2)') + 2]).toBe(
      '| Kenmerk | Soort | Titel | Gebied | Thema | Bedrag | Datum besluit |',
    );
    // The closed case: what was granted, settled and returned.
    const closed = section('## Afgeronde zaken');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatch(
      /^\| INI-2026-000013 \| .* \| subsidie vastgesteld \| college \| €\s15\.000,00 \| €\s12\.000,00 \| €\s9\.000,00 \| €\s3\.000,00 \| 01-03-2026 \|$/u,
    );
    expect(md).not.toContain('Geen nieuwe besluiten.');
  });

  it('reads a report issued before decisions were listed without inventing figures', () => {
    // As stored then: no decisions, totals without the settled and released figures.
    const old = {
      ...report,
      decisions: undefined,
      cases: [
        {
          caseId: '00000000-0000-4000-8000-000000000002',
          reference: 'INI-2025-000001',
          type: 'initiative',
          title: 'Speeltuin',
          areaCode: 'oost',
          theme: 'groen',
          outcome: 'honoured',
          decidedBy: 'college',
          requestedAmountCents: 100_000,
          honouredAmountCents: 100_000,
          decidedAt: '2025-03-01T10:00:00.000Z',
        },
      ],
      totals: {
        caseCount: 1,
        honouredCount: 1,
        rejectedCount: 0,
        honouredAmountCents: 100_000,
        transferCount: 0,
        transferredAmountCents: 0,
        programmeYear: 2025,
        byAreaTheme: [
          {
            areaCode: 'oost',
            theme: 'groen',
            honouredCount: 1,
            rejectedCount: 0,
            honouredAmountCents: 100_000,
          },
        ],
        byArea: [
          {
            areaCode: 'oost',
            honouredCount: 1,
            rejectedCount: 0,
            honouredAmountCents: 100_000,
            transferredNetCents: 0,
            programme: null,
          },
        ],
      },
    } as unknown as ReportView;
    const md = reportToMarkdown({ ...old, decisions: [] }, new Map([['oost', 'Oost']]));
    expect(md).not.toMatch(/NaN|undefined/);
    expect(md).toMatch(/\| Oost \| groen \| 1 \| 0 \| €\s1\.000,00 \| €\s0,00 \| €\s0,00 \|/u);
    expect(md).toContain('| INI-2025-000001 |');
  });
});
