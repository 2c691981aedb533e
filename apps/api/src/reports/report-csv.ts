import type { ReportView } from './report.dto.js';
import {
  type CellValue,
  type ColumnKind,
  REPORT_COLUMNS,
  amsterdamClock,
  reportRows,
} from './report-table.js';

/**
 * Where a spreadsheet may start a cell inside a text of ours: at its start, and after every
 * separator some reader splits on (`,`; `;` as Dutch Excel does; tab) or line break. A reader
 * that splits on another separator than ours does not see our quotes as quotes, so a title
 * `Bankjes;=HYPERLINK(…)` opened in Dutch Excel gives a cell `=HYPERLINK(…)` however it is
 * quoted. Quotes right before the formula character are taken off by such a reader too.
 */
// A lookbehind, not a group: in `\t=1` the tab both starts a formula and ends a cell.
const CELL_START_FORMULA = /(?<=^|[,;\t\r\n])"*(?=[=+\-@\t\r])/g;

/**
 * A text that a spreadsheet would read as a formula (=, +, -, @, tab or CR at the start of a
 * cell) gets an apostrophe before it, wherever a cell may start (see CELL_START_FORMULA):
 * titles are typed by residents, and a council member opening the file in Excel must not run
 * what they typed (OWASP "CSV injection"). The rest of the text is left as it was typed.
 */
export function neutraliseFormulas(text: string): string {
  return text.replace(CELL_START_FORMULA, "'$&");
}

/**
 * One RFC 4180 field, quoted when it holds a separator of any reader (`,` `;` tab), a quote or
 * a line break, so that a reader splitting on `,` or `;` keeps it in one cell.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? neutraliseFormulas(value) : String(value);
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The headers of the CSV export, in order (see REPORT_COLUMNS). */
export const CSV_COLUMNS = REPORT_COLUMNS.map((c) => c.header);

/** Dutch Excel splits on `;` (the list separator where `,` is the decimal sign). */
export const CSV_SEPARATOR = ';';

/** Without a byte order mark Excel reads the file as Windows-1252, and "Coöperatie" breaks. */
const BOM = '\uFEFF';

/** A cell as Dutch Excel reads it as a value: 1200,50 for euro; 02-03-2026 14:05 for a moment. */
function dutchCell(kind: ColumnKind, value: CellValue): string | number | null {
  if (value === null) return null;
  switch (kind) {
    case 'euro':
      // No thousands separator: a "." in a number is not read the same by every spreadsheet.
      return (Number(value) / 100).toFixed(2).replace('.', ',');
    case 'moment': {
      const [year, month, day, hour, minute] = amsterdamClock(String(value));
      return `${day}-${month}-${year} ${hour}:${minute}`;
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
 * The decisions of one or more reports as CSV that Dutch Excel opens in columns: a byte order
 * mark, a header row of Dutch names, `;` between fields, CRLF line ends, RFC 4180 quoting.
 * Texts typed by people pass the formula guard (csvField); amounts and moments are ours.
 */
export function reportsToCsv(reports: ReportView[], areaNames: ReadonlyMap<string, string>): string {
  const lines = [CSV_COLUMNS.map(csvField).join(CSV_SEPARATOR)];
  for (const row of reportRows(reports, areaNames)) {
    const cells = REPORT_COLUMNS.map((c) => {
      const cell = dutchCell(c.kind, c.value(row));
      return c.kind === 'text' ? csvField(cell) : cell === null ? '' : String(cell);
    });
    lines.push(cells.join(CSV_SEPARATOR));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
