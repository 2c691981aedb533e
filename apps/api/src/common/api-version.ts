/** The full API version, sent as API-Version on every response (NL API Design Rules). */
export const API_VERSION = '1.0.0';
