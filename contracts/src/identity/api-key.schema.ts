import { z } from 'zod';

/** One permission an API key carries: a subset of its creator's. */
export const apiKeyPermissionSchema = z.strictObject({
  action: z.string().regex(/^[a-z]+$/, 'must be a lower-case CASL action such as read or create'),
  subject: z.string().regex(/^[A-Z][A-Za-z]+$/, 'must be a PascalCase subject such as Dataset'),
});
export type ApiKeyPermission = z.infer<typeof apiKeyPermissionSchema>;

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(2).max(100),
  permissions: z.array(apiKeyPermissionSchema).min(1).max(50),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeySchema>;

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  organizationId: z.uuid(),
  createdById: z.uuid(),
  permissions: z.array(apiKeyPermissionSchema),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** Answer to creation: the only time the secret is shown. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const API_KEY_PREFIX = 'cvk_';
