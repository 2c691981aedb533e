import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The neighbourhoods (wijken) each area covers, so that a resident who knows their wijk but
 * not the municipality's areas picks the right one. The five areas as Groningen's area teams
 * divide the city; a municipality with other areas or wijken changes them in a migration of
 * its own, as it does the areas themselves.
 */
const NEIGHBOURHOODS: Record<string, string[]> = {
  centrum: ['Binnenstad', 'Hortusbuurt-Ebbingekwartier', 'Oosterpoort'],
  'oude-wijken': [
    'Oranjewijk',
    'Schildersbuurt',
    'Noorderplantsoenbuurt',
    'Zeeheldenbuurt',
    'Kostverloren',
    'Korrewegwijk',
    'De Hoogte',
    'Indische Buurt',
  ],
  west: ['Selwerd', 'Paddepoel', 'Vinkhuizen', 'Reitdiep', 'De Held', 'Hoogkerk', 'Dorkwerd'],
  oost: [
    'Oosterparkwijk',
    'Beijum',
    'Lewenborg',
    'De Hunze',
    'Ulgersmaborg',
    'Drielanden',
    'Noorddijk',
    'Oosterhoogebrug',
    'Meerstad',
  ],
  zuid: [
    'De Wijert',
    'Helpman',
    'Corpus den Hoorn',
    'Hoornse Meer',
    'Coendersborg',
    'Laanhuizen',
    'Rivierenbuurt',
    'Herewegwijk',
    'Europapark',
  ],
};

export class AreaNeighbourhoods1765500000000 implements MigrationInterface {
  name = 'AreaNeighbourhoods1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE areas ADD COLUMN neighbourhoods jsonb NOT NULL DEFAULT '[]'::jsonb`);
    for (const [code, names] of Object.entries(NEIGHBOURHOODS)) {
      await q.query(`UPDATE areas SET neighbourhoods = $2::jsonb WHERE code = $1`, [
        code,
        JSON.stringify(names),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE areas DROP COLUMN neighbourhoods`);
  }
}
