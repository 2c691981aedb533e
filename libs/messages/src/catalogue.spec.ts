import { REFUSAL_CODES, type RefusalParams } from '../../workflows/src/case-types.js';
import { CATALOGUES, render, renderRefusal } from './catalogue.js';
import { formatDay, formatEuro, formatMomentDay } from './format.js';
import { LANGUAGES } from './language.js';
import type { Message, MessageKey } from './messages.js';

/** Parameters for every refusal code: typed, so a new code does not compile without its example. */
const EXAMPLES: { [C in keyof RefusalParams]: RefusalParams[C] } = {
  STATE: { state: 'submitted', event: 'SETTLE' },
  ROLE: { event: 'EXTEND_TERM', roles: ['official', 'alderman'], scope: 'area' },
  CONFLICT_OF_INTEREST: { event: 'ASSESS' },
  FOUR_EYES: { event: 'HONOUR', prepared: 'assessedBy' },
  NO_PROGRAMME: {},
  THEME_NOT_IN_PROGRAMME: { theme: 'buurtfeest', themes: ['groen', 'speelruimte'] },
  AMOUNT_ABOVE_REQUEST: { amountCents: 1_200_000, requestedCents: 1_000_000 },
  BUDGET_EXCEEDED: { amountCents: 1_200_000, availableCents: 50_000 },
  ABOVE_DELEGATION_LIMIT: { amountCents: 1_200_000, limitCents: 500_000 },
  NOT_ABOVE_DELEGATION_LIMIT: { requestedCents: 100_000, limitCents: 500_000 },
  BUDGET_BELOW_COMMITTED: { budgetCents: 100_000, committedCents: 200_000 },
  RESPOND_BY_NOT_PASSED: { respondBy: '2026-12-08' },
  TERM_NOT_EXPIRED: { decisionDueAt: '2026-12-08T10:00:00.000Z' },
  NOTICE_ALREADY_GIVEN: {},
  TERM_EXPIRED: { decisionDueAt: '2026-12-08T10:00:00.000Z' },
  TERM_ALREADY_EXTENDED: {},
};

/** Words that give an English sentence away in a Dutch one. */
const ENGLISH =
  /\b(the|are|must|may|not|you|your|this|and|only|request|requested|found|required|valid|should|cannot|with|from)\b/i;

describe('the message catalogue', () => {
  it.each(REFUSAL_CODES.map((code) => [code]))('%s has a Dutch and an English sentence', (code) => {
    const violation = { code, params: EXAMPLES[code] } as Parameters<typeof renderRefusal>[0];
    const nl = renderRefusal(violation, 'nl');
    const en = renderRefusal(violation, 'en');
    for (const text of [nl, en]) expect(text).toMatch(/^[A-Z“‘].*[.)]$/u);
    expect(nl).not.toEqual(en);
    expect({ code, english: ENGLISH.exec(nl)?.[0] ?? null }).toEqual({ code, english: null });
    expect(nl).not.toMatch(/undefined|null|NaN|\[object/);
  });

  it('has the same keys in every language', () => {
    for (const lang of LANGUAGES) {
      expect(Object.keys(CATALOGUES[lang].messages).sort()).toEqual(
        Object.keys(CATALOGUES.nl.messages).sort(),
      );
      expect(Object.keys(CATALOGUES[lang].titles).sort()).toEqual(Object.keys(CATALOGUES.nl.titles).sort());
    }
  });

  it('writes titles and parameterless messages in Dutch without English words or straight quotes', () => {
    const texts = [
      ...Object.values(CATALOGUES.nl.titles),
      ...(Object.keys(CATALOGUES.nl.messages) as Exclude<MessageKey, 'detail.refusal'>[])
        .filter((key) => CATALOGUES.nl.messages[key].length === 0)
        .map((key) => render({ key, params: {} } as Message, 'nl')),
    ];
    expect(texts.length).toBeGreaterThan(30);
    for (const text of texts) {
      expect({ text, english: ENGLISH.exec(text)?.[0] ?? null }).toEqual({ text, english: null });
      // ASCII quotes only around what a client types literally (an ETag such as "3").
      if (!text.includes('ETag')) expect(text).not.toMatch(/["']/);
    }
  });

  it('formats amounts and days as each language does', () => {
    expect(formatEuro(1_200_000, 'nl')).toBe('€\u00a012.000,00');
    expect(formatEuro(1_200_000, 'en')).toBe('€12,000.00');
    expect(formatEuro(5, 'nl')).toBe('€\u00a00,05');
    expect(formatDay('2026-12-08', 'nl')).toBe('8 december 2026');
    expect(formatDay('2026-12-08', 'en')).toBe('8 December 2026');
    // A moment's day is Amsterdam's: 23:30 UTC on 7 December is already 8 December there.
    expect(formatMomentDay('2026-12-07T23:30:00.000Z', 'nl')).toBe('8 december 2026');
    expect(formatMomentDay('2026-12-07T22:30:00.000Z', 'en')).toBe('7 December 2026');
  });

  it('renders a reason with its parameters, and several reasons for one field joined', () => {
    const reasons: Message[] = [
      { key: 'reason.length', params: { min: 1, max: 200 } },
      { key: 'reason.atMostCommitted', params: { cents: 45_000 } },
    ];
    expect(render({ key: 'reason.all', params: { reasons } }, 'nl')).toBe(
      'moet 1 tot en met 200 tekens lang zijn; mag niet hoger zijn dan €\u00a0450,00, het toegekende bedrag dat nog is vastgelegd',
    );
    expect(render({ key: 'reason.all', params: { reasons } }, 'en')).toBe(
      'must be 1 to 200 characters; must be at most €450.00, the amount granted and still committed',
    );
  });

  it("names every role that may send the event, the case's area once", () => {
    const role = (params: RefusalParams['ROLE'], lang: 'nl' | 'en') =>
      renderRefusal({ code: 'ROLE', params }, lang);
    const extend: RefusalParams['ROLE'] = {
      event: 'EXTEND_TERM',
      roles: ['official', 'alderman'],
      scope: 'area',
    };
    expect(role(extend, 'nl')).toBe(
      'Alleen een ambtenaar of een wethouder van het gebied van de aanvraag kan bij deze aanvraag kiezen voor “Verdaag de beslistermijn”.',
    );
    expect(role(extend, 'en')).toBe(
      "Only an official or an alderman of the case's area may send EXTEND_TERM on this case.",
    );
    expect(role({ event: 'HONOUR', roles: ['alderman'], scope: 'area' }, 'en')).toBe(
      "Only an alderman of the case's area may send HONOUR on this case.",
    );
    // REPORT is any alderman's, whatever the area; the clerk acts for the whole council.
    expect(role({ event: 'REPORT', roles: ['alderman'], scope: 'all' }, 'en')).toBe(
      'Only an alderman may send REPORT on this case.',
    );
    expect(role({ event: 'COUNCIL_HONOUR', roles: ['clerk', 'alderman'], scope: 'area' }, 'nl')).toMatch(
      /^Alleen de griffier of een wethouder van het gebied van de aanvraag kan /,
    );
  });

  it('says until when a term ran, with its time, when it can no longer be extended', () => {
    const expired = { code: 'TERM_EXPIRED', params: { decisionDueAt: '2026-12-08T10:00:00.000Z' } } as const;
    expect(renderRefusal(expired, 'nl')).toBe(
      'De beslistermijn is op 8 december 2026 om 11:00 verstreken; een verstreken termijn kan niet meer worden verdaagd.',
    );
    expect(renderRefusal(expired, 'en')).toBe(
      'The decision was due by 8 December 2026 at 11:00; a term that has passed cannot be extended.',
    );
    expect(
      render({ key: 'reason.daysAfterTerm', params: { days: 56, latest: '2027-02-02T10:00:00.000Z' } }, 'nl'),
    ).toBe('mag hoogstens 56 dagen na de huidige beslistermijn liggen (uiterlijk 2 februari 2027 om 11:00)');
  });
});
