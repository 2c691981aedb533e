import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_CONFIG, loadConfig } from './config.js';

/** Where @nestjs/config keeps the validated, typed settings. */
const VALIDATED = 'wijkflow';

/**
 * The settings, loaded and validated once per app: by @nestjs/config's validate hook, which
 * runs loadConfig on the environment when the app is created (AppModule.forRoot in createApp,
 * so that each test app sees its own environment). The typed AppConfig is injected as
 * APP_CONFIG; ConfigService serves the same object. `npm run migrate` validates its settings
 * with the same loadDatabaseConfig that loadConfig uses.
 */
@Global()
@Module({})
export class AppConfigModule {
  /** Rejects with the ConfigError of the first bad setting. */
  static async forRoot(): Promise<DynamicModule> {
    const settings = await ConfigModule.forRoot({
      ignoreEnvFile: true,
      validate: (env) => ({ ...env, [VALIDATED]: loadConfig(env as NodeJS.ProcessEnv) }),
    });
    return {
      module: AppConfigModule,
      imports: [settings],
      providers: [
        {
          provide: APP_CONFIG,
          inject: [ConfigService],
          useFactory: (settings: ConfigService) => settings.getOrThrow(VALIDATED),
        },
      ],
      exports: [APP_CONFIG],
    };
  }
}
