import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CASE_TYPES, describeWorkflow } from '../libs/workflows/src/index.js';

/**
 * The machines are the one source of truth for the lifecycle: code outside libs/workflows
 * (and the migrations, which record history) asks the machines for lists of states through
 * their tags and never types a state's name. This test finds a name typed out anyway: as a
 * string literal, an object key, a CSS class or a query parameter.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const SCANNED = ['apps', 'libs/domain', 'ormconfig.ts'];
const EXTENSIONS = /\.(ts|js|mjs|html|css)$/;

function filesUnder(p: string): string[] {
  const full = path.join(ROOT, p);
  if (statSync(full).isFile()) return [p];
  return readdirSync(full).flatMap((name) => {
    const child = path.join(p, name);
    if (name === 'node_modules') return [];
    return statSync(path.join(ROOT, child)).isDirectory() ? filesUnder(child) : [child];
  });
}

const STATE_NAMES = [...new Set(CASE_TYPES.flatMap((t) => describeWorkflow(t).states))];

export function typedStateNames(text: string, states: readonly string[]): string[] {
  const names = states.join('|');
  const patterns = [
    new RegExp(`['"\`](${names})['"\`]`, 'g'), // 'honoured'
    new RegExp(`(?:^|[{,])\\s*(${names})\\s*:`, 'gm'), // { honoured: 'Toegekend' }
    new RegExp(`[=-](${names})\\b`, 'g'), // .state-honoured, ?state=honoured
  ];
  return patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
}

describe('state names live in libs/workflows only', () => {
  it('the scan recognises the ways a name can be typed', () => {
    const probe = `x === 'assessed'; y = { withdrawn: 1 }; .state-rejected {} #/a?state=honoured`;
    expect(typedStateNames(probe, STATE_NAMES)).toEqual(['assessed', 'withdrawn', 'rejected', 'honoured']);
    expect(typedStateNames('honouredAmountCents; assessedBy; topic: case.submitted', STATE_NAMES)).toEqual(
      [],
    );
  });

  it('no file outside libs/workflows and migrations names a state', () => {
    expect(STATE_NAMES.length).toBeGreaterThan(5);
    const found = SCANNED.flatMap(filesUnder)
      .filter((f) => EXTENSIONS.test(f) && !f.endsWith('.spec.ts'))
      .flatMap((f) =>
        typedStateNames(readFileSync(path.join(ROOT, f), 'utf8'), STATE_NAMES).map((name) => `${f}: ${name}`),
      );
    expect(found).toEqual([]);
  });
});
