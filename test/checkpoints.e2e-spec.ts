import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import pg from 'pg';
import { CheckpointService } from '../apps/api/src/audit/checkpoints.service.js';
import type { CheckpointView } from '../apps/api/src/open-data/checkpoint.dto.js';
import { loadConfig } from '../apps/api/src/common/config.js';
import { Database } from '../apps/api/src/database/database.service.js';
import { bearer, type Cast, cast } from './support/actors.js';
import { initiative, submit } from './support/cases.js';
import { logHead as headOf, tamper } from './support/process-log.js';
import { call, type SpawnedApp, spawnApp } from './support/spawn-app.js';
import {
  createTestApp,
  createTestDatabase,
  expectProblem,
  expectSettingRefused,
  onPostgres,
  type TestApp,
} from './support/test-app.js';
import { sleep, until } from './support/wait.js';

const ORIGIN = 'gemeente-groningen.nl/wijkflow';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Opens a checkpoint the way an outside verifier would, with node:crypto and the two specs
 * only (c2sp.org/signed-note, c2sp.org/tlog-checkpoint), none of the application's code:
 * checks the verifier key's id, finds the signature line of that key and verifies it.
 */
function openCheckpoint(note: string, verifierKey: string): { origin: string; seq: number; hash: string } {
  const [name, keyIdHex, ...rest] = verifierKey.split('+');
  const typed = Buffer.from(rest.join('+'), 'base64');
  expect(typed.length).toBe(33);
  expect(typed[0]).toBe(0x01); // Ed25519
  const rawKey = typed.subarray(1);
  const keyId = createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.from([0x01]), rawKey]))
    .digest()
    .subarray(0, 4);
  expect(keyId.toString('hex')).toBe(keyIdHex);
  const publicKey = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, rawKey]),
    format: 'der',
    type: 'spki',
  });

  expect(note.endsWith('\n')).toBe(true);
  const blank = note.lastIndexOf('\n\n');
  const text = note.slice(0, blank + 1);
  const signatureLines = note.slice(blank + 2, -1).split('\n');
  const ours = signatureLines.filter((line) => line.startsWith(`\u2014 ${name} `));
  expect(ours).toHaveLength(1);
  const blob = Buffer.from(ours[0].split(' ')[2], 'base64');
  expect(blob.length).toBe(4 + 64);
  expect(blob.subarray(0, 4).toString('hex')).toBe(keyIdHex);
  expect(verify(null, Buffer.from(text, 'utf8'), publicKey, blob.subarray(4))).toBe(true);

  const lines = text.split('\n');
  expect(lines).toHaveLength(4); // origin, size, hash, and the empty string after the final newline
  expect(lines[1]).toMatch(/^(0|[1-9][0-9]*)$/);
  const hash = Buffer.from(lines[2], 'base64');
  expect(hash.toString('base64')).toBe(lines[2]);
  expect(hash.length).toBe(32);
  return { origin: lines[0], seq: Number(lines[1]), hash: hash.toString('hex') };
}

async function allCheckpoints(t: TestApp): Promise<CheckpointView[]> {
  return (await t.http.get('/api/v1/open/checkpoints?limit=500').expect(200)).body.items;
}

describe('checkpoints: published, signed, kept by anyone (before anything is signed)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CHECKPOINT_ORIGIN: ORIGIN });
  });
  afterAll(() => t.close());

  it('has none before the log has a head worth signing: 404 problem', async () => {
    expectProblem(await t.http.get('/api/v1/open/checkpoint'), 404);
    expect((await t.http.get('/api/v1/open/checkpoints').expect(200)).body).toEqual({
      items: [],
      nextAfter: null,
    });
  });

  it('gives the verifier key, publicly, in signed-note form', async () => {
    const res = await t.http.get('/api/v1/open/checkpoint-key').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(new RegExp(`^${ORIGIN}\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}$`));
  });
});

describe('checkpoints: published, signed, kept by anyone (after a report)', () => {
  let t: TestApp;
  let a: Cast;
  let report: { logHead: { seq: number; hash: string } };
  beforeAll(async () => {
    t = await createTestApp({ CHECKPOINT_ORIGIN: ORIGIN });
    a = await cast(t);
    for (let i = 0; i < 2; i++) await submit(t, a.resident, initiative());
    report = (await t.http.post('/api/v1/reports').set(bearer(a.alderman)).expect(201)).body;
  });
  afterAll(() => t.close());

  it('makes one with every report, in its transaction: the report’s head, signed by the published key', async () => {
    const res = await t.http.get('/api/v1/open/checkpoint').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/);
    const key = (await t.http.get('/api/v1/open/checkpoint-key').expect(200)).text;
    expect(openCheckpoint(res.text, key)).toEqual({
      origin: ORIGIN,
      seq: report.logHead.seq,
      hash: report.logHead.hash,
    });
    expect(await allCheckpoints(t)).toEqual([
      {
        seq: report.logHead.seq,
        hash: report.logHead.hash,
        kind: 'report',
        createdAt: expect.stringMatching(/Z$/),
        note: res.text,
      },
    ]);
  });

  it('keeps them: the database refuses to change or delete a checkpoint', async () => {
    const db = t.app.get(Database);
    await expect(
      db.transaction((m) => m.query(`UPDATE log_checkpoints SET seq = seq + 1`)),
    ).rejects.toThrow();
    await expect(db.transaction((m) => m.query(`DELETE FROM log_checkpoints`))).rejects.toThrow();
    await expect(db.transaction((m) => m.query(`TRUNCATE log_checkpoints`))).rejects.toThrow();
    expect(await allCheckpoints(t)).toHaveLength(1);
  });
});

describe('checkpoints: published, signed, kept by anyone (a list of them)', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp({ CHECKPOINT_ORIGIN: ORIGIN });
    a = await cast(t);
  });
  afterAll(() => t.close());

  it('lists them oldest first, a page at a time after a seq; a bad after or limit is a 400 problem', async () => {
    // Three reports, each after a case of its own.
    for (let i = 0; i < 3; i++) {
      await submit(t, a.resident, initiative());
      await t.http.post('/api/v1/reports').set(bearer(a.alderman)).expect(201);
    }
    const all = await allCheckpoints(t);
    expect(all.map((c) => c.kind)).toEqual(['report', 'report', 'report']);
    expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((x, y) => x - y));
    const first = (await t.http.get('/api/v1/open/checkpoints?limit=2').expect(200)).body;
    expect(first.items.map((c: CheckpointView) => c.seq)).toEqual([all[0].seq, all[1].seq]);
    expect(first.nextAfter).toBe(all[1].seq);
    const rest = (await t.http.get(`/api/v1/open/checkpoints?limit=2&after=${first.nextAfter}`).expect(200))
      .body;
    expect(rest).toEqual({ items: [all[2]], nextAfter: null });
    for (const bad of ['after=-1', 'after=abc', 'after=1.5', 'limit=0', 'limit=501', 'before=3']) {
      expectProblem(await t.http.get(`/api/v1/open/checkpoints?${bad}`), 400);
    }
  });
});

describe('checkpoints: at least every interval while the log grows, never while it does not', () => {
  let t: TestApp;
  let a: Cast;
  let checkpoints: CheckpointService;
  // An app of its own for each test: the first starts from an empty log.
  beforeEach(async () => {
    // An hour: the background look never finds one due during the test, so every checkpoint
    // here is made by the calls below (or, if the look races one, the same one).
    t = await createTestApp({ CHECKPOINT_ORIGIN: ORIGIN, CHECKPOINT_INTERVAL_MS: '3600000' });
    a = await cast(t);
    checkpoints = t.app.get(CheckpointService);
  });
  afterEach(() => t.close());

  const grow = () => submit(t, a.resident, initiative());

  it('is made when the head moved and the newest is older than the interval, and only then', async () => {
    expect(await checkpoints.createIfDue()).toBeNull(); // an empty log: nothing to sign
    await grow();
    // The first one: the log grew and there is none yet.
    const first = (await checkpoints.createIfDue()) ?? (await checkpoints.latest());
    expect(first).toMatchObject({ ...(await headOf(t)), kind: 'periodic' });
    // The head did not move.
    expect(await checkpoints.createIfDue()).toBeNull();
    // The head moved, but the newest checkpoint is fresh.
    await grow();
    expect(await checkpoints.createIfDue()).toBeNull();
    expect(await allCheckpoints(t)).toHaveLength(1);
    // An hour later (the newest checkpoint's time put back, triggers off as only a test may):
    await tamper(t, (m) =>
      m.query(`UPDATE log_checkpoints SET created_at = created_at - interval '2 hours'`),
    );
    const second = (await checkpoints.createIfDue()) ?? (await checkpoints.latest());
    expect(second).toMatchObject({ ...(await headOf(t)), kind: 'periodic' });
    const key = (await t.http.get('/api/v1/open/checkpoint-key').expect(200)).text;
    expect(openCheckpoint(second!.note, key)).toMatchObject(await headOf(t));
    expect(await checkpoints.createIfDue()).toBeNull();
    expect(await allCheckpoints(t)).toHaveLength(2);
  });

  it('is made once when several look at the same moment', async () => {
    await tamper(t, (m) =>
      m.query(`UPDATE log_checkpoints SET created_at = created_at - interval '2 hours'`),
    );
    await grow();
    const before = (await allCheckpoints(t)).length;
    const made = await Promise.all(Array.from({ length: 6 }, () => checkpoints.createIfDue()));
    expect(made.filter((c) => c !== null).length).toBeLessThanOrEqual(1);
    const after = await allCheckpoints(t);
    expect(after).toHaveLength(before + 1);
    expect(after[after.length - 1]).toMatchObject({ ...(await headOf(t)), kind: 'periodic' });
  });
});

describe('checkpoints: the periodic look runs by itself (CHECKPOINT_INTERVAL_MS)', () => {
  let t: TestApp;
  let a: Cast;
  beforeAll(async () => {
    t = await createTestApp({ CHECKPOINT_INTERVAL_MS: '1000' });
    a = await cast(t);
  });
  afterAll(() => t.close());

  it('signs the head after the log grew, and makes nothing more while it stands still', async () => {
    await submit(t, a.resident, initiative());
    const head = await headOf(t);
    const first = await until('a periodic checkpoint', async () =>
      (await allCheckpoints(t)).find((c) => c.seq === head.seq),
    );
    expect(first.kind).toBe('periodic');
    // Three intervals without a new entry: still the one checkpoint.
    await sleep(3000);
    expect(await allCheckpoints(t)).toEqual([first]);

    await submit(t, a.resident, initiative());
    const next = await headOf(t);
    const second = await until('the next periodic checkpoint', async () =>
      (await allCheckpoints(t)).find((c) => c.seq === next.seq),
    );
    expect(second.kind).toBe('periodic');
    // Never two within the interval (less the tenth it looks every).
    expect(Date.parse(second.createdAt) - Date.parse(first.createdAt)).toBeGreaterThanOrEqual(900);
  });
});

describe('checkpoints: settings', () => {
  const base = { AUTH_MODE: 'dev', NODE_ENV: 'test' };
  const refused = (env: Record<string, string>, setting: string) =>
    expectSettingRefused({ ...base, ...env }, setting);

  it('defaults to an hour and a generated key; takes an Ed25519 PKCS#8 key', () => {
    expect(loadConfig(base)).toMatchObject({
      checkpointIntervalMs: 3_600_000,
      checkpointSigningKey: null,
      checkpointOrigin: expect.any(String),
    });
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadConfig({ ...base, CHECKPOINT_SIGNING_KEY: pem }).checkpointSigningKey).toBe(pem);
  });

  it('refuses an origin with a space or "+", a key that is not Ed25519, an interval over an hour', () => {
    refused({ CHECKPOINT_ORIGIN: 'gemeente groningen' }, 'CHECKPOINT_ORIGIN');
    refused({ CHECKPOINT_ORIGIN: 'groningen+wijkflow' }, 'CHECKPOINT_ORIGIN');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    refused({ CHECKPOINT_SIGNING_KEY: ec }, 'CHECKPOINT_SIGNING_KEY');
    refused({ CHECKPOINT_SIGNING_KEY: 'not a key' }, 'CHECKPOINT_SIGNING_KEY');
    refused({ CHECKPOINT_INTERVAL_MS: '3600001' }, 'CHECKPOINT_INTERVAL_MS');
    refused({ CHECKPOINT_INTERVAL_MS: '10' }, 'CHECKPOINT_INTERVAL_MS');
  });
});

const onTwo = onPostgres ? describe : describe.skip;

onTwo('checkpoints: two API processes on one PostgreSQL (needs TEST_DATABASE_URL)', () => {
  let a: SpawnedApp;
  let b: SpawnedApp;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = (await createTestDatabase())!;
    ({ url: databaseUrl, drop } = db);
    const env = { CHECKPOINT_INTERVAL_MS: '1000', CHECKPOINT_ORIGIN: ORIGIN };
    [a, b] = await Promise.all([
      spawnApp({ databaseUrl: db.url, env }),
      spawnApp({ databaseUrl: db.url, env }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await drop?.();
  });

  it('make one periodic checkpoint per interval between them, which both serve and one key verifies', async () => {
    const resident = await a.token('resident-1', ['resident']);
    // Five seconds of a growing log, written through both.
    const started = Date.now();
    for (let i = 0; Date.now() - started < 5000; i++) {
      const res = await call(`${(i % 2 ? a : b).url}/api/v1/cases`, 'POST', resident, initiative());
      expect(res.status).toBe(201);
      await sleep(100);
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows: head } = await client.query<{ seq: string }>(`SELECT seq FROM log_head`);
    await until('a checkpoint of the last head', async () => {
      const { rows } = await client.query(`SELECT 1 FROM log_checkpoints WHERE seq = $1`, [head[0].seq]);
      return rows.length > 0;
    });
    const { rows } = await client.query<{ seq: string; kind: string; created_at: Date }>(
      `SELECT seq, kind, created_at FROM log_checkpoints ORDER BY created_at`,
    );
    await client.end();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.kind === 'periodic')).toBe(true);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].created_at.getTime() - rows[i - 1].created_at.getTime()).toBeGreaterThanOrEqual(900);
    }

    const [keyA, keyB] = await Promise.all(
      [a, b].map(async (p) => (await fetch(`${p.url}/api/v1/open/checkpoint-key`)).text()),
    );
    expect(keyB).toBe(keyA);
    const [latestA, latestB] = await Promise.all(
      [a, b].map(async (p) => (await fetch(`${p.url}/api/v1/open/checkpoint`)).text()),
    );
    expect(latestB).toBe(latestA);
    const listed = (await call(`${b.url}/api/v1/open/checkpoints?limit=500`, 'GET', null)).body as {
      items: CheckpointView[];
    };
    for (const c of listed.items)
      expect(openCheckpoint(c.note, keyA)).toMatchObject({ seq: c.seq, hash: c.hash });
  }, 90_000);
});
