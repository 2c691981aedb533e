import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '../../../../ormconfig.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { Database } from './database.service.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        dataSourceOptions({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          poolSize: config.dbPoolSize,
          migrationsRun: config.migrationsRun,
        }),
    }),
  ],
  providers: [Database],
  exports: [Database],
})
export class DatabaseModule {}
