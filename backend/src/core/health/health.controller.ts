import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { REQUIRED_DEPENDENCIES, type HealthReport } from '@convenio/contracts';
import type { Response } from 'express';
import { Public } from '../authz/route-policy';
import { errorBody } from '../errors/error-response';
import { HealthService } from './health.service';
import { APP_VERSION } from '../../version';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when PostgreSQL and Redis answer; 503 in the error shape naming the ones that do not. */
  @Get()
  @Public()
  @ApiOkResponse({ description: 'PostgreSQL and Redis answer' })
  @ApiServiceUnavailableResponse({ description: 'A required dependency does not answer; `message` names it, `details` holds the report' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport | ReturnType<typeof errorBody>> {
    const report = await this.health.report(APP_VERSION);
    response.setHeader('Cache-Control', 'no-store');
    if (report.status === 'ok') return report;
    const failing = REQUIRED_DEPENDENCIES.filter((name) => report.checks[name].status === 'down');
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return errorBody(503, `Unavailable: ${failing.join(', ')}`, report);
  }
}
