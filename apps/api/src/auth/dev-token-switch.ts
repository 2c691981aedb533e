import type { Request, RequestHandler, Response } from 'express';
import { DomainError } from '../../../../libs/domain/src/index.js';
import type { AppConfig } from '../common/config.js';
import { sendProblem } from '../common/problem.filter.js';

export const DEV_TOKEN_PATH = '/api/v1/auth/dev-token';

/**
 * In AUTH_MODE=oidc POST /auth/dev-token does not exist, but the route does: without this the
 * JSON parser, the body checks and the validation would all run on a body that can only end
 * in a 404, for anyone, unauthenticated. Mounted before the JSON parser, this answers the
 * same 404 as the controller without parsing the body (Node discards its bytes unread).
 * Null in dev mode, where the endpoint is on.
 */
export function devTokenSwitchedOff(config: Pick<AppConfig, 'authMode'>): RequestHandler | null {
  if (config.authMode === 'dev') return null;
  return (_req: Request, res: Response) => {
    sendProblem(res, DomainError.notFound('endpoint'));
  };
}
