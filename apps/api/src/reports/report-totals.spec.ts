import { computeTotals } from './report-totals.js';
import type { ReportCaseView, ReportTransferView } from './report.dto.js';

const c = (
  areaCode: string,
  theme: string,
  outcome: 'honoured' | 'rejected',
  honoured: number | null,
): ReportCaseView => ({
  caseId: 'x',
  reference: 'INI-1',
  type: 'initiative',
  title: 't',
  areaCode,
  theme,
  outcome,
  decidedBy: 'college',
  requestedAmountCents: 1_000,
  honouredAmountCents: honoured,
  decidedAt: '2026-01-01T00:00:00.000Z',
});
const tr = (from: string, to: string, amountCents: number) =>
  ({ fromAreaCode: from, toAreaCode: to, amountCents }) as ReportTransferView;

describe('computeTotals', () => {
  it('counts per area and theme, sums only honoured amounts, nets transfers per area', () => {
    const totals = computeTotals(
      [
        c('oost', 'groen', 'honoured', 300),
        c('oost', 'groen', 'rejected', null),
        c('west', 'spelen', 'honoured', 200),
        c('oost', 'anders', 'honoured', 5),
      ],
      [tr('oost', 'west', 70), tr('west', 'zuid', 20)],
      [{ areaCode: 'oost', budgetCents: 1_000, committedCents: 305 }],
      ['oost', 'west', 'zuid'],
      2026,
    );
    expect(totals).toMatchObject({
      caseCount: 4,
      honouredCount: 3,
      rejectedCount: 1,
      honouredAmountCents: 505,
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
      ]),
    ).toEqual([
      ['oost', 'anders', 1, 0, 5],
      ['oost', 'groen', 1, 1, 300],
      ['west', 'spelen', 1, 0, 200],
    ]);
    expect(totals.byArea).toEqual([
      {
        areaCode: 'oost',
        honouredCount: 2,
        rejectedCount: 1,
        honouredAmountCents: 305,
        transferredNetCents: -70,
        programme: { year: 2026, budgetCents: 1_000, committedCents: 305, availableCents: 695 },
      },
      {
        areaCode: 'west',
        honouredCount: 1,
        rejectedCount: 0,
        honouredAmountCents: 200,
        transferredNetCents: 50,
        programme: null,
      },
      {
        areaCode: 'zuid',
        honouredCount: 0,
        rejectedCount: 0,
        honouredAmountCents: 0,
        transferredNetCents: 20,
        programme: null,
      },
    ]);
  });

  it('is all zeros for an empty report, with every area listed', () => {
    const totals = computeTotals([], [], [], ['b', 'a'], 2026);
    expect(totals).toMatchObject({ caseCount: 0, honouredAmountCents: 0, transferCount: 0, byAreaTheme: [] });
    expect(totals.byArea.map((x) => x.areaCode)).toEqual(['a', 'b']);
  });
});
