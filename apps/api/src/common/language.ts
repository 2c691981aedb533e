// Which language the API answers people in: Accept-Language negotiated with q-values (by
// Express's `accepts`, which reads `en-GB,en;q=0.9` as English), Dutch when the client names
// neither language or none at all.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  type Language,
  isLanguage,
} from '../../../../libs/messages/src/index.js';

/** Dutch first, so that an absent header, `*` or a tie gives Dutch. */
const OFFERED = [DEFAULT_LANGUAGE, ...LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE)];

export function languageOf(req: Pick<Request, 'acceptsLanguages'>): Language {
  const chosen = req.acceptsLanguages(...OFFERED);
  return isLanguage(chosen) ? chosen : DEFAULT_LANGUAGE;
}

/** Marks a response as written in `lang` (and as depending on Accept-Language, for caches). */
export function answerIn(res: Response, lang: Language): void {
  res.vary('Accept-Language');
  res.setHeader('Content-Language', lang);
}

/** The negotiated language of the request, for a handler whose answer holds sentences. */
export const Lang = createParamDecorator((_data: unknown, ctx: ExecutionContext): Language =>
  languageOf(ctx.switchToHttp().getRequest<Request>()),
);
