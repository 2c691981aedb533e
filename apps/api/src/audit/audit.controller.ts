import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/actor.js';
import { ApiProblems } from '../common/openapi.js';
import { AuditPage, AuditQuery, VerifyResult } from './audit.dto.js';
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
}
