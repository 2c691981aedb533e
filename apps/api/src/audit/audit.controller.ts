import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/actor.js';
import { ApiProblems } from '../common/openapi.js';
import { AuditPage, AuditQuery, VerifyRequest, VerifyResult } from './audit.dto.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('council')
  @ApiOperation({ operationId: 'listAuditTrail', summary: 'The process log, ordered by seq, with filters' })
  @ApiOkResponse({ type: AuditPage })
  @ApiProblems(400, 401, 403)
  list(@Query() query: AuditQuery): Promise<AuditPage> {
    return this.audit.list(query);
  }

  @Get('verify')
  @Roles('council')
  @ApiOperation({
    operationId: 'verifyAuditTrail',
    summary: 'Recompute the hash chain and check the anchored heads',
  })
  @ApiOkResponse({ type: VerifyResult })
  @ApiProblems(401, 403)
  verify(): Promise<VerifyResult> {
    return this.audit.verify();
  }

  @Post('verify')
  @HttpCode(200)
  @Roles('council')
  @ApiOperation({
    operationId: 'verifyAuditTrailAgainstCheckpoints',
    summary: 'Recompute the hash chain and check it against the anchored heads and checkpoints you kept',
    description:
      'As GET /audit/verify, and the log must also hold the head of every checkpoint sent, at its seq. ' +
      "A checkpoint that is not signed by this log's key makes the result invalid, with a reason; one that " +
      'is not a signed checkpoint note at all is a 400.',
  })
  @ApiOkResponse({ type: VerifyResult })
  @ApiProblems(400, 401, 403)
  verifyAgainst(@Body() body: VerifyRequest): Promise<VerifyResult> {
    return this.audit.verify(body.checkpoints ?? []);
  }
}
