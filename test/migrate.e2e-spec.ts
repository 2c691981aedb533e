import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { ensureBuilt, MIGRATE, runScript } from './support/built-app.js';
import { createTestApp, createTestDatabase, onPostgres } from './support/test-app.js';

/**
 * `npm run migrate` runs the pending migrations alone; with MIGRATIONS_RUN=false the app
 * starts without running them. Checked on a fresh database of the kind under test: a new
 * PostgreSQL database, or an embedded one in a new DATA_DIR.
 */
describe('migrations: npm run migrate and MIGRATIONS_RUN=false', () => {
  let target: Record<string, string>;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    ensureBuilt();
    const db = await createTestDatabase();
    if (db) {
      target = { DATABASE_URL: db.url };
      cleanUp = db.drop;
    } else {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'wijkflow-migrate-'));
      target = { DATA_DIR: dataDir };
      cleanUp = async () => rmSync(dataDir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await cleanUp?.();
  });

  const names = MIGRATIONS.map((M) => (new M() as { name?: string }).name ?? M.name);

  async function tablesOf(dataSource: DataSource): Promise<string[]> {
    const rows: { table_name: string }[] = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    return rows.map((r) => r.table_name);
  }

  it('starts the app without running migrations when MIGRATIONS_RUN=false', async () => {
    const t = await createTestApp({ ...target, MIGRATIONS_RUN: 'false' });
    try {
      // It serves (the database answers) but has no schema yet.
      await t.http.get('/health').expect(200);
      expect(await tablesOf(t.app.get(DataSource))).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('runs every pending migration, says which, and creates the schema', async () => {
    const first = await runScript(MIGRATE, target);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout.trim().split('\n')).toEqual(names.map((n) => `Ran migration ${n}`));

    const again = await runScript(MIGRATE, target);
    expect({ code: again.code, stderr: again.stderr, stdout: again.stdout }).toEqual({
      code: 0,
      stderr: '',
      stdout: 'No pending migrations.\n',
    });

    // The app, still not migrating itself, now finds the schema and the seeded areas.
    const t = await createTestApp({ ...target, MIGRATIONS_RUN: 'false' });
    try {
      const tables = await tablesOf(t.app.get(DataSource));
      expect(tables).toEqual(expect.arrayContaining(['areas', 'cases', 'migrations']));
      const areas = await t.http.get('/api/v1/areas').expect(200);
      expect(areas.body).toHaveLength(5);
    } finally {
      await t.close();
    }
  });

  it('exits non-zero with one clear line when the database cannot be reached', async () => {
    const res = await runScript(MIGRATE, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/wijkflow' });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    const lines = res.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Migration failed: could not open the database: .+/);
    expect(res.stderr).not.toMatch(/\bat \S+ \(/);
  });

  it('runs against PostgreSQL when the suite does', () => {
    // Guards against the suite silently testing only the embedded database.
    expect('DATABASE_URL' in target).toBe(onPostgres);
  });
});
