import { msg } from '../../../../libs/messages/src/index.js';
import { Injectable } from '@nestjs/common';
import {
  CheckpointFormatError,
  DomainError,
  GENESIS_HASH,
  HASH_VERSIONS,
  type HashVersion,
  hashOfTexts,
  headerText,
  type InvalidParam,
  type ParsedCheckpoint,
  parseCheckpoint,
} from '../../../../libs/domain/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import { Database } from '../database/database.service.js';
import { ReportsRepository } from '../reports/reports.repository.js';
import type { AuditPage, AuditQuery, LogEntryView, VerifyResult } from './audit.dto.js';
import { CheckpointService } from './checkpoints.service.js';
import { type HashedLogRow, toLogEntryView } from './log-row.js';
import { ProcessLogRepository } from './process-log.repository.js';

/** A head the log must still hold at its seq, and where it was written down. */
interface Anchor {
  seq: number;
  hash: string;
  /** Completes "anchored in …". */
  where: string;
  fromReport: boolean;
}

/** Verify reads the log in pages of this many entries: constant memory, few round trips. */
const VERIFY_BATCH = 20000;

@Injectable()
export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly checkpoints: CheckpointService,
    private readonly log: ProcessLogRepository,
    private readonly reports: ReportsRepository,
    private readonly areas: AreasService,
  ) {}

  async caseLog(caseId: string): Promise<LogEntryView[]> {
    return (await this.db.read((m) => this.log.forCase(m, caseId))).map(toLogEntryView);
  }

  async list(q: AuditQuery): Promise<AuditPage> {
    const limit = q.limit ?? 100;
    const invalid: InvalidParam[] = [];
    if (q.cursor !== undefined && !/^\d{1,15}$/.test(q.cursor)) {
      invalid.push({ name: 'cursor', reason: msg('reason.cursor') });
    }
    // Sent to the database as normalised ISO strings: never a text PostgreSQL might refuse (a 500).
    const from = q.from === undefined ? undefined : new Date(q.from);
    const to = q.to === undefined ? undefined : new Date(q.to);
    if (from && Number.isNaN(from.getTime())) invalid.push({ name: 'from', reason: msg('reason.isIso8601') });
    if (to && Number.isNaN(to.getTime())) invalid.push({ name: 'to', reason: msg('reason.isIso8601') });
    if (from && to && from.getTime() > to.getTime())
      invalid.push({ name: 'from', reason: msg('reason.notLaterThan', { other: 'to' }) });
    if (q.areaCode !== undefined && !(await this.areas.isKnown(q.areaCode))) {
      invalid.push({ name: 'areaCode', reason: msg('reason.unknownArea', { codes: [q.areaCode] }) });
    }
    if (invalid.length > 0) throw DomainError.invalid(invalid);

    const rows = await this.db.read((m) =>
      this.log.page(m, {
        afterSeq: q.cursor === undefined ? undefined : Number(q.cursor),
        caseId: q.caseId || undefined,
        actorId: q.actorId || undefined,
        event: q.event || undefined,
        areaCode: q.areaCode || undefined,
        from: from?.toISOString(),
        to: to?.toISOString(),
        limit,
      }),
    );
    const page = rows.slice(0, limit).map(toLogEntryView);
    return { items: page, nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null };
  }

  /**
   * Recomputes the whole chain, page by page (constant memory). Invalid when an entry was
   * altered (hash), removed or reordered (seq gap, prevHash), when the head row disagrees with
   * the last entry, when an entry lies beyond the head, or when an anchored head is missing or
   * differs. Anchors are the heads stored in reports, the checkpoints the log published, and
   * the checkpoints the caller kept and sends (`kept`, signed notes). Rewriting the chain with
   * fresh hashes, or cutting entries off its end and moving the head back, passes the first
   * checks; the anchors catch it. Only kept checkpoints are out of reach of whoever controls
   * the database: they are signed by a key that is not in it, so their signatures are
   * checked first, and a kept checkpoint the log's key did not sign makes the result invalid
   * before anything else is read.
   *
   * Safe while the log grows: anchors are read before the head, and the scan stops at that
   * head, so entries committed meanwhile are neither missed by an anchor nor mistaken for a
   * tail beyond the head.
   */
  async verify(kept: string[] = []): Promise<VerifyResult> {
    const parsed = this.readKept(kept);
    for (const [i, c] of parsed.entries()) {
      const signature = this.checkpoints.signedByThisLog(c);
      if (signature === 'valid') continue;
      return {
        valid: false,
        checked: 0,
        headSeq: 0,
        headHash: GENESIS_HASH,
        anchorsChecked: 0,
        checkpointsChecked: 0,
        reason:
          signature === 'unsigned'
            ? `checkpoints.${i} is not a checkpoint of this log: it has no signature by this log's key ` +
              `(${this.checkpoints.verifierKey})`
            : `the signature of checkpoints.${i} by this log's key does not verify: the checkpoint was changed`,
      };
    }
    const reports = await this.db.read((m) => this.reports.anchoredHeads(m));
    const published = await this.checkpoints.heads();
    const head = await this.db.read((m) => this.log.head(m));
    const headSeq = head ? head.seq : 0;
    // Reports first: at a seq both anchor, a report's is the one named (stable sort).
    const anchors: Anchor[] = [
      ...reports.map((a) => ({ ...a, where: 'a report', fromReport: true })),
      ...published.map((c) => ({ ...c, where: 'a published checkpoint', fromReport: false })),
      ...parsed.map((c, i) => ({
        seq: c.seq,
        hash: c.hash,
        where: `the checkpoint you sent (checkpoints.${i})`,
        fromReport: false,
      })),
    ].sort((x, y) => x.seq - y.seq);
    const anchorAt = new Map<number, Anchor[]>();
    for (const anchor of anchors) anchorAt.set(anchor.seq, [...(anchorAt.get(anchor.seq) ?? []), anchor]);
    const result = (
      checked: number,
      lastSeq: number,
      lastHash: string,
      invalid?: { seq: number; reason: string },
    ): VerifyResult => ({
      valid: !invalid,
      checked,
      headSeq: lastSeq,
      headHash: lastHash,
      anchorsChecked: anchors.filter((a) => a.fromReport && a.seq <= lastSeq).length,
      checkpointsChecked: anchors.filter((a) => !a.fromReport && a.seq <= lastSeq).length,
      ...(invalid ? { firstInvalidSeq: invalid.seq, reason: invalid.reason } : {}),
    });

    // Pages are seq ranges, not LIMITs: each query touches at most one page of the index
    // whatever the planner thinks, and the next page is fetched while this one is hashed.
    const fetchPage = (from: number): Promise<HashedLogRow[]> =>
      this.db.read((m) => this.log.hashedRange(m, from, Math.min(from + VERIFY_BATCH, headSeq + 1)));
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let endedEarly = false;
    let next: Promise<HashedLogRow[]> | null = headSeq >= 1 ? fetchPage(1) : null;
    for (let from = 1; next !== null; from += VERIFY_BATCH) {
      const rows = await next;
      const until = Math.min(from + VERIFY_BATCH, headSeq + 1);
      next = until <= headSeq ? fetchPage(until) : null;
      next?.catch(() => undefined); // awaited on the next round; not left unhandled if we stop first
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq) {
          return result(checked, expectedSeq - 1, prevHash, {
            seq: expectedSeq,
            reason: `entry ${expectedSeq} is missing`,
          });
        }
        if (r.prevHash !== prevHash) {
          return result(checked, seq - 1, prevHash, {
            seq,
            reason: `entry ${seq} does not follow entry ${seq - 1} (prevHash differs)`,
          });
        }
        const version = Number(r.hashVersion) as HashVersion;
        if (!HASH_VERSIONS.includes(version)) {
          return result(checked, seq - 1, prevHash, {
            seq,
            reason: `entry ${seq} names a hash version this log does not know (${r.hashVersion})`,
          });
        }
        // The row is read named as the header names its fields (HashedLogRow): no copy per entry.
        const header = version === 1 ? headerText(r, 1) : headerText(r, 2);
        const recomputed = hashOfTexts(prevHash, header, r.payload);
        if (recomputed !== r.hash) {
          return result(checked, seq - 1, prevHash, {
            seq,
            reason: `entry ${seq} was altered (its hash does not match its content)`,
          });
        }
        const differing = anchorAt.get(seq)?.find((a) => a.hash !== r.hash);
        if (differing) {
          return result(checked, seq - 1, prevHash, {
            seq,
            reason: `entry ${seq} differs from the head anchored in ${differing.where}`,
          });
        }
        checked++;
        prevHash = r.hash;
        expectedSeq = seq + 1;
      }
      if (expectedSeq < until) {
        endedEarly = true;
        break;
      }
    }
    if (endedEarly) {
      // A gap followed by later entries is a deletion in the middle; none later, a shorter log.
      const later = await this.db.read((m) => this.log.firstSeqBetween(m, expectedSeq, headSeq));
      if (later !== null) {
        return result(checked, expectedSeq - 1, prevHash, {
          seq: expectedSeq,
          reason: `entry ${expectedSeq} is missing`,
        });
      }
    }
    const lastSeq = expectedSeq - 1;
    const missingAnchor = anchors.find((a) => a.seq > lastSeq);
    if (missingAnchor) {
      return result(checked, lastSeq, prevHash, {
        seq: lastSeq + 1,
        reason: `entries up to ${missingAnchor.seq}, anchored in ${missingAnchor.where}, are missing`,
      });
    }
    if (!head || headSeq !== lastSeq || head.hash !== prevHash) {
      return result(checked, lastSeq, prevHash, {
        seq: lastSeq + 1,
        reason: 'the log ends before its recorded head: entries were removed from the end',
      });
    }
    // Honest appends move the head in the same transaction, so in one snapshot no entry
    // lies beyond it; one that does was written past the chain (and would block the next append).
    const beyond = await this.db.read((m) => this.log.firstSeqBeyondHead(m));
    if (beyond !== null) {
      return result(checked, lastSeq, prevHash, {
        seq: beyond,
        reason: `entry ${beyond} lies beyond the recorded head of the log`,
      });
    }
    return result(checked, lastSeq, prevHash);
  }

  /** Reads the kept checkpoints; a note that is not a checkpoint is a 400 naming it. */
  private readKept(kept: string[]): ParsedCheckpoint[] {
    const invalid: InvalidParam[] = [];
    const parsed = kept.flatMap((note, i) => {
      try {
        return [parseCheckpoint(note)];
      } catch (error) {
        if (!(error instanceof CheckpointFormatError)) throw error;
        invalid.push({ name: `checkpoints.${i}`, reason: msg('reason.notCheckpoint') });
        return [];
      }
    });
    if (invalid.length > 0) {
      throw DomainError.invalid(invalid, msg('detail.invalidCheckpoint'));
    }
    return parsed;
  }
}
