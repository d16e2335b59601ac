import type { NotificationKind } from '@convenio/contracts';

export interface EmailContent {
  subject: string;
  text: string;
}

type Params = Record<string, string | number>;

/** An ISO date or instant as a Mexican date (e.g. 5/12/2025); anything else unchanged. */
function asDate(value: string | number | undefined): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return value === undefined ? undefined : String(value);
  const instant = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(instant.getTime())) return value;
  return instant.toLocaleDateString('es-MX', { timeZone: 'America/Mexico_City', day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * Spanish subject and body per kind. Params follow the convention of notification.schema.ts
 * (reference, step, dueAt, endsOn, organization, topic, comment); a missing one reads naturally.
 */
const TEMPLATES: Record<NotificationKind, (p: (key: string, fallback: string) => string) => EmailContent> = {
  approval_assigned: (p) => ({
    subject: `Revisión pendiente: convenio ${p('reference', '')}`,
    text: `Se le asignó el paso «${p('step', 'de revisión')}» del convenio ${p('reference', '')}. Fecha límite: ${p('dueAt', 'la indicada en el portal')}.`,
  }),
  approval_reminder: (p) => ({
    subject: `Recordatorio: revisión del convenio ${p('reference', '')}`,
    text: `El paso «${p('step', 'de revisión')}» del convenio ${p('reference', '')} vence el ${p('dueAt', 'plazo indicado en el portal')}.`,
  }),
  approval_overdue: (p) => ({
    subject: `Revisión vencida: convenio ${p('reference', '')}`,
    text: `El paso «${p('step', 'de revisión')}» del convenio ${p('reference', '')} venció el ${p('dueAt', 'plazo indicado')} y sigue pendiente.`,
  }),
  agreement_changes_requested: (p) => ({
    subject: `Se solicitaron cambios al convenio ${p('reference', '')}`,
    text: `Las personas revisoras solicitaron cambios al convenio ${p('reference', '')}. ${p('comment', '')}`,
  }),
  agreement_approved: (p) => ({
    subject: `Convenio ${p('reference', '')} aprobado`,
    text: `El convenio ${p('reference', '')} fue aprobado y está listo para firma.`,
  }),
  agreement_rejected: (p) => ({
    subject: `Convenio ${p('reference', '')} rechazado`,
    text: `El convenio ${p('reference', '')} fue rechazado. ${p('comment', '')}`,
  }),
  signature_requested: (p) => ({
    subject: `Firma pendiente: convenio ${p('reference', '')}`,
    text: `El convenio ${p('reference', '')} espera su firma.`,
  }),
  agreement_active: (p) => ({
    subject: `El convenio ${p('reference', '')} está vigente`,
    text: `Todas las partes firmaron el convenio ${p('reference', '')}; está vigente.`,
  }),
  agreement_expiring: (p) => ({
    subject: `El convenio ${p('reference', '')} vence pronto`,
    text: `El convenio ${p('reference', '')} vence el ${p('endsOn', 'plazo pactado')}.`,
  }),
  agreement_expired: (p) => ({
    subject: `El convenio ${p('reference', '')} venció`,
    text: `El convenio ${p('reference', '')} llegó a su fecha de término.`,
  }),
  data_request_received: (p) => ({
    subject: 'Nueva solicitud de datos',
    text: `${p('organization', 'Una organización')} solicita datos sobre «${p('topic', 'un tema de diagnóstico')}».`,
  }),
  data_request_answered: (p) => ({
    subject: 'Respondieron su solicitud de datos',
    text: `${p('organization', 'La organización destinataria')} respondió su solicitud sobre «${p('topic', 'un tema de diagnóstico')}».`,
  }),
};

/** The e-mail for a notification: Spanish text, a greeting, and the portal link when there is one. */
export function notificationEmail(kind: NotificationKind, params: Params, recipientName: string, link: string | null): EmailContent {
  const template = TEMPLATES[kind];
  const value = (key: string, fallback: string) => {
    const raw = params[key];
    return raw === undefined || raw === '' ? fallback : ['dueAt', 'endsOn'].includes(key) ? (asDate(raw) ?? fallback) : String(raw);
  };
  const { subject, text } = template ? template(value) : { subject: 'Aviso de Convenio', text: 'Tiene un aviso nuevo en el portal.' };
  const lines = [`Hola, ${recipientName}:`, '', text.replace(/\s+/g, ' ').trim()];
  if (link) lines.push('', `Ábralo en el portal: ${link}`);
  lines.push('', '— Convenio (mensaje automático; no responda a este correo)');
  return { subject: `[Convenio] ${subject.replace(/\s+/g, ' ').trim()}`, text: lines.join('\n') };
}
