import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AgreementEvent } from '@convenio/contracts';
import { DataSource } from 'typeorm';
import { AgreementLifecycleService } from '../agreements/agreement-lifecycle.service';
import { NotificationsService } from '../notifications/notifications.service';
import { partiesOf } from './agreement-people';
import { ApprovalTasksService } from './approval-tasks.service';

export const EXPIRY_WARNING_DAYS = 30;

export interface CalendarRun {
  today: string;
  expired: string[];
  warned: string[];
  activated: string[];
  cancelledTasks: number;
}

interface DueAgreement {
  id: string;
  reference: string;
  providerOrganizationId: string;
  recipientOrganizationId: string;
  authorId: string | null;
  endsOn: string;
}

const AGREEMENT_COLUMNS = `a.id, a.reference, a.provider_organization_id AS "providerOrganizationId", a.recipient_organization_id AS "recipientOrganizationId",
  a.author_id AS "authorId", v.terms->>'endsOn' AS "endsOn"`;
const CURRENT_TERMS = `JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version`;

function plusDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The daily job: agreements past `endsOn` expire, those ending within 30 days are warned
 * once, signed ones start on `startsOn`; review tasks of agreements that left review are
 * cancelled. Each agreement moves in its own transaction, so one failure stops nothing else.
 * `today` is a Mexico City calendar date; run it again the same day and nothing happens twice.
 */
@Injectable()
export class AgreementCalendar {
  private readonly logger = new Logger(AgreementCalendar.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: AgreementLifecycleService,
    private readonly notifications: NotificationsService,
    private readonly tasks: ApprovalTasksService,
  ) {}

  async run(today: string): Promise<CalendarRun> {
    const result: CalendarRun = { today, expired: [], warned: [], activated: [], cancelledTasks: 0 };
    const ending: DueAgreement[] = await this.dataSource.query(`SELECT ${AGREEMENT_COLUMNS} FROM agreements a ${CURRENT_TERMS} WHERE a.state = 'active' AND v.terms->>'endsOn' < $1`, [today]);
    for (const agreement of ending) if (await this.move(agreement, 'expire', 'agreement_expired')) result.expired.push(agreement.id);

    const expiring: DueAgreement[] = await this.dataSource.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM agreements a ${CURRENT_TERMS} WHERE a.state = 'active' AND v.terms->>'endsOn' BETWEEN $1 AND $2`,
      [today, plusDays(today, EXPIRY_WARNING_DAYS)],
    );
    for (const agreement of expiring) {
      const sent = await this.dataSource.transaction(async (manager) =>
        this.notifications.notify(manager, {
          userIds: await partiesOf(manager, agreement),
          kind: 'agreement_expiring',
          params: { reference: agreement.reference, endsOn: agreement.endsOn },
          link: `/convenios/${agreement.id}`,
          dedupeKey: `expiring:${agreement.id}`,
        }),
      );
      if (sent > 0) result.warned.push(agreement.id);
    }

    const starting: DueAgreement[] = await this.dataSource.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM agreements a ${CURRENT_TERMS}
        WHERE a.state = 'awaiting_signatures' AND v.terms->>'startsOn' <= $1
          AND (SELECT count(DISTINCT s.side) FROM agreement_signatures s WHERE s.agreement_id = a.id AND s.version = a.current_version) = 2`,
      [today],
    );
    for (const agreement of starting) if (await this.move(agreement, 'activate', 'agreement_active')) result.activated.push(agreement.id);

    const stale: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT t.agreement_id AS id FROM approval_tasks t JOIN agreements a ON a.id = t.agreement_id WHERE t.status = 'pending' AND a.state <> 'in_review'`,
    );
    for (const { id } of stale) result.cancelledTasks += await this.dataSource.transaction((manager) => this.tasks.cancelPending(manager, id));
    return result;
  }

  private async move(agreement: DueAgreement, event: AgreementEvent, kind: 'agreement_expired' | 'agreement_active'): Promise<boolean> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.lifecycle.apply(manager, agreement.id, event, { actorId: null });
        await this.notifications.notify(manager, {
          userIds: await partiesOf(manager, agreement),
          kind,
          params: { reference: agreement.reference, endsOn: agreement.endsOn },
          link: `/convenios/${agreement.id}`,
          dedupeKey: `${event}:${agreement.id}`,
        });
      });
      return true;
    } catch (error) {
      // Moved by someone else since the query (e.g. terminated): the next run sees it as it is.
      this.logger.warn(`Agreement ${agreement.id} not ${event}d: ${(error as Error).message}`);
      return false;
    }
  }
}
