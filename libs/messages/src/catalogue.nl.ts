// Nederlands: de standaardtaal. Eén woordenschat (docs/vocabulary.md): toekennen, uitdaagrecht,
// procesregistratie; typografische aanhalingstekens.
import { EVENT_WORDS } from '../../workflows/src/event-labels.js';
import { stateLabel } from '../../workflows/src/state-classes.js';
import type { EventType, Role } from '../../workflows/src/case-types.js';
import type { Catalogue } from './catalogue-types.js';
import { render } from './catalogue.js';
import { formatDay, formatEuro, formatMoment, formatMomentDay } from './format.js';
import { whoMay, type RoleWords } from './roles.js';

const euro = (cents: number) => formatEuro(cents, 'nl');
const day = (d: string) => formatDay(d, 'nl');

/** “Ken toe”: what a person does, as the button says it. */
function action(event: EventType): string {
  const words = EVENT_WORDS[event];
  return `“${words.action ?? words.label}”`;
}

/** a, b of c */
function either(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} of ${items.at(-1)}`;
}

const ROLE_WORDS: RoleWords = {
  role: {
    resident: 'de aanvrager',
    official: 'een ambtenaar',
    alderman: 'een wethouder',
    council: 'de gemeenteraad',
    clerk: 'de griffier',
  },
  ofArea: ' van het gebied van de aanvraag',
  either,
};

const ROLE_NAME: Record<Role, string> = {
  resident: 'bewoner',
  official: 'ambtenaar',
  alderman: 'wethouder',
  council: 'raadslid',
  clerk: 'griffier',
};

/** a, b en c */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`;
}

const quoted = (items: readonly string[]) => list(items.map((i) => `“${i}”`));

const SHAPE: Record<'keysPerObject' | 'nodes' | 'arrayItems' | 'depth', (max: number) => string> = {
  keysPerObject: (max) => `bevat een object met meer dan ${max} velden`,
  nodes: (max) => `bevat meer dan ${max} waarden`,
  arrayItems: (max) => `bevat een lijst van meer dan ${max} elementen`,
  depth: (max) => `is meer dan ${max} niveaus diep genest`,
};

const CASE_TYPE: Record<'initiative' | 'right_to_challenge', string> = {
  initiative: 'een bewonersinitiatief',
  right_to_challenge: 'een uitdaagrecht-aanvraag',
};

export const NL: Catalogue = {
  titles: {
    INVALID_INPUT: 'Ongeldige invoer',
    UNAUTHENTICATED: 'Niet ingelogd',
    FORBIDDEN: 'Niet toegestaan',
    NOT_FOUND: 'Niet gevonden',
    STATE_CONFLICT: 'Niet mogelijk in de huidige status',
    RULE_VIOLATION: 'Niet toegestaan volgens de regels',
    CONCURRENT_UPDATE: 'Tegelijk gewijzigd',
    VERSION_MISMATCH: 'Versie is niet meer actueel',
    IDEMPOTENCY_KEY_REUSED: 'Idempotency-Key al gebruikt',
    PAYLOAD_TOO_LARGE: 'Verzoek te groot',
    NOT_ACCEPTABLE: 'Vorm niet beschikbaar',
    TOO_MANY_REQUESTS: 'Te veel verzoeken',
    UNAVAILABLE: 'Dienst niet beschikbaar',
    BAD_REQUEST: 'Ongeldig verzoek',
    METHOD_NOT_ALLOWED: 'Methode niet toegestaan',
    REQUEST_TIMEOUT: 'Verzoek duurde te lang',
    UNSUPPORTED_MEDIA_TYPE: 'Vorm van het verzoek niet ondersteund',
    INTERNAL: 'Interne fout',
    REFUSED: 'Verzoek geweigerd',
  },
  refusals: {
    STATE: ({ state, event }) =>
      `De aanvraag is nu ‘${stateLabel(state).toLowerCase()}’; ${action(event)} kan daarom niet.`,
    ROLE: (p) => `Alleen ${whoMay(p, ROLE_WORDS)} kan bij deze aanvraag kiezen voor ${action(p.event)}.`,
    CONFLICT_OF_INTEREST: () => 'U heeft deze aanvraag zelf ingediend; iemand anders moet haar behandelen.',
    FOUR_EYES: ({ prepared }) =>
      prepared === 'reviewedBy'
        ? 'U heeft de verantwoording zelf beoordeeld; iemand anders stelt de subsidie vast (vier ogen).'
        : 'U heeft deze aanvraag zelf beoordeeld; iemand anders beslist erover (vier ogen).',
    NO_PROGRAMME: () =>
      'De gemeenteraad heeft voor het gebied van deze aanvraag nog geen programma voor dit jaar vastgesteld; zonder programma kan niets worden toegekend.',
    THEME_NOT_IN_PROGRAMME: ({ theme, themes }) =>
      `Het thema “${theme}” staat niet in het programma van het gebied voor dit jaar` +
      (themes.length > 0 ? ` (daarin staan: ${quoted(themes)}).` : '.'),
    AMOUNT_ABOVE_REQUEST: ({ amountCents, requestedCents }) =>
      `Het bedrag van ${euro(amountCents)} is hoger dan de aangevraagde ${euro(requestedCents)}.`,
    BUDGET_EXCEEDED: ({ amountCents, availableCents }) =>
      `Het bedrag van ${euro(amountCents)} is hoger dan de ${euro(availableCents)} die nog beschikbaar is in het programma van het gebied.`,
    ABOVE_DELEGATION_LIMIT: ({ amountCents, limitCents }) =>
      `Het bedrag van ${euro(amountCents)} is hoger dan de wethouder zelf mag toekennen (mandaat: ${euro(limitCents)}). De gemeenteraad beslist: leg de aanvraag voor aan de raad.`,
    NOT_ABOVE_DELEGATION_LIMIT: ({ requestedCents, limitCents }) =>
      `Het aangevraagde bedrag van ${euro(requestedCents)} valt binnen het mandaat van de wethouder (${euro(limitCents)}); de wethouder beslist zelf.`,
    BUDGET_BELOW_COMMITTED: ({ budgetCents, committedCents }) =>
      `Het budget van ${euro(budgetCents)} is lager dan de ${euro(committedCents)} die uit dit programma al is toegekend; lager dan dat kan het niet.`,
    RESPOND_BY_NOT_PASSED: ({ respondBy }) =>
      respondBy === null
        ? 'Er is geen dag gegeven waarop de informatie uiterlijk moest worden aangevuld; daarom kan de aanvraag niet buiten behandeling worden gesteld.'
        : `De aanvrager mag de gevraagde informatie nog geven tot en met ${day(respondBy)}. Pas daarna kan de aanvraag buiten behandeling worden gesteld.`,
    TERM_NOT_EXPIRED: ({ decisionDueAt }) =>
      decisionDueAt === null
        ? 'De beslistermijn staat stil tot de gevraagde informatie is gegeven. Pas als de termijn voorbij is, kunt u de gemeente in gebreke stellen.'
        : `De gemeente moet uiterlijk op ${formatMomentDay(decisionDueAt, 'nl')} beslissen. Pas als die termijn voorbij is, kunt u haar in gebreke stellen.`,
    NOTICE_ALREADY_GIVEN: () => 'De gemeente is al in gebreke gesteld; dat kan één keer.',
    TERM_EXPIRED: ({ decisionDueAt }) =>
      `De beslistermijn is op ${formatMoment(decisionDueAt, 'nl')} verstreken; een verstreken termijn kan niet meer worden verdaagd.`,
    TERM_ALREADY_EXTENDED: () => 'De beslistermijn is al verdaagd; dat kan één keer.',
  },
  messages: {
    'detail.invalidFields': () => 'Niet alle gegevens zijn goed ingevuld.',
    'detail.bodyShape': () => 'Het verzoek is groter van vorm dan enig verzoek nodig heeft.',
    'detail.invalidCheckpoint': () =>
      'Een checkpoint is geen ondertekende checkpoint-notitie (c2sp.org/tlog-checkpoint).',
    'detail.malformedJson': () => 'De inhoud van het verzoek is geen geldige JSON.',
    'detail.unreadableBody': () => 'De inhoud van het verzoek kon niet worden gelezen.',
    'detail.notFound': ({ thing }) =>
      ({
        case: 'De aanvraag bestaat niet, of u mag haar niet zien.',
        caseType: 'Dit soort aanvraag bestaat niet.',
        decision: 'Het besluit bestaat niet, of u mag het niet zien.',
        report: 'De raadsinformatiebrief bestaat niet.',
        endpoint: 'Dit adres bestaat niet.',
        resource: 'Dit bestaat niet, of u mag het niet zien.',
        checkpoint: 'Er is nog geen checkpoint gepubliceerd.',
      })[thing],
    'detail.unauthenticated': () => 'U bent niet (meer) ingelogd: een geldig toegangstoken is nodig.',
    'detail.tokenLifetime': ({ maxSeconds }) =>
      `Een geldig toegangstoken is nodig: een met een vervaltijd (exp) hoogstens ${maxSeconds} seconden na uitgifte.`,
    'detail.forbidden': () => 'U mag dit niet doen.',
    'detail.rolesRequired': ({ roles }) =>
      `Hiervoor is de rol ${roles.map((r) => ROLE_NAME[r]).join(' of ')} nodig.`,
    'detail.transferFromOwnArea': ({ areaCode }) =>
      `Alleen een wethouder van ${areaCode}, het gebied dat budget afstaat, mag uit dat programma overboeken.`,
    'detail.methodNotAllowed': () => 'Deze methode kan niet op dit adres.',
    'detail.notAcceptable': ({ offered }) => `Dit is beschikbaar als ${list(offered)}.`,
    'detail.requestTimeout': () => 'Het verzoek duurde te lang.',
    'detail.payloadTooLarge': () => 'Het verzoek is groter dan 1 MB.',
    'detail.unsupportedMediaType': () => 'Stuur de inhoud als application/json (UTF-8).',
    'detail.tooManyRequests': ({ seconds }) =>
      seconds === undefined
        ? 'Te veel verzoeken achter elkaar; probeer het later opnieuw.'
        : `Te veel verzoeken achter elkaar; probeer het over ${seconds} ${seconds === 1 ? 'seconde' : 'seconden'} opnieuw.`,
    'detail.unavailable': () => 'De dienst is tijdelijk niet beschikbaar.',
    'detail.identityProviderUnavailable': () =>
      'De inlogvoorziening is niet bereikbaar om het token te controleren. Probeer het opnieuw na Retry-After seconden.',
    'detail.busy': () =>
      'Het verzoek duurde te lang en is gestopt; er is niets gewijzigd. Probeer het zo opnieuw.',
    'detail.internal': () => 'Er ging bij ons iets mis. De fout is vastgelegd.',
    'detail.refused': () => 'Het verzoek is geweigerd.',
    'detail.concurrentUpdate': () =>
      'De aanvraag werd tegelijk door iemand anders gewijzigd. Laad haar opnieuw en probeer het nog eens.',
    'detail.versionMismatch': ({ current, expected }) =>
      `De aanvraag is bij versie ${current}, niet ${expected}. Laad haar opnieuw en probeer het nog eens.`,
    'detail.idempotencyKeyReused': () =>
      'Deze Idempotency-Key is eerder gebruikt met een ander verzoek. Begin een nieuw formulier.',
    'detail.transferNoProgramme': ({ year, areaCodes }) =>
      `De gemeenteraad heeft voor ${list(areaCodes)} geen programma ${year} vastgesteld; er kan geen budget heen of vandaan.`,
    'detail.transferBudgetExceeded': ({ year, areaCode, availableCents, amountCents }) =>
      `In het programma ${year} van ${areaCode} is nog ${euro(availableCents)} beschikbaar, minder dan de over te boeken ${euro(amountCents)}.`,

    'reason.isString': () => 'moet tekst zijn',
    'reason.isInt': () => 'moet een geheel getal zijn',
    'reason.isBoolean': () => 'moet true of false zijn',
    'reason.isArray': () => 'moet een lijst zijn',
    'reason.isEmail': () => 'moet een e-mailadres zijn',
    'reason.isUuid': () => 'moet een UUID zijn',
    'reason.isIso8601': () => 'moet een datum en tijd in ISO 8601 zijn',
    'reason.isCalendarDate': () => 'moet een datum zijn, geschreven als JJJJ-MM-DD',
    'reason.isIn': ({ values }) => `moet een van deze waarden zijn: ${values.join(', ')}`,
    'reason.length': ({ min, max }) =>
      max === undefined
        ? `moet minstens ${min} tekens lang zijn`
        : `moet ${min} tot en met ${max} tekens lang zijn`,
    'reason.maxLength': ({ max }) => `mag hoogstens ${max} tekens lang zijn`,
    'reason.min': ({ min }) => `mag niet kleiner zijn dan ${min}`,
    'reason.max': ({ max }) => `mag niet groter zijn dan ${max}`,
    'reason.minAmount': ({ cents }) => `mag niet lager zijn dan ${euro(cents)}`,
    'reason.maxAmount': ({ cents }) => `mag niet hoger zijn dan ${euro(cents)}`,
    'reason.arrayMaxSize': ({ max }) => `mag hoogstens ${max} elementen bevatten`,
    'reason.arrayMinSize': ({ min }) => `moet minstens ${min} elementen bevatten`,
    'reason.arrayNotEmpty': () => 'mag niet leeg zijn',
    'reason.arrayUnique': () => 'mag geen waarde twee keer bevatten',
    'reason.matches': () => 'heeft niet de juiste vorm',
    'reason.notAbove': ({ other }) => `mag niet hoger zijn dan ${other}`,
    'reason.unknownField': () => 'onbekend veld',
    'reason.nested': () => 'moet een object zijn',
    'reason.required': () => 'is verplicht',
    'reason.all': ({ reasons }) => reasons.map((r) => render(r, 'nl')).join('; '),
    'reason.invalid': () => 'is ongeldig',
    'reason.themeSlug': () => 'moet bestaan uit kleine letters, cijfers en streepjes, zoals “buurtwelzijn”',
    'reason.subjectCharacters': () => 'mag alleen letters, cijfers en . : @ _ - bevatten',
    'reason.eventName': () => 'moet de naam van een gebeurtenis in hoofdletters zijn, zoals HONOUR',
    'reason.areaCodeFormat': () => 'moet een gebiedscode uit GET /areas zijn',
    'reason.caseTypeName': () => 'moet een soort aanvraag uit GET /case-types zijn',
    'reason.year': () => 'moet een jaartal van 2000 tot en met 2100 zijn',
    'reason.decisionNumber': () => 'moet een besluitnummer zijn, zoals BES-2026-000042',
    'reason.cursor': () => 'is geen cursor die deze API heeft gegeven',
    'reason.bodyObject': () => 'moet een JSON-object zijn',
    'reason.noBody': () => 'onbekend veld: dit verzoek heeft geen inhoud',
    'reason.eventType': ({ values }) => `moet een van deze gebeurtenissen zijn: ${values.join(', ')}`,
    'reason.onlyForRightToChallenge': () => 'hoort alleen bij een uitdaagrecht-aanvraag (right_to_challenge)',
    'reason.ifMatch': () => 'moet een versie zijn zoals de ETag die geeft, bijvoorbeeld "3"',
    'reason.idempotencyKey': () => 'moet 1 tot en met 255 zichtbare ASCII-tekens lang zijn',
    'reason.unknownArea': ({ codes }) => `onbekende gebiedscode: ${codes.join(', ')}`,
    'reason.notLaterThan': ({ other }) => `mag niet later zijn dan ${other}`,
    'reason.unstorable': () =>
      'bevat een NUL-teken of een los surrogaatteken, dat niet kan worden opgeslagen',
    'reason.notCheckpoint': () => 'is geen ondertekend checkpoint',
    'reason.shape': ({ limit, max }) => SHAPE[limit](max),
    'reason.requiredForCaseType': ({ caseType }) => `is verplicht bij ${CASE_TYPE[caseType]}`,
    'reason.notForCaseType': ({ caseType }) => `hoort niet bij ${CASE_TYPE[caseType]}`,
    'reason.dayBetween': ({ from, to }) => `moet tussen ${day(from)} en ${day(to)} liggen`,
    'reason.atMostCommitted': ({ cents }) =>
      `mag niet hoger zijn dan ${euro(cents)}, het toegekende bedrag dat nog is vastgelegd`,
    'reason.agreementHasNoIndicators': () => 'de overeenkomst heeft geen indicatoren',
    'reason.oneOfIndicators': ({ names }) => `moet een indicator van de overeenkomst zijn: ${quoted(names)}`,
    'reason.afterStartsOn': () => 'moet na de begindatum (startsOn) liggen',
    'reason.monthsAfterStartsOn': ({ months, latest }) =>
      `mag hoogstens ${months} maanden na de begindatum liggen (${day(latest)})`,
    'reason.ownIndicatorNames': () => 'elke indicator heeft een eigen naam nodig',
    'reason.afterAgreementEnd': ({ endsOn }) =>
      `moet na het huidige einde van de overeenkomst liggen (${day(endsOn)})`,
    'reason.monthsAfterAgreementStart': ({ months, latest }) =>
      `mag hoogstens ${months} maanden na het begin van de overeenkomst liggen (${day(latest)})`,
    'reason.momentWithTime': () => 'moet een datum met een tijd zijn, zoals 2027-03-01T17:00:00Z',
    'reason.afterTerm': ({ decisionDueAt }) =>
      `moet na de huidige beslistermijn liggen (${formatMoment(decisionDueAt, 'nl')})`,
    'reason.daysAfterTerm': ({ days, latest }) =>
      `mag hoogstens ${days} dagen na de huidige beslistermijn liggen (uiterlijk ${formatMoment(latest, 'nl')})`,
  },
};
