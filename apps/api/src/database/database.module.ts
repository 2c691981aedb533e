import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrationsExclusively } from '../../../../ormconfig.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { Database } from './database.service.js';
import { RepositoriesModule } from './repositories.module.js';

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
          statementTimeoutMs: config.requestTimeoutMs,
        }),
      // Migrations run here, under a lock, rather than unguarded inside initialize().
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource({ ...options!, migrationsRun: false }).initialize();
        try {
          if (options!.migrationsRun) await runMigrationsExclusively(dataSource);
        } catch (error) {
          await dataSource.destroy(); // a retry opens a fresh pool
          throw error;
        }
        return dataSource;
      },
    }),
    // Global: every feature reaches the repositories through the database module.
    RepositoriesModule,
  ],
  providers: [Database],
  exports: [Database],
})
export class DatabaseModule {}
