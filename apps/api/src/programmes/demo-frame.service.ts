import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { amsterdamDate } from '../../../../libs/workflows/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import { ProcessLogRepository } from '../audit/process-log.repository.js';
import { programmeYear } from '../cases/case-row.js';
import type { Actor } from '../auth/actor.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { Database } from '../database/database.service.js';
import { ProgrammesService } from './programmes.service.js';

/** Who adopts the demo frame: named so that no one takes it for the raad or its griffier. */
export const DEMO_ACTOR: Actor = Object.freeze({
  id: 'demo',
  name: 'Demo (automatisch)',
  roles: ['clerk'],
  areas: [],
}) as Actor;

/** The demo programme of every area: € 100.000, of which the alderman may honour € 5.000 alone. */
const DEMO_BUDGET_CENTS = 10_000_000;
const DEMO_DELEGATION_LIMIT_CENTS = 500_000;
const DEMO_THEMES = ['buurtwelzijn', 'cultuur', 'duurzaamheid', 'groen', 'speelruimte'];

/**
 * A newcomer on an empty database has no programme to honour against, so nothing can be
 * granted. With DEMO_DATA (on in development, never in production: config.ts) the app adopts
 * a programme of the current year for every area at start-up, as the demo actor, through
 * ProgrammesService.adopt: the same transaction and PROGRAMME_ADOPTED log entry as any
 * adoption. Only while the process log is empty: once anything happened, the data is the
 * user's. Two processes starting at once adopt the same frame: the second changes nothing.
 */
@Injectable()
export class DemoFrame implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoFrame.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly log: ProcessLogRepository,
    private readonly areas: AreasService,
    private readonly programmes: ProgrammesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    const head = await this.db.read((m) => this.log.head(m));
    if (head && head.seq > 0) return;
    const now = new Date();
    const today = amsterdamDate(now.toISOString());
    const year = programmeYear(now);
    const councilDecision = { meetingOn: today, agendaItem: 'Demo: automatisch vastgesteld (DEMO_DATA)' };
    for (const area of await this.areas.list()) {
      await this.programmes.adopt(DEMO_ACTOR, year, area.code, {
        budgetCents: DEMO_BUDGET_CENTS,
        delegationLimitCents: DEMO_DELEGATION_LIMIT_CENTS,
        themes: DEMO_THEMES,
        councilDecision,
      });
    }
    this.logger.log(
      `demo data: programmes ${year} adopted for every area by "${DEMO_ACTOR.name}" (DEMO_DATA=false turns this off)`,
    );
  }
}
