import type { WorkflowStep } from '@convenio/contracts';
import type { QueryRunner } from 'typeorm';

/** The ministry's legal reviewer named in the default workflow (a demo account, see DEMO_USERS). */
export const DEMO_LEGAL_REVIEWER_EMAIL = 'juridico@economia.gob.mx';

/**
 * The default review of an agreement (key `agreement_default`, version 1): the provider's
 * data steward, then the ministry's legal office, then the responsible official of the
 * recipient. Runs inside the demo seed's transaction, after the users exist.
 */
export async function seedDemoWorkflow(queryRunner: QueryRunner): Promise<void> {
  const [legal] = await queryRunner.query(`SELECT id FROM users WHERE email = $1`, [DEMO_LEGAL_REVIEWER_EMAIL]);
  const steps: WorkflowStep[] = [
    { key: 'provider_review', name: 'Revisión del custodio del proveedor', reviewers: { role: 'steward', side: 'provider' }, deadlineWorkingDays: 3, reminderWorkingDays: 1 },
    { key: 'legal_review', name: 'Revisión jurídica de la Secretaría', reviewers: { role: 'official', side: 'any', userIds: [legal.id] }, deadlineWorkingDays: 3, reminderWorkingDays: 1 },
    { key: 'final_approval', name: 'Aprobación del funcionario responsable', reviewers: { role: 'official', side: 'recipient' }, deadlineWorkingDays: 2, reminderWorkingDays: 1 },
  ];
  await queryRunner.query(`INSERT INTO workflow_definitions (key, version, name, steps, active) VALUES ('agreement_default', 1, $1, $2::jsonb, true)`, [
    'Revisión de convenios de intercambio de datos',
    JSON.stringify(steps),
  ]);
}
