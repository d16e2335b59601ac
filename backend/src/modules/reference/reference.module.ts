import { Module } from '@nestjs/common';
import { ReferenceController } from './reference.controller';
import { ReferenceRepository } from './reference.repository';
import { ReferenceService } from './reference.service';

/** INEGI geography and SCIAN 2018: public lists for pickers, and `ReferenceService` validators for other modules. */
@Module({ controllers: [ReferenceController], providers: [ReferenceService, ReferenceRepository], exports: [ReferenceService] })
export class ReferenceModule {}
