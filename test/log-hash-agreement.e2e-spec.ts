/**
 * The database computes entry hashes on insert (logHashSql); verify and outside auditors
 * recompute them in JavaScript (hashOfTexts, jsonbText). This proves the two agree, for
 * arbitrary payloads and header fields under both hash rules, on the database under test.
 */
import fc from 'fast-check';
import { Database } from '../apps/api/src/database/database.service.js';
import { sql } from '../apps/api/src/database/sql.js';
import {
  GENESIS_HASH,
  hashOfTexts,
  headerSql,
  headerText,
  jsonbText,
  logHashSql,
} from '../libs/domain/src/index.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.integer({ min: -1e12, max: 1e12 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** PostgreSQL text cannot hold NUL, so neither can a payload. */
const noNul = (v: unknown): boolean => !JSON.stringify(v).includes('\\u0000');

describe('log hash: database and JavaScript agree', () => {
  let t: TestApp;
  let db: Database;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(Database);
  });
  afterAll(() => t.close());

  const text = fc.string({ unit: 'binary', maxLength: 30 }).filter((x) => !x.includes('\u0000'));

  it('headerSql builds the same text as headerText under rule 1 (entries written before rule 2)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 40 }),
        text,
        fc.option(text),
        text,
        async (seq, event, fromState, actorId) => {
          const fields = {
            seq,
            at: '2026-11-28T08:09:19.123Z',
            caseId: null,
            event,
            fromState,
            toState: 'assessed',
            actorId,
            actorRole: 'official',
          };
          const [row] = await db.read((m) =>
            sql<{ header: string }>(
              m,
              `SELECT ${headerSql(
                {
                  seq: '$1::bigint',
                  at: '$2',
                  caseId: '$3',
                  event: '$4',
                  fromState: '$5',
                  toState: '$6',
                  actorId: '$7',
                  actorRole: '$8',
                },
                1,
              )} AS header`,
              [seq, fields.at, null, event, fromState, fields.toState, actorId, fields.actorRole],
            ),
          );
          expect(row.header).toBe(headerText(fields, 1));
        },
      ),
      { numRuns: 100, seed: 20261128 },
    );
  });

  it('headerSql builds the same text as headerText under rule 2, every field arbitrary or null', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seq: fc.integer({ min: 1, max: 2 ** 40 }),
          caseId: fc.option(fc.uuid()),
          caseReference: fc.option(text),
          areaCode: fc.option(text),
          event: text,
          fromState: fc.option(text),
          toState: fc.option(text),
          actorId: text,
          actorRole: text,
          actorName: fc.option(text),
        }),
        async (f) => {
          const fields = { ...f, at: '2026-11-28T08:09:19.123Z' };
          const [row] = await db.read((m) =>
            sql<{ header: string }>(
              m,
              `SELECT ${headerSql({
                seq: '$1::bigint',
                at: '$2',
                caseId: '$3::uuid',
                caseReference: '$4',
                areaCode: '$5',
                event: '$6',
                fromState: '$7',
                toState: '$8',
                actorId: '$9',
                actorRole: '$10',
                actorName: '$11',
              })} AS header`,
              [
                f.seq,
                fields.at,
                f.caseId,
                f.caseReference,
                f.areaCode,
                f.event,
                f.fromState,
                f.toState,
                f.actorId,
                f.actorRole,
                f.actorName,
              ],
            ),
          );
          expect(row.header).toBe(headerText(fields));
        },
      ),
      { numRuns: 150, seed: 20261128 },
    );
  });

  it('jsonbText equals PostgreSQL’s jsonb text, and the SQL hash equals hashOfTexts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 10 }), jsonValue, { maxKeys: 6 }).filter(noNul),
        async (payload) => {
          const header = headerText({
            seq: 7,
            at: '2026-11-28T08:09:19.123Z',
            caseId: null,
            caseReference: 'INI-2026-000007',
            areaCode: 'oost',
            event: 'ASSESS',
            fromState: 'submitted',
            toState: 'assessed',
            actorId: 'official-1',
            actorRole: 'official',
            actorName: 'Ambtenaar Één',
          });
          const [row] = await db.read((m) =>
            sql<{ text: string; hash: string }>(
              m,
              `SELECT ($3::text::jsonb)::text AS text, ${logHashSql('$1::text', '$2::text', '$3::text')} AS hash`,
              [GENESIS_HASH, header, JSON.stringify(payload)],
            ),
          );
          expect(jsonbText(payload)).toBe(row.text);
          expect(hashOfTexts(GENESIS_HASH, header, row.text)).toBe(row.hash);
        },
      ),
      { numRuns: 150, seed: 20261128 },
    );
  });
});
