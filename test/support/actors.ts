// Who acts in a test: dev tokens for the people of a case, and the header that carries them.

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Anything that hands out dev tokens: an in-process test app or a spawned process. */
export interface TokenSource {
  token(sub: string, roles: string[], areas?: string[], name?: string): Promise<string>;
}

export interface Cast {
  resident: string;
  otherResident: string;
  official: string;
  otherOfficial: string;
  officialElsewhere: string;
  alderman: string;
  otherAlderman: string;
  aldermanElsewhere: string;
  council: string;
  /** The griffier, who registers the raad's decisions (adopting programmes, COUNCIL_*). */
  clerk: string;
}

/** Tokens for one actor of each kind; "elsewhere" works for another area than the case's. */
export async function cast(t: TokenSource, area = 'oost', elsewhere = 'centrum'): Promise<Cast> {
  return {
    resident: await t.token('resident-1', ['resident']),
    otherResident: await t.token('resident-2', ['resident']),
    official: await t.token('official-1', ['official'], [area], 'Olga Official'),
    otherOfficial: await t.token('official-2', ['official'], [area], 'Otto Official'),
    officialElsewhere: await t.token('official-9', ['official'], [elsewhere]),
    alderman: await t.token('alderman-1', ['alderman'], [area], 'Wethouder Wim'),
    otherAlderman: await t.token('alderman-2', ['alderman'], [area]),
    aldermanElsewhere: await t.token('alderman-9', ['alderman'], [elsewhere]),
    council: await t.token('council-1', ['council'], [], 'Raadslid Roos'),
    clerk: await t.token('clerk-1', ['clerk'], [], 'Griffier Gerda'),
  };
}

export interface AreaTeam {
  official: string;
  alderman: string;
}

/**
 * An official and an alderman of one area (ids official-<area> and alderman-<area>), with
 * names: officials act in a public capacity.
 */
export async function team(t: TokenSource, area: string): Promise<AreaTeam> {
  return {
    official: await t.token(`official-${area}`, ['official'], [area], `Ambtenaar ${area}`),
    alderman: await t.token(`alderman-${area}`, ['alderman'], [area], `Wethouder ${area}`),
  };
}
