import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * One vocabulary in every Dutch text (docs/vocabulary.md): the screens, the message catalogue,
 * decision letters, the raadsinformatiebrief and the workflow's labels. Comments are English
 * and may name things as the code does; only what people read is scanned.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const DUTCH_TEXTS = [
  'apps/web/public',
  'libs/messages/src/catalogue.nl.ts',
  'libs/workflows/src/event-labels.ts',
  'libs/workflows/src/case.machine.ts',
  'libs/workflows/src/decision-kinds.ts',
  'apps/api/src/decisions/decision-letter.ts',
  'apps/api/src/reports/report-markdown.ts',
  'apps/api/src/common/dutch.ts',
];

/** Banned synonym → the word docs/vocabulary.md chose. */
const BANNED: [RegExp, string][] = [
  [/\b(ge)?honore(er|ren|erd|ert|erde|erden)\b/gi, 'toekennen'],
  [/(?<!\()Right to Challenge/g, 'uitdaagrecht'],
  [/\b(proces)?logboek\b/gi, 'procesregistratie'],
  [/\baudit ?trail\b/gi, 'procesregistratie'],
];

function filesUnder(p: string): string[] {
  const full = path.join(ROOT, p);
  if (statSync(full).isFile()) return [p];
  return readdirSync(full).flatMap((name) => filesUnder(path.join(p, name)));
}

/** The text without comments: block comments, and line comments that start a line or follow code. */
export function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1')
    .replace(/<!--[\s\S]*?-->/g, '');
}

export function bannedWords(text: string): string[] {
  return BANNED.flatMap(([re, word]) => [...text.matchAll(re)].map((m) => `${m[0]} (say: ${word})`));
}

describe('one vocabulary in Dutch texts', () => {
  it('finds a banned synonym in a string and not in a comment', () => {
    const probe = `// Right to Challenge in a comment\nconst a = 'De aanvraag is gehonoreerd.'; /* logboek */\nconst b = 'Het uitdaagrecht (Right to Challenge)';`;
    expect(bannedWords(withoutComments(probe))).toEqual(['gehonoreerd (say: toekennen)']);
    expect(bannedWords('Open het proceslogboek')).toEqual(['proceslogboek (say: procesregistratie)']);
  });

  it('no Dutch text uses a word docs/vocabulary.md rules out', () => {
    const files = DUTCH_TEXTS.flatMap(filesUnder).filter((f) => /\.(ts|js|html)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((f) =>
      bannedWords(withoutComments(readFileSync(path.join(ROOT, f), 'utf8'))).map((w) => `${f}: ${w}`),
    );
    expect(found).toEqual([]);
  });
});
