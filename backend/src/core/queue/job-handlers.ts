import { AnonymizationProcessor } from '../../modules/anonymization/anonymization.processor';
import { ComplianceProcessor } from '../../modules/compliance/compliance.processor';
import { ApprovalsProcessor } from '../../modules/approvals/approvals.processor';
import { EchoProcessor } from '../../modules/system/echo.processor';
import { JOB_QUEUE, type JobName } from './queue-names';

/** Every processor the worker runs. */
export const PROCESSORS = [EchoProcessor, ApprovalsProcessor, AnonymizationProcessor, ComplianceProcessor];

/** Throws at boot when a job of JOB_QUEUE has no processor that handles it. */
export function assertEveryJobHasHandler(processors: ReadonlyArray<{ handles: readonly JobName[] }> = PROCESSORS): void {
  const handled = new Set(processors.flatMap((processor) => processor.handles));
  const missing = (Object.keys(JOB_QUEUE) as JobName[]).filter((job) => !handled.has(job));
  if (missing.length > 0) throw new Error(`No processor handles job(s): ${missing.join(', ')}`);
}
