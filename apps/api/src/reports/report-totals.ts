import type { CountedDecision } from './report-row.js';
import type {
  AreaThemeTotals,
  AreaTotals,
  ProgrammeStanding,
  ReportTotals,
  ReportTransferView,
} from './report.dto.js';

export interface ProgrammeFigures {
  areaCode: string;
  budgetCents: number;
  committedCents: number;
}

/** The money columns every level of the totals has. */
interface Amounts {
  honouredCount: number;
  rejectedCount: number;
  honouredAmountCents: number;
  settledCount: number;
  settledAmountCents: number;
  releasedAmountCents: number;
  penaltyAmountCents: number;
}

const noAmounts = (): Amounts => ({
  honouredCount: 0,
  rejectedCount: 0,
  honouredAmountCents: 0,
  settledCount: 0,
  settledAmountCents: 0,
  releasedAmountCents: 0,
  penaltyAmountCents: 0,
});

/** Adds one decision to each of `into`. */
function count(d: CountedDecision, ...into: Amounts[]): void {
  for (const x of into) {
    if (d.kind === 'grant') {
      x.honouredCount++;
      x.honouredAmountCents += d.amountCents ?? 0;
    } else if (d.kind === 'refusal') {
      x.rejectedCount++;
    } else if (d.kind === 'settlement') {
      x.settledCount++;
      x.settledAmountCents += d.amountCents ?? 0;
    }
    x.releasedAmountCents += d.releasedCents ?? 0;
    x.penaltyAmountCents += d.penaltyCents ?? 0;
  }
}

/**
 * The summary the council reads first: the report's decisions counted per area and theme
 * (grants, refusals, settlements, and what went back to the programmes), how many closed
 * cases it files, and the transfers. Pure, so the arithmetic is unit-tested apart from the
 * database. Every area of the municipality is listed, also one without decisions, so the
 * council sees each area's budget standing in every report.
 */
export function computeTotals(
  decisions: CountedDecision[],
  caseCount: number,
  transfers: ReportTransferView[],
  programmes: ProgrammeFigures[],
  areaCodes: string[],
  programmeYear: number,
): ReportTotals {
  const byAreaTheme = new Map<string, AreaThemeTotals>();
  const byArea = new Map<string, AreaTotals>();
  const programmeOf = new Map(programmes.map((p) => [p.areaCode, p]));
  const area = (code: string): AreaTotals => {
    let a = byArea.get(code);
    if (!a) {
      const p = programmeOf.get(code);
      const programme: ProgrammeStanding | null = p
        ? {
            year: programmeYear,
            budgetCents: p.budgetCents,
            committedCents: p.committedCents,
            availableCents: p.budgetCents - p.committedCents,
          }
        : null;
      a = { areaCode: code, ...noAmounts(), transferredNetCents: 0, programme };
      byArea.set(code, a);
    }
    return a;
  };
  for (const code of areaCodes) area(code);

  const all = noAmounts();
  for (const d of decisions) {
    const key = `${d.areaCode}\u0000${d.theme}`;
    let at = byAreaTheme.get(key);
    if (!at) {
      at = { areaCode: d.areaCode, theme: d.theme, ...noAmounts() };
      byAreaTheme.set(key, at);
    }
    count(d, all, at, area(d.areaCode));
  }

  let transferredAmountCents = 0;
  for (const t of transfers) {
    area(t.fromAreaCode).transferredNetCents -= t.amountCents;
    area(t.toAreaCode).transferredNetCents += t.amountCents;
    transferredAmountCents += t.amountCents;
  }

  const byCode = (x: { areaCode: string }, y: { areaCode: string }) => x.areaCode.localeCompare(y.areaCode);
  return {
    caseCount,
    decisionCount: decisions.length,
    ...all,
    transferCount: transfers.length,
    transferredAmountCents,
    programmeYear,
    byAreaTheme: [...byAreaTheme.values()].sort((x, y) => byCode(x, y) || x.theme.localeCompare(y.theme)),
    byArea: [...byArea.values()].sort(byCode),
  };
}
