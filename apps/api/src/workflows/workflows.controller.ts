import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  CASE_TYPES,
  type CaseType,
  EVENT_PERMISSIONS,
  ROLES,
  STATE_TAGS,
  describeWorkflow,
  toMermaid,
} from '../../../../libs/workflows/src/index.js';
import { type EventField, eventFields } from '../cases/case-event.dto.js';
import { Public } from '../auth/actor.js';
import { ApiProblems } from '../common/openapi.js';

export class StateDetailView {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Dutch name of the state' }) label!: string;
  @ApiProperty({ enum: STATE_TAGS, isArray: true, description: "The machine's tags: what the state means" })
  tags!: string[];
}

export class EventFieldView implements EventField {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Dutch label for a form' }) label!: string;
  @ApiProperty({
    enum: ['text', 'integer', 'choice', 'date', 'boolean', 'texts', 'records', 'record'],
    description:
      'date: YYYY-MM-DD; texts: a list of texts; records: a list of objects with the fields in `of`; ' +
      'record: one object with the fields in `of`',
  })
  kind!: EventField['kind'];
  @ApiProperty() required!: boolean;
  @ApiPropertyOptional({
    type: () => [EventFieldView],
    description: 'records: the fields of each item; record: the fields of the object',
  })
  of?: EventFieldView[];
  @ApiPropertyOptional() minItems?: number;
  @ApiPropertyOptional() maxItems?: number;
  @ApiPropertyOptional({ type: [String] }) choices?: string[];
  @ApiPropertyOptional() minimum?: number;
  @ApiPropertyOptional() maximum?: number;
  @ApiPropertyOptional() minLength?: number;
  @ApiPropertyOptional() maxLength?: number;
}

export class EventDetailView {
  @ApiProperty() type!: string;
  @ApiProperty({ description: 'Dutch: what happened' }) label!: string;
  @ApiPropertyOptional({ description: 'Dutch: what a person does; absent for events no person sends' })
  action?: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ type: [EventFieldView], description: 'The fields of the event body besides type' })
  fields!: EventFieldView[];
}

export class WorkflowView {
  @ApiProperty({ enum: CASE_TYPES }) type!: string;
  @ApiProperty() initial!: string;
  @ApiProperty({ type: [String] }) states!: string[];
  @ApiProperty({ type: [String] }) events!: string[];
  @ApiProperty({ type: [StateDetailView] }) stateDetails!: StateDetailView[];
  @ApiProperty({ type: [EventDetailView] }) eventDetails!: EventDetailView[];
}

export class WorkflowTypeParams {
  @IsIn(CASE_TYPES as unknown as CaseType[])
  type!: CaseType;
}

export class DiagramQuery {
  @ApiPropertyOptional({
    enum: ['codes', 'nl'],
    default: 'codes',
    description:
      'codes: states and events by their codes (for tools); nl: drawn with their Dutch names, the codes ' +
      'staying the ids of the states (`state "Ingediend" as submitted`)',
  })
  @IsOptional()
  @IsIn(['codes', 'nl'])
  labels?: 'codes' | 'nl';
}

@ApiTags('workflows')
@Controller('workflows')
export class WorkflowsController {
  @Public()
  @Get()
  @ApiOperation({ operationId: 'listWorkflows', summary: 'The lifecycle of each case type' })
  @ApiOkResponse({ type: [WorkflowView] })
  list(): WorkflowView[] {
    return CASE_TYPES.map((type) => {
      const workflow = describeWorkflow(type);
      return {
        ...workflow,
        stateDetails: workflow.stateDetails.map((d) => ({ ...d, tags: [...d.tags] })),
        eventDetails: workflow.eventDetails.map((e) => ({
          ...e,
          fields: EVENT_PERMISSIONS[e.type].internal
            ? []
            : eventFields(e.type as Exclude<typeof e.type, 'REPORT'>),
        })),
      };
    });
  }

  @Public()
  @Get(':type/diagram')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    operationId: 'getWorkflowDiagram',
    summary: 'Mermaid stateDiagram-v2 drawn from the machine itself',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiProblems(400)
  diagram(@Param() params: WorkflowTypeParams, @Query() query: DiagramQuery): string {
    return toMermaid(params.type, { dutch: query.labels === 'nl' });
  }
}
