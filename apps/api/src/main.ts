import 'reflect-metadata';
import { ConfigError, loadConfig } from './common/config.js';

async function main(): Promise<void> {
  // Validate settings before anything else, so a bad one gives one clear line, not a stack.
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { createApp } = await import('./app.setup.js');
  const app = await createApp();
  await app.listen(config.port);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Wijkflow could not start: ${message}\n`);
  process.exit(1);
});
