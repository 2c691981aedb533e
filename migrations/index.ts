// Migrations are passed as classes, not globs: globs `require()` files, which ESM cannot.
import { InitialSchema1764300000000 } from './1764300000000-initial-schema.js';
import { ReportsImmutable1764500000000 } from './1764500000000-reports-immutable.js';

export const MIGRATIONS = [InitialSchema1764300000000, ReportsImmutable1764500000000];
