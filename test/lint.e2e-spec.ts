import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The layering of docs/architecture.md is enforced by ESLint (eslint.config.js): libs/ import
 * nothing from NestJS, libs/workflows nothing from TypeORM. Each probe is linted as if it
 * were a file at that path, so the rules are checked without writing into the tree.
 */
const ROOT = path.resolve(import.meta.dirname, '..');

function lint(filePath: string, code: string): { status: number | null; output: string } {
  const eslint = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const res = spawnSync(process.execPath, [eslint, '--stdin', '--stdin-filename', filePath], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  return { status: res.status, output: res.stdout + res.stderr };
}

const NEST = `import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`;
const TYPEORM = `import { DataSource } from 'typeorm';\nexport const x = DataSource;\n`;
const TYPEORM_DEEP = `import { Column } from 'typeorm/decorator/columns/Column.js';\nexport const x = Column;\n`;

describe('lint: dependency rules between apps and libs', () => {
  it('refuses @nestjs/* in libs/domain and libs/workflows', () => {
    for (const file of ['libs/domain/src/probe.ts', 'libs/workflows/src/probe.ts']) {
      const res = lint(file, NEST);
      expect(res.status).toBe(1);
      expect(res.output).toMatch(/no-restricted-imports/);
      expect(res.output).toMatch(/NestJS/);
    }
  });

  it('refuses typeorm (also deep imports) in libs/workflows, allows it in libs/domain', () => {
    for (const code of [TYPEORM, TYPEORM_DEEP]) {
      const res = lint('libs/workflows/src/probe.ts', code);
      expect(res.status).toBe(1);
      expect(res.output).toMatch(/libs\/workflows is pure/);
    }
    expect(lint('libs/domain/src/probe.ts', TYPEORM)).toEqual({ status: 0, output: '' });
  });

  it('allows NestJS and TypeORM in apps/api', () => {
    expect(lint('apps/api/src/probe.ts', NEST + TYPEORM.replace('const x', 'const y'))).toEqual({
      status: 0,
      output: '',
    });
  });

  it('lets only the transition service run the machine on a stored case (one transition path)', () => {
    const code = `import { applyEvent } from '../../../../libs/workflows/src/index.js';\nexport const x = applyEvent;\n`;
    const res = lint('apps/api/src/reports/probe.ts', code);
    expect(res.status).toBe(1);
    expect(res.output).toMatch(/the one transition path/);
    expect(lint('apps/api/src/cases/case-transitions.service.ts', code)).toEqual({ status: 0, output: '' });
  });

  it('reports ordinary mistakes too (the recommended rules are on)', () => {
    const res = lint('apps/api/src/probe.ts', `export function f(a: any) { if (a == 1) { var b = 2; } }\n`);
    expect(res.status).toBe(1);
    expect(res.output).toMatch(/no-explicit-any|no-var/);
  });
});
