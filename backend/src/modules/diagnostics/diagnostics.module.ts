import { Module } from '@nestjs/common';

/** Diagnostics of a policy question, owner identification (candidates) and open data requests. */
@Module({})
export class DiagnosticsModule {}
