/** Every queue of the app. Backend-only: not in contracts/. */
export enum QueueName {
  System = 'system',
}

/** Every job, named after what it does. */
export enum JobName {
  Echo = 'echo',
}

/** Which queue carries each job; the worker refuses to boot if a job has no handler. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.Echo]: QueueName.System,
};

export interface EchoJobData {
  message: string;
  sentAt: number;
}

export interface EchoJobResult {
  message: string;
  processedBy: string;
}
