import {
  type CaseState,
  type CaseType,
  initialCase,
  type PersistedCase,
} from '../../../../libs/workflows/src/index.js';
import {
  type DecisionEntryRow,
  type ReportRow,
  toCountedDecision,
  toReportDecision,
  toReportView,
} from './report-row.js';

/** A log entry of a case whose amounts are, now, `amounts` (cents as pg gives bigints: text). */
const entry = (
  type: CaseType,
  from: CaseState | null,
  event: string,
  to: CaseState | null,
  amounts: { honoured?: number; settled?: number; released?: number } = {},
  snapshot: PersistedCase = caseWith({}),
): DecisionEntryRow => ({
  seq: 41,
  at: new Date('2026-03-01T10:00:00.000Z'),
  case_id: '00000000-0000-4000-8000-000000000001',
  event,
  from_state: from,
  to_state: to,
  reference: 'INI-2026-000001',
  type,
  title: 'Buurtfeest',
  area_code: 'oost',
  theme: 'groen',
  honoured_amount_cents: amounts.honoured === undefined ? null : String(amounts.honoured),
  settled_amount_cents: amounts.settled === undefined ? null : String(amounts.settled),
  released_amount_cents: amounts.released === undefined ? null : String(amounts.released),
  snapshot,
});

/** A case's snapshot with the facts of a notice of default and a decision. */
function caseWith(facts: { noticeOfDefaultAt?: string; decidedAt?: string }): PersistedCase {
  const c = initialCase({
    type: 'initiative',
    areaCode: 'oost',
    theme: 'groen',
    initiatorId: 'resident-1',
    requestedAmountCents: 100_000,
    submittedAt: '2025-12-01T10:00:00.000Z',
  });
  return { ...c, context: { ...c.context, ...facts } };
}

const base = {
  seq: 41,
  at: '2026-03-01T10:00:00.000Z',
  caseId: '00000000-0000-4000-8000-000000000001',
  reference: 'INI-2026-000001',
  title: 'Buurtfeest',
  areaCode: 'oost',
  theme: 'groen',
};

describe('toCountedDecision', () => {
  const grant = { honoured: 100_000 };
  it.each([
    // [case type, from, event, to, the case's amounts now, kind, amountCents, releasedCents]
    ['initiative', 'assessed', 'HONOUR', 'honoured', grant, 'grant', 100_000, undefined],
    [
      'right_to_challenge',
      'awaiting_council',
      'COUNCIL_HONOUR',
      'honoured',
      grant,
      'grant',
      100_000,
      undefined,
    ],
    ['initiative', 'assessed', 'REJECT', 'rejected', {}, 'refusal', undefined, undefined],
    ['initiative', 'awaiting_council', 'COUNCIL_REJECT', 'rejected', {}, 'refusal', undefined, undefined],
    // The grant of a case settled since: the grant still reads as the amount granted.
    [
      'initiative',
      'assessed',
      'HONOUR',
      'honoured',
      { ...grant, settled: 80_000, released: 20_000 },
      'grant',
      100_000,
      undefined,
    ],
    [
      'initiative',
      'account_reviewed',
      'SETTLE',
      'settled',
      { ...grant, settled: 80_000, released: 20_000 },
      'settlement',
      80_000,
      20_000,
    ],
    [
      'initiative',
      'account_reviewed',
      'SETTLE',
      'settled',
      { ...grant, settled: 100_000, released: 0 },
      'settlement',
      100_000,
      0,
    ],
    [
      'initiative',
      'honoured',
      'REVOKE',
      'revoked',
      { ...grant, released: 100_000 },
      'other',
      undefined,
      100_000,
    ],
    [
      'initiative',
      'accounted',
      'REVOKE',
      'revoked',
      { ...grant, released: 100_000 },
      'other',
      undefined,
      100_000,
    ],
    [
      'initiative',
      'honoured',
      'WITHDRAW',
      'withdrawn',
      { ...grant, released: 100_000 },
      'other',
      undefined,
      100_000,
    ],
    [
      'right_to_challenge',
      'honoured',
      'SIGN_AGREEMENT',
      'in_execution',
      grant,
      'other',
      undefined,
      undefined,
    ],
    ['right_to_challenge', 'in_execution', 'EVALUATE', 'evaluated', grant, 'other', undefined, undefined],
    [
      'right_to_challenge',
      'in_execution',
      'TERMINATE',
      'terminated',
      { ...grant, released: 30_000 },
      'other',
      undefined,
      30_000,
    ],
    [
      'right_to_challenge',
      'in_execution',
      'REVOKE',
      'revoked',
      { ...grant, released: 100_000 },
      'other',
      undefined,
      100_000,
    ],
  ] as const)(
    '%s %s --%s--> %s is a decision',
    (type, from, event, to, amounts, kind, amountCents, releasedCents) => {
      const d = toCountedDecision(entry(type, from, event, to, amounts));
      const expected: Record<string, unknown> = { ...base, type, event, kind };
      if (amountCents !== undefined) expected.amountCents = amountCents;
      if (releasedCents !== undefined) expected.releasedCents = releasedCents;
      expect(d).toEqual(expected);
      const { kind: _kind, ...view } = expected;
      expect(toReportDecision(d!)).toEqual(view);
    },
  );

  it.each([
    ['initiative', 'submitted', 'WITHDRAW', 'withdrawn'],
    ['initiative', 'assessed', 'WITHDRAW', 'withdrawn'],
    ['initiative', 'submitted', 'ASSESS', 'assessed'],
    ['initiative', 'assessed', 'REFER_TO_COUNCIL', 'awaiting_council'],
    ['initiative', 'honoured', 'SUBMIT_ACCOUNT', 'accounted'],
    ['initiative', 'accounted', 'REVIEW_ACCOUNT', 'account_reviewed'],
    ['right_to_challenge', 'in_execution', 'PROGRESS_REVIEW', 'in_execution'],
    ['right_to_challenge', 'in_execution', 'EXTEND_AGREEMENT', 'in_execution'],
    ['initiative', 'settled', 'REPORT', 'reported_to_raad'],
    ['initiative', 'rejected', 'REPORT', 'reported_to_raad'],
    // An event a case type does not know is not its decision.
    ['initiative', 'honoured', 'SIGN_AGREEMENT', 'in_execution'],
    ['right_to_challenge', 'account_reviewed', 'SETTLE', 'settled'],
    ['initiative', null, 'SUBMIT', 'submitted'],
  ] as const)('%s %s --%s--> %s is not a decision', (type, from, event, to) => {
    expect(toCountedDecision(entry(type, from, event, to, { honoured: 100_000, released: 5 }))).toBeNull();
  });
});

describe('toReportView', () => {
  const row = (body: Record<string, unknown>): ReportRow =>
    ({
      id: '00000000-0000-4000-8000-000000000009',
      number: '3',
      created_at: new Date('2026-03-02T10:00:00.000Z'),
      log_head_seq: '42',
      log_head_hash: 'ab'.repeat(32),
      body: { issuedBy: { id: 'w', name: 'Wim' }, cases: [], transfers: [], totals: {}, ...body },
    }) as unknown as ReportRow;

  it('shows the decisions, never where the report stopped reading them', () => {
    const decisions = [{ seq: 40 }];
    const view = toReportView(row({ decisions, decisionsThroughSeq: 41 }));
    expect(view).toMatchObject({ number: 3, logHead: { seq: 42 }, decisions });
    expect(view).not.toHaveProperty('decisionsThroughSeq');
  });

  it('gives a report issued before decisions were listed an empty list of them', () => {
    expect(toReportView(row({})).decisions).toEqual([]);
  });
});

describe('the penalty a decision froze', () => {
  const decidedAt = '2026-03-01T10:00:00.000Z';
  // Notice on 1 February: the penalty runs from 15 February (Amsterdam) up to 28 February,
  // the day before the decision: 14 days of €23.
  const noticeOfDefaultAt = '2026-02-01T09:00:00.000Z';

  it('is on the decision that stopped it, frozen at that decision', () => {
    const d = toCountedDecision(
      entry('initiative', 'assessed', 'REJECT', 'rejected', {}, caseWith({ noticeOfDefaultAt, decidedAt })),
    );
    expect(d?.penaltyCents).toBe(14 * 2_300);
  });

  it('is not on a later decision of the same case, nor where no notice was given or none had started', () => {
    const later = entry(
      'initiative',
      'account_reviewed',
      'SETTLE',
      'settled',
      { honoured: 100_000, settled: 100_000 },
      caseWith({ noticeOfDefaultAt, decidedAt: '2026-01-15T10:00:00.000Z' }),
    );
    expect(toCountedDecision(later)?.penaltyCents).toBeUndefined();
    const noNotice = entry('initiative', 'assessed', 'REJECT', 'rejected', {}, caseWith({ decidedAt }));
    expect(toCountedDecision(noNotice)?.penaltyCents).toBeUndefined();
    // Notice ten days before the decision: the two weeks had not passed, nothing is owed.
    const early = caseWith({ noticeOfDefaultAt: '2026-02-19T09:00:00.000Z', decidedAt });
    expect(
      toCountedDecision(entry('initiative', 'assessed', 'REJECT', 'rejected', {}, early))?.penaltyCents,
    ).toBeUndefined();
  });
});

describe('totals of reports issued before a figure existed', () => {
  it('reads 0 for every decision figure a stored report lacks, at every level', () => {
    const old = {
      honouredCount: 1,
      rejectedCount: 0,
      honouredAmountCents: 5_000,
      caseCount: 0,
      decisionCount: 1,
      transferCount: 0,
      transferredAmountCents: 0,
      programmeYear: 2026,
    };
    const view = toReportView({
      id: '00000000-0000-4000-8000-000000000009',
      number: 1,
      created_at: new Date('2026-03-01T10:00:00.000Z'),
      log_head_seq: 3,
      log_head_hash: 'h',
      body: {
        issuedBy: { id: 'a', name: 'A' },
        cases: [],
        transfers: [],
        totals: {
          ...old,
          byAreaTheme: [
            {
              areaCode: 'oost',
              theme: 'groen',
              honouredCount: 1,
              rejectedCount: 0,
              honouredAmountCents: 5_000,
            },
          ],
          byArea: [
            {
              areaCode: 'oost',
              honouredCount: 1,
              rejectedCount: 0,
              honouredAmountCents: 5_000,
              transferredNetCents: 0,
              programme: null,
            },
          ],
        },
      } as unknown as ReportRow['body'],
    });
    const zeros = { settledCount: 0, settledAmountCents: 0, releasedAmountCents: 0, penaltyAmountCents: 0 };
    expect(view.totals).toMatchObject({ ...zeros, honouredAmountCents: 5_000 });
    expect(view.totals.byAreaTheme[0]).toMatchObject(zeros);
    expect(view.totals.byArea[0]).toMatchObject({ ...zeros, honouredCount: 1 });
  });
});
