import { Database } from '../apps/api/src/database/database.service.js';
import { headerSql, logHashSql } from '../libs/domain/src/index.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { initiative, sendEvent, submit } from './support/cases.js';
import { tamper, verifyLog } from './support/process-log.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';

/**
 * A new app with a log of six entries: three cases, each submitted and assessed. Entry 2 is the
 * official's ASSESS of the first case, with a name, an area and a case reference.
 */
async function appWithSixEntries(): Promise<{ t: TestApp; a: Cast; db: Database }> {
  const t = await createTestApp();
  const a = await cast(t);
  for (let i = 0; i < 3; i++) {
    const c = await submit(t, a.resident, initiative({ title: `Plan ${i}` }));
    await sendEvent(t, a.official, c.id, { type: 'ASSESS', advice: 'reject', motivation: 'Niet haalbaar.' });
  }
  return { t, a, db: t.app.get(Database) };
}

// Every test of this describe leaves the six entries as it found them: tests that alter one
// put it back, and nothing is appended (the tests that append have the describe below).
describe('process log: append-only, chained, verifiable', () => {
  let t: TestApp;
  let a: Cast;
  let db: Database;
  beforeAll(async () => {
    ({ t, a, db } = await appWithSixEntries());
  });
  afterAll(() => t.close());

  const verify = () => verifyLog(t, a.council);

  it('is valid on a clean log and reports its head', async () => {
    expect(await verify()).toMatchObject({
      valid: true,
      checked: 6,
      headSeq: 6,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    await expect(
      db.transaction((m) => m.query(`UPDATE process_log SET event = 'X' WHERE seq = 1`)),
    ).rejects.toThrow();
    await expect(db.transaction((m) => m.query(`DELETE FROM process_log WHERE seq = 1`))).rejects.toThrow();
    expect(await verify()).toMatchObject({ valid: true, checked: 6 });
  });

  it('turns invalid, naming the entry, after a row is altered with the trigger bypassed', async () => {
    await tamper(t, async (m) => {
      await m.query(
        `UPDATE process_log SET payload = jsonb_set(payload, '{motivation}', '"Wel haalbaar."') WHERE seq = 4`,
      );
    });
    const v = await verify();
    expect(v).toMatchObject({ valid: false, firstInvalidSeq: 4, checked: 3 });
    expect(v.reason).toEqual(expect.any(String));
    // Putting the old content back makes the chain whole again: the check is about content, not a flag.
    await tamper(t, async (m) => {
      await m.query(
        `UPDATE process_log SET payload = jsonb_set(payload, '{motivation}', '"Niet haalbaar."') WHERE seq = 4`,
      );
    });
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('is council-only', async () => {
    expectProblem(await t.http.get('/api/v1/audit/verify').set(bearer(a.resident)), 403);
    expectProblem(await t.http.get('/api/v1/audit/verify'), 401);
  });

  /** Entry 2: the official's ASSESS of the first case, with a name, an area and a case reference. */
  const FORGERIES: [string, string][] = [
    ['actor_name', `'Iemand Anders'`],
    ['area_code', `'west'`],
    ['case_reference', `'INI-2026-999999'`],
  ];

  it.each(FORGERIES)(
    'turns invalid at the entry after its %s is changed with the trigger bypassed (rule 2 covers every column)',
    async (column, forged) => {
      const [before] = (await db.read((m) =>
        m.query(`SELECT ${column} AS v FROM process_log WHERE seq = 2`),
      )) as {
        v: string;
      }[];
      expect(before.v).toEqual(expect.any(String));
      await tamper(t, async (m) => {
        await m.query(`UPDATE process_log SET ${column} = ${forged} WHERE seq = 2`);
      });
      const v = await verify();
      expect(v).toMatchObject({ valid: false, firstInvalidSeq: 2, checked: 1 });
      expect(v.reason).toMatch(/entry 2 was altered/);
      await tamper(t, async (m) => {
        await m.query(`UPDATE process_log SET ${column} = $1 WHERE seq = 2`, [before.v]);
      });
      expect(await verify()).toMatchObject({ valid: true });
    },
  );

  it('turns invalid when the trigger is disabled with ALTER TABLE and an actor name is changed', async () => {
    await db.transaction(async (m) => {
      await m.query(`ALTER TABLE process_log DISABLE TRIGGER process_log_no_update_delete`);
      await m.query(`UPDATE process_log SET actor_name = 'Iemand Anders' WHERE seq = 4`);
      await m.query(`ALTER TABLE process_log ENABLE TRIGGER process_log_no_update_delete`);
    });
    expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: 4 });
    await tamper(t, async (m) => {
      await m.query(`UPDATE process_log SET actor_name = 'Olga Official' WHERE seq = 4`);
    });
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('turns invalid when an entry claims the older hash rule (the version is hashed too)', async () => {
    await tamper(t, async (m) => {
      await m.query(`UPDATE process_log SET hash_version = 1 WHERE seq = 2`);
    });
    expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: 2 });
    await tamper(t, async (m) => {
      await m.query(`UPDATE process_log SET hash_version = 3 WHERE seq = 2`);
    });
    const unknown = await verify();
    expect(unknown).toMatchObject({ valid: false, firstInvalidSeq: 2 });
    expect(unknown.reason).toMatch(/hash version/);
    await tamper(t, async (m) => {
      await m.query(`UPDATE process_log SET hash_version = 2 WHERE seq = 2`);
    });
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('says which rule each entry follows: new entries use rule 2', async () => {
    const items = (await t.http.get('/api/v1/audit').set(bearer(a.council)).expect(200)).body.items as {
      hashVersion: number;
    }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.hashVersion === 2)).toBe(true);
    const caseId = (items[0] as unknown as { caseId: string }).caseId;
    const caseLog = (await t.http.get(`/api/v1/cases/${caseId}/log`).set(bearer(a.council)).expect(200)).body;
    expect(caseLog.map((e: { hashVersion: number }) => e.hashVersion)).toEqual([2, 2]);
  });
});

describe('process log: appending, also the way the previous release did (hash rule 1)', () => {
  let t: TestApp;
  let a: Cast;
  let db: Database;
  beforeAll(async () => {
    ({ t, a, db } = await appWithSixEntries());
    // The append statement of the previous release: rule-1 header, no hash_version named.
    const params: unknown[] = [
      new Date().toISOString(),
      'LEGACY_EVENT',
      'official-1',
      'official',
      'Olga Official',
      'oost',
      JSON.stringify({ motivation: 'Geschreven vóór regel 2.' }),
    ];
    const header = headerSql(
      {
        seq: 'seq + 1',
        at: '$1::text',
        caseId: 'NULL::text',
        event: '$2::text',
        fromState: 'NULL::text',
        toState: 'NULL::text',
        actorId: '$3::text',
        actorRole: '$4::text',
      },
      1,
    );
    await db.transaction((m) =>
      m.query(
        `WITH log_h AS (
           UPDATE log_head SET seq = seq + 1, prev_hash = hash, hash = ${logHashSql('hash', header, '$7::text')}
           WHERE id = 1 RETURNING seq, prev_hash, hash)
         INSERT INTO process_log (seq, at, case_id, case_reference, area_code, event, from_state, to_state,
                                  actor_id, actor_role, actor_name, payload, prev_hash, hash)
         SELECT log_h.seq, $1::timestamptz, NULL, NULL, $6::text, $2::text, NULL, NULL, $3::text, $4::text,
                $5::text, $7::jsonb, log_h.prev_hash, log_h.hash
         FROM log_h`,
        params,
      ),
    );
    await submit(t, a.resident, initiative({ title: 'Na de oude regel' }));
  });
  afterAll(() => t.close());

  const verify = () => verifyLog(t, a.council);

  it('refuses every change of the log head but the one an append makes', async () => {
    const [head] = (await db.read((m) => m.query(`SELECT seq, hash, prev_hash FROM log_head`))) as {
      seq: string;
      hash: string;
      prev_hash: string;
    }[];
    const [previous] = (await db.read((m) =>
      m.query(`SELECT seq, hash, prev_hash FROM process_log WHERE seq = $1`, [Number(head.seq) - 1]),
    )) as { seq: string; hash: string; prev_hash: string }[];
    const refused = [
      // back to an earlier entry, as someone hiding entries deleted from the end would
      `UPDATE log_head SET seq = ${previous.seq}, hash = '${previous.hash}', prev_hash = '${previous.prev_hash}'`,
      `UPDATE log_head SET seq = seq - 1`,
      `UPDATE log_head SET hash = '${'a'.repeat(64)}'`,
      `UPDATE log_head SET prev_hash = hash`,
      `UPDATE log_head SET seq = seq + 2, prev_hash = hash`,
      // one step forward in the right form, but to no entry
      `UPDATE log_head SET seq = seq + 1, prev_hash = hash, hash = '${'b'.repeat(64)}'`,
      `DELETE FROM log_head`,
      `INSERT INTO log_head (id, seq, hash, prev_hash) VALUES (2, 0, '${'0'.repeat(64)}', '${'0'.repeat(64)}')`,
      `TRUNCATE log_head`,
    ];
    for (const statement of refused) {
      await expect(db.transaction((m) => m.query(statement))).rejects.toThrow(/log_head/);
    }
    const [after] = (await db.read((m) => m.query(`SELECT seq, hash, prev_hash FROM log_head`))) as unknown[];
    expect(after).toEqual(head);
    // The append path itself still moves it on.
    await submit(t, a.resident, initiative({ title: 'Daarna' }));
    expect(await verify()).toMatchObject({ valid: true, headSeq: Number(head.seq) + 1 });
  });

  it('still verifies an entry written under rule 1, the way the previous release appended, and the entries after it', async () => {
    const v = await verify();
    expect(v).toMatchObject({ valid: true, checked: v.headSeq });
    const items = (await t.http.get('/api/v1/audit').set(bearer(a.council)).expect(200)).body.items as {
      event: string;
      hashVersion: number;
    }[];
    const legacy = items.findIndex((e) => e.event === 'LEGACY_EVENT');
    expect(items.slice(legacy, legacy + 2).map((e) => [e.event, e.hashVersion])).toEqual([
      ['LEGACY_EVENT', 1],
      ['SUBMIT', 2],
    ]);
  });

  /** The auditor's query of the README ("Checking the process log yourself"), verbatim. */
  const AUDITOR_SQL = `
SELECT seq, hash_version,
       hash_version IN (1, 2) AND hash = encode(sha256(convert_to(
         prev_hash || E'\\n' || '['
         || CASE WHEN hash_version = 2 THEN '2,' ELSE '' END
         || seq || ','
         || to_json(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text || ','
         || COALESCE(to_json(case_id::text)::text, 'null') || ','
         || CASE WHEN hash_version = 2 THEN COALESCE(to_json(case_reference)::text, 'null') || ','
                                         || COALESCE(to_json(area_code)::text, 'null') || ',' ELSE '' END
         || to_json(event)::text || ','
         || COALESCE(to_json(from_state)::text, 'null') || ',' || COALESCE(to_json(to_state)::text, 'null') || ','
         || to_json(actor_id)::text || ',' || to_json(actor_role)::text
         || CASE WHEN hash_version = 2 THEN ',' || COALESCE(to_json(actor_name)::text, 'null') ELSE '' END
         || ']' || payload::text, 'UTF8')), 'hex') AS hash_ok,
       prev_hash = lag(hash, 1, repeat('0', 64)) OVER (ORDER BY seq) AS chain_ok
FROM process_log ORDER BY seq`;

  it('agrees with the auditor’s SQL of the README, under both rules, also on a forged name', async () => {
    const check = async () =>
      (await db.read((m) => m.query(AUDITOR_SQL))) as {
        seq: string;
        hash_version: number;
        hash_ok: boolean;
        chain_ok: boolean;
      }[];
    const clean = await check();
    expect(new Set(clean.map((r) => Number(r.hash_version)))).toEqual(new Set([1, 2]));
    expect(clean.filter((r) => !r.hash_ok || !r.chain_ok)).toEqual([]);
    await tamper(t, async (m) => {
      await m.query(`UPDATE process_log SET actor_name = 'Iemand Anders' WHERE seq = 2`);
    });
    expect((await check()).filter((r) => !r.hash_ok).map((r) => Number(r.seq))).toEqual([2]);
    await tamper(t, async (m) => {
      await m.query(`UPDATE process_log SET actor_name = 'Olga Official' WHERE seq = 2`);
    });
    expect((await check()).every((r) => r.hash_ok && r.chain_ok)).toBe(true);
  });
});
