// ESLint flat config. Recommended rules only, without type information, so `npm run lint`
// stays fast; `npm run typecheck` is where the types are checked.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (callback positions, destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  // The web front end: plain ES modules that run in the browser.
  {
    files: ['apps/web/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  // The layering of docs/architecture.md: apps/api uses libs/workflows and libs/domain. The
  // libraries are framework-free; the workflows are pure (no persistence).
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*'], message: 'libs/ must not depend on NestJS.' }] },
      ],
    },
  },
  {
    files: ['libs/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'typeorm', message: 'libs/workflows is pure: no TypeORM.' }],
          patterns: [
            { group: ['@nestjs/*'], message: 'libs/ must not depend on NestJS.' },
            { group: ['typeorm/*'], message: 'libs/workflows is pure: no TypeORM.' },
          ],
        },
      ],
    },
  },
  // One transition path: only the transition service runs the machine on a stored case;
  // reports and every later system event go through CaseTransitions like a person's event.
  {
    files: ['apps/**/*.ts'],
    ignores: ['apps/api/src/cases/case-transitions.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/workflows/src/*'],
              importNames: ['applyEvent'],
              message: 'Send events through CaseTransitions, the one transition path.',
            },
          ],
        },
      ],
    },
  },
);
