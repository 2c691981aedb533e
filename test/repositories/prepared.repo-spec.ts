import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { CasesRepository } from '../../apps/api/src/cases/cases.repository.js';
import { pgCode } from '../../apps/api/src/database/database.service.js';
import { statementName } from '../../apps/api/src/database/named.js';
import { onPostgres } from '../support/test-app.js';
import { createRepoApp, newCase, type RepoApp, transition } from './repo-app.js';

/**
 * The hot path's statements (a transition's read and write, a submission's insert) go to
 * PostgreSQL as named prepared statements (database/sql.ts `prepared`): parsed once per
 * connection and reused. PostgreSQL lists a session's prepared statements, with how often each
 * was planned, in pg_prepared_statements; inside one transaction the session is the caller's.
 */
let r: RepoApp;
let cases: CasesRepository;
beforeAll(async () => {
  r = await createRepoApp();
  cases = r.get(CasesRepository);
});
afterAll(() => r.close());

interface PreparedRow {
  name: string;
  statement: string;
  runs: number;
}

(onPostgres ? describe : describe.skip)('named prepared statements on PostgreSQL', () => {
  it('prepares the submission’s insert, the case read and the transition once per session and reuses them', async () => {
    const c = newCase();
    const prepared = await r.tx(async (m) => {
      await cases.nextNumber(m, 'INI', 2026);
      await cases.insert(m, c);
      for (let i = 0; i < 3; i++) {
        const row = (await cases.findById(m, c.id, true))!;
        const written = await cases.commitTransition(m, transition(row, 'assessed'));
        expect(written).toMatchObject({ id: c.id, version: row.version + 1 });
      }
      return (await m.query(
        `SELECT name, statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements`,
      )) as PreparedRow[];
    });
    const find = (start: RegExp) => prepared.filter((p) => start.test(p.statement));
    const expectations: [RegExp, number][] = [
      [/^INSERT INTO case_counters/, 1],
      [/^INSERT INTO cases /, 1],
      [/^SELECT .* FROM cases WHERE id = \$1 FOR UPDATE$/s, 3],
      [/^WITH p AS \(\s+UPDATE programmes/, 3],
    ];
    for (const [start, runs] of expectations) {
      const found = find(start);
      // One statement of each shape, named after its text, run as often as it was sent.
      expect(found).toHaveLength(1);
      expect(found[0].name).toBe(statementName(found[0].statement));
      expect(Number(found[0].runs)).toBeGreaterThanOrEqual(runs);
    }
  });
});

describe('prepared statements behave as before', () => {
  it('fails as TypeORM’s query() fails: a QueryFailedError with the server’s code', async () => {
    const c = newCase();
    await r.tx((m) => cases.insert(m, c));
    const again = r.tx((m) => cases.insert(m, { ...c, reference: `INI-2026-${randomUUID().slice(0, 6)}` }));
    const error: unknown = await again.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(pgCode(error)).toBe('23505');
  });

  it('gives each read outside a transaction its connection back (three times the pool at once)', async () => {
    const c = newCase();
    await r.tx((m) => cases.insert(m, c));
    const reads = await Promise.all(Array.from({ length: 60 }, () => r.read((m) => cases.findById(m, c.id))));
    expect(new Set(reads.map((row) => row?.id))).toEqual(new Set([c.id]));
  });
});
