import { z } from 'zod';

/** One problem in a request, named by where it is (e.g. `body.email`, `query.page`). */
export const errorDetailSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  /** 1-based line of an uploaded file the problem is on (the header is line 1). */
  line: z.number().int().optional(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

/**
 * The one error shape every route answers with. `details` is either a list of
 * problems (validation) or an object with context (e.g. the health report, the
 * transitions allowed from a state).
 */
export const errorResponseSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  details: z.union([z.array(errorDetailSchema), z.record(z.string(), z.unknown())]).optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** True when a value looks like the project's error shape (for clients). */
export function isErrorResponse(value: unknown): value is ErrorResponse {
  return errorResponseSchema.safeParse(value).success;
}
