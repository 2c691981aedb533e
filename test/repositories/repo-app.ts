import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  type CaseState,
  type CaseType,
  initialCase,
  type PersistedCase,
} from '../../libs/workflows/src/index.js';
import type { LogAppend } from '../../apps/api/src/audit/process-log.repository.js';
import type { Actor } from '../../apps/api/src/auth/actor.js';
import type { NewCase, TransitionWrite } from '../../apps/api/src/cases/cases.repository.js';
import { Database } from '../../apps/api/src/database/database.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The middle tier between unit and end-to-end tests: each repository's statements against a
 * real database (PGlite, or PostgreSQL with TEST_DATABASE_URL), called directly, without HTTP.
 * The whole app is booted for its DataSource, migrations and providers; nothing in the
 * background writes (the outbox relay is off, checkpoints are due only after an hour).
 */
export interface RepoApp {
  t: TestApp;
  get<T>(type: abstract new (...args: never[]) => T): T;
  /** Runs `work` in one transaction, as the services do. */
  tx<T>(work: (m: EntityManager) => Promise<T>): Promise<T>;
  read<T>(work: (m: EntityManager) => Promise<T>): Promise<T>;
  /** Raw SQL for what the test checks or arranges beside the repository under test. */
  rows<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function createRepoApp(): Promise<RepoApp> {
  const t = await createTestApp({ OUTBOX_POLL_MS: '0', CHECKPOINT_INTERVAL_MS: '3600000' });
  const db = t.app.get(Database);
  return {
    t,
    get: (type) => t.app.get(type),
    tx: (work) => db.transaction(work),
    read: (work) => db.read(work),
    async rows<T>(text: string, params: unknown[] = []) {
      const result = (await db.transaction((m) => m.query(text, params))) as unknown;
      // pg answers UPDATE/DELETE with [rows, count], PGlite with rows.
      const rows = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
      return (Array.isArray(rows) ? rows : []) as T[];
    },
    close: () => t.close(),
  };
}

export function actor(id: string, roles: Actor['roles'], areas: string[] = [], name = id): Actor {
  return { id, name, roles, areas };
}

/**
 * An entry to append to the process log, by `by` acting as `role`: a programme of oost
 * adopted, about no case, with an empty payload, unless `over` says otherwise.
 */
export function logEntry(by: Actor, role: LogAppend['role'], over: Partial<LogAppend> = {}): LogAppend {
  return {
    caseId: null,
    caseReference: null,
    areaCode: 'oost',
    event: 'PROGRAMME_ADOPTED',
    fromState: null,
    toState: null,
    actor: by,
    role,
    payload: {},
    ...over,
  };
}

/** A new case as CaseSubmissions would insert it (its snapshot from the machine). */
export function newCase(over: Partial<Omit<NewCase, 'snapshot'>> & { type?: CaseType } = {}): NewCase {
  const at = over.at ?? new Date();
  const type = over.type ?? 'initiative';
  const areaCode = over.areaCode ?? 'oost';
  const theme = over.theme ?? 'groen';
  const initiatorId = over.initiatorId ?? 'resident-1';
  const requestedAmountCents = over.requestedAmountCents ?? 100_000;
  return {
    id: randomUUID(),
    reference: `INI-2026-${randomUUID().slice(0, 6)}`,
    title: 'Geveltuinen',
    description: 'Geveltuinen in de straat',
    contactEmail: 'anna@example.org',
    details: {},
    ...over,
    type,
    areaCode,
    theme,
    initiatorId,
    requestedAmountCents,
    at,
    snapshot: initialCase({
      type,
      areaCode,
      theme,
      initiatorId,
      requestedAmountCents,
      submittedAt: at.toISOString(),
    }),
  };
}

/** A transition of a stored case to `toState`, as CaseTransitions would write it. */
export function transition(
  row: {
    id: string;
    version: number;
    reference: string;
    area_code: string;
    theme: string;
    initiator_id: string;
  },
  toState: CaseState,
  over: Partial<TransitionWrite> = {},
): TransitionWrite {
  const snapshot = {
    machineVersion: 2,
    value: toState,
    context: { decisionDueAt: '2027-01-01T00:00:00.000Z' },
  };
  return {
    id: row.id,
    version: row.version,
    toState,
    snapshot: snapshot as unknown as PersistedCase,
    details: {},
    decisionDueAt: '2027-01-01T00:00:00.000Z',
    at: new Date(),
    honouredCents: null,
    settledCents: null,
    releasedCents: null,
    accountBy: null,
    budgetDelta: 0,
    year: null,
    areaCode: row.area_code,
    theme: row.theme,
    delegationLimitBinds: false,
    reportId: null,
    decision: null,
    log: {
      caseId: row.id,
      caseReference: row.reference,
      areaCode: row.area_code,
      event: 'ASSESS',
      fromState: 'submitted',
      toState,
      actor: actor('official-1', ['official'], ['oost'], 'Olga Official'),
      role: 'official',
      payload: { advice: 'honour', motivation: 'Past in het programma', contactEmail: 'no@example.org' },
      notify: {
        topic: 'case.state_changed',
        payload: { caseId: row.id, reference: row.reference, toState, recipient: row.initiator_id },
      },
    },
    ...over,
  };
}
