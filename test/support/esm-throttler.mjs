// Jest global setup. @nestjs/throttler ships CommonJS that require()s @nestjs/common, which
// NestJS 12 ships as ES modules only. Node 20.20 loads that (require(esm)); Jest on Node 20
// cannot (its require(esm) needs Node 24.9). So for the tests the package's own dist is
// rewritten, unchanged in behaviour, as one ES module with @nestjs/* left as imports: the app
// under test then shares the one @nestjs/common and @nestjs/core everyone else uses.
// jest.config.js maps '@nestjs/throttler' to the file written here.
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import { rollup } from 'rollup';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ESM_THROTTLER = join(root, 'node_modules', '.cache', 'jest-esm', 'nestjs-throttler.mjs');

const ENTRY_ID = '\0nestjs-throttler-esm';

export default async function writeEsmThrottler() {
  const require = createRequire(join(root, 'package.json'));
  const entry = require.resolve('@nestjs/throttler');
  // The CommonJS re-exports (__exportStar) hide the names from static analysis; Node itself
  // can load the package, so ask it for the names and re-export each one.
  const names = Object.keys(require('@nestjs/throttler'));
  const virtualEntry = {
    name: 'throttler-named-exports',
    resolveId: (id) => (id === ENTRY_ID ? id : null),
    load: (id) =>
      id === ENTRY_ID
        ? `import t from ${JSON.stringify(entry)};\nexport const { ${names.join(', ')} } = t;\n`
        : null,
  };
  const bundle = await rollup({
    input: ENTRY_ID,
    external: (id) => /^(@nestjs\/|reflect-metadata$|rxjs|node:|net$|crypto$|async_hooks$)/.test(id),
    plugins: [virtualEntry, commonjs({ esmExternals: true, requireReturnsDefault: 'namespace' })],
    onwarn: () => {},
  });
  await mkdir(dirname(ESM_THROTTLER), { recursive: true });
  await bundle.write({ file: ESM_THROTTLER, format: 'es' });
  await bundle.close();
}
