import { CheckpointsRepository } from '../../apps/api/src/audit/checkpoints.repository.js';
import { CheckpointService } from '../../apps/api/src/audit/checkpoints.service.js';
import { ProcessLogRepository } from '../../apps/api/src/audit/process-log.repository.js';
import { actor, createRepoApp, logEntry, type RepoApp } from './repo-app.js';

let r: RepoApp;
let checkpoints: CheckpointsRepository;
beforeAll(async () => {
  r = await createRepoApp();
  checkpoints = r.get(CheckpointsRepository);
  // The app's own periodic look would make checkpoints behind this test's back.
  await r.get(CheckpointService).beforeApplicationShutdown();
});
afterAll(() => r.close());

const HOUR = 3_600_000;
const append = () =>
  r.tx((m) =>
    r
      .get(ProcessLogRepository)
      .append(
        m,
        logEntry(actor('alderman-1', ['alderman']), 'alderman', { areaCode: null, event: 'REPORT_ISSUED' }),
      ),
  );
/** Decides and makes a periodic checkpoint as CheckpointService.createIfDue does. */
const periodic = (dueAfterMs = HOUR) =>
  r.tx(async (m) => {
    await checkpoints.lockPeriodic(m);
    const head = await checkpoints.headIfDue(m, dueAfterMs);
    return head ? checkpoints.insertPeriodic(m, head, `note ${head.seq}\n`) : null;
  });
/** Moves every checkpoint an hour and more back (triggers off, as only a test may). */
const age = () =>
  r.tx(async (m) => {
    await m.query(`SET LOCAL session_replication_role = replica`);
    await m.query(`UPDATE log_checkpoints SET created_at = created_at - interval '2 hours'`);
  });

describe('CheckpointsRepository', () => {
  it('finds nothing due on an empty log, or when the head did not move', async () => {
    expect(await periodic()).toBeNull();
    expect(await r.read((m) => checkpoints.latest(m))).toBeNull();
  });

  it('makes a periodic checkpoint when the head moved and the newest is older than asked', async () => {
    const head = await append();
    const made = await periodic();
    expect(made).toEqual({
      seq: head.seq,
      hash: head.hash,
      kind: 'periodic',
      createdAt: expect.stringMatching(/Z$/),
      note: `note ${head.seq}\n`,
    });
    expect(await periodic()).toBeNull(); // the head did not move
    await append();
    expect(await periodic()).toBeNull(); // moved, but the newest is fresh
    expect(await periodic(0)).toMatchObject({ seq: head.seq + 1 }); // fresh enough for nobody
    await append();
    await age();
    expect(await periodic()).toMatchObject({ seq: head.seq + 2 });
  });

  it('records a report’s checkpoint once per seq', async () => {
    const head = await append();
    await r.tx((m) => checkpoints.insert(m, head, 'report', 'first\n'));
    await r.tx((m) => checkpoints.insert(m, head, 'report', 'second\n'));
    expect(await r.read((m) => checkpoints.latest(m))).toMatchObject({
      ...head,
      kind: 'report',
      note: 'first\n',
    });
  });

  it('lists checkpoints after a seq, oldest first, one more than the limit, and their heads', async () => {
    const all = await r.read((m) => checkpoints.after(m, 0, 100));
    expect(all.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
    expect((await r.read((m) => checkpoints.after(m, 1, 2))).map((c) => c.seq)).toEqual([2, 3, 4]);
    expect(await r.read((m) => checkpoints.after(m, 4, 10))).toEqual([]);
    expect(await r.read((m) => checkpoints.heads(m))).toEqual(all.map(({ seq, hash }) => ({ seq, hash })));
  });
});
