import { z } from 'zod';

/**
 * POST /api/v1/system/echo — an admin's end-to-end check that a job travels from the
 * API through the queue to the worker and its result comes back.
 */
export const echoRequestSchema = z.strictObject({
  message: z.string().min(1).max(200),
});
export type EchoRequest = z.infer<typeof echoRequestSchema>;

export const echoResponseSchema = z.object({
  jobId: z.string(),
  message: z.string(),
  processedBy: z.string(),
  roundTripMs: z.number().nonnegative(),
});
export type EchoResponse = z.infer<typeof echoResponseSchema>;
