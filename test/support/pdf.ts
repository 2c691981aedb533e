// PDF letters read back with poppler's pdftotext (Debian's poppler-utils, which .ci/run
// installs), a reader that shares no code with the writer.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The text of a PDF, as pdftotext reads it, with every run of white space one space. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const child = run('pdftotext', ['-layout', '-', '-'], { encoding: 'utf8', maxBuffer: 10_000_000 });
  child.child.stdin!.end(pdf);
  const { stdout } = await child;
  return stdout.replace(/\s+/gu, ' ');
}
