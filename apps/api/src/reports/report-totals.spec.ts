import type { CountedDecision, DecisionKind } from './report-row.js';
import { computeTotals } from './report-totals.js';
import type { ReportTransferView } from './report.dto.js';

const d = (
  areaCode: string,
  theme: string,
  kind: DecisionKind,
  amounts: { amountCents?: number; releasedCents?: number; penaltyCents?: number } = {},
): CountedDecision => ({
  seq: 1,
  at: '2026-01-01T00:00:00.000Z',
  caseId: 'x',
  reference: 'INI-1',
  type: 'initiative',
  title: 't',
  areaCode,
  theme,
  event: 'HONOUR',
  kind,
  ...amounts,
});
const tr = (from: string, to: string, amountCents: number) =>
  ({ fromAreaCode: from, toAreaCode: to, amountCents }) as ReportTransferView;
const zero = { settledCount: 0, settledAmountCents: 0, releasedAmountCents: 0, penaltyAmountCents: 0 };

describe('computeTotals', () => {
  it('counts grants, refusals and settlements per area and theme, sums what went back and the penalties, nets transfers', () => {
    const totals = computeTotals(
      [
        d('oost', 'groen', 'grant', { amountCents: 300 }),
        // Decided late, after a notice of default: the penalty the decision froze.
        d('oost', 'groen', 'refusal', { penaltyCents: 32_200 }),
        d('west', 'spelen', 'grant', { amountCents: 200, penaltyCents: 2_300 }),
        d('oost', 'anders', 'grant', { amountCents: 5 }),
        // A settlement below the grant, a revocation and a termination: money back.
        d('oost', 'groen', 'settlement', { amountCents: 250, releasedCents: 50 }),
        d('west', 'spelen', 'other', { releasedCents: 120 }),
        d('oost', 'anders', 'other', { releasedCents: 7 }),
        // An agreement signed or an evaluation: counted as a decision, no money.
        d('west', 'spelen', 'other'),
      ],
      2,
      [tr('oost', 'west', 70), tr('west', 'zuid', 20)],
      [{ areaCode: 'oost', budgetCents: 1_000, committedCents: 305 }],
      ['oost', 'west', 'zuid'],
      2026,
    );
    expect(totals).toMatchObject({
      caseCount: 2,
      decisionCount: 8,
      honouredCount: 3,
      rejectedCount: 1,
      honouredAmountCents: 505,
      settledCount: 1,
      settledAmountCents: 250,
      releasedAmountCents: 177,
      penaltyAmountCents: 34_500,
      transferCount: 2,
      transferredAmountCents: 90,
      programmeYear: 2026,
    });
    expect(
      totals.byAreaTheme.map((x) => [
        x.areaCode,
        x.theme,
        x.honouredCount,
        x.rejectedCount,
        x.honouredAmountCents,
        x.settledCount,
        x.settledAmountCents,
        x.releasedAmountCents,
        x.penaltyAmountCents,
      ]),
    ).toEqual([
      ['oost', 'anders', 1, 0, 5, 0, 0, 7, 0],
      ['oost', 'groen', 1, 1, 300, 1, 250, 50, 32_200],
      ['west', 'spelen', 1, 0, 200, 0, 0, 120, 2_300],
    ]);
    expect(totals.byArea).toEqual([
      {
        areaCode: 'oost',
        honouredCount: 2,
        rejectedCount: 1,
        honouredAmountCents: 305,
        settledCount: 1,
        settledAmountCents: 250,
        releasedAmountCents: 57,
        penaltyAmountCents: 32_200,
        transferredNetCents: -70,
        programme: { year: 2026, budgetCents: 1_000, committedCents: 305, availableCents: 695 },
      },
      {
        areaCode: 'west',
        honouredCount: 1,
        rejectedCount: 0,
        honouredAmountCents: 200,
        ...zero,
        releasedAmountCents: 120,
        penaltyAmountCents: 2_300,
        transferredNetCents: 50,
        programme: null,
      },
      {
        areaCode: 'zuid',
        honouredCount: 0,
        rejectedCount: 0,
        honouredAmountCents: 0,
        ...zero,
        transferredNetCents: 20,
        programme: null,
      },
    ]);
  });

  it('is all zeros for an empty report, with every area listed', () => {
    const totals = computeTotals([], 0, [], [], ['b', 'a'], 2026);
    expect(totals).toMatchObject({
      caseCount: 0,
      decisionCount: 0,
      honouredAmountCents: 0,
      ...zero,
      transferCount: 0,
      byAreaTheme: [],
    });
    expect(totals.byArea.map((x) => x.areaCode)).toEqual(['a', 'b']);
  });
});
