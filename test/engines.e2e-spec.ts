import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/**
 * `npm ci` on a fresh clone prints no EBADENGINE warning: every package the lock file installs
 * supports the oldest Node that package.json's "engines" promises (npm records each package's
 * engines in the lock file, so this needs no install and no network).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string) =>
  JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, never>;

interface Locked {
  engines?: { node?: string } | string[];
  optional?: boolean;
}

describe('engines: the Node the project supports runs every locked package', () => {
  const supported = (read('package.json').engines as { node: string }).node;
  const oldest = semver.minVersion(supported)!.version;

  it('states a Node range in package.json whose oldest version is a Node 20 LTS', () => {
    expect(semver.validRange(supported)).not.toBeNull();
    expect(semver.major(oldest)).toBe(20);
  });

  it('locks no package whose engines exclude that Node (nestjs-pino 5 and file-type 22 did)', () => {
    const packages = read('package-lock.json').packages as Record<string, Locked>;
    const refusing = Object.entries(packages)
      .filter(([where, pkg]) => where !== '' && !pkg.optional)
      .map(([where, pkg]) => [where, Array.isArray(pkg.engines) ? undefined : pkg.engines?.node] as const)
      .filter(([, node]) => typeof node === 'string' && !semver.satisfies(oldest, node))
      .map(([where, node]) => `${where} wants node ${node}`);
    expect(refusing).toEqual([]);
  });
});
