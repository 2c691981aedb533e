// A decision (besluit) as the letter the initiator receives: PDF, in Dutch, with the fonts
// embedded (DejaVu Sans, which has every letter Dutch needs), so it reads the same everywhere
// and can be archived. The text is built first (letterText) so that it can be tested and
// shown without a PDF reader; renderLetter only lays it out.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import {
  amsterdamDate,
  type CaseType,
  DECISION_WORDS,
  type DecisionKind,
  daysFrom,
  dutchDate,
  type ObjectionOutcome,
} from '../../../../libs/workflows/src/index.js';
import { CASE_TYPE_NL, formatEuro, formatLongDate } from '../common/dutch.js';
import type { DecisionView } from './decision.dto.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** What the letter needs to know of the case besides the decision. */
export interface LetterCase {
  reference: string;
  type: CaseType;
  title: string;
  /** An objection case: the besluit objected to and the outcome decided on it. */
  objection?: { decisionNumber: string; outcome: ObjectionOutcome | null };
  honouredAmountCents: number | null;
  releasedAmountCents: number | null;
  accountBy: string | null;
  agreementMonths: number | null;
}

export interface LetterSection {
  heading: string;
  paragraphs: string[];
}

export interface LetterText {
  municipality: string;
  /** The document's title: a besluit, or a letter that is none. */
  title: string;
  /** Lines at the head: date, reference, subject. */
  head: { label: string; value: string }[];
  salutation: string;
  sections: LetterSection[];
  closing: string[];
}

const SIGNER: Record<string, string> = {
  official: 'ambtenaar',
  alderman: 'wethouder',
  council: 'de gemeenteraad',
  clerk: 'griffier',
};

/** What was decided, in one or two plain sentences. */
function decisionSentences(kind: DecisionKind, d: DecisionView, c: LetterCase): string[] {
  const amount = d.amountCents === undefined ? '' : formatEuro(d.amountCents);
  switch (kind) {
    case 'grant': {
      const sentences = [`Wij kennen uw aanvraag toe. U ontvangt ${amount}.`];
      if (c.type === 'initiative' && c.accountBy) {
        sentences.push(
          `Na afloop laat u ons uiterlijk op ${dutchDate(c.accountBy)} weten wat u met het geld hebt gedaan en wat het heeft gekost (verantwoording). Daarna stellen wij het definitieve bedrag vast.`,
        );
      }
      if (c.type === 'right_to_challenge' && c.agreementMonths) {
        sentences.push(
          `Wat u uitvoert, hoe lang en hoe wij de resultaten meten, leggen wij met u vast in een overeenkomst van ten hoogste ${c.agreementMonths} maanden.`,
        );
      }
      return sentences;
    }
    case 'refusal':
      return ['Wij wijzen uw aanvraag af.'];
    case 'set_aside':
      return [
        'Wij behandelen uw aanvraag niet verder. Wij hebben u om aanvullende informatie gevraagd, maar die hebben wij niet op tijd ontvangen.',
        'U kunt een nieuwe aanvraag indienen, met de informatie die ontbrak.',
      ];
    case 'settlement': {
      const sentences = [`Wij stellen het bedrag dat u ontvangt definitief vast op ${amount}.`];
      if (c.honouredAmountCents !== null && c.releasedAmountCents) {
        sentences.push(
          `Wij hadden u ${formatEuro(c.honouredAmountCents)} toegekend. Het verschil van ${formatEuro(c.releasedAmountCents)} gaat terug naar het budget van het gebied.`,
        );
      }
      return sentences;
    }
    case 'extension':
      return [
        'Wij kunnen niet binnen de termijn die daarvoor geldt op uw aanvraag beslissen. Daarom verdagen wij de beslistermijn.',
        `U ontvangt ons besluit uiterlijk op ${d.newDueAt ? formatLongDate(d.newDueAt) : ''}.`,
      ];
    case 'revocation':
      return [
        c.honouredAmountCents === null
          ? 'Wij trekken de toekenning van uw aanvraag in.'
          : `Wij trekken de toekenning van ${formatEuro(c.honouredAmountCents)} in. Het bedrag gaat terug naar het budget van het gebied.`,
      ];
    case 'objection_decision':
      return objectionSentences(c);
  }
}

/** The decision on an objection (Awb 7:11): what it means for the besluit objected to. */
function objectionSentences(c: LetterCase): string[] {
  const against = c.objection ? `besluit ${c.objection.decisionNumber}` : 'het besluit';
  switch (c.objection?.outcome) {
    case 'founded':
      return [
        `Wij verklaren uw bezwaar tegen ${against} gegrond.`,
        'Wij herroepen dat besluit en nemen opnieuw een besluit op uw aanvraag. Dat besluit ontvangt u apart.',
      ];
    case 'inadmissible':
      return [
        `Wij verklaren uw bezwaar tegen ${against} niet-ontvankelijk. Wij behandelen het niet inhoudelijk.`,
      ];
    default:
      return [`Wij verklaren uw bezwaar tegen ${against} ongegrond. Het besluit blijft zoals het is.`];
  }
}

const DUTCH_NUMBERS = ['', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien'];

/** The term to object as people say it: six weeks by law, or what the raad set (acht weken, 50 dagen). */
function objectionTerm(d: DecisionView): string {
  const days = daysFrom(amsterdamDate(d.decidedAt), d.objectionDeadline!);
  const weeks = days / 7;
  if (Number.isInteger(weeks) && weeks < DUTCH_NUMBERS.length) return `${DUTCH_NUMBERS[weeks]} weken`;
  return `${days} dagen`;
}

/** The municipality as a sentence names it: "Gemeente Groningen" becomes "de gemeente Groningen". */
export function inSentence(municipality: string): string {
  return municipality.replace(/^gemeente\s+/i, 'de gemeente ');
}

/** The letter's words, in the order they are printed. */
export function letterText(d: DecisionView, c: LetterCase, municipality: string): LetterText {
  const ofMunicipality = inSentence(municipality);
  const kind = d.kind as DecisionKind;
  const words = DECISION_WORDS[kind];
  // A verdaging is a letter, but no besluit: it decides nothing one could object to. (A
  // decision on an objection is a besluit one cannot object to: one appeals to the court.)
  const besluit = !words.noBesluit;
  const sections: LetterSection[] = [
    {
      heading: besluit ? 'Ons besluit' : 'Wij hebben meer tijd nodig',
      paragraphs: decisionSentences(kind, d, c),
    },
    {
      heading: besluit ? 'Waarom wij zo besluiten' : 'Waarom wij meer tijd nodig hebben',
      paragraphs: [d.motivation],
    },
  ];
  if (d.conditions) sections.push({ heading: 'Voorwaarden', paragraphs: [d.conditions] });
  sections.push({ heading: 'Wettelijke grondslag', paragraphs: [d.legalBasis] });
  if (!besluit) {
    sections.push({
      heading: 'Kunt u hiertegen bezwaar maken?',
      paragraphs: [
        'Nee. Deze brief is geen besluit: wij laten u weten dat wij later beslissen dan eerst gold.',
        'Hebben wij ook op de nieuwe datum nog niet beslist, dan kunt u ons in gebreke stellen. Dat kan in Wijkflow, bij uw aanvraag. Twee weken daarna moeten wij u een dwangsom betalen voor elke dag dat wij te laat zijn (artikel 4:17 van de Algemene wet bestuursrecht).',
      ],
    });
  }
  if (kind === 'objection_decision') {
    // No objection against a decision on an objection: one appeals to the court (Awb 8:1).
    sections.push({
      heading: 'Bent u het niet eens met deze beslissing?',
      paragraphs: [
        'Dan kunt u beroep instellen bij de rechtbank. Dat doet u binnen zes weken na de dag waarop wij deze beslissing hebben verzonden (artikel 6:7 van de Algemene wet bestuursrecht).',
        `Stuur uw beroepschrift aan de rechtbank. Zet erin uw naam en adres, de datum, het kenmerk van deze beslissing (${d.number}) en waarom u het er niet mee eens bent. Voeg een kopie van deze beslissing bij. Voor beroep betaalt u griffierecht.`,
      ],
    });
  }
  if (besluit && d.objectionDeadline) {
    sections.push({
      heading: 'Bent u het niet eens met dit besluit?',
      paragraphs: [
        `Dan kunt u bezwaar maken. Dat doet u binnen ${objectionTerm(d)} na de dag waarop wij dit besluit hebben verzonden, dus uiterlijk op ${dutchDate(d.objectionDeadline)}.`,
        `U kunt bezwaar maken in Wijkflow, bij uw aanvraag, of met een brief aan het college van burgemeester en wethouders van ${ofMunicipality}. Zet in uw bezwaar uw naam en adres, de datum, het kenmerk van dit besluit (${d.number}) en waarom u het er niet mee eens bent, en onderteken het.`,
        'Bezwaar maken houdt dit besluit niet tegen. Is uw zaak spoedeisend, dan kunt u de voorzieningenrechter van de rechtbank vragen om een voorlopige voorziening.',
      ],
    });
  }
  const signer = SIGNER[d.decidedBy.role] ?? d.decidedBy.role;
  return {
    municipality,
    title: besluit ? `Besluit ${d.number}` : `Brief ${d.number}: ${words.title.toLowerCase()}`,
    head: [
      { label: 'Datum', value: formatLongDate(d.decidedAt) },
      { label: 'Ons kenmerk', value: d.number },
      c.objection
        ? { label: 'Uw bezwaar', value: c.reference }
        : { label: 'Uw aanvraag', value: `${c.reference} (${CASE_TYPE_NL[c.type].toLowerCase()})` },
      {
        label: 'Onderwerp',
        value: c.objection
          ? `Beslissing op uw bezwaar tegen besluit ${c.objection.decisionNumber}`
          : besluit
            ? `Besluit op uw aanvraag ‘${c.title}’: ${words.title.toLowerCase()}`
            : `${words.title} voor uw aanvraag ‘${c.title}’`,
      },
    ],
    salutation: c.objection ? 'Beste bezwaarmaker,' : 'Beste aanvrager,',
    sections,
    closing: [
      'Met vriendelijke groet,',
      // A raadsbesluit is the raad's, registered by its clerk (griffier) since v1.1.
      d.decidedBy.role === 'council' || d.decidedBy.role === 'clerk'
        ? `de gemeenteraad van ${ofMunicipality}`
        : `het college van burgemeester en wethouders van ${ofMunicipality}`,
      d.decidedBy.name ? `namens dezen, ${d.decidedBy.name}, ${signer}` : `namens dezen, ${signer}`,
    ],
  };
}

/** The letter as a PDF (A4, fonts embedded, Dutch as its language). */
export function renderLetter(text: LetterText): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 72, right: 72 },
    lang: 'nl-NL',
    displayTitle: true,
    info: {
      Title: text.title,
      Author: text.municipality,
      Subject: text.head.find((h) => h.label === 'Onderwerp')?.value ?? '',
      Creator: 'Wijkflow',
    },
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(16).text(text.municipality);
  doc.moveDown(1.5);
  for (const line of text.head) {
    doc.font('bold').fontSize(10).text(`${line.label}: `, { continued: true });
    doc.font('body').text(line.value);
  }
  doc.moveDown(1.5);
  doc.font('body').fontSize(11).text(text.salutation);
  for (const section of text.sections) {
    doc.moveDown(1);
    doc.font('bold').fontSize(11).text(section.heading);
    doc.moveDown(0.3);
    for (const p of section.paragraphs) {
      doc.font('body').fontSize(11).text(p, { align: 'left', lineGap: 2 });
      doc.moveDown(0.5);
    }
  }
  doc.moveDown(1);
  for (const line of text.closing) doc.font('body').fontSize(11).text(line);
  doc.end();
  return done;
}
