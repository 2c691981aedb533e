import { reason } from '../common/validation.js';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { type CaseTerms, TERM_RANGES } from '../../../../libs/workflows/src/index.js';
import { CouncilDecided, CouncilDecisionBody } from '../common/council-decision.js';

/** A term in whole days, within what the raad may set it to (TERM_RANGES). */
function TermDays(name: keyof CaseTerms, description: string, example: number): PropertyDecorator {
  const { min, max } = TERM_RANGES[name];
  return (target, key) => {
    ApiProperty({ type: 'integer', minimum: min, maximum: max, example, description })(target, key);
    IsInt()(target, key);
    Min(min)(target, key);
    Max(max)(target, key);
  };
}

export class CaseTypeParams {
  @ApiProperty({ example: 'initiative', description: 'A case type from GET /case-types' })
  @Matches(/^[a-z_]{1,50}$/, { message: reason('caseTypeName') })
  type!: string;
}

/** The terms of a case type, in days. */
export class CaseTermsBody implements CaseTerms {
  @TermDays('decisionTermDays', 'Days to decide from submission (beslistermijn, Awb 4:13)', 56)
  decisionTermDays!: number;
  @TermDays('maxExtensionDays', 'The most the decision term may be extended, once (Awb 4:14)', 56)
  maxExtensionDays!: number;
  @TermDays(
    'defaultRespondByDays',
    'Days to supply information asked for when the official names no day (hersteltermijn, Awb 4:5)',
    14,
  )
  defaultRespondByDays!: number;
  @TermDays(
    'objectionTermDays',
    'Days to object to a decision (bezwaartermijn, Awb 6:7; at least six weeks)',
    42,
  )
  objectionTermDays!: number;
}

export class SetCaseTermsRequest extends CaseTermsBody {
  /** The raad sets the terms in a meeting; its clerk registers which (required). */
  @CouncilDecided()
  councilDecision!: CouncilDecisionBody;
}

export class CaseTypeView extends CaseTermsBody {
  @ApiProperty({ example: 'initiative' }) type!: string;
  @ApiProperty({ example: 'Bewonersinitiatief', description: 'The case type as people call it' })
  name!: string;
  @ApiProperty({ description: 'The articles of law the terms rest on' }) legalBasis!: string;
  @ApiProperty({
    type: CouncilDecisionBody,
    nullable: true,
    description: "The council meeting that set the terms last; null while they are the law's",
  })
  councilDecision!: CouncilDecisionBody | null;
}
