import { z } from 'zod';
import { ROLES } from './roles';

export const roleSchema = z.enum(ROLES);
export const PASSWORD_MIN_LENGTH = 12;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  fullName: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string().optional(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const rolesInput = z.array(roleSchema).min(1, 'must hold at least one role').refine((roles) => new Set(roles).size === roles.length, 'must not repeat a role');
const passwordInput = z.string().min(PASSWORD_MIN_LENGTH, `must have at least ${PASSWORD_MIN_LENGTH} characters`).max(200);

export const createUserSchema = z.strictObject({
  email: z.email().max(254).transform((email) => email.toLowerCase()),
  fullName: z.string().trim().min(2).max(200),
  organizationId: z.uuid(),
  roles: rolesInput,
  password: passwordInput,
});
export type CreateUserRequest = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  fullName: z.string().trim().min(2).max(200).optional(),
  roles: rolesInput.optional(),
  active: z.boolean().optional(),
  password: passwordInput.optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserSchema>;

export const userListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  organizationId: z.uuid().optional(),
  role: roleSchema.optional(),
  active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;
