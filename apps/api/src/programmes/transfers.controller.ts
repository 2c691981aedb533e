import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../auth/actor.js';
import { ApiProblems } from '../common/openapi.js';
import { TransferRequest, TransferView, YearParams } from './programme.dto.js';
import { TransfersService } from './transfers.service.js';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes/:year/transfers')
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Post()
  @Roles('alderman')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'transferBudget',
    summary: "Move budget from one area's programme to another's",
    description:
      'Only an alderman of the source area may transfer (403 otherwise). 409 when either programme is missing ' +
      'or the source has less available than amountCents.',
  })
  @ApiCreatedResponse({ type: TransferView })
  @ApiProblems(400, 401, 403, 409)
  transfer(
    @CurrentActor() actor: Actor,
    @Param() params: YearParams,
    @Body() body: TransferRequest,
  ): Promise<TransferView> {
    return this.transfers.transfer(actor, Number(params.year), body);
  }

  @Get()
  @Roles('alderman', 'council')
  @ApiOperation({ operationId: 'listBudgetTransfers', summary: "The year's budget transfers, oldest first" })
  @ApiOkResponse({ type: [TransferView] })
  @ApiProblems(400, 401, 403)
  list(@Param() params: YearParams): Promise<TransferView[]> {
    return this.transfers.list(Number(params.year));
  }
}
