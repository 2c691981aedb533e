/**
 * The floor of NestJS on this machine for an HTTP transition: a Nest application on the same
 * adapter as the API (Express) with one controller that runs the same two round trips as the
 * bare node:http floor (bare-transition.ts), and nothing else: no validation, authentication,
 * logging, security headers, workflow or hash chain. The distance from the node:http floor is
 * the framework's; the distance to the API is ours. Prints `listening <port>`.
 */
import 'reflect-metadata';
import { Body, Controller, HttpException, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import { bareTransition } from './bare-transition.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });

@Controller('cases')
class BareController {
  @Post(':id/events')
  @HttpCode(200)
  async event(@Param('id') id: string, @Body() body: { type?: unknown }): Promise<unknown> {
    if (typeof body?.type !== 'string' || !/^\d+$/.test(id)) throw new HttpException({}, 400);
    const answer = await bareTransition(pool, Number(id), body);
    if (answer.status !== 200) throw new HttpException(answer.body as object, answer.status);
    return answer.body;
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
  process.on('SIGTERM', () => void app.close().then(() => pool.end().then(() => process.exit(0))));
}

void main();
