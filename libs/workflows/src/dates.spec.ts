import fc from 'fast-check';
import {
  addDays,
  addMonths,
  amsterdamDate,
  daysFrom,
  dutchDate,
  isCalendarDate,
  startOfAmsterdamDay,
} from './dates.js';

const HOUR = 3_600_000;
const calendarDates = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** The last Sunday of `month` (3 or 10) in `year`: the day the clocks change in Europe. */
const lastSunday = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month, 0));
  return addDays(last.toISOString().slice(0, 10), -last.getUTCDay());
};

describe('amsterdamDate', () => {
  it.each([
    // Winter time (CET, UTC+1): 23:30 UTC is already the next day in Amsterdam.
    ['2026-03-01T23:30:00.000Z', '2026-03-02'],
    ['2026-03-01T22:59:59.999Z', '2026-03-01'],
    ['2026-03-01T23:00:00.000Z', '2026-03-02'],
    // Summer time (CEST, UTC+2): from 22:00 UTC.
    ['2026-07-01T21:59:59.999Z', '2026-07-01'],
    ['2026-07-01T22:00:00.000Z', '2026-07-02'],
    // The nights the clocks change (29 March and 25 October 2026).
    ['2026-03-29T00:30:00.000Z', '2026-03-29'],
    ['2026-03-28T23:30:00.000Z', '2026-03-29'],
    ['2026-10-25T21:59:00.000Z', '2026-10-25'],
    ['2026-10-25T22:59:00.000Z', '2026-10-25'],
    ['2026-10-25T23:00:00.000Z', '2026-10-26'],
    // New year's eve.
    ['2026-12-31T23:00:00.000Z', '2027-01-01'],
    // Another offset in the input means the same moment.
    ['2026-03-02T00:30:00+01:00', '2026-03-02'],
  ])('%s is %s in Amsterdam', (iso, day) => {
    expect(amsterdamDate(iso)).toBe(day);
  });

  it('is always a calendar date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (d) => isCalendarDate(amsterdamDate(d.toISOString())),
      ),
    );
  });
});

describe('isCalendarDate', () => {
  it.each(['2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '2026-04-30'])(
    'accepts %s',
    (s) => {
      expect(isCalendarDate(s)).toBe(true);
    },
  );
  it.each([
    '2026-02-30',
    '2026-02-29', // 2026 is no leap year
    '1900-02-29', // nor was 1900
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
    '2026-1-05',
    '26-01-05',
    '2026-01-05T00:00:00Z',
    ' 2026-01-05',
    '2026-01-05 ',
    '2026/01/05',
    '',
  ])('rejects %j', (s) => {
    expect(isCalendarDate(s)).toBe(false);
  });
  it('rejects what is not a string', () => {
    for (const x of [null, undefined, 20260105, new Date('2026-01-05'), ['2026-01-05'], {}]) {
      expect(isCalendarDate(x)).toBe(false);
    }
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    // A day past the end of the target month becomes its last day.
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-01-29', 1, '2026-02-28'],
    ['2028-01-29', 1, '2028-02-29'],
    // Leap days.
    ['2028-02-29', 12, '2029-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2028-02-29', 1, '2028-03-29'],
    // Across the year, and many years on.
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-03-02', 36, '2029-03-02'],
    ['2026-05-31', 120, '2036-05-31'],
    ['2026-03-02', 0, '2026-03-02'],
    // Backwards.
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
  ])('%s + %i months = %s', (date, months, want) => {
    expect(addMonths(date, months)).toBe(want);
  });

  it('lands on a calendar date in the right month, never past the day it started from', () => {
    const dates = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 120 }), (date, months) => {
        const out = addMonths(date, months);
        const [y, m, d] = date.split('-').map(Number);
        const [oy, om, od] = out.split('-').map(Number);
        expect(isCalendarDate(out)).toBe(true);
        expect(oy * 12 + om - (y * 12 + m)).toBe(months);
        // The same day of the month, or the last day when the month is shorter.
        expect(od).toBe(Math.min(d, new Date(Date.UTC(oy, om, 0)).getUTCDate()));
      }),
    );
  });
});

describe('addDays', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    // Across the change to summer time: a day is a day, not 24 hours in Amsterdam.
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2026-03-02', 0, '2026-03-02'],
  ])('%s + %i days = %s', (date, days, want) => {
    expect(addDays(date, days)).toBe(want);
  });
});

describe('dutchDate', () => {
  it.each([
    ['2027-03-01', '1 maart 2027'],
    ['2026-12-31', '31 december 2026'],
    ['2028-02-29', '29 februari 2028'],
  ])('%s is %s', (date, want) => {
    expect(dutchDate(date)).toBe(want);
  });
});

describe('daysFrom', () => {
  it.each([
    ['2026-03-01', '2026-03-02', 1],
    ['2026-03-02', '2026-03-02', 0],
    ['2026-03-02', '2026-03-01', -1],
    // Across a month end, February in a common and in a leap year.
    ['2026-02-28', '2026-03-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-01-31', '2026-02-14', 14],
    // Across the changes of the clock (29 March and 25 October 2026): days, not 24-hour periods.
    ['2026-03-28', '2026-03-30', 2],
    ['2026-03-29', '2026-03-30', 1],
    ['2026-10-24', '2026-10-26', 2],
    ['2026-10-25', '2026-10-26', 1],
    ['2026-03-16', '2026-04-27', 42],
    ['2026-12-31', '2027-01-01', 1],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['2027-01-01', '2026-01-01', -365],
  ])('from %s to %s is %i days', (from, to, want) => {
    expect(daysFrom(from, to)).toBe(want);
  });

  it('undoes addDays', () => {
    fc.assert(
      fc.property(calendarDates, fc.integer({ min: -2_000, max: 2_000 }), (date, days) => {
        expect(daysFrom(date, addDays(date, days))).toBe(days);
        expect(daysFrom(addDays(date, days), date) + days).toBe(0);
      }),
    );
  });
});

describe('startOfAmsterdamDay', () => {
  it.each([
    // Winter time (CET, UTC+1).
    ['2026-01-15', '2026-01-14T23:00:00.000Z'],
    ['2026-03-02', '2026-03-01T23:00:00.000Z'],
    ['2027-01-01', '2026-12-31T23:00:00.000Z'],
    // Summer time (CEST, UTC+2).
    ['2026-07-01', '2026-06-30T22:00:00.000Z'],
    ['2026-04-01', '2026-03-31T22:00:00.000Z'],
    // The day the clocks go forward (Sunday 29 March 2026, at 02:00): it begins in winter time
    // and lasts 23 hours, so the next begins in summer time.
    ['2026-03-28', '2026-03-27T23:00:00.000Z'],
    ['2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', '2026-03-29T22:00:00.000Z'],
    // The day they go back (Sunday 25 October 2026, at 03:00): it begins in summer time and lasts 25 hours.
    ['2026-10-24', '2026-10-23T22:00:00.000Z'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', '2026-10-25T23:00:00.000Z'],
    // 2027: 28 March and 31 October.
    ['2027-03-28', '2027-03-27T23:00:00.000Z'],
    ['2027-03-29', '2027-03-28T22:00:00.000Z'],
    ['2027-10-31', '2027-10-30T22:00:00.000Z'],
    ['2027-11-01', '2027-10-31T23:00:00.000Z'],
  ])('%s begins at %s', (date, want) => {
    expect(startOfAmsterdamDay(date)).toBe(want);
  });

  it('is the first moment whose day in Amsterdam is the date; a millisecond earlier is the day before', () => {
    fc.assert(
      fc.property(calendarDates, (date) => {
        const start = Date.parse(startOfAmsterdamDay(date));
        expect(amsterdamDate(new Date(start).toISOString())).toBe(date);
        expect(amsterdamDate(new Date(start - 1).toISOString())).toBe(addDays(date, -1));
      }),
    );
  });

  it('makes a day 24 hours long, but 23 on the last Sunday of March and 25 on the last Sunday of October', () => {
    fc.assert(
      fc.property(calendarDates, (date) => {
        const hours =
          (Date.parse(startOfAmsterdamDay(addDays(date, 1))) - Date.parse(startOfAmsterdamDay(date))) / HOUR;
        const year = Number(date.slice(0, 4));
        const want = date === lastSunday(year, 3) ? 23 : date === lastSunday(year, 10) ? 25 : 24;
        expect({ date, hours }).toEqual({ date, hours: want });
      }),
      { examples: [['2026-03-29'], ['2026-10-25'], ['2027-03-28'], ['2027-10-31']] },
    );
  });
});
