import { stateHasTag } from '../../../../libs/workflows/src/index.js';
import type {
  AreaThemeTotals,
  AreaTotals,
  ProgrammeStanding,
  ReportCaseView,
  ReportTotals,
  ReportTransferView,
} from './report.dto.js';

export interface ProgrammeFigures {
  areaCode: string;
  budgetCents: number;
  committedCents: number;
}

/**
 * The summary the council reads first. Pure, so the arithmetic is unit-tested apart from
 * the database. Every area of the municipality is listed, also one without cases, so the
 * council sees each area's budget standing in every report.
 */
export function computeTotals(
  cases: ReportCaseView[],
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
      a = {
        areaCode: code,
        honouredCount: 0,
        rejectedCount: 0,
        honouredAmountCents: 0,
        transferredNetCents: 0,
        programme,
      };
      byArea.set(code, a);
    }
    return a;
  };
  for (const code of areaCodes) area(code);

  let honouredCount = 0;
  let rejectedCount = 0;
  let honouredAmountCents = 0;
  for (const c of cases) {
    const key = `${c.areaCode}\u0000${c.theme}`;
    let at = byAreaTheme.get(key);
    if (!at) {
      at = {
        areaCode: c.areaCode,
        theme: c.theme,
        honouredCount: 0,
        rejectedCount: 0,
        honouredAmountCents: 0,
      };
      byAreaTheme.set(key, at);
    }
    const a = area(c.areaCode);
    if (stateHasTag(c.outcome, 'granted')) {
      const amount = c.honouredAmountCents ?? 0;
      at.honouredCount++;
      at.honouredAmountCents += amount;
      a.honouredCount++;
      a.honouredAmountCents += amount;
      honouredCount++;
      honouredAmountCents += amount;
    } else {
      at.rejectedCount++;
      a.rejectedCount++;
      rejectedCount++;
    }
  }

  let transferredAmountCents = 0;
  for (const t of transfers) {
    area(t.fromAreaCode).transferredNetCents -= t.amountCents;
    area(t.toAreaCode).transferredNetCents += t.amountCents;
    transferredAmountCents += t.amountCents;
  }

  const byCode = (x: { areaCode: string }, y: { areaCode: string }) => x.areaCode.localeCompare(y.areaCode);
  return {
    caseCount: cases.length,
    honouredCount,
    rejectedCount,
    honouredAmountCents,
    transferCount: transfers.length,
    transferredAmountCents,
    programmeYear,
    byAreaTheme: [...byAreaTheme.values()].sort((x, y) => byCode(x, y) || x.theme.localeCompare(y.theme)),
    byArea: [...byArea.values()].sort(byCode),
  };
}
