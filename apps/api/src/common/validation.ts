import { getMetadataStorage, type ValidationError } from 'class-validator';
import type { InvalidParam } from '../../../../libs/domain/src/index.js';
import { CATALOGUES, type Message, type ReasonKey, msg } from '../../../../libs/messages/src/index.js';

/**
 * The catalogue key of a decorator's own message (`@Matches(…, { message: reason('themeSlug') })`):
 * class-validator carries it as the constraint's message, and reasonOf puts it in words.
 */
export function reason(name: ReasonKey extends `reason.${infer N}` ? N : never): string {
  return `reason.${name}`;
}

function isReasonKey(text: string): text is ReasonKey {
  return text.startsWith('reason.') && Object.hasOwn(CATALOGUES.nl.messages, text);
}

/** The arguments a decorator was given (Length(1, 200) → [1, 200]), from class-validator's metadata. */
function constraintsOf(e: ValidationError, name: string): unknown[] {
  const target = e.target as object | undefined;
  if (!target) return [];
  const found = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === e.property && m.name === name);
  return (found?.constraints as unknown[] | undefined) ?? [];
}

/** One failed constraint as a message, from its name and arguments, so it can be said in any language. */
function reasonOf(e: ValidationError, name: string, text: string): Message {
  if (isReasonKey(text)) return { key: text, params: {} } as Message;
  const [first, second] = constraintsOf(e, name);
  const n = (x: unknown) => Number(x);
  switch (name) {
    case 'isString':
    case 'isInt':
    case 'isBoolean':
    case 'isArray':
    case 'isEmail':
    case 'isIso8601':
    case 'isCalendarDate':
    case 'arrayNotEmpty':
    case 'arrayUnique':
    case 'matches':
      return msg(`reason.${name}`);
    case 'isUuid':
      return msg('reason.isUuid');
    case 'isIn':
      return msg('reason.isIn', { values: (first as unknown[] | undefined)?.map(String) ?? [] });
    case 'isLength':
      return msg('reason.length', { min: n(first), max: second === undefined ? undefined : n(second) });
    case 'maxLength':
      return msg('reason.maxLength', { max: n(first) });
    // Amounts are euro cents (`…Cents`): said as amounts, as a person reads them.
    case 'min':
      return e.property.endsWith('Cents')
        ? msg('reason.minAmount', { cents: n(first) })
        : msg('reason.min', { min: n(first) });
    case 'max':
      return e.property.endsWith('Cents')
        ? msg('reason.maxAmount', { cents: n(first) })
        : msg('reason.max', { max: n(first) });
    case 'arrayMaxSize':
      return msg('reason.arrayMaxSize', { max: n(first) });
    case 'arrayMinSize':
      return msg('reason.arrayMinSize', { min: n(first) });
    case 'notAbove':
      return msg('reason.notAbove', { other: String(first) });
    case 'whitelistValidation':
      return msg('reason.unknownField');
    case 'nestedValidation':
    case 'unknownValue':
      return msg('reason.nested');
    case 'isDefined':
      return msg('reason.required');
    default:
      return msg('reason.invalid');
  }
}

/**
 * Flattens class-validator's tree into one entry per invalid field (`areas.0`, `claim`, …), each
 * reason a message the problem filter says in the reader's language (the constraints' English
 * texts are not used).
 */
export function invalidParams(errors: ValidationError[], parent = ''): InvalidParam[] {
  return errors.flatMap((e) => {
    const name = parent ? `${parent}.${e.property}` : e.property;
    const reasons = Object.entries(e.constraints ?? {}).map(([constraint, text]) =>
      reasonOf(e, constraint, text),
    );
    const own =
      reasons.length === 0
        ? []
        : [{ name, reason: reasons.length === 1 ? reasons[0] : msg('reason.all', { reasons }) }];
    return [...own, ...invalidParams(e.children ?? [], name)];
  });
}
