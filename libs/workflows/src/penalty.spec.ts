// The penalty for a late decision (dwangsom, Awb 4:17), with a controllable clock: every
// moment is passed in, written out by hand from the law's figures (EUR 23, 35 and 45 a day per
// fortnight, from two weeks after the notice, at most 42 days).
import fc from 'fast-check';
import { addDays, amsterdamDate, startOfAmsterdamDay } from './dates.js';
import {
  PENALTY_CENTS_PER_DAY,
  PENALTY_GRACE_DAYS,
  PENALTY_MAX_DAYS,
  penaltyCents,
  penaltyOf,
} from './penalty.js';

/** Notice of default received on Monday 2 March 2026, 10:01 in Amsterdam. */
const NOTICE = '2026-03-02T09:01:00.000Z';
/** Two weeks after the day of the notice: the penalty's first day. */
const ACCRUES_FROM = '2026-03-16';
/** Noon in Amsterdam on the given day (the clocks change on 29 March 2026). */
const noonOn = (date: string) =>
  new Date(Date.parse(startOfAmsterdamDay(date)) + 12 * 3_600_000).toISOString();
const open = { noticeOfDefaultAt: NOTICE, decidedAt: null };

describe('the law in figures', () => {
  it('EUR 23, 35 and 45 a day, from two weeks after the notice, for at most 42 days', () => {
    expect(PENALTY_CENTS_PER_DAY).toEqual([2_300, 3_500, 4_500]);
    expect(PENALTY_GRACE_DAYS).toBe(14);
    expect(PENALTY_MAX_DAYS).toBe(42);
    expect(Object.isFrozen(PENALTY_CENTS_PER_DAY)).toBe(true);
  });
});

describe('penaltyCents', () => {
  it.each([
    [0, 0],
    [1, 2_300],
    [13, 29_900],
    // The 14th day: 14 x EUR 23.
    [14, 32_200],
    // The 15th: the second fortnight at EUR 35.
    [15, 35_700],
    [28, 81_200],
    // The 29th: the third fortnight at EUR 45.
    [29, 85_700],
    [41, 139_700],
    // The 42nd: EUR 1,442, the most there is.
    [42, 144_200],
    [43, 144_200],
    [50, 144_200],
    [1_000, 144_200],
  ])('%i days: %i cents', (days, cents) => {
    expect(penaltyCents(days)).toBe(cents);
  });

  it('grows by the day rate of its fortnight, and not after the 42nd day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (days) => {
        const step = penaltyCents(days + 1) - penaltyCents(days);
        const want = days < 14 ? 2_300 : days < 28 ? 3_500 : days < 42 ? 4_500 : 0;
        expect({ days, step }).toEqual({ days, step: want });
      }),
    );
  });
});

describe('penaltyOf at the boundaries (notice on 2 March 2026)', () => {
  it('is null without a notice of default', () => {
    expect(penaltyOf({ noticeOfDefaultAt: null, decidedAt: null }, NOTICE)).toBeNull();
    expect(penaltyOf({ noticeOfDefaultAt: null, decidedAt: NOTICE }, '2027-01-01T00:00:00.000Z')).toBeNull();
  });

  it.each<[string, string, number, number, boolean]>([
    ['the day of the notice', '2026-03-02', 0, 0, false],
    ['the day before accruesFrom', '2026-03-15', 0, 0, false],
    ['accruesFrom: day 1', '2026-03-16', 1, 2_300, false],
    // 29 March is the day the clocks go forward: still one day.
    ['the 14th day', '2026-03-29', 14, 32_200, false],
    ['the 15th day', '2026-03-30', 15, 35_700, false],
    ['the 28th day', '2026-04-12', 28, 81_200, false],
    ['the 29th day', '2026-04-13', 29, 85_700, false],
    ['the 42nd day (capped)', '2026-04-26', 42, 144_200, true],
    ['the 50th day (still capped)', '2026-05-04', 42, 144_200, true],
  ])('%s (%s): %i days, %i cents', (_d, day, days, amountCents, capped) => {
    expect(penaltyOf(open, noonOn(day))).toEqual({
      noticeAt: NOTICE,
      accruesFrom: ACCRUES_FROM,
      days,
      amountCents,
      capped,
      frozen: false,
    });
  });

  it('counts a day from its first moment in Amsterdam: 23:00 UTC on 15 March is already 16 March', () => {
    expect(penaltyOf(open, '2026-03-15T22:59:59.999Z')?.days).toBe(0);
    expect(penaltyOf(open, '2026-03-15T23:00:00.000Z')?.days).toBe(1);
    // After the change to summer time the day begins at 22:00 UTC: 22:00 UTC on 29 March is the 15th day.
    expect(penaltyOf(open, '2026-03-29T21:59:59.999Z')?.days).toBe(14);
    expect(penaltyOf(open, '2026-03-29T22:00:00.000Z')?.days).toBe(15);
  });

  it('takes the day of the notice in Amsterdam: at 23:30 UTC it is already the next day', () => {
    // 23:30 UTC on Sunday 1 March is 00:30 on Monday 2 March in Amsterdam.
    const lateNotice = { noticeOfDefaultAt: '2026-03-01T23:30:00.000Z', decidedAt: null };
    expect(penaltyOf(lateNotice, noonOn('2026-03-15'))).toMatchObject({ accruesFrom: '2026-03-16', days: 0 });
    expect(penaltyOf(lateNotice, noonOn('2026-03-16'))).toMatchObject({ days: 1, amountCents: 2_300 });
    // 22:59 UTC is still 1 March: the penalty starts a day earlier.
    const earlier = { noticeOfDefaultAt: '2026-03-01T22:59:00.000Z', decidedAt: null };
    expect(penaltyOf(earlier, noonOn('2026-03-15'))).toMatchObject({ accruesFrom: '2026-03-15', days: 1 });
    // In summer time from 22:00 UTC: 22:30 UTC on 30 June is 1 July.
    const summer = { noticeOfDefaultAt: '2026-06-30T22:30:00.000Z', decidedAt: null };
    expect(penaltyOf(summer, noonOn('2026-07-14'))).toMatchObject({ accruesFrom: '2026-07-15', days: 0 });
    expect(penaltyOf(summer, noonOn('2026-07-15'))).toMatchObject({ days: 1 });
  });
});

describe('penaltyOf frozen at the decision', () => {
  const decidedOn = (day: string) => ({ noticeOfDefaultAt: NOTICE, decidedAt: noonOn(day) });

  it('the day of the decision no longer counts, whenever it is asked', () => {
    // Decided on the 15th day: 14 days, EUR 322.
    for (const at of [noonOn('2026-03-30'), noonOn('2026-04-26'), '2031-01-01T00:00:00.000Z']) {
      expect(penaltyOf(decidedOn('2026-03-30'), at)).toEqual({
        noticeAt: NOTICE,
        accruesFrom: ACCRUES_FROM,
        days: 14,
        amountCents: 32_200,
        capped: false,
        frozen: true,
      });
    }
  });

  it.each<[string, string, number, number]>([
    ['before the notice took effect', '2026-03-10', 0, 0],
    ['the day before accruesFrom', '2026-03-15', 0, 0],
    ['on accruesFrom', '2026-03-16', 0, 0],
    ['the day after accruesFrom', '2026-03-17', 1, 2_300],
    ['on the 29th day', '2026-04-13', 28, 81_200],
    ['on the 43rd day', '2026-04-27', 42, 144_200],
    ['long after', '2026-09-01', 42, 144_200],
  ])('decided %s (%s): %i days, %i cents', (_d, day, days, amountCents) => {
    expect(penaltyOf(decidedOn(day), '2027-01-01T00:00:00.000Z')).toMatchObject({
      days,
      amountCents,
      capped: days === 42,
      frozen: true,
    });
  });

  it('counts the decision by its day in Amsterdam: 23:30 UTC on the 16th is the 17th', () => {
    const lateEvening = { noticeOfDefaultAt: NOTICE, decidedAt: '2026-03-16T23:30:00.000Z' };
    expect(penaltyOf(lateEvening, '2027-01-01T00:00:00.000Z')?.days).toBe(1);
    const beforeMidnight = { noticeOfDefaultAt: NOTICE, decidedAt: '2026-03-16T22:59:00.000Z' };
    expect(penaltyOf(beforeMidnight, '2027-01-01T00:00:00.000Z')?.days).toBe(0);
  });
});

describe('penaltyOf for any notice and moment (fast-check)', () => {
  const moments = fc
    .date({ min: new Date('2026-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString());

  it('is the law for the days counted, never shrinks as time goes on, and stops at the decision', () => {
    fc.assert(
      fc.property(
        moments,
        fc.nat({ max: 120 * 86_400_000 }),
        fc.nat({ max: 120 * 86_400_000 }),
        (notice, a, b) => {
          const at1 = new Date(Date.parse(notice) + Math.min(a, b)).toISOString();
          const at2 = new Date(Date.parse(notice) + Math.max(a, b)).toISOString();
          const open = { noticeOfDefaultAt: notice, decidedAt: null };
          const p1 = penaltyOf(open, at1)!;
          const p2 = penaltyOf(open, at2)!;
          expect(p1.accruesFrom).toBe(addDays(amsterdamDate(notice), 14));
          expect(p1.days).toBeGreaterThanOrEqual(0);
          expect(p1.days).toBeLessThanOrEqual(42);
          expect(p1.amountCents).toBe(penaltyCents(p1.days));
          expect(p1.capped).toBe(p1.days === 42);
          expect(p2.days).toBeGreaterThanOrEqual(p1.days);
          // Decided at at1: from then on the same, whenever asked, and what had accrued by the day before.
          const decided = { noticeOfDefaultAt: notice, decidedAt: at1 };
          const frozen = penaltyOf(decided, at2)!;
          expect(frozen).toEqual({ ...penaltyOf(decided, at1)!, frozen: true });
          const dayBefore = new Date(Date.parse(startOfAmsterdamDay(amsterdamDate(at1))) - 1).toISOString();
          expect(frozen.days).toBe(penaltyOf(open, dayBefore)!.days);
        },
      ),
    );
  });
});
