// Migrations are passed as classes, not globs: globs `require()` files, which ESM cannot.
import { InitialSchema1764300000000 } from './1764300000000-initial-schema.js';

export const MIGRATIONS = [InitialSchema1764300000000];
