import { Module } from '@nestjs/common';
import { SystemService } from './system.service';

/** API side of the system checks. */
@Module({ providers: [SystemService], exports: [SystemService] })
export class SystemModule {}
