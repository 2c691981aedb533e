import type { DecisionView } from './decision.dto.js';
import { inSentence, letterText, type LetterCase } from './decision-letter.js';

const decision: DecisionView = {
  number: 'BES-2026-000042',
  kind: 'grant',
  kindLabel: 'Toekenning',
  event: 'HONOUR',
  seq: 42,
  decidedAt: '2026-12-02T10:00:00.000Z',
  decidedBy: { name: 'Wethouder Wim', role: 'alderman' },
  motivation: 'Past in het programma.',
  amountCents: 200_000,
  legalBasis: 'Artikel 4:29 van de Algemene wet bestuursrecht.',
  objectionPossible: true,
  objectionDeadline: '2027-01-13',
};
const initiative: LetterCase = {
  reference: 'INI-2026-000123',
  type: 'initiative',
  title: 'Buurtfeest',
  honouredAmountCents: 200_000,
  releasedAmountCents: null,
  accountBy: '2027-06-01',
  agreementMonths: null,
};
const all = (t: ReturnType<typeof letterText>) =>
  [...t.head.map((h) => h.value), ...t.sections.flatMap((s) => [s.heading, ...s.paragraphs]), ...t.closing]
    .join('\n')
    .replace(/\s+/gu, ' ');

describe('decision letters', () => {
  it('names the municipality as a sentence does', () => {
    expect(inSentence('Gemeente Groningen')).toBe('de gemeente Groningen');
    expect(inSentence('gemeente Het Hogeland')).toBe('de gemeente Het Hogeland');
    expect(inSentence('Stad Utrecht')).toBe('Stad Utrecht');
  });

  it('says what was granted, until when to account, and until when to object', () => {
    const text = all(letterText(decision, initiative, 'Gemeente Groningen'));
    expect(text).toContain('Wij kennen uw aanvraag toe. U ontvangt € 2.000,00.');
    expect(text).toContain('uiterlijk op 1 juni 2027');
    expect(text).toContain('uiterlijk op 13 januari 2027');
    expect(text).toContain('het college van burgemeester en wethouders van de gemeente Groningen');
    expect(text).toContain('namens dezen, Wethouder Wim, wethouder');
  });

  it('names the agreement term of a Right to Challenge grant instead of an account', () => {
    const text = all(
      letterText(
        decision,
        { ...initiative, type: 'right_to_challenge', accountBy: null, agreementMonths: 24 },
        'X',
      ),
    );
    expect(text).toContain('overeenkomst van ten hoogste 24 maanden');
    expect(text).not.toContain('verantwoording');
  });

  it('tells what went back on a settlement below the grant, and what a revocation takes back', () => {
    const settled = all(
      letterText(
        { ...decision, kind: 'settlement', event: 'SETTLE', amountCents: 150_000 },
        { ...initiative, releasedAmountCents: 50_000 },
        'X',
      ),
    );
    expect(settled).toContain('definitief vast op € 1.500,00');
    expect(settled).toContain('Het verschil van € 500,00 gaat terug naar het budget van het gebied.');
    const revoked = all(
      letterText(
        { ...decision, kind: 'revocation', event: 'REVOKE', amountCents: undefined },
        initiative,
        'X',
      ),
    );
    expect(revoked).toContain('Wij trekken de toekenning van € 2.000,00 in.');
    const refused = all(letterText({ ...decision, kind: 'refusal', event: 'REJECT' }, initiative, 'X'));
    expect(refused).toContain('Wij wijzen uw aanvraag af.');
  });

  it('offers no objection where none is possible, and has the raad sign its own decisions', () => {
    const text = letterText(
      {
        ...decision,
        objectionPossible: false,
        objectionDeadline: undefined,
        decidedBy: { name: null, role: 'council' },
      },
      initiative,
      'Gemeente Groningen',
    );
    expect(text.sections.map((s) => s.heading)).not.toContain('Bent u het niet eens met dit besluit?');
    expect(text.closing).toContain('de gemeenteraad van de gemeente Groningen');
  });

  it("has the raad sign a decision its griffier registered, the griffier on the raad's behalf", () => {
    const text = letterText(
      { ...decision, decidedBy: { name: 'Griffier Gerda', role: 'clerk' } },
      initiative,
      'Gemeente Groningen',
    );
    expect(text.closing).toEqual([
      'Met vriendelijke groet,',
      'de gemeenteraad van de gemeente Groningen',
      'namens dezen, Griffier Gerda, griffier',
    ]);
  });
});
