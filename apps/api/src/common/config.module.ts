import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_CONFIG, type AppConfig, loadConfig } from './config.js';

/** @nestjs/config reads and validates the environment once; the typed AppConfig is injected as APP_CONFIG. */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, validate: (env) => ({ ...env, app: loadConfig(env as NodeJS.ProcessEnv) }) })],
  providers: [{ provide: APP_CONFIG, inject: [ConfigService], useFactory: (c: ConfigService) => c.get<AppConfig>('app') }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
