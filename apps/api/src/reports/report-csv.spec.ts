import { csvField, reportsToCsv } from './report-csv.js';
import type { ReportView } from './report.dto.js';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=1+1', "'=1+1"],
    ['+31 50', "'+31 50"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
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
});
