// The Awb terms of machine version 4 through applyEvent, with a controllable clock (every
// event's moment is passed in): the hersteltermijn and the suspension of the decision term
// (Awb 4:5, 4:15), buiten behandeling (NOT_PROCESSED) and notice of default (Awb 4:17). The
// expected moments are worked out by hand in the comments, in UTC and in Amsterdam time.
import type { ActorRef, CaseEventInput, CaseType, PersistedCase } from './case-types.js';
import { APPLICATION_TYPES } from './case-types.js';
import { applyEvent, initialCase } from './case-workflow.js';
import { besluitOf } from './event-effects.js';
import { penaltyOf } from './penalty.js';

const initiator: ActorRef = { id: 'res-1', roles: ['resident'], areas: [] };
const official: ActorRef = { id: 'off-1', roles: ['official'], areas: ['west'] };
const alderman: ActorRef = { id: 'ald-1', roles: ['alderman'], areas: ['west'] };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

function submittedAt(submittedAt: string, type: CaseType = 'initiative'): PersistedCase {
  return initialCase({
    type,
    areaCode: 'west',
    theme: 'green',
    initiatorId: 'res-1',
    requestedAmountCents: 50_000,
    submittedAt,
  });
}

/** The event at `at`, which must be accepted: the next snapshot. */
function accept(p: PersistedCase, event: CaseEventInput, actor: ActorRef, at: string): PersistedCase {
  const o = applyEvent(p, event, actor, null, at);
  if (!o.accepted) throw new Error(`${event.type} at ${at}: ${JSON.stringify(o)}`);
  return o.snapshot;
}
/** The refusal code (or invalid fields) of the event at `at`, or the state it leads to. */
function outcome(p: PersistedCase, event: CaseEventInput, actor: ActorRef, at: string): string {
  const o = applyEvent(p, event, actor, null, at);
  if (o.accepted) return o.toState;
  return 'refusal' in o ? o.refusal.code : `INVALID ${o.invalidFields.map((f) => f.name).join(',')}`;
}

const ask = (respondBy?: string): CaseEventInput => ({
  type: 'REQUEST_INFO',
  question: 'Kunt u een begroting sturen?',
  ...(respondBy ? { respondBy } : {}),
});
const answer: CaseEventInput = { type: 'SUPPLY_INFO', answer: 'Hierbij de begroting.' };
const setAside: CaseEventInput = { type: 'NOT_PROCESSED', motivation: 'De begroting is niet gekomen.' };
const notice: CaseEventInput = { type: 'NOTICE_OF_DEFAULT' };

describe.each(APPLICATION_TYPES)(
  '%s: the decision term stands still while information is asked for',
  (type) => {
    // Submitted on Monday 5 January 2026 at 10:00 in Amsterdam (winter time, UTC+1): due eight
    // weeks later, Monday 2 March 10:00.
    const SUBMITTED = '2026-01-05T09:00:00.000Z';
    const DUE = '2026-03-02T09:00:00.000Z';
    // Asked on Monday 12 January at 10:00, to answer by Monday 26 January (14 days ahead). The
    // suspension can last until 27 January 00:00 in Amsterdam (26 January 23:00 UTC): 14 days
    // and 14 hours, by which the term is moved on at once.
    const ASKED_AT = '2026-01-12T09:00:00.000Z';
    const RESPOND_BY = '2026-01-26';
    const LONGEST = 14 * DAY + 14 * HOUR;
    const asked = () => accept(submittedAt(SUBMITTED, type), ask(RESPOND_BY), official, ASKED_AT);

    it('runs eight weeks from submission', () => {
      expect(submittedAt(SUBMITTED, type).context.decisionDueAt).toBe(DUE);
    });

    it('is moved on at once by the longest the suspension can last', () => {
      const p = asked();
      expect(p.value).toBe('awaiting_info');
      expect(p.context).toMatchObject({
        termSuspendedSince: ASKED_AT,
        respondBy: RESPOND_BY,
        decisionDueAt: plus(DUE, LONGEST),
      });
      expect(p.context.decisionDueAt).toBe('2026-03-16T23:00:00.000Z');
    });

    it('answered after 3 days: 3 days are added, the rest comes back', () => {
      const p = accept(asked(), answer, initiator, '2026-01-15T09:00:00.000Z');
      expect(p.value).toBe('submitted');
      expect(p.context).toMatchObject({
        decisionDueAt: '2026-03-05T09:00:00.000Z',
        termSuspendedSince: null,
        respondBy: null,
      });
    });

    it('answered the same minute: nothing is added', () => {
      expect(accept(asked(), answer, initiator, ASKED_AT).context.decisionDueAt).toBe(DUE);
    });

    it('answered in the last minute of respondBy: all but that minute is added', () => {
      // 23:59 on 26 January in Amsterdam.
      const p = accept(asked(), answer, initiator, '2026-01-26T22:59:00.000Z');
      expect(p.context.decisionDueAt).toBe(plus(DUE, LONGEST - 60_000));
    });

    it.each([
      ['when respondBy has just ended', '2026-01-26T23:00:00.000Z'],
      ['four days after respondBy', '2026-01-30T09:00:00.000Z'],
      ['after the moved term itself', '2026-04-01T08:00:00.000Z'],
    ])('answered %s: only the suspension until the end of respondBy is added', (_d, at) => {
      const p = accept(asked(), answer, initiator, at);
      expect(p.context.decisionDueAt).toBe(plus(DUE, LONGEST));
      expect(p.context.decisionDueAt).toBe('2026-03-16T23:00:00.000Z');
    });

    it('without respondBy the initiator has two weeks from the day of the request in Amsterdam', () => {
      // Asked on Sunday 11 January at 23:30 UTC: already Monday 12 January in Amsterdam.
      const p = accept(submittedAt(SUBMITTED, type), ask(), official, '2026-01-11T23:30:00.000Z');
      expect(p.context.respondBy).toBe('2026-01-26');
      expect(p.context.decisionDueAt).toBe(
        plus(DUE, Date.parse('2026-01-26T23:00:00.000Z') - Date.parse('2026-01-11T23:30:00.000Z')),
      );
    });

    it('a second request after an answer suspends anew, from its own respondBy', () => {
      const answered = accept(asked(), answer, initiator, '2026-01-15T09:00:00.000Z');
      // Asked again on Monday 19 January at 10:00, by 2 February: answered on 21 January, 2 days on.
      const again = accept(answered, ask('2026-02-02'), official, '2026-01-19T09:00:00.000Z');
      expect(again.context.respondBy).toBe('2026-02-02');
      const p = accept(again, answer, initiator, '2026-01-21T09:00:00.000Z');
      expect(p.context.decisionDueAt).toBe('2026-03-07T09:00:00.000Z');
    });

    it('asked once the term had passed, suspends nothing: the term is not revived, notice can be given', () => {
      // Asked on Tuesday 10 March 2026, eight days after the decision was due (2 March 10:00).
      const late = accept(
        submittedAt(SUBMITTED, type),
        ask('2026-03-24'),
        official,
        '2026-03-10T09:00:00.000Z',
      );
      expect(late.value).toBe('awaiting_info');
      expect(late.context).toMatchObject({ decisionDueAt: DUE, respondBy: '2026-03-24' });
      expect(outcome(late, notice, initiator, '2026-03-11T09:00:00.000Z')).toBe('awaiting_info');
      // Answered, nothing comes back either: the term stays where it was.
      const answered = accept(late, answer, initiator, '2026-03-12T09:00:00.000Z');
      expect(answered.context).toMatchObject({
        decisionDueAt: DUE,
        termSuspendedSince: null,
        respondBy: null,
      });
      // The respondBy still binds the initiator: set aside after it.
      expect(outcome(late, setAside, official, '2026-03-25T09:00:00.000Z')).toBe('not_processed');
    });

    it('asked at the very moment the term ends, it still runs and is suspended', () => {
      const p = accept(submittedAt(SUBMITTED, type), ask('2026-03-16'), official, DUE);
      // To 17 March 00:00 in Amsterdam (16 March 23:00 UTC): 14 days and 14 hours.
      expect(p.context.decisionDueAt).toBe(plus(DUE, LONGEST));
      expect(accept(p, answer, initiator, plus(DUE, 3 * DAY)).context.decisionDueAt).toBe(plus(DUE, 3 * DAY));
    });

    it('refuses a respondBy of today or more than 90 days ahead, and accepts tomorrow and the 90th day', () => {
      const p = submittedAt(SUBMITTED, type);
      expect(outcome(p, ask('2026-01-12'), official, ASKED_AT)).toBe('INVALID respondBy');
      expect(outcome(p, ask('2026-04-13'), official, ASKED_AT)).toBe('INVALID respondBy');
      expect(outcome(p, ask('2026-01-13'), official, ASKED_AT)).toBe('awaiting_info');
      expect(outcome(p, ask('2026-04-12'), official, ASKED_AT)).toBe('awaiting_info');
    });
  },
);

describe('a suspension across a month end and a change of the clocks', () => {
  // Submitted on Monday 2 March 2026 at 10:00 (winter time): due Monday 27 April 11:00 in
  // summer time (09:00 UTC). The clocks go forward on Sunday 29 March at 02:00.
  const MARCH = submittedAt('2026-03-02T09:00:00.000Z');
  const MARCH_DUE = '2026-04-27T09:00:00.000Z';
  // Asked on Friday 20 March at 10:00 CET (09:00 UTC), by Friday 3 April. That day ends at
  // 4 April 00:00 CEST (3 April 22:00 UTC): 14 days and 13 hours of real time, one hour less
  // than the same dates in winter.
  const askedInMarch = () => accept(MARCH, ask('2026-04-03'), official, '2026-03-20T09:00:00.000Z');

  it('moves the term on to the end of respondBy in summer time', () => {
    expect(askedInMarch().context.decisionDueAt).toBe(plus(MARCH_DUE, 14 * DAY + 13 * HOUR));
    expect(askedInMarch().context.decisionDueAt).toBe('2026-05-11T22:00:00.000Z');
  });

  it('answered after 3 days, before the clocks change: 3 days are added', () => {
    const p = accept(askedInMarch(), answer, initiator, '2026-03-23T09:00:00.000Z');
    expect(p.context.decisionDueAt).toBe('2026-04-30T09:00:00.000Z');
  });

  it('answered at the same hour in Amsterdam after the clocks changed: the time that passed is added', () => {
    // Tuesday 31 March at 10:00 CEST is 08:00 UTC: 10 days and 23 hours after the request.
    const p = accept(askedInMarch(), answer, initiator, '2026-03-31T08:00:00.000Z');
    expect(p.context.decisionDueAt).toBe(plus(MARCH_DUE, 10 * DAY + 23 * HOUR));
  });

  it('answered in April, after respondBy: only until the end of 3 April is added', () => {
    const p = accept(askedInMarch(), answer, initiator, '2026-04-06T08:00:00.000Z');
    expect(p.context.decisionDueAt).toBe('2026-05-11T22:00:00.000Z');
  });

  // Submitted on Monday 14 September 2026 at 10:00 (summer time): due Monday 9 November at
  // 09:00 in winter time (08:00 UTC). The clocks go back on Sunday 25 October at 03:00.
  const OCTOBER = submittedAt('2026-09-14T08:00:00.000Z', 'right_to_challenge');
  const OCTOBER_DUE = '2026-11-09T08:00:00.000Z';
  // Asked on Friday 16 October at 10:00 CEST (08:00 UTC), by Monday 2 November. That day ends
  // at 3 November 00:00 CET (2 November 23:00 UTC): 17 days and 15 hours, one hour more than
  // the same dates would be in summer.
  const askedInOctober = () => accept(OCTOBER, ask('2026-11-02'), official, '2026-10-16T08:00:00.000Z');

  it('moves the term on to the end of respondBy in winter time', () => {
    expect(OCTOBER.context.decisionDueAt).toBe(OCTOBER_DUE);
    expect(askedInOctober().context.decisionDueAt).toBe(plus(OCTOBER_DUE, 17 * DAY + 15 * HOUR));
    expect(askedInOctober().context.decisionDueAt).toBe('2026-11-26T23:00:00.000Z');
  });

  it('answered after 3 days: 3 days are added', () => {
    const p = accept(askedInOctober(), answer, initiator, '2026-10-19T08:00:00.000Z');
    expect(p.context.decisionDueAt).toBe('2026-11-12T08:00:00.000Z');
  });

  it('answered on 5 November, after respondBy: only until the end of 2 November is added', () => {
    const p = accept(askedInOctober(), answer, initiator, '2026-11-05T09:00:00.000Z');
    expect(p.context.decisionDueAt).toBe('2026-11-26T23:00:00.000Z');
  });

  it('without respondBy: two weeks across the change, to the end of 30 October in winter time', () => {
    const p = accept(OCTOBER, ask(), official, '2026-10-16T08:00:00.000Z');
    expect(p.context.respondBy).toBe('2026-10-30');
    // 31 October 00:00 CET is 30 October 23:00 UTC: 14 days and 15 hours after the request.
    expect(p.context.decisionDueAt).toBe(plus(OCTOBER_DUE, 14 * DAY + 15 * HOUR));
  });
});

describe.each(APPLICATION_TYPES)('%s: NOT_PROCESSED once respondBy has passed', (type) => {
  // Asked on 12 January 2026 at 10:00, to answer by Monday 26 January.
  const asked = () =>
    accept(
      submittedAt('2026-01-05T09:00:00.000Z', type),
      ask('2026-01-26'),
      official,
      '2026-01-12T09:00:00.000Z',
    );

  it.each([
    ['the day before respondBy', '2026-01-25T12:00:00.000Z'],
    ['the morning of respondBy', '2026-01-26T08:00:00.000Z'],
    ['the last minute of respondBy in Amsterdam', '2026-01-26T22:59:00.000Z'],
  ])('refused %s (RESPOND_BY_NOT_PASSED)', (_d, at) => {
    expect(outcome(asked(), setAside, official, at)).toBe('RESPOND_BY_NOT_PASSED');
  });

  it.each([
    ['the first minute of the day after', '2026-01-26T23:00:00.000Z'],
    ['the day after', '2026-01-27T09:00:00.000Z'],
    ['weeks later', '2026-03-01T09:00:00.000Z'],
  ])('accepted %s: a besluit of kind set_aside, the moment of the decision recorded', (_d, at) => {
    const o = applyEvent(asked(), setAside, official, null, at);
    expect(o).toMatchObject({
      accepted: true,
      fromState: 'awaiting_info',
      toState: 'not_processed',
      facts: { decidedAt: at, respondBy: '2026-01-26' },
    });
    expect(besluitOf(type, 'awaiting_info', 'NOT_PROCESSED')).toBe('set_aside');
  });

  it('is the official’s, not the alderman’s or the initiator’s', () => {
    const after = '2026-01-27T09:00:00.000Z';
    expect(outcome(asked(), setAside, alderman, after)).toBe('ROLE');
    expect(outcome(asked(), setAside, initiator, after)).toBe('ROLE');
  });

  it('is too late once the information came in', () => {
    const answered = accept(asked(), answer, initiator, '2026-01-26T20:00:00.000Z');
    expect(outcome(answered, setAside, official, '2026-01-27T09:00:00.000Z')).toBe('STATE');
  });

  it('after it, the case waits only for the report', () => {
    const p = accept(asked(), setAside, official, '2026-01-27T09:00:00.000Z');
    for (const [e, actor] of [
      [answer, initiator],
      [notice, initiator],
      [{ type: 'WITHDRAW' }, initiator],
      [setAside, official],
    ] as const) {
      expect(outcome(p, e, actor, '2026-06-01T09:00:00.000Z')).toBe('STATE');
    }
    expect(outcome(p, { type: 'REPORT', reportId: 'r' }, alderman, '2026-06-01T09:00:00.000Z')).toBe(
      'reported_to_raad',
    );
  });
});

describe.each(APPLICATION_TYPES)('%s: NOTICE_OF_DEFAULT once the decision was due', (type) => {
  // Due on Monday 2 March 2026 at 10:00 in Amsterdam.
  const SUBMITTED = '2026-01-05T09:00:00.000Z';
  const DUE = '2026-03-02T09:00:00.000Z';
  const fresh = () => submittedAt(SUBMITTED, type);

  it('refused a minute before decisionDueAt and at the moment itself (TERM_NOT_EXPIRED)', () => {
    expect(outcome(fresh(), notice, initiator, '2026-03-02T08:59:00.000Z')).toBe('TERM_NOT_EXPIRED');
    expect(outcome(fresh(), notice, initiator, DUE)).toBe('TERM_NOT_EXPIRED');
  });

  it('accepted a minute after, in the same state, the moment of the notice recorded', () => {
    const o = applyEvent(fresh(), notice, initiator, null, '2026-03-02T09:01:00.000Z');
    expect(o).toMatchObject({
      accepted: true,
      fromState: 'submitted',
      toState: 'submitted',
      facts: { noticeOfDefaultAt: '2026-03-02T09:01:00.000Z', decidedAt: null, decisionDueAt: DUE },
    });
    expect(besluitOf(type, 'submitted', 'NOTICE_OF_DEFAULT')).toBeNull();
  });

  it('given twice: NOTICE_ALREADY_GIVEN, in this state or the next', () => {
    const given = accept(fresh(), notice, initiator, '2026-03-02T09:01:00.000Z');
    expect(outcome(given, notice, initiator, '2026-03-02T09:02:00.000Z')).toBe('NOTICE_ALREADY_GIVEN');
    const assessed = accept(
      given,
      { type: 'ASSESS', advice: 'reject', motivation: 'm' },
      official,
      '2026-03-03T09:00:00.000Z',
    );
    expect(outcome(assessed, notice, initiator, '2026-03-04T09:00:00.000Z')).toBe('NOTICE_ALREADY_GIVEN');
  });

  it('is only the initiator’s', () => {
    const after = '2026-03-02T09:01:00.000Z';
    expect(outcome(fresh(), notice, { ...initiator, id: 'res-2' }, after)).toBe('ROLE');
    expect(outcome(fresh(), notice, official, after)).toBe('ROLE');
  });

  it('while information is asked for, only after the moved term', () => {
    // Asked on Monday 23 February at 10:00 by 9 March: the term moves on to 10 March 00:00 in
    // Amsterdam plus what was left of it (a week): 17 March, 00:00 (16 March 23:00 UTC).
    const asked = accept(fresh(), ask('2026-03-09'), official, '2026-02-23T09:00:00.000Z');
    expect(asked.context.decisionDueAt).toBe('2026-03-16T23:00:00.000Z');
    expect(outcome(asked, notice, initiator, '2026-03-03T09:00:00.000Z')).toBe('TERM_NOT_EXPIRED');
    expect(outcome(asked, notice, initiator, '2026-03-16T22:59:00.000Z')).toBe('TERM_NOT_EXPIRED');
    expect(outcome(asked, notice, initiator, '2026-03-16T23:01:00.000Z')).toBe('awaiting_info');
    // Answered on 25 February, two days on: due 4 March 10:00.
    const answered = accept(asked, answer, initiator, '2026-02-25T09:00:00.000Z');
    expect(answered.context.decisionDueAt).toBe('2026-03-04T09:00:00.000Z');
    expect(outcome(answered, notice, initiator, '2026-03-04T08:59:00.000Z')).toBe('TERM_NOT_EXPIRED');
    expect(outcome(answered, notice, initiator, '2026-03-04T09:01:00.000Z')).toBe('submitted');
  });

  it('starts the penalty, which the decision freezes', () => {
    const given = accept(fresh(), notice, initiator, '2026-03-02T09:01:00.000Z');
    const assessed = accept(
      given,
      { type: 'ASSESS', advice: 'reject', motivation: 'm' },
      official,
      '2026-03-20T09:00:00.000Z',
    );
    // The 15th day of the penalty (accruing from 16 March) is 30 March: refused that day.
    const rejected = accept(
      assessed,
      { type: 'REJECT', motivation: 'Past niet.' },
      alderman,
      '2026-03-30T09:00:00.000Z',
    );
    expect(rejected.context).toMatchObject({
      noticeOfDefaultAt: '2026-03-02T09:01:00.000Z',
      decidedAt: '2026-03-30T09:00:00.000Z',
    });
    expect(penaltyOf(rejected.context, '2026-12-01T09:00:00.000Z')).toEqual({
      noticeAt: '2026-03-02T09:01:00.000Z',
      accruesFrom: '2026-03-16',
      days: 14,
      amountCents: 32_200,
      capped: false,
      frozen: true,
    });
    // Still open on the 15th day, the same case would owe EUR 357.
    expect(penaltyOf(assessed.context, '2026-03-30T09:00:00.000Z')).toMatchObject({
      days: 15,
      amountCents: 35_700,
    });
  });

  it('a withdrawal freezes it too', () => {
    const given = accept(fresh(), notice, initiator, '2026-03-02T09:01:00.000Z');
    const withdrawn = accept(given, { type: 'WITHDRAW' }, initiator, '2026-03-17T09:00:00.000Z');
    expect(penaltyOf(withdrawn.context, '2026-12-01T09:00:00.000Z')).toMatchObject({ days: 1, frozen: true });
  });
});
