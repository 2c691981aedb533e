import { Controller, Get, Param, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { CaseIdParams } from '../cases/case.dto.js';
import { ApiNotAcceptable, negotiate } from '../common/negotiation.js';
import { ApiProblems } from '../common/openapi.js';
import { DecisionParams, DecisionView } from './decision.dto.js';
import { DecisionsService } from './decisions.service.js';

const JSON_TYPE = 'application/json';
const PDF_TYPE = 'application/pdf';

@ApiTags('decisions')
@ApiBearerAuth()
@ApiExtraModels(DecisionView)
@Controller('cases/:id/decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listCaseDecisions',
    summary: 'The decisions (besluiten) on a case, oldest first',
  })
  @ApiOkResponse({ type: [DecisionView] })
  @ApiProblems(400, 401, 404)
  list(@CurrentActor() actor: Actor, @Param() params: CaseIdParams): Promise<DecisionView[]> {
    return this.decisions.list(actor, params.id);
  }

  @Get(':number')
  @ApiOperation({
    operationId: 'getCaseDecision',
    summary: 'One decision; with Accept: application/pdf the letter the initiator receives',
  })
  @ApiOkResponse({
    description: 'The decision',
    content: {
      [JSON_TYPE]: { schema: { $ref: getSchemaPath(DecisionView) } },
      [PDF_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400, 401, 404)
  @ApiNotAcceptable()
  async get(
    @CurrentActor() actor: Actor,
    @Param() params: DecisionParams,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DecisionView | StreamableFile> {
    const format = negotiate(req, res, [JSON_TYPE, PDF_TYPE]);
    if (format === PDF_TYPE) {
      const pdf = await this.decisions.letter(actor, params.id, params.number);
      // A file, not text: no charset on its type.
      return new StreamableFile(pdf, {
        type: PDF_TYPE,
        disposition: `inline; filename="besluit-${params.number}.pdf"`,
        length: pdf.length,
      });
    }
    return this.decisions.get(actor, params.id, params.number);
  }
}
