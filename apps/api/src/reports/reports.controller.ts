import { msg } from '../../../../libs/messages/src/index.js';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { AreasService } from '../areas/areas.service.js';
import { type Actor, CurrentActor, Roles } from '../auth/actor.js';
import { ApiNotAcceptable, negotiate, sendAs } from '../common/negotiation.js';
import { ApiProblems } from '../common/openapi.js';
import { reportsToCsv } from './report-csv.js';
import { reportToMarkdown } from './report-markdown.js';
import { XLSX_TYPE, reportToXlsx } from './report-xlsx.js';
import { ListReportsQuery, ReportIdParams, ReportPage, ReportView } from './report.dto.js';
import { ReportsService } from './reports.service.js';

const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv';
const MARKDOWN_TYPE = 'text/markdown';

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(ReportView, ReportPage)
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly areas: AreasService,
  ) {}

  @Post()
  @Roles('alderman')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'issueReport',
    summary: 'Issue the next raadsinformatiebrief',
    description:
      'Lists in decisions every deciding event since the previous report (grants, also of cases still being ' +
      'carried out, refusals, settlements, revocations, withdrawals after a grant, agreements signed, evaluated ' +
      'or terminated); moves every closed case not yet reported to reported_to_raad (cases); includes every ' +
      'budget transfer not yet reported, and anchors the process-log head. Each case listed records the report ' +
      'in its reportedIn. Any alderman issues it for the whole college (all areas). A report with nothing new is ' +
      'allowed: it still anchors the log. No request body.',
  })
  @ApiCreatedResponse({ type: ReportView })
  @ApiProblems(400, 401, 403)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportView> {
    const stray =
      body === undefined || body === null
        ? []
        : Array.isArray(body) || typeof body !== 'object'
          ? ['body']
          : Object.keys(body);
    if (stray.length > 0) {
      throw DomainError.invalid(stray.map((name) => ({ name, reason: msg('reason.noBody') })));
    }
    const report = await this.reports.create(actor);
    res.setHeader('Location', `/api/v1/reports/${report.id}`);
    return report;
  }

  @Get()
  @Roles('council', 'alderman')
  @ApiOperation({
    operationId: 'listReports',
    summary: 'The raadsinformatiebrieven, newest first',
    description:
      'Accept: text/csv gives the decisions of the reports on this page as CSV, one record each, with a ' +
      'reportNumber column.',
  })
  @ApiOkResponse({
    description: 'The reports',
    content: {
      [JSON_TYPE]: { schema: { $ref: getSchemaPath(ReportPage) } },
      [CSV_TYPE]: { schema: { type: 'string' } },
    },
  })
  @ApiProblems(400, 401, 403)
  @ApiNotAcceptable()
  async list(
    @Query() query: ListReportsQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportPage | string> {
    const format = negotiate(req, res, [JSON_TYPE, CSV_TYPE]);
    const page = await this.reports.list(query);
    if (format === CSV_TYPE) {
      return sendAs(
        res,
        'text/csv; charset=utf-8; header=present',
        'raadsinformatiebrieven.csv',
        reportsToCsv(page.items, await this.areaNames()),
      );
    }
    return page;
  }

  @Get(':id')
  @Roles('council', 'alderman')
  @ApiOperation({
    operationId: 'getReport',
    summary:
      'One raadsinformatiebrief: JSON, its decisions as CSV or XLSX, or a readable Dutch Markdown document',
    description:
      'text/csv and the XLSX workbook list one decision a row with Dutch headers: Brief, Volgnummer, Besloten op, ' +
      'Kenmerk, Soort, Titel, Gebied, Thema, Besluit, Bedrag, Terug naar het budget, Zaak afgerond. The CSV is ' +
      'written for Dutch Excel: UTF-8 with a byte order mark, `;` between fields, amounts in euro with a decimal ' +
      'comma (1200,50), moments in Amsterdam time as dd-mm-jjjj uu:mm, ja/nee; texts that a spreadsheet would run ' +
      'as a formula get an apostrophe before them. The workbook has the same columns as typed cells (numbers, dates).',
  })
  @ApiOkResponse({
    description: 'The report',
    content: {
      [JSON_TYPE]: { schema: { $ref: getSchemaPath(ReportView) } },
      [CSV_TYPE]: { schema: { type: 'string' } },
      [MARKDOWN_TYPE]: { schema: { type: 'string' } },
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400, 401, 403, 404)
  @ApiNotAcceptable()
  async get(
    @Param() params: ReportIdParams,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportView | string | StreamableFile> {
    const format = negotiate(req, res, [JSON_TYPE, CSV_TYPE, MARKDOWN_TYPE, XLSX_TYPE]);
    const report = await this.reports.get(params.id);
    const name = `raadsinformatiebrief-${report.number}`;
    if (format === CSV_TYPE) {
      const csv = reportsToCsv([report], await this.areaNames());
      return sendAs(res, 'text/csv; charset=utf-8; header=present', `${name}.csv`, csv);
    }
    if (format === MARKDOWN_TYPE) {
      const markdown = reportToMarkdown(report, await this.areaNames());
      return sendAs(res, 'text/markdown; charset=utf-8', `${name}.md`, markdown);
    }
    if (format === XLSX_TYPE) {
      const xlsx = await reportToXlsx(report, await this.areaNames());
      // A file, not text: no charset on its type.
      return new StreamableFile(xlsx, {
        type: XLSX_TYPE,
        disposition: `attachment; filename="${name}.xlsx"`,
        length: xlsx.length,
      });
    }
    return report;
  }

  private async areaNames(): Promise<Map<string, string>> {
    return new Map((await this.areas.list()).map((a) => [a.code, a.name]));
  }
}
