import { z } from 'zod';
import { organizationSectorSchema } from './organization.schema';
import { roleSchema } from './user.schema';

export const ACCESS_TOKEN_MAX_SECONDS = 15 * 60;

export const loginRequestSchema = z.strictObject({
  email: z.string().trim().min(1).max(254).transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.strictObject({ refreshToken: z.string().min(10).max(200) });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** Who is signed in, as the UI needs it. */
export const sessionUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  fullName: z.string(),
  roles: z.array(roleSchema),
  organization: z.object({ id: z.uuid(), name: z.string(), sector: organizationSectorSchema }),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires (at most 900). */
  expiresIn: z.number().int().positive(),
  user: sessionUserSchema,
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

/** GET /auth/me: the user and the CASL rules of its ability, packed with `packRules`. */
export const meResponseSchema = z.object({
  user: sessionUserSchema,
  rules: z.array(z.array(z.unknown())),
  via: z.enum(['session', 'apiKey']),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
