// Content negotiation for resources offered in more than one format (JSON, CSV, Markdown,
// PDF). Negotiation is transport, so it lives with the controllers, not in services.
import { msg } from '../../../../libs/messages/src/index.js';
import { ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '../../../../libs/domain/src/index.js';

/**
 * Picks the representation from the Accept header (q-values and wildcards honoured; absent
 * or *\/* gives the first offered); 406 when none is acceptable.
 */
export function negotiate(req: Request, res: Response, offered: string[]): string {
  res.vary('Accept');
  const chosen = req.accepts(offered);
  if (!chosen) {
    throw new DomainError(ErrorCode.NotAcceptable, msg('detail.notAcceptable', { offered }));
  }
  return chosen;
}

/** Sets the type and a file name for a text representation that is not JSON, and passes the text on. */
export function sendAs(res: Response, contentType: string, filename: string, body: string): string {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  return body;
}

/** The 406 problem in the OpenAPI document. */
export const ApiNotAcceptable = () =>
  ApiResponse({
    status: 406,
    description: 'None of the media types in Accept is offered',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });
