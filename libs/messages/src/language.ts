// The languages problems and explanations are written in: Dutch for people, English on request.

export const LANGUAGES = Object.freeze(['nl', 'en'] as const);
export type Language = (typeof LANGUAGES)[number];

/** Dutch unless the client asks for English first (the order of LANGUAGES is the preference). */
export const DEFAULT_LANGUAGE: Language = 'nl';

export function isLanguage(x: unknown): x is Language {
  return (LANGUAGES as readonly unknown[]).includes(x);
}
