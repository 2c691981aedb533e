import type { TestApp } from './test-app.js';
import { Database } from '../../apps/api/src/database/database.service.js';

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function initiative(overrides: Record<string, unknown> = {}) {
  return {
    type: 'initiative',
    title: 'Speeltuin Oosterpark',
    description: 'Een nieuwe speeltuin voor de buurt.',
    areaCode: 'oost',
    theme: 'speelruimte',
    requestedAmountCents: 250_000,
    contactEmail: 'anna@example.org',
    ...overrides,
  };
}

export function rightToChallenge(overrides: Record<string, unknown> = {}) {
  return {
    ...initiative({ title: 'Groenonderhoud Vinkhuizen', theme: 'groen', areaCode: 'west' }),
    type: 'right_to_challenge',
    challengedTask: 'Onderhoud van het openbaar groen in Vinkhuizen',
    organisation: 'Buurtcoöperatie Vinkhuizen',
    claim: 'cheaper',
    proposedCostCents: 800_000,
    currentCostCents: 1_000_000,
    ...overrides,
  };
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
}

/** Tokens for one actor of each kind; "elsewhere" works for another area than the case's. */
export async function cast(t: TestApp, area = 'oost', elsewhere = 'centrum'): Promise<Cast> {
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
  };
}

/** Adopts a programme straight in the database, for tests of other features than programmes. */
export async function seedProgramme(
  t: TestApp,
  areaCode: string,
  p: { budgetCents: number; delegationLimitCents: number; themes: string[] },
  year = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()),
  ),
): Promise<void> {
  await t.app.get(Database).transaction((m) =>
    m.query(
      `INSERT INTO programmes (year, area_code, budget_cents, delegation_limit_cents, themes, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, now(), now())
       ON CONFLICT (year, area_code) DO UPDATE SET budget_cents = $3, delegation_limit_cents = $4, themes = $5::jsonb`,
      [year, areaCode, p.budgetCents, p.delegationLimitCents, JSON.stringify(p.themes)],
    ),
  );
}
