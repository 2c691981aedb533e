import { programmeYear } from '../apps/api/src/cases/case-row.js';
import { loadConfig } from '../apps/api/src/common/config.js';
import { DemoFrame } from '../apps/api/src/programmes/demo-frame.service.js';
import { bearer, cast } from './support/actors.js';
import { adopt } from './support/programmes.js';
import { createTestApp, expectSettingRefused, type TestApp } from './support/test-app.js';

/**
 * The demo frame (DEMO_DATA): on an empty database in development the app adopts a programme
 * of this year for every area, as "Demo (automatisch)", logged like any adoption. Off with
 * DEMO_DATA=false, off by default outside development, refused in production.
 */
const AREAS = ['centrum', 'oost', 'oude-wijken', 'west', 'zuid'];

async function programmesAndLog(t: TestApp) {
  const { council } = await cast(t);
  const programmes = (
    await t.http.get(`/api/v1/programmes/${programmeYear()}`).set(bearer(council)).expect(200)
  ).body as { areaCode: string; themes: string[]; budgetCents: number; delegationLimitCents: number }[];
  const log = (await t.http.get('/api/v1/audit?limit=500').set(bearer(council)).expect(200)).body.items as {
    event: string;
    areaCode: string;
    actor: { id: string; name?: string; role: string };
    payload: { year: number };
  }[];
  return { programmes, log };
}

describe('demo data: a frame to honour against on an empty database', () => {
  describe('switched on (DEMO_DATA=true, as development does by default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ DEMO_DATA: 'true' });
    });
    afterAll(() => t?.close());

    it('adopts a programme of the current year with themes for each of the five areas', async () => {
      const { programmes } = await programmesAndLog(t);
      expect(programmes.map((p) => p.areaCode).sort()).toEqual(AREAS);
      for (const p of programmes) {
        expect(p.themes.length).toBeGreaterThan(0);
        expect(p.delegationLimitCents).toBeLessThan(p.budgetCents);
      }
    });

    it('logs each adoption as PROGRAMME_ADOPTED by the demo actor, one per area', async () => {
      const { log } = await programmesAndLog(t);
      const adopted = log.filter((e) => e.event === 'PROGRAMME_ADOPTED');
      expect(adopted.map((e) => e.areaCode).sort()).toEqual(AREAS);
      for (const e of adopted) {
        expect(e.actor).toMatchObject({ id: 'demo', name: 'Demo (automatisch)', role: 'clerk' });
        expect(e.payload.year).toBe(programmeYear());
      }
    });

    it('changes nothing once anything happened: a revised programme stays as the clerk left it', async () => {
      const { clerk } = await cast(t);
      await adopt(
        t,
        clerk,
        'oost',
        { budgetCents: 4_000_000, delegationLimitCents: 100_000, themes: ['groen'] },
        programmeYear(),
      ).expect(200);
      const before = await programmesAndLog(t);
      // As at the next start-up of the app on this database.
      await t.app.get(DemoFrame).onApplicationBootstrap();
      expect(await programmesAndLog(t)).toEqual(before);
      expect(before.programmes.find((p) => p.areaCode === 'oost')).toMatchObject({
        budgetCents: 4_000_000,
        themes: ['groen'],
      });
    });
  });

  describe('switched off (DEMO_DATA=false)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ DEMO_DATA: 'false' });
    });
    afterAll(() => t?.close());

    it('adopts no programme and logs nothing', async () => {
      const { programmes, log } = await programmesAndLog(t);
      expect(programmes).toEqual([]);
      expect(log.filter((e) => e.event.startsWith('PROGRAMME_'))).toEqual([]);
    });
  });

  describe('configuration', () => {
    const oidc = { AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://login.example.org', OIDC_AUDIENCE: 'wijkflow' };
    it('is on by default in development only', () => {
      expect(loadConfig({ NODE_ENV: 'development' }).demoData).toBe(true);
      expect(loadConfig({ NODE_ENV: 'development', DEMO_DATA: 'false' }).demoData).toBe(false);
      expect(loadConfig({ NODE_ENV: 'test' }).demoData).toBe(false);
      expect(loadConfig({ NODE_ENV: 'production', ...oidc }).demoData).toBe(false);
      expect(loadConfig({ AUTH_MODE: 'dev' }).demoData).toBe(false);
    });

    it('refuses DEMO_DATA=true in production, and anything but true or false', () => {
      expectSettingRefused({ NODE_ENV: 'production', ...oidc, DEMO_DATA: 'true' }, 'DEMO_DATA');
      expectSettingRefused({ NODE_ENV: 'development', DEMO_DATA: 'yes' }, 'DEMO_DATA');
    });
  });
});
