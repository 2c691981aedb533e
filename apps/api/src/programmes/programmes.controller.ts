import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../auth/actor.js';
import { ApiProblems } from '../common/openapi.js';
import { AdoptProgrammeRequest, ProgrammeParams, ProgrammeView, YearParams } from './programme.dto.js';
import { ProgrammesService } from './programmes.service.js';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Put(':year/:areaCode')
  @Roles('clerk')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'adoptProgramme',
    summary: "Adopt or revise an area's programme for a year",
    description:
      'A raadsbesluit: the council adopts the programme in a meeting, its clerk (griffier) registers it ' +
      'with that meeting (councilDecision), which is stored with the programme and in its log entry. ' +
      'A council member alone may not (403). A budget below what is already honoured against the ' +
      'programme is refused (409).',
  })
  @ApiOkResponse({ type: ProgrammeView })
  @ApiProblems(400, 401, 403, 409)
  adopt(
    @CurrentActor() actor: Actor,
    @Param() params: ProgrammeParams,
    @Body() body: AdoptProgrammeRequest,
  ): Promise<ProgrammeView> {
    return this.programmes.adopt(actor, Number(params.year), params.areaCode, body);
  }

  @Get(':year')
  @ApiOperation({
    operationId: 'listProgrammes',
    summary: "The year's programmes, by area, with what is committed",
  })
  @ApiOkResponse({ type: [ProgrammeView] })
  @ApiProblems(400, 401)
  list(@Param() params: YearParams): Promise<ProgrammeView[]> {
    return this.programmes.list(Number(params.year));
  }
}
