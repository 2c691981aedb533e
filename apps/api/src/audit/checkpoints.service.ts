import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import {
  checkNoteSignature,
  checkpointText,
  noteVerifierKey,
  type ParsedCheckpoint,
  parseCheckpoint,
  signNote,
} from '../../../../libs/domain/src/index.js';
import { PeriodicJob } from '../common/background-work.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { Database } from '../database/database.service.js';
import { type Checkpoint, type CheckpointKind, CheckpointsRepository } from './checkpoints.repository.js';
import type { LogHead } from './process-log.repository.js';

const KEY_FILE = 'checkpoint-signing-key.pem';
/** Keys of in-memory data dirs (tests): one per data dir, like a key file would be. */
const memoryKeys = new Map<string, string>();

/**
 * Signed checkpoints of the process log's head (c2sp.org/tlog-checkpoint, Ed25519 signed
 * notes), for anyone to keep: a hash chain shows a change only to someone who kept an earlier
 * head. One is made in the transaction of every report, and one at least every
 * CHECKPOINT_INTERVAL_MS while the log grows: each process looks every tenth of the interval
 * (at most every minute) and makes one when the head moved and the newest checkpoint is older
 * than the interval less that tenth, so no head waits longer than the interval. The decision
 * and the insert run under one advisory lock, so with several processes it happens once.
 *
 * No process-log entry records a checkpoint: it would move the head it just signed.
 */
@Injectable()
export class CheckpointService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CheckpointService.name);
  readonly origin: string;
  readonly publicKey: KeyObject;
  /** The verifier key in signed-note form (`<name>+<key id>+<base64 key>`). */
  readonly verifierKey: string;
  private readonly privateKey: KeyObject;
  private readonly dueAfterMs: number;
  private readonly job: PeriodicJob;
  private keyChecked = false;

  constructor(
    private readonly db: Database,
    private readonly checkpoints: CheckpointsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.origin = config.checkpointOrigin;
    this.privateKey = createPrivateKey(config.checkpointSigningKey ?? this.loadOrCreate(config.dataDir));
    this.publicKey = createPublicKey(this.privateKey);
    this.verifierKey = noteVerifierKey(this.origin, this.publicKey);
    const pollMs = Math.min(60_000, Math.max(10, Math.floor(config.checkpointIntervalMs / 10)));
    this.dueAfterMs = config.checkpointIntervalMs - pollMs;
    this.job = new PeriodicJob(this.logger, {
      everyMs: pollMs,
      round: () => this.look(),
      pausedMessage: 'process log checkpoints paused: the database could not be read or written',
      resumedMessage: 'process log checkpoints resumed',
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  /** Shutdown: no new look; the one in hand ends. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** The checkpoint note of this head, signed now. */
  sign(head: LogHead): string {
    return signNote(checkpointText(this.origin, head.seq, head.hash), this.origin, this.privateKey);
  }

  /** Whether a kept checkpoint is this log's: its origin, signed by this log's key. */
  signedByThisLog(c: ParsedCheckpoint): 'valid' | 'unsigned' | 'invalid' {
    if (c.origin !== this.origin) return 'unsigned';
    return checkNoteSignature(c, this.origin, this.publicKey);
  }

  /** Records a checkpoint of `head` in the caller's transaction (a report's, after its last append). */
  async record(m: EntityManager, head: LogHead, kind: CheckpointKind): Promise<void> {
    await this.checkpoints.insert(m, head, kind, this.sign(head));
  }

  /**
   * Makes the periodic checkpoint if it is due: the head moved past the newest checkpoint and
   * that one is older than the interval (less one look). Returns it, or null when not due.
   */
  async createIfDue(): Promise<Checkpoint | null> {
    return this.db.transaction(async (m) => {
      await this.checkpoints.lockPeriodic(m);
      const head = await this.checkpoints.headIfDue(m, this.dueAfterMs);
      return head ? this.checkpoints.insertPeriodic(m, head, this.sign(head)) : null;
    });
  }

  latest(): Promise<Checkpoint | null> {
    return this.db.read((m) => this.checkpoints.latest(m));
  }

  /** Checkpoints after `after` (a seq), oldest first; one more than `limit` tells there are more. */
  async list(after: number, limit: number): Promise<{ items: Checkpoint[]; more: boolean }> {
    const rows = await this.db.read((m) => this.checkpoints.after(m, after, limit));
    return { items: rows.slice(0, limit), more: rows.length > limit };
  }

  /** Every stored checkpoint's head (verify checks them like the reports' anchors). */
  heads(): Promise<LogHead[]> {
    return this.db.read((m) => this.checkpoints.heads(m));
  }

  /** One periodic look: the key's check the first time, then the checkpoint if it is due. */
  private async look(): Promise<void> {
    if (!this.keyChecked) await this.checkKey();
    const made = await this.createIfDue();
    if (made) this.logger.log({ msg: 'process log checkpoint published', seq: made.seq });
  }

  /**
   * Processes that sign with different keys publish checkpoints no one key verifies: say so
   * once, at the first look, if the newest checkpoint is not signed by this process's key.
   */
  private async checkKey(): Promise<void> {
    const newest = await this.latest();
    this.keyChecked = true;
    if (!newest) return;
    if (this.signedByThisLog(parseCheckpoint(newest.note)) !== 'valid') {
      this.logger.warn(
        'the newest process log checkpoint is not signed by this process: give every process the same ' +
          'CHECKPOINT_SIGNING_KEY and CHECKPOINT_ORIGIN, or checkpoints made by one cannot be verified with the key another publishes',
      );
    }
  }

  /**
   * The key kept in DATA_DIR, made the first time. Two processes starting together on one
   * data dir must end up with the same key: the file is linked into place, which fails if
   * the other process got there first, and then its key is read.
   */
  private loadOrCreate(dataDir: string): string {
    const fresh = () =>
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    if (dataDir.startsWith('memory://')) {
      let pem = memoryKeys.get(dataDir);
      if (!pem) memoryKeys.set(dataDir, (pem = fresh()));
      return pem;
    }
    const file = path.resolve(dataDir, KEY_FILE);
    if (existsSync(file)) return readFileSync(file, 'utf8');
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${randomBytes(6).toString('hex')}`;
    writeFileSync(temporary, fresh(), { mode: 0o600 });
    try {
      linkSync(temporary, file);
      this.logger.log('generated a new checkpoint signing key in DATA_DIR');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
    return readFileSync(file, 'utf8');
  }
}
