import 'reflect-metadata';
import { APP_CONFIG, type AppConfig, ConfigError } from './common/config.js';

async function main(): Promise<void> {
  const { createApp } = await import('./app.setup.js');
  // Creating the app validates the settings (AppConfigModule), before anything else runs.
  const app = await createApp();
  await app.listen(app.get<AppConfig>(APP_CONFIG).port);
}

main().catch((error: unknown) => {
  // One line, no stack: a bad setting names itself, anything else says the app did not start.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    error instanceof ConfigError ? `${message}\n` : `Wijkflow could not start: ${message}\n`,
  );
  process.exit(1);
});
