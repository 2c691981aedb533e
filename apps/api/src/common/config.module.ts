import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_CONFIG, loadConfig } from './config.js';

/**
 * @nestjs/config validates the environment (through loadConfig) and exposes ConfigService.
 * The typed AppConfig is injected as APP_CONFIG. It is read when the app is created, not when
 * this file is imported: ConfigModule.forRoot() runs once per import, and tests create several
 * apps with different settings in one process.
 */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      ignoreEnvFile: true,
      validate: (env) => ({ ...env, app: loadConfig(env as NodeJS.ProcessEnv) }),
    }),
  ],
  providers: [{ provide: APP_CONFIG, useFactory: () => loadConfig(process.env) }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
