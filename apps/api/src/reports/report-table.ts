import { EVENT_WORDS } from '../../../../libs/workflows/src/index.js';
import { CASE_TYPE_NL } from '../common/dutch.js';
import type { ReportDecisionView, ReportView } from './report.dto.js';

/**
 * The decisions of one or more raadsinformatiebrieven as a table for a spreadsheet: one row
 * per decision, Dutch headers and Dutch words (the case type, the area's name, the decision),
 * amounts in euro and moments in Amsterdam time. The CSV and the XLSX export write the same
 * table, each in its own way (report-csv.ts, report-xlsx.ts). No contact data and no
 * initiator id: the same minimisation as the JSON.
 */

/** How a column's values are written: the CSV as Dutch text, the XLSX as typed cells. */
export type ColumnKind = 'text' | 'integer' | 'euro' | 'moment' | 'yesNo';

/** A cell before it is written: texts, whole numbers, euro cents, ISO moments, yes/no; null is empty. */
export type CellValue = string | number | boolean | null;

export interface ReportColumn {
  header: string;
  kind: ColumnKind;
  /** Characters, for the XLSX column width. */
  width: number;
  value: (row: ReportRow) => CellValue;
}

/** One decision in its report, with what the table needs besides the decision itself. */
export interface ReportRow {
  reportNumber: number;
  decision: ReportDecisionView;
  /** The decision closed the case and the report filed it. */
  closed: boolean;
  areaName: string;
}

export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { header: 'Brief', kind: 'integer', width: 7, value: (r) => r.reportNumber },
  { header: 'Volgnummer', kind: 'integer', width: 11, value: (r) => r.decision.seq },
  { header: 'Besloten op', kind: 'moment', width: 17, value: (r) => r.decision.at },
  { header: 'Kenmerk', kind: 'text', width: 17, value: (r) => r.decision.reference },
  { header: 'Soort', kind: 'text', width: 18, value: (r) => CASE_TYPE_NL[r.decision.type] },
  { header: 'Titel', kind: 'text', width: 40, value: (r) => r.decision.title },
  { header: 'Gebied', kind: 'text', width: 14, value: (r) => r.areaName },
  { header: 'Thema', kind: 'text', width: 16, value: (r) => r.decision.theme },
  { header: 'Besluit', kind: 'text', width: 24, value: (r) => EVENT_WORDS[r.decision.event].label },
  { header: 'Bedrag', kind: 'euro', width: 14, value: (r) => r.decision.amountCents ?? null },
  {
    header: 'Terug naar het budget',
    kind: 'euro',
    width: 14,
    value: (r) => r.decision.releasedCents ?? null,
  },
  { header: 'Zaak afgerond', kind: 'yesNo', width: 14, value: (r) => r.closed },
];

/**
 * The rows of the reports, in their order. `areaNames` maps area codes to names; an unknown
 * code is shown as it is.
 */
export function reportRows(reports: ReportView[], areaNames: ReadonlyMap<string, string>): ReportRow[] {
  return reports.flatMap((r) => {
    const filed = new Set(r.cases.map((c) => c.caseId));
    const lastOfCase = new Map(r.decisions.map((d) => [d.caseId, d.seq]));
    return r.decisions.map((d) => ({
      reportNumber: r.number,
      decision: d,
      closed: filed.has(d.caseId) && lastOfCase.get(d.caseId) === d.seq,
      areaName: areaNames.get(d.areaCode) ?? d.areaCode,
    }));
  });
}

const amsterdamParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** A moment as the clock in Groningen showed it: [year, month, day, hour, minute], zero-padded. */
export function amsterdamClock(iso: string): [string, string, string, string, string] {
  const p = Object.fromEntries(amsterdamParts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return [p.year, p.month, p.day, p.hour, p.minute];
}
