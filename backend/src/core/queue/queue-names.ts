/** Every queue of the app. Backend-only: not in contracts/. */
export enum QueueName {
  System = 'system',
  Approvals = 'approvals',
  /** CPU-heavy: one job at a time per worker. */
  Anonymization = 'anonymization',
  /** Checks lineage runs against the agreements. */
  Compliance = 'compliance',
}

/** Every job, named after what it does. */
export enum JobName {
  Echo = 'echo',
  /** Carries one outbox row (agreement.submitted, approval.decided) to the workflow engine. */
  OutboxEvent = 'outbox-event',
  ApprovalReminder = 'approval-reminder',
  ApprovalEscalation = 'approval-escalation',
  /** Daily: expire agreements past endsOn, warn 30 days ahead, activate signed ones from startsOn. */
  AgreementsDaily = 'agreements-daily',
  /** Runs one anonymization job (its BullMQ id is the job's id). */
  AnonymizeCsv = 'anonymize-csv',
  /** Checks every lineage run with events newer than its last check against the compliance rules (idempotent). */
  CheckDueLineageRuns = 'check-due-lineage-runs',
}

/** Which queue carries each job; the worker refuses to boot if a job has no handler. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.Echo]: QueueName.System,
  [JobName.OutboxEvent]: QueueName.Approvals,
  [JobName.ApprovalReminder]: QueueName.Approvals,
  [JobName.ApprovalEscalation]: QueueName.Approvals,
  [JobName.AgreementsDaily]: QueueName.Approvals,
  [JobName.AnonymizeCsv]: QueueName.Anonymization,
  [JobName.CheckDueLineageRuns]: QueueName.Compliance,
};

export interface EchoJobData {
  message: string;
  sentAt: number;
}

export interface EchoJobResult {
  message: string;
  processedBy: string;
}

export interface OutboxJobData {
  outboxId: string;
}

export interface ApprovalTimerJobData {
  taskId: string;
}

export interface AgreementsDailyJobData {
  /** `YYYY-MM-DD` in Mexico City; absent → today by the worker's clock. */
  today?: string;
}

export interface AnonymizeCsvJobData {
  jobId: string;
}

/** Carries nothing: the due runs are read from `lineage_runs` when the job runs. */
export type CheckDueLineageRunsJobData = Record<string, never>;
