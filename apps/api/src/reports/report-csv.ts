import { EVENT_WORDS } from '../../../../libs/workflows/src/index.js';
import type { ReportView } from './report.dto.js';

/**
 * The columns of the CSV export, in order: one record per decision a report lists.
 * Machine-readable on purpose (codes, cents, ISO times) so the council's staff can total and
 * filter it, with the decision's Dutch word beside its code; the Markdown export is the one
 * for reading. `closed`: the case was closed by it and filed in the same report. No contact
 * data and no initiator id: the same minimisation as the JSON.
 */
export const CSV_COLUMNS = [
  'reportNumber',
  'seq',
  'decidedAt',
  'reference',
  'type',
  'title',
  'areaCode',
  'theme',
  'event',
  'decision',
  'amountCents',
  'releasedCents',
  'closed',
] as const;

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

/** The decisions of one or more reports as CSV: a header row, CRLF line ends (RFC 4180). */
export function reportsToCsv(reports: ReportView[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of reports) {
    const filed = new Set(r.cases.map((c) => c.caseId));
    const lastOfCase = new Map(r.decisions.map((d) => [d.caseId, d.seq]));
    for (const d of r.decisions) {
      lines.push(
        [
          r.number,
          d.seq,
          d.at,
          d.reference,
          d.type,
          d.title,
          d.areaCode,
          d.theme,
          d.event,
          EVENT_WORDS[d.event].label,
          d.amountCents ?? null,
          d.releasedCents ?? null,
          filed.has(d.caseId) && lastOfCase.get(d.caseId) === d.seq ? 'true' : 'false',
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return lines.join('\r\n') + '\r\n';
}
