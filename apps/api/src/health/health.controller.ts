import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/actor.js';
import { Database } from '../database/database.service.js';

/** GET /health: 200 {"status":"ok"} when the database answers, 503 otherwise. */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly db: Database,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const check = this.indicator.check('database');
        try {
          await Promise.race([
            this.db.ping(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
          ]);
          return check.up();
        } catch {
          return check.down();
        }
      },
    ]);
  }
}
