import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
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
import { invalidParams } from '../common/validation.js';
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
}
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
    description: 'right_to_challenge only',
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_AGREEMENT_MONTHS)
  @Max(MAX_AGREEMENT_MONTHS)
  agreementMonths?: number;
}
export class MotivatedEvent extends Motivated {}
export class WithdrawEvent extends EventBody {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 5000) reason?: string;
}

const BODY_CLASSES: Record<Exclude<EventType, 'REPORT'>, new () => EventBody> = {
  REQUEST_INFO: RequestInfoEvent,
  SUPPLY_INFO: SupplyInfoEvent,
  ASSESS: AssessEvent,
  HONOUR: HonourEvent,
  REJECT: MotivatedEvent,
  REFER_TO_COUNCIL: MotivatedEvent,
  COUNCIL_HONOUR: HonourEvent,
  COUNCIL_REJECT: MotivatedEvent,
  WITHDRAW: WithdrawEvent,
};

export const EVENT_BODY_MODELS = [
  RequestInfoEvent,
  SupplyInfoEvent,
  AssessEvent,
  HonourEvent,
  MotivatedEvent,
  WithdrawEvent,
];

/** Validates an event body against the class for its type; 400 listing every invalid field. */
export async function parseEventBody(body: unknown): Promise<CaseEventInput> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw DomainError.invalid([{ name: 'body', reason: 'must be a JSON object' }]);
  }
  const type = (body as { type?: unknown }).type;
  const cls = typeof type === 'string' ? BODY_CLASSES[type as keyof typeof BODY_CLASSES] : undefined;
  if (!cls || !Object.prototype.hasOwnProperty.call(BODY_CLASSES, type as string)) {
    throw DomainError.invalid([{ name: 'type', reason: `must be one of ${CLIENT_EVENT_TYPES.join(', ')}` }]);
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
  kind: 'text' | 'integer' | 'choice';
  required: boolean;
  choices?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

/** The fields of an event's body, read from the validation rules of its class. */
export function eventFields(type: Exclude<EventType, 'REPORT'>): EventField[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(BODY_CLASSES[type], '', true, false);
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
    if (m.name === 'isIn')
      Object.assign(field, { kind: 'choice', choices: [...(m.constraints[0] as string[])] });
    if (m.name === 'min') field.minimum = m.constraints[0] as number;
    if (m.name === 'max') field.maximum = m.constraints[0] as number;
    if (m.name === 'isLength')
      Object.assign(field, { minLength: m.constraints[0], maxLength: m.constraints[1] });
  }
  return [...byName.values()];
}
