import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';

/** Workflow definitions, submission, approval tasks and decisions, moved on by the worker from the outbox. */
@Module({ imports: [AgreementsModule] })
export class ApprovalsModule {}
