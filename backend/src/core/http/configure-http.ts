import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../../config/app-config';
import { errorBody } from '../errors/error-response';
import { assignRequestId } from './request-id';
import { runWithRequestContext } from './request-context';

export const API_PREFIX = 'api';
export const JSON_BODY_LIMIT = '1mb';
/** OpenLineage batches: 1,000 real events with schema and column-lineage facets weigh several MB. */
export const LINEAGE_BATCH_BODY_LIMIT = '16mb';
const LINEAGE_BATCH_PATH = `/${API_PREFIX}/v1/lineage/batch`;

/** Express body-parser failures, turned into the error shape before Nest's router runs. */
function bodyParserErrors(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const failure = error as { type?: string; status?: number; message?: string; limit?: number };
  if (failure?.type === 'entity.parse.failed') {
    response.status(400).json(errorBody(400, `Malformed JSON in request body: ${failure.message ?? 'cannot parse'}`));
    return;
  }
  if (failure?.type === 'entity.too.large') {
    const limit = request.path === LINEAGE_BATCH_PATH ? LINEAGE_BATCH_BODY_LIMIT : JSON_BODY_LIMIT;
    response.status(413).json(errorBody(413, `Request body exceeds the limit of ${limit}`));
    return;
  }
  if (failure?.status && failure.status >= 400 && failure.status < 500) {
    response.status(failure.status).json(errorBody(failure.status, failure.message ?? 'Bad request'));
    return;
  }
  next(error);
}

/** Default place of the built frontend: frontend/dist/browser next to backend/dist. */
export function defaultFrontendDist(): string {
  return resolve(__dirname, '..', '..', '..', '..', 'frontend', 'dist', 'browser');
}

/**
 * Security headers, JSON parsing with clear errors, and (when built) the Angular app at `/`
 * with a fallback to index.html for client-side routes — one port serves everything.
 */
export function configureHttp(app: INestApplication, config: AppConfig): { frontendDist: string | null } {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  server.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use((request: Request, response: Response, next: NextFunction) => {
    const requestId = assignRequestId(request, response);
    (request as { id?: string }).id = requestId;
    runWithRequestContext({ requestId, ip: request.ip ?? null, principal: null }, next);
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  // The route-specific parser runs first; the general one then sees the body parsed and skips it.
  app.use(LINEAGE_BATCH_PATH, express.json({ limit: LINEAGE_BATCH_BODY_LIMIT }));
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  app.use(express.urlencoded({ extended: false, limit: JSON_BODY_LIMIT }));
  app.use(bodyParserErrors);

  const frontendDist = config.env.FRONTEND_DIST ?? defaultFrontendDist();
  if (!existsSync(join(frontendDist, 'index.html'))) return { frontendDist: null };
  const index = join(frontendDist, 'index.html');
  app.use(express.static(frontendDist, { index: false, maxAge: '1h' }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isApi = request.path === `/${API_PREFIX}` || request.path.startsWith(`/${API_PREFIX}/`);
    if (isApi || (request.method !== 'GET' && request.method !== 'HEAD')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return { frontendDist };
}
