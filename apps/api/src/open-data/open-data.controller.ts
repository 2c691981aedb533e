import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/actor.js';
import { ApiProblems } from '../common/openapi.js';
import { OpenDataService } from './open-data.service.js';
import { AreaSpending, SpendingQuery } from './spending.dto.js';

@ApiTags('open data')
@Controller('open')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Public()
  @Get('spending')
  @ApiOperation({
    operationId: 'getOpenSpending',
    summary: 'Per area: budget, committed and cases honoured in a year (no personal data)',
  })
  @ApiOkResponse({ type: [AreaSpending] })
  @ApiProblems(400)
  spending(@Query() query: SpendingQuery): Promise<AreaSpending[]> {
    return this.openData.spending(Number(query.year));
  }
}
