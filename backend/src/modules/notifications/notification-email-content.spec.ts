import { NOTIFICATION_KINDS } from '@convenio/contracts';
import { notificationEmail } from './notification-email-content';

describe('notificationEmail', () => {
  it('writes every kind in Spanish with a greeting and the link', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const email = notificationEmail(kind, { reference: 'CNV-2025-0001', step: 'Revisión jurídica', organization: 'INEGI', topic: 'empleo' }, 'Ana', '/convenios/1');
      expect(email.subject).toMatch(/^\[Convenio\] \S/);
      expect(email.text).toMatch(/^Hola, Ana:\n\n\S/);
      expect(email.text).toContain('Ábralo en el portal: /convenios/1');
      expect(email.text).not.toMatch(/undefined|\{\{/);
    }
  });

  it('reads naturally when params are missing, and formats dates the Mexican way', () => {
    expect(notificationEmail('agreement_approved', {}, 'Ana', null)).toEqual({
      subject: '[Convenio] Convenio aprobado',
      text: 'Hola, Ana:\n\nEl convenio fue aprobado y está listo para firma.\n\n— Convenio (mensaje automático; no responda a este correo)',
    });
    expect(notificationEmail('agreement_expiring', { reference: 'CNV-1', endsOn: '2026-01-31' }, 'Ana', null).text).toContain('vence el 31 de enero de 2026');
  });
});
