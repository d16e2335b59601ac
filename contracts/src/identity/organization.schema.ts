import { z } from 'zod';
import { ORGANIZATION_SECTORS } from './roles';

export const organizationSectorSchema = z.enum(ORGANIZATION_SECTORS);

/** INEGI state key: two digits 01–32. */
export const inegiStateCodeSchema = z.string().regex(/^(0[1-9]|[12]\d|3[0-2])$/, 'must be an INEGI state key from 01 to 32');

/** Fields of an organization that only signed-in users see (the public never does). */
export const ORGANIZATION_CONTACT_FIELDS = ['contactName', 'contactEmail', 'contactPhone'] as const;

export const organizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  sector: organizationSectorSchema,
  rfc: z.string().nullable(),
  /** Set when the RFC is well formed but its check character does not compute. */
  rfcWarning: z.string().nullable().optional(),
  stateCode: z.string().nullable(),
  contactName: z.string().nullable().optional(),
  contactEmail: z.string().nullable().optional(),
  contactPhone: z.string().nullable().optional(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;

const nullableText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

export const createOrganizationSchema = z.strictObject({
  name: z.string().trim().min(2).max(200),
  sector: organizationSectorSchema,
  rfc: z.string().trim().toUpperCase().nullable().optional(),
  stateCode: inegiStateCodeSchema.nullable().optional(),
  contactName: nullableText(200),
  contactEmail: z.email().max(254).nullable().optional(),
  contactPhone: z.string().trim().regex(/^\+?[0-9 ()-]{7,20}$/, 'must be a phone number (digits, spaces, +, -, parentheses)').nullable().optional(),
});
export type CreateOrganizationRequest = z.infer<typeof createOrganizationSchema>;

export const updateOrganizationSchema = createOrganizationSchema.partial().extend({ active: z.boolean().optional() }).strict();
export type UpdateOrganizationRequest = z.infer<typeof updateOrganizationSchema>;

export const organizationListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  sector: organizationSectorSchema.optional(),
  active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type OrganizationListQuery = z.infer<typeof organizationListQuerySchema>;
