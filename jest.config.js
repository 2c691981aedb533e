// Jest runs in ESM mode (NestJS 12 is ESM-only) with @swc/jest: see
// docs/adr/0005-esm-nestjs-under-jest-with-swc.md.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Written by the global setup: see test/support/esm-throttler.mjs.
    '^@nestjs/throttler$': '<rootDir>/node_modules/.cache/jest-esm/nestjs-throttler.mjs',
  },
};
export default {
  // testTimeout is a global option (Jest ignores it inside a project): e2e tests boot the app.
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/esm-throttler.mjs',
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/apps', '<rootDir>/libs'],
      testMatch: ['**/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', roots: ['<rootDir>/test'], testMatch: ['**/*.e2e-spec.ts'] },
    // Each repository's statements on a real database, without HTTP (test/repositories/repo-app.ts).
    {
      ...common,
      displayName: 'repositories',
      roots: ['<rootDir>/test/repositories'],
      testMatch: ['**/*.repo-spec.ts'],
    },
  ],
};
