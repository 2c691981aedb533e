import { applyDecorators, type INestApplication } from '@nestjs/common';
import {
  ApiResponse,
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { LANGUAGES } from '../../../../libs/messages/src/index.js';
import { REFUSAL_CODES } from '../../../../libs/workflows/src/index.js';
import { API_VERSION } from './api-version.js';

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (invalidParams lists every invalid field)',
  401: 'No valid bearer token',
  403: 'This actor may not do this',
  404: 'Not found or not visible to this actor',
  409: 'Not allowed in the current state, or a business rule forbids it',
  412: 'If-Match names a version that is no longer current',
  413: 'Body larger than 1 MB',
  422: 'Idempotency key reused with a different request',
  429: 'Too many requests',
  503: 'Database or identity provider unavailable; Retry-After says when to try again',
};

/** Declares problem+json error responses on an operation. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));
}

/**
 * Builds the OpenAPI document from the controllers, then adds what the NL API Design Rules
 * ask of every operation: the API-Version header on each response, problem+json errors.
 */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Wijkflow API')
    .setDescription(
      'Case engine for bewonersinitiatieven and Right to Challenge requests: residents submit, the college ' +
        'assesses and decides within the frame the council adopted, the council audits.',
    )
    .setVersion(API_VERSION)
    .setContact('Wijkflow', 'https://wijkflow.nl', 'wijkflow@example.org')
    .setLicense('EUPL-1.2', 'https://eupl.eu/1.2/en/')
    .addServer('/api/v1', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  // The global prefix is in the server URL, so paths are relative to /api/v1.
  const document = SwaggerModule.createDocument(app, config, { ignoreGlobalPrefix: true });
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = {
    type: 'object',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string', example: 'https://wijkflow.nl/problems/invalid-input' },
      title: {
        type: 'string',
        description: 'In Dutch, or English with Accept-Language: en (see Content-Language)',
      },
      status: { type: 'integer', example: 400 },
      detail: {
        type: 'string',
        description: 'In Dutch, or English with Accept-Language: en (see Content-Language)',
      },
      code: {
        type: 'string',
        enum: [...REFUSAL_CODES],
        description: 'Why a case event was refused (403 and 409 on POST /cases/{id}/events)',
      },
      invalidParams: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'reason'],
          properties: {
            name: { type: 'string' },
            reason: { type: 'string', description: 'In the language of Content-Language' },
          },
        },
      },
    },
  };
  document.components.headers = {
    'API-Version': {
      description: 'The full version of the API',
      schema: { type: 'string', example: API_VERSION },
    },
    'Content-Language': {
      description:
        "The language of the problem's title, detail and reasons: nl by default, en when Accept-Language prefers English",
      schema: { type: 'string', enum: [...LANGUAGES] },
    },
  };
  for (const [route, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !op || typeof op !== 'object' || !('responses' in op)) continue;
      const operation = op as OperationObject;
      declarePathParameters(route, operation);
      // Every operation that takes input can answer 400 (the ValidationPipe and the filter
      // do that for all of them), and the NL API Design Rules ask that it be documented.
      const takesInput = ['post', 'put', 'patch'].includes(method) || (operation.parameters?.length ?? 0) > 0;
      if (takesInput && !operation.responses['400']) {
        operation.responses['400'] = problemResponse(400);
      }
      // Likewise every operation behind a bearer token can answer 401, and 503 while the
      // identity provider's keys cannot be fetched.
      if ((operation.security?.length ?? 0) > 0) {
        operation.responses['401'] ??= problemResponse(401);
        operation.responses['503'] ??= problemResponse(503);
      }
      for (const response of Object.values(operation.responses)) {
        if (!response || '$ref' in response) continue;
        const isProblem = Boolean(response.content?.['application/problem+json']);
        response.headers = {
          ...response.headers,
          'API-Version': { $ref: '#/components/headers/API-Version' },
          ...(isProblem ? { 'Content-Language': { $ref: '#/components/headers/Content-Language' } } : {}),
        };
      }
    }
  }
  return document;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function problemResponse(status: number): ResponseObject {
  return {
    description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

/**
 * A path parameter bound through a DTO without @ApiProperty does not reach the document;
 * declare any that is missing as a plain string, so the document stays valid OpenAPI.
 */
function declarePathParameters(route: string, operation: OperationObject): void {
  const declared = new Set(
    (operation.parameters ?? [])
      .filter((p): p is ParameterObject => 'in' in p && p.in === 'path')
      .map((p) => p.name),
  );
  for (const [, name] of route.matchAll(/\{([^}]+)\}/g)) {
    if (declared.has(name)) continue;
    operation.parameters = [
      ...(operation.parameters ?? []),
      { name, in: 'path', required: true, schema: { type: 'string' } },
    ];
  }
}
