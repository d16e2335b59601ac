import type { AddressInfo } from 'node:net';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SMTPServer } from 'smtp-server';
import type { AppConfig } from '../../../src/config/app-config';
import { ConfigModule } from '../../../src/config/config.module';
import { DatabaseModule } from '../../../src/core/database/database.module';
import { NotificationEmailModule } from '../../../src/modules/notifications/notification-email.module';
import { NotificationEmailService } from '../../../src/modules/notifications/notification-email.service';
import { testConfig } from '../support/create-app';
import { createIsolatedDatabase, type IsolatedDatabase } from '../pipeline/isolated-database';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** Undoes quoted-printable and MIME encoded words, enough to read what nodemailer wrote. */
function readable(raw: string): string {
  // Whitespace between adjacent encoded words (a folded header) is not part of the text (RFC 2047).
  const words = raw.replace(/\?=\r?\n?[ \t]+=\?/g, '?==?').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')));
  return qp(words.replace(/=\r?\n/g, ''));
}
function qp(text: string): string {
  return text.replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));
}

/** The worker's part that sends e-mail, as worker.module.ts composes it. */
function emailWorker(config: AppConfig): DynamicModule {
  @Module({})
  class EmailWorkerModule {}
  return { module: EmailWorkerModule, imports: [ConfigModule.forRoot(config), DatabaseModule, NotificationEmailModule] };
}

describe('notifications by e-mail (worker, real SMTP conversation)', () => {
  let iso: IsolatedDatabase;
  let smtp: SMTPServer;
  let smtpUrl: string;
  const inbox: ReceivedMail[] = [];
  const contexts: INestApplicationContext[] = [];
  let officialId: string;

  async function startWorker(overrides: Record<string, string>): Promise<NotificationEmailService> {
    const context = await NestFactory.createApplicationContext(emailWorker(testConfig({ DATABASE_URL: iso.url, ...overrides })), { logger: false });
    contexts.push(context);
    await context.init();
    return context.get(NotificationEmailService);
  }

  const notify = (kind: string, params: Record<string, string>) =>
    iso.db.query(`INSERT INTO notifications (user_id, kind, params, link) VALUES ($1, $2, $3::jsonb, '/convenios/abc') RETURNING id`, [officialId, kind, JSON.stringify(params)]).then((rows) => rows[0].id as string);
  const emailedAt = (id: string) => iso.db.query(`SELECT emailed_at FROM notifications WHERE id = $1`, [id]).then((rows) => rows[0].emailed_at as Date | null);

  beforeAll(async () => {
    iso = await createIsolatedDatabase('email');
    [{ id: officialId }] = await iso.db.query(`SELECT id FROM users WHERE email = 'oficial@economia.gob.mx'`);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          inbox.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await iso?.drop();
  });

  it('sends nothing and fails nothing when SMTP_URL is unset', async () => {
    const id = await notify('approval_assigned', { reference: 'CNV-0000' });
    const worker = await startWorker({});
    expect(await worker.deliverPending()).toBe(0);
    expect(await emailedAt(id)).toBeNull();
    expect(inbox).toHaveLength(0);
    await iso.db.query(`DELETE FROM notifications`);
  });

  it('polls from start-up and delivers pending notifications in Spanish, once', async () => {
    const id = await notify('approval_assigned', { reference: 'CNV-2025-0007', step: 'Revisión jurídica', dueAt: '2025-12-15T18:00:00.000Z' });
    const worker = await startWorker({ SMTP_URL: smtpUrl, SMTP_FROM: 'Convenio Pruebas <avisos@convenio.test>' });
    for (let waited = 0; inbox.length === 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));

    expect(inbox).toHaveLength(1);
    const [mail] = inbox;
    expect(mail.from).toBe('avisos@convenio.test');
    expect(mail.to).toEqual(['oficial@economia.gob.mx']);
    const text = readable(mail.raw);
    expect(text).toContain('Subject: [Convenio] Revisión pendiente: convenio CNV-2025-0007');
    expect(text).toContain('Se le asignó el paso «Revisión jurídica» del convenio CNV-2025-0007');
    expect(text).toContain('15 de diciembre de 2025');
    expect(text).toContain('/convenios/abc');
    // The server holds the message a moment before the worker hears "250" and marks the row.
    for (let waited = 0; (await emailedAt(id)) === null && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await emailedAt(id)).toBeInstanceOf(Date);

    // Already e-mailed: a later poll sends nothing again.
    expect(await worker.deliverPending()).toBe(0);
    expect(inbox).toHaveLength(1);
  });

  it('sends what arrives later on the next batch, each kind with its own subject', async () => {
    const worker = contexts[contexts.length - 1].get(NotificationEmailService);
    await notify('agreement_expiring', { reference: 'CNV-2025-0008', endsOn: '2026-01-31' });
    await notify('data_request_received', { organization: 'Secretaría de Economía', topic: 'empleo formal' });
    expect(await worker.deliverPending()).toBe(2);
    const subjects = inbox.slice(1).map((mail) => /Subject: (.*)/.exec(readable(mail.raw))?.[1]);
    expect(subjects).toEqual(['[Convenio] El convenio CNV-2025-0008 vence pronto', '[Convenio] Nueva solicitud de datos']);
  });

  it('counts a failed send as an attempt and leaves it for a later poll', async () => {
    for (const context of contexts.splice(0)) await context.close();
    const id = await notify('agreement_active', { reference: 'CNV-2025-0009' });
    // Nothing listens on port 1: the start-up poll fails to connect.
    await startWorker({ SMTP_URL: 'smtp://127.0.0.1:1' });
    const attempts = () => iso.db.query(`SELECT emailed_at, email_attempts, email_error FROM notifications WHERE id = $1`, [id]).then((rows) => rows[0]);
    for (let waited = 0; (await attempts()).email_attempts === 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await attempts()).toMatchObject({ emailed_at: null, email_attempts: 1, email_error: expect.any(String) });
  });
});
