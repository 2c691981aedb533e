import 'reflect-metadata';
import { networkInterfaces } from 'node:os';
import { APP_CONFIG, type AppConfig, ConfigError } from './common/config.js';

/** This machine's IPv4 addresses other devices on the network can reach it on. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
}

async function main(): Promise<void> {
  const { createApp } = await import('./app.setup.js');
  const { NestPinoLogger } = await import('./common/nest-logger.js');
  // Creating the app validates the settings (AppConfigModule), before anything else runs.
  const app = await createApp();
  const { port } = app.get<AppConfig>(APP_CONFIG);
  await app.listen(port);
  // Where to go, in the words a newcomer reads first (the port the system gave when 0 was asked).
  const address = app.getHttpServer().address();
  const listening = typeof address === 'object' && address !== null ? address.port : port;
  const others = lanAddresses().map((ip) => `http://${ip}:${listening}`);
  app
    .get(NestPinoLogger)
    .log(
      `Wijkflow luistert op http://localhost:${listening}` +
        (others.length > 0 ? ` (op andere apparaten: ${others.join(', ')})` : ''),
      'Wijkflow',
    );
}

main().catch((error: unknown) => {
  // One line, no stack: a bad setting names itself, anything else says the app did not start.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    error instanceof ConfigError ? `${message}\n` : `Wijkflow could not start: ${message}\n`,
  );
  process.exit(1);
});
