import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { CheckpointService } from '../audit/checkpoints.service.js';
import { Public } from '../auth/actor.js';
import { ApiProblems } from '../common/openapi.js';
import { CheckpointPage, CheckpointQuery } from './checkpoint.dto.js';

const TEXT = 'text/plain; charset=utf-8';

/**
 * The process log's signed checkpoints, public: whoever keeps one can later have the log
 * checked against it (POST /audit/verify), or check it with any signed-note tool and the key.
 */
@ApiTags('open data')
@Controller('open')
export class CheckpointsController {
  constructor(private readonly checkpoints: CheckpointService) {}

  @Public()
  @Get('checkpoint')
  @ApiOperation({
    operationId: 'getLogCheckpoint',
    summary: 'The latest signed checkpoint of the process log, as a C2SP signed note',
    description:
      'Three lines (origin, the head seq, the head hash in base64), a blank line and an Ed25519 signature line ' +
      '(c2sp.org/tlog-checkpoint). Made at every report and at least hourly while the log grows.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The signed note',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiProblems(404)
  async latest(@Res({ passthrough: true }) res: Response): Promise<string> {
    const latest = await this.checkpoints.latest();
    if (!latest) throw DomainError.notFound('checkpoint');
    res.type(TEXT);
    return latest.note;
  }

  @Public()
  @Get('checkpoints')
  @ApiOperation({
    operationId: 'listLogCheckpoints',
    summary: 'Every signed checkpoint of the process log, oldest first',
  })
  @ApiOkResponse({ type: CheckpointPage })
  @ApiProblems(400)
  async list(@Query() query: CheckpointQuery): Promise<CheckpointPage> {
    const { items, more } = await this.checkpoints.list(query.after ?? 0, query.limit ?? 100);
    return { items, nextAfter: more ? items[items.length - 1].seq : null };
  }

  @Public()
  @Get('checkpoint-key')
  @ApiOperation({
    operationId: 'getLogCheckpointKey',
    summary: 'The key that signs the checkpoints, as a signed-note verifier key',
    description: '`<name>+<key id, 8 hex digits>+<base64 of 0x01 and the 32-byte Ed25519 public key>`.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The verifier key',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  key(@Res({ passthrough: true }) res: Response): string {
    res.type(TEXT);
    return this.checkpoints.verifierKey;
  }
}
