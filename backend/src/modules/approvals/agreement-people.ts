import type { EntityManager } from 'typeorm';

/**
 * Who is who around an agreement, read straight from users: the people notified, asked to
 * sign, or escalated to. Inactive accounts are never chosen.
 */
export async function usersWithRole(manager: EntityManager, organizationId: string, roles: readonly string[]): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT id FROM users WHERE active AND organization_id = $1 AND roles && $2::text[] ORDER BY email`,
    [organizationId, roles],
  );
  return rows.map((row) => row.id);
}

/** Those who sign: partners/stewards of the provider and officials of the recipient. */
export async function signersOf(manager: EntityManager, agreement: { providerOrganizationId: string; recipientOrganizationId: string }): Promise<string[]> {
  const provider = await usersWithRole(manager, agreement.providerOrganizationId, ['partner', 'steward']);
  const recipient = await usersWithRole(manager, agreement.recipientOrganizationId, ['official']);
  return [...provider, ...recipient];
}

/** Everyone told about the agreement's life: the signers plus its author. */
export async function partiesOf(manager: EntityManager, agreement: { providerOrganizationId: string; recipientOrganizationId: string; authorId: string | null }): Promise<string[]> {
  const people = await signersOf(manager, agreement);
  return [...new Set(agreement.authorId ? [agreement.authorId, ...people] : people)];
}

/** Officials of the recipient who are not the author; the admins when there are none. */
export async function escalationTargets(manager: EntityManager, agreement: { recipientOrganizationId: string }, authorId: string | null): Promise<string[]> {
  const officials = (await usersWithRole(manager, agreement.recipientOrganizationId, ['official'])).filter((id) => id !== authorId);
  if (officials.length > 0) return officials;
  const admins: Array<{ id: string }> = await manager.query(`SELECT id FROM users WHERE active AND 'admin' = ANY(roles) AND id IS DISTINCT FROM $1 ORDER BY email`, [authorId]);
  return admins.map((row) => row.id);
}
