import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Public } from '../../../src/core/authz/route-policy';
import { DomainException } from '../../../src/core/errors/domain.exception';

const probeSchema = z.strictObject({ name: z.string().min(1), count: z.number().int().positive() });
class ProbeDto extends createZodDto(probeSchema) {}

/**
 * Routes that exist only in tests, to exercise the app-wide mechanisms (validation,
 * error shape, deny-by-default) independently of any feature.
 */
@Controller('v1/test-probe')
export class ProbeController {
  @Post()
  @Public()
  create(@Body() body: ProbeDto): ProbeDto {
    return body;
  }

  @Get('conflict')
  @Public()
  conflict(): never {
    throw new DomainException(409, 'PROBE_CONFLICT', 'The probe is already in that state', { allowed: ['a', 'b'] });
  }

  @Get('crash')
  @Public()
  crash(): never {
    throw new Error('secret internal detail');
  }

  @Get('undeclared')
  undeclared(): string {
    return 'should never be returned';
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
