import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';
import { assignRequestId } from './request-id';

/** Structured JSON logs (pino) with the request id on every line of a request. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // Every route, in the named-wildcard syntax of path-to-regexp 8 (nestjs-pino's default
        // '*' makes Nest 11 warn on every boot and convert it itself).
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.env.LOG_LEVEL,
          genReqId: (request, response) => (request as { id?: string }).id ?? assignRequestId(request, response),
          customProps: (request) => ({ requestId: request.id }),
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          autoLogging: { ignore: (request) => request.url === '/api/health' },
          serializers: {
            req: (request: { id: unknown; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
