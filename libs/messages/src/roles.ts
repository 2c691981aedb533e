// Who may send an event, in words, from the permission table's roles and scope. One rule for
// both languages: the roles bound to the case's area are named together, the area once
// ("een ambtenaar of een wethouder van het gebied van de aanvraag").
import type { RefusalParams, Role } from '../../workflows/src/case-types.js';

/** Roles that act for one area when the event's scope is 'area'. */
const AREA_ROLES: ReadonlySet<Role> = new Set(['official', 'alderman']);

export interface RoleWords {
  /** One holder of the role, as a sentence names them: 'een wethouder', 'de griffier'. */
  role: Readonly<Record<Role, string>>;
  /** Follows the area's roles: ' van het gebied van de aanvraag'. */
  ofArea: string;
  /** 'a, b of c'. */
  either: (items: readonly string[]) => string;
}

export function whoMay(
  { roles, scope }: Pick<RefusalParams['ROLE'], 'roles' | 'scope'>,
  words: RoleWords,
): string {
  const local = scope === 'area' ? roles.filter((role) => AREA_ROLES.has(role)) : [];
  const phrases = roles.filter((role) => !local.includes(role)).map((role) => words.role[role]);
  if (local.length > 0) phrases.push(words.either(local.map((role) => words.role[role])) + words.ofArea);
  return words.either(phrases);
}
