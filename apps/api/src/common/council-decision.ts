import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import type { CouncilDecision } from '../../../../libs/workflows/src/index.js';
import { IsCalendarDate } from './calendar-date.js';

/** No council has more members than this; a bound so votes stay small whole numbers. */
const MAX_VOTES = 1000;

/**
 * The raad's meeting a raadsbesluit was taken in, as the clerk (griffier) registers it with an
 * adopted programme (PUT /programmes) and a decision on a referred case (COUNCIL_HONOUR,
 * COUNCIL_REJECT). Not personal data: it goes into the process log as sent.
 */
export class CouncilDecisionBody implements CouncilDecision {
  @ApiProperty({
    format: 'date',
    description: 'The day of the council meeting (raadsvergadering), YYYY-MM-DD',
  })
  @IsCalendarDate()
  meetingOn!: string;
  @ApiProperty({ example: '7.2', description: 'The agenda item (agendapunt) it was decided under' })
  @IsString()
  @Length(1, 200)
  agendaItem!: string;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_VOTES, description: 'Votes for (stemmen voor)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VOTES)
  votesFor?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_VOTES, description: 'Votes against (stemmen tegen)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VOTES)
  votesAgainst?: number;
}

/** A required `councilDecision`: an object, validated field by field (400 with invalidParams). */
export function CouncilDecided(): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ type: CouncilDecisionBody, description: 'The council meeting that took the decision' })(
      target,
      key,
    );
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(() => CouncilDecisionBody)(target, key);
  };
}

/** The council decision as stored and logged: only the fields sent, in a fixed order. */
export function councilDecisionOf(body: CouncilDecisionBody): CouncilDecision {
  return {
    meetingOn: body.meetingOn,
    agendaItem: body.agendaItem,
    ...(body.votesFor !== undefined ? { votesFor: body.votesFor } : {}),
    ...(body.votesAgainst !== undefined ? { votesAgainst: body.votesAgainst } : {}),
  };
}

/** Whether two registrations name the same meeting, agenda item and votes (jsonb keeps no key order). */
export function sameCouncilDecision(a: CouncilDecision | null, b: CouncilDecision): boolean {
  return (
    a !== null &&
    a.meetingOn === b.meetingOn &&
    a.agendaItem === b.agendaItem &&
    a.votesFor === b.votesFor &&
    a.votesAgainst === b.votesAgainst
  );
}
