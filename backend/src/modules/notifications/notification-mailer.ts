import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

/** The SMTP transport, present only when SMTP_URL is set; without it nothing is ever sent. */
@Injectable()
export class NotificationMailer implements OnApplicationShutdown {
  private readonly transport: Transporter | null;
  private readonly from: string;

  constructor(config: AppConfig) {
    const url = config.env.SMTP_URL;
    this.from = config.env.SMTP_FROM;
    // Short timeouts: a slow mail server must not hold the notification rows' locks for long.
    this.transport = url ? createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(email: OutgoingEmail): Promise<void> {
    if (!this.transport) return;
    await this.transport.sendMail({ from: this.from, to: email.to, subject: email.subject, text: email.text });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
