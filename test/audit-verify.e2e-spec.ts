import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { LogRow } from '../apps/api/src/audit/log-row.js';
import { Database } from '../apps/api/src/database/database.service.js';
import { entryHash, GENESIS_HASH } from '../libs/domain/src/index.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { decide, initiative, sendEvent, submit } from './support/cases.js';
import { seedProgramme } from './support/programmes.js';
import { tamper, type Verdict, verifyLog } from './support/process-log.js';
import { createTestApp, expectProblem, type TestApp } from './support/test-app.js';
import { until } from './support/wait.js';

/** Rows from `m.query`, the same on pg and PGlite for SELECT. */
const rows = async <T>(m: EntityManager, text: string, params: unknown[] = []) =>
  (await m.query(text, params)) as T[];

/** The hash of a stored row under the rule it names, computed as the application does. */
function hashOf(prevHash: string, r: LogRow): string {
  const entry = {
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    caseId: r.case_id,
    caseReference: r.case_reference,
    areaCode: r.area_code,
    event: r.event,
    fromState: r.from_state,
    toState: r.to_state,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorName: r.actor_name,
    payload: r.payload,
  };
  return Number(r.hash_version) === 1 ? entryHash(prevHash, entry, 1) : entryHash(prevHash, entry);
}

/**
 * A log with a report in the middle: cases decided, a report anchoring the head (its own
 * REPORT_ISSUED entry), then more activity after the anchor.
 */
async function scenario(env: Record<string, string> = {}): Promise<{
  t: TestApp;
  a: Cast;
  anchor: { seq: number; hash: string };
  headSeq: number;
}> {
  const t = await createTestApp(env);
  const a = await cast(t);
  const tm = { official: a.official, alderman: a.alderman };
  await seedProgramme(t, 'oost', {
    budgetCents: 10_000_000,
    delegationLimitCents: 5_000_000,
    themes: ['speelruimte'],
  });
  for (let i = 0; i < 3; i++) {
    const c = await submit(t, a.resident, initiative({ title: `Plan ${i}` }));
    await decide(t, tm, c.id, i === 1 ? 'rejected' : 'honoured', 10_000);
  }
  const report = (await t.http.post('/api/v1/reports').set(bearer(a.alderman)).expect(201)).body;
  for (let i = 0; i < 2; i++) {
    const c = await submit(t, a.resident, initiative({ title: `Later ${i}` }));
    await sendEvent(t, a.official, c.id, { type: 'ASSESS', advice: 'honour', motivation: 'Goed.' });
  }
  return { t, a, anchor: report.logHead, headSeq: report.logHead.seq + 4 };
}

const verify = (t: TestApp, a: Cast): Promise<Verdict> => verifyLog(t, a.council);

describe('anchored verification: GET /audit/verify', () => {
  let t: TestApp;
  let a: Cast;
  let anchor: { seq: number; hash: string };
  let headSeq: number;
  beforeEach(async () => {
    ({ t, a, anchor, headSeq } = await scenario());
  });
  afterEach(() => t.close());

  it('is valid on a clean log, checking every entry and the anchor', async () => {
    const v = await verify(t, a);
    expect(v).toEqual({
      valid: true,
      checked: headSeq,
      headSeq,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      anchorsChecked: 1,
      // The report's checkpoint (and an hourly one, should the run be slow enough to see one).
      checkpointsChecked: expect.any(Number),
    });
    expect(v.checkpointsChecked).toBeGreaterThanOrEqual(1);
    const [last] = (
      await t.http
        .get(`/api/v1/audit?cursor=${headSeq - 1}`)
        .set(bearer(a.council))
        .expect(200)
    ).body.items;
    expect(last.hash).toBe(v.headHash);
  });

  it('keeps its anchors: the database refuses to change or delete a report', async () => {
    const db = t.app.get(Database);
    await expect(db.transaction((m) => m.query(`UPDATE reports SET log_head_seq = 1`))).rejects.toThrow();
    await expect(db.transaction((m) => m.query(`DELETE FROM reports`))).rejects.toThrow();
    await expect(db.transaction((m) => m.query(`TRUNCATE reports`))).rejects.toThrow();
    expect(await verify(t, a)).toMatchObject({ valid: true, anchorsChecked: 1 });
  });

  it('is invalid after one entry is altered, naming that entry', async () => {
    const target = anchor.seq - 2; // a REPORT entry of the first report
    await tamper(t, (m) =>
      m.query(`UPDATE process_log SET actor_id = 'someone-else' WHERE seq = $1`, [target]),
    );
    const v = await verify(t, a);
    expect(v).toMatchObject({
      valid: false,
      firstInvalidSeq: target,
      checked: target - 1,
      headSeq: target - 1,
    });
    expect(v.reason).toMatch(/altered/);
  });

  it('is invalid after an entry is altered and the whole chain after it re-hashed: only the anchor catches it', async () => {
    const target = 2;
    await tamper(t, async (m) => {
      await m.query(`UPDATE process_log SET payload = '{"motivation":"Vervalst."}'::jsonb WHERE seq = $1`, [
        target,
      ]);
      const all = await rows<LogRow>(m, `SELECT * FROM process_log ORDER BY seq`);
      let prev = GENESIS_HASH;
      for (const r of all) {
        const hash = hashOf(prev, r);
        await m.query(`UPDATE process_log SET prev_hash = $2, hash = $3 WHERE seq = $1`, [r.seq, prev, hash]);
        prev = hash;
      }
      await m.query(`UPDATE log_head SET hash = $1`, [prev]);
    });
    const v = await verify(t, a);
    expect(v).toMatchObject({ valid: false, firstInvalidSeq: anchor.seq, checked: anchor.seq - 1 });
    expect(v.reason).toMatch(/anchored in a report/);
  });

  it('is invalid after the entries up to an anchored head are deleted and the head reset to match', async () => {
    await tamper(t, async (m) => {
      await m.query(`DELETE FROM process_log WHERE seq >= $1`, [anchor.seq]);
      const [last] = await rows<LogRow>(m, `SELECT seq, hash FROM process_log ORDER BY seq DESC LIMIT 1`);
      await m.query(`UPDATE log_head SET seq = $1, hash = $2`, [last.seq, last.hash]);
    });
    // The remaining chain is whole and matches the head: without the anchor this would pass.
    const v = await verify(t, a);
    expect(v).toMatchObject({
      valid: false,
      checked: anchor.seq - 1,
      headSeq: anchor.seq - 1,
      firstInvalidSeq: anchor.seq,
    });
    expect(v.reason).toMatch(new RegExp(`entries up to ${anchor.seq}, anchored in a report, are missing`));
  });

  it('is invalid after entries are deleted from the end without touching the head', async () => {
    await tamper(t, (m) => m.query(`DELETE FROM process_log WHERE seq > $1`, [anchor.seq]));
    const v = await verify(t, a);
    expect(v).toMatchObject({ valid: false, firstInvalidSeq: anchor.seq + 1, checked: anchor.seq });
    expect(v.reason).toMatch(/removed from the end/);
  });

  it('is invalid after a middle entry is deleted', async () => {
    await tamper(t, (m) => m.query(`DELETE FROM process_log WHERE seq = 5`));
    const v = await verify(t, a);
    expect(v).toMatchObject({ valid: false, firstInvalidSeq: 5, checked: 4 });
    expect(v.reason).toMatch(/missing/);
  });

  it('is invalid after two entries swap places', async () => {
    await tamper(t, async (m) => {
      await m.query(`UPDATE process_log SET seq = -1 WHERE seq = 3`);
      await m.query(`UPDATE process_log SET seq = 3 WHERE seq = 4`);
      await m.query(`UPDATE process_log SET seq = 4 WHERE seq = -1`);
    });
    const v = await verify(t, a);
    expect(v).toMatchObject({ valid: false, firstInvalidSeq: 3, checked: 2 });
  });

  it('is invalid when an entry was slipped in beyond the head', async () => {
    await tamper(t, async (m) => {
      const [last] = await rows<LogRow>(m, `SELECT * FROM process_log ORDER BY seq DESC LIMIT 1`);
      const forged = {
        ...last,
        seq: Number(last.seq) + 1,
        event: 'FORGED',
        case_reference: null,
        area_code: null,
        actor_name: null,
        prev_hash: last.hash,
      };
      await m.query(
        `INSERT INTO process_log (seq, at, case_id, event, from_state, to_state, actor_id, actor_role, payload,
                                  prev_hash, hash, hash_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, 2)`,
        [
          forged.seq,
          forged.at,
          forged.case_id,
          forged.event,
          forged.from_state,
          forged.to_state,
          forged.actor_id,
          forged.actor_role,
          JSON.stringify(forged.payload),
          forged.prev_hash,
          hashOf(last.hash, forged),
        ],
      );
    });
    const v = await verify(t, a);
    expect(v).toMatchObject({ valid: false, firstInvalidSeq: headSeq + 1, checked: headSeq });
    expect(v.reason).toMatch(/beyond/);
  });
});

describe('verify while the log grows, and across pages', () => {
  let t: TestApp;
  let a: Cast;
  // A log of its own for each test: the second leaves its log altered.
  beforeEach(async () => {
    ({ t, a } = await scenario());
  });
  afterEach(() => t.close());

  it('stays valid while entries are appended concurrently', async () => {
    const verifies: Promise<{ status: number; body: Verdict }>[] = [];
    const writes: Promise<{ status: number }>[] = [];
    for (let i = 0; i < 12; i++) {
      verifies.push(
        t.http
          .get('/api/v1/audit/verify')
          .set(bearer(a.council))
          .then((r) => r),
      );
      writes.push(
        t.http
          .post('/api/v1/cases')
          .set(bearer(a.resident))
          .send(initiative({ title: `Druk ${i}` }))
          .then((r) => r),
      );
    }
    writes.push(
      t.http
        .post('/api/v1/reports')
        .set(bearer(a.alderman))
        .then((r) => r),
    );
    const [seen, written] = await Promise.all([Promise.all(verifies), Promise.all(writes)]);
    expect(written.map((r) => r.status)).toEqual([...Array(12).fill(201), 201]);
    for (const r of seen) {
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ valid: true });
    }
    expect(await verify(t, a)).toMatchObject({ valid: true, anchorsChecked: 2 });
  });

  it('streams through more entries than one page and still catches a change on a later page', async () => {
    // 25,000 valid entries written straight into the table, more than one verify page (20,000).
    // Moving the head 25,000 entries at once is what its trigger refuses, so the seeding bypasses it.
    const n = 25_000;
    await tamper(t, async (m) => {
      const [head] = await rows<{ seq: string; hash: string }>(
        m,
        `SELECT seq, hash FROM log_head WHERE id = 1`,
      );
      let prev = head.hash;
      let seq = Number(head.seq);
      const base = Date.now();
      for (let done = 0; done < n; done += 1000) {
        const values: string[] = [];
        const params: unknown[] = [];
        for (let i = 0; i < 1000; i++) {
          seq++;
          const entry = {
            seq,
            at: new Date(base + seq).toISOString(),
            caseId: null,
            caseReference: null,
            areaCode: null,
            event: 'BULK_TEST',
            fromState: null,
            toState: null,
            actorId: 'bulk',
            actorRole: 'official',
            actorName: null,
            payload: { i: done + i },
          };
          const hash = entryHash(prev, entry);
          const p = params.length;
          values.push(
            `($${p + 1}, $${p + 2}, NULL, 'BULK_TEST', 'bulk', 'official', $${p + 3}::jsonb, $${p + 4}, $${p + 5}, 2)`,
          );
          params.push(seq, entry.at, JSON.stringify(entry.payload), prev, hash);
          prev = hash;
        }
        await m.query(
          `INSERT INTO process_log (seq, at, case_id, event, actor_id, actor_role, payload, prev_hash, hash, hash_version)
           VALUES ${values.join(',')}`,
          params,
        );
      }
      await m.query(`UPDATE log_head SET seq = $1, hash = $2 WHERE id = 1`, [seq, prev]);
    });
    const clean = await verify(t, a);
    expect(clean.valid).toBe(true);
    expect(clean.checked).toBeGreaterThan(n);
    expect(clean.checked).toBe(clean.headSeq);

    const target = clean.headSeq - 10; // on the second page
    await tamper(t, (m) =>
      m.query(`UPDATE process_log SET payload = '{"i":-1}'::jsonb WHERE seq = $1`, [target]),
    );
    expect(await verify(t, a)).toMatchObject({ valid: false, firstInvalidSeq: target, checked: target - 1 });

    // A gap exactly at the end of the first page is a missing entry, not the end of the log.
    await tamper(t, (m) => m.query(`DELETE FROM process_log WHERE seq = 20000`));
    const gap = await verify(t, a);
    expect(gap).toMatchObject({ valid: false, firstInvalidSeq: 20000, checked: 19_999 });
    expect(gap.reason).toMatch(/entry 20000 is missing/);
  }, 120_000);
});

describe('verify against checkpoints someone kept: POST /audit/verify', () => {
  let t: TestApp;
  let a: Cast;
  let anchor: { seq: number; hash: string };
  let headSeq: number;
  /** The checkpoint of the last head, as someone fetched and kept it; it lies after the last report. */
  let kept: string;
  let reportCheckpoint: string;
  beforeEach(async () => {
    // Checkpoints every half second while the log grows, so the tail after the report gets one.
    ({ t, a, anchor, headSeq } = await scenario({ CHECKPOINT_INTERVAL_MS: '500' }));
    kept = await until('the checkpoint of the last head', async () => {
      const res = await t.http.get('/api/v1/open/checkpoint').expect(200);
      return res.text.split('\n')[1] === String(headSeq) ? res.text : undefined;
    });
    const listed = (await t.http.get('/api/v1/open/checkpoints?limit=500').expect(200)).body.items as {
      seq: number;
      note: string;
    }[];
    reportCheckpoint = listed.find((c) => c.seq === anchor.seq)!.note;
  });
  afterEach(() => t.close());

  const verifyWith = async (checkpoints: unknown): Promise<Verdict> =>
    (await t.http.post('/api/v1/audit/verify').set(bearer(a.council)).send({ checkpoints }).expect(200)).body;

  /** The attacker's tidying up: published checkpoints after the last report go too. */
  const dropPublishedAfter = (m: EntityManager, seq: number) =>
    m.query(`DELETE FROM log_checkpoints WHERE seq > $1`, [seq]);

  it('is valid with checkpoints the log published, and counts them', async () => {
    const published = (await t.http.get('/api/v1/open/checkpoints?limit=500').expect(200)).body.items.length;
    expect(await verifyWith([reportCheckpoint, kept])).toEqual({
      valid: true,
      checked: headSeq,
      headSeq,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      anchorsChecked: 1,
      checkpointsChecked: published + 2,
    });
    // Without a body it is GET /audit/verify.
    const plain = (await t.http.post('/api/v1/audit/verify').set(bearer(a.council)).expect(200)).body;
    expect(plain).toMatchObject({ valid: true, checkpointsChecked: published });
  });

  it('catches entries cut off after the last report with the head moved back, given a kept checkpoint', async () => {
    await tamper(t, async (m) => {
      await m.query(`DELETE FROM process_log WHERE seq > $1`, [anchor.seq]);
      const [last] = await rows<LogRow>(m, `SELECT * FROM process_log WHERE seq = $1`, [anchor.seq]);
      await m.query(`UPDATE log_head SET seq = $1, hash = $2, prev_hash = $3`, [
        last.seq,
        last.hash,
        last.prev_hash,
      ]);
      await dropPublishedAfter(m, anchor.seq);
    });
    // Whole and anchored as far as the database tells: without a kept checkpoint it passes.
    expect(await verify(t, a)).toMatchObject({ valid: true, headSeq: anchor.seq });
    const v = await verifyWith([kept]);
    expect(v).toMatchObject({
      valid: false,
      checked: anchor.seq,
      headSeq: anchor.seq,
      firstInvalidSeq: anchor.seq + 1,
    });
    expect(v.reason).toBe(
      `entries up to ${headSeq}, anchored in the checkpoint you sent (checkpoints.0), are missing`,
    );
  });

  it('catches the tail after the last report altered and re-hashed, given a kept checkpoint', async () => {
    await tamper(t, async (m) => {
      const target = anchor.seq + 2;
      await m.query(`UPDATE process_log SET payload = '{"motivation":"Vervalst."}'::jsonb WHERE seq = $1`, [
        target,
      ]);
      const tail = await rows<LogRow>(m, `SELECT * FROM process_log WHERE seq >= $1 ORDER BY seq`, [target]);
      let prev = tail[0].prev_hash;
      let before = prev;
      for (const r of tail) {
        const hash = hashOf(prev, r);
        await m.query(`UPDATE process_log SET prev_hash = $2, hash = $3 WHERE seq = $1`, [r.seq, prev, hash]);
        before = prev;
        prev = hash;
      }
      await m.query(`UPDATE log_head SET hash = $1, prev_hash = $2`, [prev, before]);
      await dropPublishedAfter(m, anchor.seq);
    });
    expect(await verify(t, a)).toMatchObject({ valid: true, headSeq });
    const v = await verifyWith([reportCheckpoint, kept]);
    expect(v).toMatchObject({ valid: false, firstInvalidSeq: headSeq, checked: headSeq - 1 });
    expect(v.reason).toBe(
      `entry ${headSeq} differs from the head anchored in the checkpoint you sent (checkpoints.1)`,
    );
  });

  it('is invalid, saying why, for a checkpoint whose signature is not this log’s', async () => {
    const [text, signatureLine] = kept.split('\n\n');
    const [dash, name, blob] = signatureLine.trim().split(' ');
    // The signature bytes changed, the key id left alone.
    const bytes = Buffer.from(blob, 'base64');
    bytes[10] ^= 0xff;
    const tampered = `${text}\n\n${dash} ${name} ${bytes.toString('base64')}\n`;
    const bad = await verifyWith([reportCheckpoint, tampered]);
    expect(bad).toMatchObject({ valid: false, checked: 0 });
    expect(bad.reason).toMatch(/signature of checkpoints\.1 .* does not verify/);

    // Another key under the log's name: not the log's signature.
    const other = generateKeyPairSync('ed25519');
    const raw = Buffer.from(other.publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const keyId = createHash('sha256')
      .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.from([1]), raw]))
      .digest()
      .subarray(0, 4);
    const forgedText = `${text.split('\n')[0]}\n${headSeq + 5}\n${Buffer.alloc(32, 7).toString('base64')}\n`;
    const signature = sign(null, Buffer.from(forgedText), other.privateKey);
    const forged = `${forgedText}\n${dash} ${name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
    const notOurs = await verifyWith([forged]);
    expect(notOurs).toMatchObject({ valid: false });
    expect(notOurs.reason).toMatch(/checkpoints\.0 is not a checkpoint of this log/);

    // The log's own signature on a changed text (another seq).
    const moved = `${text.replace(`\n${headSeq}\n`, `\n${headSeq + 1}\n`)}\n\n${signatureLine}`;
    expect((await verifyWith([moved])).reason).toMatch(/does not verify/);
  });

  it('answers 400 problem+json for what is not a list of signed checkpoints, naming each one', async () => {
    const post = (body: unknown) =>
      t.http
        .post('/api/v1/audit/verify')
        .set(bearer(a.council))
        .set('Content-Type', 'application/json')
        .send(body as object);
    const notes = expectProblem(await post({ checkpoints: [kept, 'hallo', `${kept}x`] }), 400);
    expect((notes.invalidParams as { name: string; reason: string }[]).map((p) => p.name)).toEqual([
      'checkpoints.1',
      'checkpoints.2',
    ]);
    expect(JSON.stringify(notes.invalidParams)).toMatch(/is geen ondertekend checkpoint/);
    for (const body of [
      { checkpoints: kept },
      { checkpoints: [42] },
      { checkpoints: Array.from({ length: 1001 }, () => 'x') },
      { checkpoints: ['x'.repeat(16_385)] },
      { checkpoints: [], other: true },
    ]) {
      expectProblem(await post(body), 400);
    }
  });

  it('is council-only', async () => {
    expectProblem(
      await t.http
        .post('/api/v1/audit/verify')
        .set(bearer(a.resident))
        .send({ checkpoints: [kept] }),
      403,
    );
    expectProblem(await t.http.post('/api/v1/audit/verify').send({ checkpoints: [kept] }), 401);
  });
});
