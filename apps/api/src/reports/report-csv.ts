import type { ReportView } from './report.dto.js';

/**
 * The columns of the CSV export, in order. Machine-readable on purpose (codes, cents, ISO
 * times) so the council's staff can total and filter it; the Markdown export is the one
 * for reading. No contact data and no initiator id: the same minimisation as the JSON.
 */
export const CSV_COLUMNS = [
  'reportNumber',
  'reference',
  'type',
  'title',
  'areaCode',
  'theme',
  'outcome',
  'decidedBy',
  'requestedAmountCents',
  'honouredAmountCents',
  'decidedAt',
] as const;

/**
 * One RFC 4180 field. A text that a spreadsheet would read as a formula (=, +, -, @, tab,
 * CR at the start) gets a leading apostrophe: titles are typed by residents, and a council
 * member opening the file in Excel must not run what they typed (OWASP "CSV injection").
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The cases of one or more reports as CSV: a header row, CRLF line ends (RFC 4180). */
export function reportsToCsv(reports: ReportView[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of reports) {
    for (const c of r.cases) {
      lines.push(
        [
          r.number,
          c.reference,
          c.type,
          c.title,
          c.areaCode,
          c.theme,
          c.outcome,
          c.decidedBy,
          c.requestedAmountCents,
          c.honouredAmountCents,
          c.decidedAt,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return lines.join('\r\n') + '\r\n';
}
