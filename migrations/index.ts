// Migrations are passed as classes, not globs: globs `require()` files, which ESM cannot.
import { InitialSchema1764300000000 } from './1764300000000-initial-schema.js';
import { ReportsImmutable1764500000000 } from './1764500000000-reports-immutable.js';
import { LogHeadPrevHash1764600000000 } from './1764600000000-log-head-prev-hash.js';
import { OutboxRetry1764700000000 } from './1764700000000-outbox-retry.js';
import { LogHashVersion1764800000000 } from './1764800000000-log-hash-version.js';
import { LogHeadGuard1764810000000 } from './1764810000000-log-head-guard.js';
import { LogCheckpoints1764820000000 } from './1764820000000-log-checkpoints.js';
import { MachineOwnsDecisionTerm1764900000000 } from './1764900000000-machine-owns-decision-term.js';
import { AfterTheDecision1765000000000 } from './1765000000000-after-the-decision.js';
import { AccountReminders1765100000000 } from './1765100000000-account-reminders.js';
import { Decisions1765200000000 } from './1765200000000-decisions.js';
import { CouncilDecisions1765300000000 } from './1765300000000-council-decisions.js';
import { CaseTypes1765400000000 } from './1765400000000-case-types.js';
import { TermExtension1765410000000 } from './1765410000000-term-extension.js';
import { AreaNeighbourhoods1765500000000 } from './1765500000000-area-neighbourhoods.js';
import { Objections1765600000000 } from './1765600000000-objections.js';

export const MIGRATIONS = [
  InitialSchema1764300000000,
  ReportsImmutable1764500000000,
  LogHeadPrevHash1764600000000,
  OutboxRetry1764700000000,
  LogHashVersion1764800000000,
  LogHeadGuard1764810000000,
  LogCheckpoints1764820000000,
  MachineOwnsDecisionTerm1764900000000,
  AfterTheDecision1765000000000,
  AccountReminders1765100000000,
  Decisions1765200000000,
  CouncilDecisions1765300000000,
  CaseTypes1765400000000,
  TermExtension1765410000000,
  AreaNeighbourhoods1765500000000,
  Objections1765600000000,
];
