/**
 * The one DataSource definition, used by the app and by `npm run migrate`.
 * DATABASE_URL set: that PostgreSQL server through `pg` with a real pool.
 * Unset: an embedded PGlite database in DATA_DIR (`memory://` keeps it in memory).
 */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { loadDatabaseConfig } from './apps/api/src/common/config.js';
import { MIGRATIONS } from './migrations/index.js';

// int8 (bigint) columns hold euro cents and log sequence numbers, far below 2^53:
// read them as numbers, as PGlite does, so both databases give the same types.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

export interface DatabaseSettings {
  databaseUrl: string | null;
  dataDir: string;
  poolSize: number;
  migrationsRun: boolean;
  /**
   * PostgreSQL cancels a statement (a lock wait included) that runs longer than this, so a
   * request never waits on the database past its own time budget. 0: no limit (migrations).
   */
  statementTimeoutMs?: number;
}

export function isEmbedded(settings: Pick<DatabaseSettings, 'databaseUrl'>): boolean {
  return !settings.databaseUrl;
}

export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    // No entities: the repositories (apps/api/src/*/*.repository.ts) hold all SQL
    // (docs/adr/0008-repositories-with-named-sql.md).
    entities: [],
    migrations: MIGRATIONS,
    migrationsRun: settings.migrationsRun,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (settings.databaseUrl) {
    return {
      ...common,
      url: settings.databaseUrl,
      poolSize: settings.poolSize,
      extra: { connectionTimeoutMillis: 5000, statement_timeout: settings.statementTimeoutMs ?? 30000 },
    };
  }
  const memory = settings.dataDir.startsWith('memory://');
  if (!memory) mkdirSync(path.resolve(settings.dataDir), { recursive: true });
  const dataDir = memory ? settings.dataDir : path.resolve(settings.dataDir, 'pglite');
  return { ...common, driver: new PGliteDriver({ dataDir }).driver };
}

/**
 * The settings `npm run migrate` uses, validated by the app's own loadDatabaseConfig: a bad
 * DATABASE_URL or DB_POOL_SIZE is refused the same way there as at start-up (ConfigError).
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const config = loadDatabaseConfig(env);
  return {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    migrationsRun: false,
    // `npm run migrate` is the way to run a migration too long for start-up: no limit here.
    statementTimeoutMs: 0,
  };
}

export function createDataSource(settings: DatabaseSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}

/** The advisory-lock key that serializes migrations across processes (an arbitrary constant). */
const MIGRATION_LOCK = 7_166_502_001;

/**
 * Runs the pending migrations, each in its own transaction, one process at a time: API
 * processes that start together on one PostgreSQL would otherwise race to apply the same
 * migration, and all but one fail on "already exists" (test/two-processes.e2e-spec.ts).
 * The lock is a session lock on a connection of its own; PGlite has only one process.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<{ name: string }[]> {
  if (!('url' in dataSource.options) || !dataSource.options.url) {
    return dataSource.runMigrations({ transaction: 'each' });
  }
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lockHolder.release();
  }
}
