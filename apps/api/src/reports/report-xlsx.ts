import ExcelJS from 'exceljs';
import type { ReportView } from './report.dto.js';
import {
  type CellValue,
  type ColumnKind,
  REPORT_COLUMNS,
  amsterdamClock,
  reportRows,
} from './report-table.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Excel's number formats are written with `.` for decimals and `,` for thousands; Excel shows
 * them in the reader's own notation, so a Dutch reader sees € 1.200,50.
 */
const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  euro: '"€" #,##0.00',
  moment: 'dd-mm-yyyy hh:mm',
};

/**
 * A cell as a typed value: a number for amounts (euro, not cents), a date for a moment and
 * ja/nee for yes/no. A text stays a text cell: a spreadsheet never runs a text cell as a
 * formula, so unlike in CSV no guard is needed and titles keep their exact characters.
 */
function typedCell(kind: ColumnKind, value: CellValue): string | number | Date | null {
  if (value === null) return null;
  switch (kind) {
    case 'euro':
      return Number(value) / 100;
    case 'moment': {
      // A spreadsheet date has no time zone: it holds the clock time in Groningen.
      const [year, month, day, hour, minute] = amsterdamClock(String(value)).map(Number);
      return new Date(Date.UTC(year, month - 1, day, hour, minute));
    }
    case 'yesNo':
      return value ? 'ja' : 'nee';
    case 'integer':
      return Number(value);
    default:
      return String(value);
  }
}

/**
 * The decisions of a raadsinformatiebrief as an Excel workbook (XLSX): one sheet "Besluiten"
 * with the same columns as the CSV (REPORT_COLUMNS), a bold header row that stays in view and
 * a filter on every column. The workbook's dates are the report's, so the same report gives
 * the same cells every time.
 */
export async function reportToXlsx(
  report: ReportView,
  areaNames: ReadonlyMap<string, string>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Wijkflow';
  workbook.title = `Raadsinformatiebrief ${report.number}`;
  workbook.created = new Date(report.createdAt);
  workbook.modified = new Date(report.createdAt);
  const sheet = workbook.addWorksheet('Besluiten', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = REPORT_COLUMNS.map((c) => ({
    header: c.header,
    width: c.width,
    style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of reportRows([report], areaNames)) {
    sheet.addRow(REPORT_COLUMNS.map((c) => typedCell(c.kind, c.value(row))));
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REPORT_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
