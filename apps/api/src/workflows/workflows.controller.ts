import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  CASE_TYPES,
  type CaseType,
  describeWorkflow,
  toMermaid,
} from '../../../../libs/workflows/src/index.js';
import { Public } from '../auth/actor.js';
import { ApiProblems } from '../common/openapi.js';

export class WorkflowView {
  @ApiProperty({ enum: CASE_TYPES }) type!: string;
  @ApiProperty() initial!: string;
  @ApiProperty({ type: [String] }) states!: string[];
  @ApiProperty({ type: [String] }) events!: string[];
}

export class WorkflowTypeParams {
  @IsIn(CASE_TYPES as unknown as CaseType[], { message: `type must be one of ${CASE_TYPES.join(', ')}` })
  type!: CaseType;
}

@ApiTags('workflows')
@Controller('workflows')
export class WorkflowsController {
  @Public()
  @Get()
  @ApiOperation({ operationId: 'listWorkflows', summary: 'The lifecycle of each case type' })
  @ApiOkResponse({ type: [WorkflowView] })
  list(): WorkflowView[] {
    return CASE_TYPES.map(describeWorkflow);
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
  diagram(@Param() params: WorkflowTypeParams): string {
    return toMermaid(params.type);
  }
}
