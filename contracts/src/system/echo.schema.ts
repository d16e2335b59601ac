import { z } from 'zod';

/**
 * The answer of the system echo: a job that travelled from the API through the queue to the
 * worker and back (the integration tests use it to prove the round trip).
 */
export const echoResponseSchema = z.object({
  jobId: z.string(),
  message: z.string(),
  processedBy: z.string(),
  roundTripMs: z.number().nonnegative(),
});
export type EchoResponse = z.infer<typeof echoResponseSchema>;
