export * from './language.js';
export * from './format.js';
export * from './messages.js';
export * from './catalogue.js';
export type { Catalogue, TitleKey } from './catalogue-types.js';
