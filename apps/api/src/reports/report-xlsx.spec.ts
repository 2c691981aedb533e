import ExcelJS from 'exceljs';
import type { ReportDecisionView, ReportView } from './report.dto.js';
import { reportToXlsx } from './report-xlsx.js';

const decision: ReportDecisionView = {
  seq: 12,
  at: '2026-07-01T22:30:00.000Z',
  caseId: '00000000-0000-4000-8000-000000000001',
  reference: 'INI-2026-000001',
  type: 'initiative',
  title: '=HYPERLINK("https://evil.example","Klik") Coöperatie',
  areaCode: 'oost',
  theme: 'groen',
  event: 'SETTLE',
  amountCents: 150_050,
  releasedCents: 49_950,
};

const report = {
  number: 7,
  createdAt: '2026-07-02T08:00:00.000Z',
  decisions: [
    decision,
    { ...decision, seq: 13, event: 'REJECT', amountCents: undefined, releasedCents: undefined },
  ],
  cases: [{ caseId: decision.caseId }],
} as unknown as ReportView;

async function readBack(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['Besluiten']);
  return workbook.getWorksheet('Besluiten') as ExcelJS.Worksheet;
}

describe('reportToXlsx', () => {
  it('writes one typed row per decision under the Dutch headers, texts never as formulas', async () => {
    const sheet = await readBack(await reportToXlsx(report, new Map([['oost', 'Oost']])));
    expect(sheet.getRow(1).values).toEqual([
      undefined, // exceljs counts columns from 1
      'Brief',
      'Volgnummer',
      'Besloten op',
      'Kenmerk',
      'Soort',
      'Titel',
      'Gebied',
      'Thema',
      'Besluit',
      'Bedrag',
      'Terug naar het budget',
      'Zaak afgerond',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(3);
    const row = sheet.getRow(2);
    expect(row.values).toEqual([
      undefined,
      7,
      12,
      // The clock time in Groningen (summer time: UTC+2), as a date cell.
      new Date(Date.UTC(2026, 6, 2, 0, 30)),
      'INI-2026-000001',
      'Bewonersinitiatief',
      decision.title,
      'Oost',
      'groen',
      'Subsidie vastgesteld',
      1500.5,
      499.5,
      'nee',
    ]);
    expect(row.getCell(6).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(3).numFmt).toBe('dd-mm-yyyy hh:mm');
    expect(row.getCell(10).numFmt).toBe('"€" #,##0.00');
    // The refusal closed the filed case; it has no amounts: empty cells, not zeros.
    const refusal = sheet.getRow(3);
    expect([refusal.getCell(9).value, refusal.getCell(12).value]).toEqual(['Afgewezen', 'ja']);
    expect([refusal.getCell(10).value, refusal.getCell(11).value]).toEqual([null, null]);
  });

  it('gives the same workbook for the same report', async () => {
    const areas = new Map([['oost', 'Oost']]);
    const [a, b] = [await reportToXlsx(report, areas), await reportToXlsx(report, areas)];
    const cells = async (x: Buffer) => (await readBack(x)).getSheetValues();
    expect(await cells(a)).toEqual(await cells(b));
  });
});
