import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Public, Roles } from '../auth/actor.js';
import { ApiProblems } from '../common/openapi.js';
import { CaseTypeParams, CaseTypeView, SetCaseTermsRequest } from './case-type.dto.js';
import { CaseTypesService } from './case-types.service.js';

@ApiTags('case-types')
@Controller('case-types')
export class CaseTypesController {
  constructor(private readonly caseTypes: CaseTypesService) {}

  @Public()
  @Get()
  @ApiOperation({
    operationId: 'listCaseTypes',
    summary: 'The case types and their terms',
    description:
      'For each case type the terms a case submitted now gets: to decide, to extend that once, to supply ' +
      'information asked for, and to object to a decision; in days, with the articles of law they rest on.',
  })
  @ApiOkResponse({ type: [CaseTypeView] })
  list(): Promise<CaseTypeView[]> {
    return this.caseTypes.list();
  }

  @Put(':type')
  @Roles('clerk')
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'setCaseTypeTerms',
    summary: "Set a case type's terms",
    description:
      'A raadsbesluit: the council sets the terms in a meeting, its clerk (griffier) registers it with that ' +
      'meeting (councilDecision), which is stored with the terms and in the log entry. The terms apply to ' +
      'cases submitted afterwards; a case keeps the terms it was submitted under.',
  })
  @ApiOkResponse({ type: CaseTypeView })
  @ApiProblems(400, 401, 403, 404)
  setTerms(
    @CurrentActor() actor: Actor,
    @Param() params: CaseTypeParams,
    @Body() body: SetCaseTermsRequest,
  ): Promise<CaseTypeView> {
    return this.caseTypes.setTerms(actor, params.type, body);
  }
}
