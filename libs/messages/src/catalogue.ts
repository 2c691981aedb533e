// The one message catalogue: every problem title, detail and invalidParams reason, and every
// refusal's explanation, in Dutch (the default) and English. See docs/api.md (languages).
import type { Violation } from '../../workflows/src/case-types.js';
import type { Catalogue, TitleKey } from './catalogue-types.js';
import { EN } from './catalogue.en.js';
import { NL } from './catalogue.nl.js';
import type { Language } from './language.js';
import type { Message } from './messages.js';

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = Object.freeze({ nl: NL, en: EN });

/** Why an event is refused, in one sentence. */
export function renderRefusal(v: Violation, lang: Language): string {
  const say = CATALOGUES[lang].refusals[v.code] as (p: Violation['params']) => string;
  return say(v.params);
}

export function render(m: Message, lang: Language): string {
  if (m.key === 'detail.refusal') return renderRefusal(m.params, lang);
  const say = CATALOGUES[lang].messages[m.key] as (p: Message['params']) => string;
  return say(m.params);
}

export function title(key: TitleKey, lang: Language): string {
  return CATALOGUES[lang].titles[key];
}
