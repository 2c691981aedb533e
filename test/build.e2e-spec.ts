// `npm start` builds first (prestart): on a checkout where nothing changed since the last
// build, that build must compile nothing, or every start waits for a full compilation.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { ensureBuilt, MAIN, ROOT } from './support/built-app.js';

describe('npm run build on an unchanged checkout', () => {
  it('finds the build up to date and writes no file', () => {
    ensureBuilt();
    const before = statSync(MAIN).mtimeMs;
    const res = spawnSync('npm', ['run', 'build', '--silent', '--', '--verbose'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/Project 'tsconfig\.build\.json' is up to date/);
    expect(statSync(MAIN).mtimeMs).toBe(before);
  });
});
