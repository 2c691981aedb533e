import { msg } from '../../../../libs/messages/src/index.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type, plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
  getMetadataStorage,
  validate,
} from 'class-validator';
import { DomainError } from '../../../../libs/domain/src/index.js';
import {
  CLIENT_EVENT_TYPES,
  FIELD_LABELS,
  type CaseEventInput,
  type EventType,
  MAX_AGREEMENT_MONTHS,
  MIN_AGREEMENT_MONTHS,
} from '../../../../libs/workflows/src/index.js';
import { invalidParams, reason } from '../common/validation.js';
import { IS_CALENDAR_DATE, IsCalendarDate } from '../common/calendar-date.js';
import { CouncilDecided, CouncilDecisionBody } from '../common/council-decision.js';
import { MAX_CENTS } from './case.dto.js';

/** The body of POST /cases/{id}/events: one class per event type, fields as docs/api.md lists them. */
abstract class EventBody {
  @ApiProperty({ enum: CLIENT_EVENT_TYPES })
  @IsIn(CLIENT_EVENT_TYPES as unknown as EventType[])
  type!: EventType;
}
class Motivated extends EventBody {
  @ApiProperty() @IsString() @Length(1, 5000) motivation!: string;
}
export class RequestInfoEvent extends EventBody {
  @ApiProperty() @IsString() @Length(1, 5000) question!: string;
  @ApiPropertyOptional({
    format: 'date',
    description: 'The last day to supply the information (1 to 90 days ahead); default two weeks',
  })
  @IsOptional()
  @IsCalendarDate()
  respondBy?: string;
}
/** An event that carries nothing but its type. */
export class BareEvent extends EventBody {}
export class SupplyInfoEvent extends EventBody {
  @ApiProperty() @IsString() @Length(1, 10000) answer!: string;
}
export class AssessEvent extends Motivated {
  @ApiProperty({ enum: ['honour', 'reject'] }) @IsIn(['honour', 'reject']) advice!: 'honour' | 'reject';
}
export class HonourEvent extends Motivated {
  @ApiProperty({ description: 'Euro cents' }) @IsInt() @Min(1) @Max(MAX_CENTS) amountCents!: number;
  @ApiPropertyOptional({
    minimum: MIN_AGREEMENT_MONTHS,
    maximum: MAX_AGREEMENT_MONTHS,
    description: 'right_to_challenge: required; initiative: not allowed',
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_AGREEMENT_MONTHS)
  @Max(MAX_AGREEMENT_MONTHS)
  agreementMonths?: number;
  @ApiPropertyOptional({
    format: 'date',
    description: 'initiative: required, 1 month to 3 years ahead; right_to_challenge: not allowed',
  })
  @IsOptional()
  @IsCalendarDate()
  accountBy?: string;
  @ApiPropertyOptional({ description: 'Obligations attached to the grant' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  conditions?: string;
}
export class MotivatedEvent extends Motivated {}

export class CouncilHonourEvent extends HonourEvent {
  @CouncilDecided() councilDecision!: CouncilDecisionBody;
}
export class CouncilRejectEvent extends Motivated {
  @CouncilDecided() councilDecision!: CouncilDecisionBody;
}
export class WithdrawEvent extends EventBody {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 5000) reason?: string;
}
export class SubmitAccountEvent extends EventBody {
  @ApiProperty({ description: 'What was done with the grant' }) @IsString() @Length(1, 10000) report!: string;
  @ApiProperty({ description: 'Euro cents' }) @IsInt() @Min(0) @Max(MAX_CENTS) actualCostCents!: number;
}
export class ReviewAccountEvent extends Motivated {
  @ApiProperty({ description: 'Euro cents, 0 to the amount granted' })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  advisedCents!: number;
}
export class SettleEvent extends Motivated {
  @ApiProperty({ description: 'Euro cents, 0 to the amount granted' })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  settledCents!: number;
}
export class Indicator {
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: 'uren per maand' }) @IsString() @Length(1, 50) unit!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_CENTS) target!: number;
}
export class IndicatorValue {
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_CENTS) value!: number;
}
export class SignAgreementEvent extends EventBody {
  @ApiProperty({ format: 'date' }) @IsCalendarDate() startsOn!: string;
  @ApiProperty({ format: 'date', description: 'At most agreementMonths after startsOn' })
  @IsCalendarDate()
  endsOn!: string;
  @ApiProperty({ type: [String], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  deliverables!: string[];
  @ApiProperty({ type: [Indicator], maxItems: 10 })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => Indicator)
  indicators!: Indicator[];
  @ApiProperty({ description: 'What the municipality does if the task comes back (terugvaloptie)' })
  @IsString()
  @Length(1, 5000)
  fallback!: string;
}
/** The class of each item of a list of objects, by field name (for GET /workflows' fields). */
const ITEM_CLASSES: Readonly<Record<string, new () => unknown>> = {
  indicators: Indicator,
  indicatorValues: IndicatorValue,
  councilDecision: CouncilDecisionBody,
};
class WithIndicatorValues extends EventBody {
  @ApiPropertyOptional({
    type: [IndicatorValue],
    maxItems: 10,
    description: "Names from the agreement's indicators",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => IndicatorValue)
  indicatorValues?: IndicatorValue[];
}
export class ProgressReviewEvent extends WithIndicatorValues {
  @ApiProperty() @IsString() @Length(1, 10000) findings!: string;
  @ApiProperty() @IsBoolean() onTrack!: boolean;
}
export class ExtendAgreementEvent extends Motivated {
  @ApiProperty({ format: 'date' }) @IsCalendarDate() newEndsOn!: string;
}
export class ExtendTermEvent extends EventBody {
  @ApiProperty({ description: 'Why the decision cannot be taken in time (stated in the letter)' })
  @IsString()
  @Length(1, 5000)
  reason!: string;
  @ApiProperty({
    format: 'date-time',
    description:
      "The moment the decision is now due by: after decisionDueAt, at most the case type's maxExtensionDays after it",
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/T\d{2}:\d{2}/, { message: reason('momentWithTime') })
  newDueAt!: string;
}
export class EvaluateEvent extends WithIndicatorValues {
  @ApiProperty() @IsString() @Length(1, 10000) evaluation!: string;
}
export class TerminateEvent extends EventBody {
  @ApiProperty() @IsString() @Length(1, 5000) reason!: string;
  @ApiProperty({ description: 'Euro cents that go back to the programme, 0 to the amount granted' })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  releasedCents!: number;
}

const BODY_CLASSES: Record<Exclude<EventType, 'REPORT'>, new () => EventBody> = {
  REQUEST_INFO: RequestInfoEvent,
  SUPPLY_INFO: SupplyInfoEvent,
  ASSESS: AssessEvent,
  HONOUR: HonourEvent,
  REJECT: MotivatedEvent,
  REFER_TO_COUNCIL: MotivatedEvent,
  COUNCIL_HONOUR: CouncilHonourEvent,
  COUNCIL_REJECT: CouncilRejectEvent,
  WITHDRAW: WithdrawEvent,
  SUBMIT_ACCOUNT: SubmitAccountEvent,
  REVIEW_ACCOUNT: ReviewAccountEvent,
  SETTLE: SettleEvent,
  REVOKE: MotivatedEvent,
  SIGN_AGREEMENT: SignAgreementEvent,
  PROGRESS_REVIEW: ProgressReviewEvent,
  EXTEND_AGREEMENT: ExtendAgreementEvent,
  EVALUATE: EvaluateEvent,
  TERMINATE: TerminateEvent,
  NOT_PROCESSED: MotivatedEvent,
  NOTICE_OF_DEFAULT: BareEvent,
  EXTEND_TERM: ExtendTermEvent,
};

/** Every body class once, for the OpenAPI document's oneOf. */
export const EVENT_BODY_MODELS = [...new Set(Object.values(BODY_CLASSES))];

/** Validates an event body against the class for its type; 400 listing every invalid field. */
export async function parseEventBody(body: unknown): Promise<CaseEventInput> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw DomainError.invalid([{ name: 'body', reason: msg('reason.bodyObject') }]);
  }
  const type = (body as { type?: unknown }).type;
  const cls = typeof type === 'string' ? BODY_CLASSES[type as keyof typeof BODY_CLASSES] : undefined;
  if (!cls || !Object.prototype.hasOwnProperty.call(BODY_CLASSES, type as string)) {
    throw DomainError.invalid([
      { name: 'type', reason: msg('reason.eventType', { values: CLIENT_EVENT_TYPES }) },
    ]);
  }
  const instance = plainToInstance(cls, body);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw DomainError.invalid(invalidParams(errors));
  return { ...instance } as unknown as CaseEventInput;
}

/** A field of an event's body, as GET /workflows describes it so clients need no copy. */
export interface EventField {
  name: string;
  /** Dutch, for a form's label (FIELD_LABELS); the name itself when none is written yet. */
  label: string;
  /**
   * `date`: YYYY-MM-DD; `texts`: a list of texts; `records`: a list of objects (see `of`);
   * `record`: one object (see `of`).
   */
  kind: 'text' | 'integer' | 'choice' | 'date' | 'boolean' | 'texts' | 'records' | 'record';
  /** For `records` and `record`: the fields of each item, or of the object. */
  of?: EventField[];
  minItems?: number;
  maxItems?: number;
  required: boolean;
  choices?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

/** The fields of an event's body, read from the validation rules of its class. */
export function eventFields(type: Exclude<EventType, 'REPORT'>): EventField[] {
  return fieldsOf(BODY_CLASSES[type]);
}

function fieldsOf(cls: new () => unknown): EventField[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const byName = new Map<string, EventField>();
  for (const m of metadata) {
    if (m.propertyName === 'type') continue;
    const field = byName.get(m.propertyName) ?? {
      name: m.propertyName,
      label: FIELD_LABELS[m.propertyName] ?? m.propertyName,
      kind: 'text',
      required: true,
    };
    byName.set(m.propertyName, field);
    if (m.type === 'conditionalValidation') field.required = false;
    if (m.name === 'isInt') field.kind = 'integer';
    if (m.name === 'isBoolean') field.kind = 'boolean';
    if (m.name === IS_CALENDAR_DATE) field.kind = 'date';
    if (m.name === 'isArray') field.kind = field.kind === 'records' ? 'records' : 'texts';
    if (m.type === 'nestedValidation') {
      field.kind = m.each ? 'records' : 'record';
      const itemClass = ITEM_CLASSES[m.propertyName];
      if (itemClass) field.of = fieldsOf(itemClass);
    }
    if (m.name === 'isIn')
      Object.assign(field, { kind: 'choice', choices: [...(m.constraints[0] as string[])] });
    if (m.name === 'arrayMinSize') field.minItems = m.constraints[0] as number;
    if (m.name === 'arrayMaxSize') field.maxItems = m.constraints[0] as number;
    if (m.name === 'min') field.minimum = m.constraints[0] as number;
    if (m.name === 'max') field.maximum = m.constraints[0] as number;
    if (m.name === 'isLength')
      Object.assign(field, { minLength: m.constraints[0], maxLength: m.constraints[1] });
  }
  return [...byName.values()];
}
