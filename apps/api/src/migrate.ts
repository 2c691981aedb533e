/**
 * `npm run migrate`: runs the pending migrations and nothing else, against the same database
 * the app would use (DATABASE_URL, or the embedded database in DATA_DIR). For deployments
 * that migrate in a separate step and start the app with MIGRATIONS_RUN=false.
 */
import 'reflect-metadata';
import { createDataSource, runMigrationsExclusively, settingsFromEnv } from '../../../ormconfig.js';

function fail(message: string): never {
  // One line, no stack: this runs in deploy scripts and their logs.
  process.stderr.write(`Migration failed: ${message.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let settings;
  try {
    settings = settingsFromEnv();
  } catch (error) {
    fail(messageOf(error)); // a bad setting, named as at start-up (ConfigError)
  }
  const dataSource = createDataSource(settings);
  try {
    await dataSource.initialize();
  } catch (error) {
    fail(`could not open the database: ${messageOf(error)}`);
  }
  try {
    // Each migration in its own transaction, one process at a time, as at start-up (ormconfig.ts).
    const ran = await runMigrationsExclusively(dataSource);
    if (ran.length === 0) process.stdout.write('No pending migrations.\n');
    for (const migration of ran) process.stdout.write(`Ran migration ${migration.name}\n`);
  } catch (error) {
    fail(messageOf(error));
  } finally {
    await dataSource.destroy().catch(() => undefined);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => fail(messageOf(error)));
