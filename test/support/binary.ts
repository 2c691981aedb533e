import type { Response } from 'supertest';

/** Supertest collects a binary body (a PDF, a workbook) only when told to: `.buffer(true).parse(binary)`. */
export function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  // The response is also the stream of its body while it is being parsed.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
