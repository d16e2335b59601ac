import { Module } from '@nestjs/common';
import { CODE_LOOKUP, structuralCodeLookupProvider } from './code-lookup.provider';
import { ProfilingController } from './profiling.controller';
import { ProfilingService } from './profiling.service';

/**
 * CSV column profiling (`POST /api/v1/catalog/profile`). The work is done by the framework-free
 * engine in ./engine; this module streams the upload into it and maps its errors.
 */
@Module({
  controllers: [ProfilingController],
  providers: [structuralCodeLookupProvider, ProfilingService],
  exports: [ProfilingService, CODE_LOOKUP],
})
export class ProfilingModule {}
