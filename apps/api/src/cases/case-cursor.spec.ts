import fc from 'fast-check';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { decodeCursor, encodeCursor } from './case-cursor.js';
import { msg } from '../../../../libs/messages/src/index.js';

const ID = '3f2b8c1e-6d4a-4e0b-9a7c-2d5e8f1a0b3c';
const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function refusal(cursor: string): unknown {
  try {
    decodeCursor(cursor);
  } catch (e) {
    return e instanceof DomainError ? e.extras.invalidParams : e;
  }
  return 'accepted';
}
const REFUSED = [{ name: 'cursor', reason: msg('reason.cursor') }];

describe('case cursors', () => {
  it('give back what they were made of, for every moment PostgreSQL can hold', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00.000Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true, // an invalid Date is no moment: encodeCursor is never given one
        }),
        fc.uuid(),
        (at, id) => {
          expect(decodeCursor(encodeCursor(at, id))).toEqual({ createdAt: at.toISOString(), id });
        },
      ),
    );
  });

  it.each([
    // Date.parse takes all of these; PostgreSQL refuses some, and none is a moment the API wrote.
    ['a bare number', ['1', ID]],
    ['a date without a time', ['2026-02-30', ID]],
    ['30 February', ['2026-02-30T00:00:00.000Z', ID]],
    ['29 February of a common year', ['2026-02-29T00:00:00.000Z', ID]],
    ['hour 24', ['2026-02-28T24:00:00.000Z', ID]],
    ['year 0', ['0000-01-01T00:00:00.000Z', ID]],
    ['a six-digit year', ['+275760-09-13T00:00:00.000Z', ID]],
    ['no milliseconds', ['2026-02-28T12:00:00Z', ID]],
    ['an offset instead of Z', ['2026-02-28T12:00:00.000+01:00', ID]],
    ['a number for the moment', [1772323200000, ID]],
    ['no id', ['2026-02-28T12:00:00.000Z']],
    ['a third member', ['2026-02-28T12:00:00.000Z', ID, 'x']],
    ['an id that is no UUID', ['2026-02-28T12:00:00.000Z', 'x']],
    ['an object', { createdAt: '2026-02-28T12:00:00.000Z', id: ID }],
    ['null', null],
  ])('refuse %s with 400 naming cursor', (_what, value) => {
    expect(refusal(forged(value))).toEqual(REFUSED);
  });

  it('refuse anything but the exact text they were given out as', () => {
    const good = encodeCursor(new Date('2026-02-28T12:00:00.000Z'), ID);
    const padded = Buffer.from(JSON.stringify(['2026-02-28T12:00:00.000Z', ID])).toString('base64');
    const spaced = forged(['2026-02-28T12:00:00.000Z', ID]).replace(/^/, ' ');
    for (const cursor of [`${good}!`, `${good}==`, padded, spaced, 'zzz', '']) {
      expect({ cursor, refused: refusal(cursor) }).toEqual({ cursor, refused: REFUSED });
    }
    expect(refusal(good)).toBe('accepted');
  });
});
