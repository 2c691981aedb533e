import { DEFAULT_LANGUAGE, type Language, msg } from '../../../../libs/messages/src/index.js';
import { Lang, answerIn } from '../common/language.js';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { LogEntryView } from '../audit/audit.dto.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, CurrentActor, Roles } from '../auth/actor.js';
import { ApiProblems } from '../common/openapi.js';
import { WriteRateLimit } from '../common/rate-limit.js';
import { EVENT_BODY_MODELS, parseEventBody } from './case-event.dto.js';
import { CaseIdParams, CasePage, CaseView, ListCasesQuery, SubmitCaseRequest } from './case.dto.js';
import { CaseSubmissions } from './case-submissions.service.js';
import { CaseTransitions } from './case-transitions.service.js';
import { CaseViews } from './case-views.service.js';

/** `If-Match: "3"` (or 3, or W/"3") → 3; absent → null; anything else is a 400. */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '*') return null;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw DomainError.invalid([{ name: 'If-Match', reason: msg('reason.ifMatch') }]);
  return Number(match[1]);
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly submissions: CaseSubmissions,
    private readonly views: CaseViews,
    private readonly transitions: CaseTransitions,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @Roles('resident')
  @WriteRateLimit()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'submitCase',
    summary: 'Submit a bewonersinitiatief or a Right to Challenge request',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat-safe submission: the same key returns the same case',
  })
  @ApiCreatedResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 422, 429)
  async submit(
    @CurrentActor() actor: Actor,
    @Body() body: SubmitCaseRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @Lang() lang: Language,
  ): Promise<CaseView> {
    if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw DomainError.invalid([{ name: 'Idempotency-Key', reason: msg('reason.idempotencyKey') }]);
    }
    const { view, replayed } = await this.submissions.submit(actor, body, key ?? null, lang);
    answerIn(res, lang);
    res.setHeader('Location', `/api/v1/cases/${view.id}`);
    res.setHeader('ETag', `"${view.version}"`);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return view;
  }

  @Get()
  @ApiOperation({ operationId: 'listCases', summary: 'Cases visible to the caller, newest first' })
  @ApiOkResponse({ type: CasePage })
  @ApiProblems(400, 401)
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListCasesQuery,
    @Res({ passthrough: true }) res: Response,
    @Lang() lang: Language,
  ): Promise<CasePage> {
    answerIn(res, lang);
    return this.views.list(actor, query, lang);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCase', summary: 'One case, with the events the caller may send now' })
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param() params: CaseIdParams,
    @Res({ passthrough: true }) res: Response,
    @Lang() lang: Language,
  ): Promise<CaseView> {
    const view = await this.views.get(actor, params.id, lang);
    answerIn(res, lang);
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ operationId: 'sendCaseEvent', summary: 'Move the case through its lifecycle' })
  @ApiExtraModels(...EVENT_BODY_MODELS)
  @ApiBody({ schema: { oneOf: EVENT_BODY_MODELS.map((m) => ({ $ref: getSchemaPath(m) })) } })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version (ETag) the change is based on' })
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async sendEvent(
    @CurrentActor() actor: Actor,
    @Param() params: CaseIdParams,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @Lang() lang: Language,
  ): Promise<CaseView> {
    const expected = parseIfMatch(ifMatch);
    const event = await parseEventBody(body);
    const view = await this.transitions.sendEvent(actor, params.id, event, expected, lang);
    answerIn(res, lang);
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Get(':id/log')
  @ApiOperation({ operationId: 'getCaseLog', summary: 'The process-log entries of one case' })
  @ApiOkResponse({ type: [LogEntryView] })
  @ApiProblems(400, 401, 404)
  async log(@CurrentActor() actor: Actor, @Param() params: CaseIdParams): Promise<LogEntryView[]> {
    // Visibility: 404 when the caller may not see the case (the view's words are not used).
    await this.views.get(actor, params.id, DEFAULT_LANGUAGE);
    return this.audit.caseLog(params.id);
  }
}
