import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { CaseView } from '../cases/case.dto.js';
import { ApiProblems } from '../common/openapi.js';
import { WriteRateLimit } from '../common/rate-limit.js';
import { DecisionParams } from '../decisions/decision.dto.js';
import { ObjectionRequest } from './objection.dto.js';
import { ObjectionSubmissions } from './objections.service.js';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('cases/:id/decisions/:number/objections')
export class ObjectionsController {
  constructor(private readonly objections: ObjectionSubmissions) {}

  @Post()
  @WriteRateLimit()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'objectToDecision',
    summary: 'Object to a decision (bezwaar): the initiator of the case only; an objection is a case itself',
  })
  @ApiCreatedResponse({ type: CaseView, description: 'The objection, a case of type objection' })
  @ApiProblems(400, 401, 403, 404, 409, 429)
  async object(
    @CurrentActor() actor: Actor,
    @Param() params: DecisionParams,
    @Body() body: ObjectionRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const view = await this.objections.submit(actor, params.id, params.number, body);
    res.setHeader('Location', `/api/v1/cases/${view.id}`);
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }
}
