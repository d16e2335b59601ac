import { DOCUMENT, DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import type { HttpResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import type { Agreement, AgreementEvent, AgreementTransitionRecord } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { type Observable, filter, finalize, switchMap } from 'rxjs';
import { LanguageService } from '../../../core/i18n/language.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { SessionService } from '../../../core/session/session.service';
import { describeError } from '../../../shared/errors/describe-error';
import { attachmentName, saveBlob } from '../../audit/data-access/save-file';
import { AgreementCommentsComponent } from '../components/agreement-comments.component';
import { AgreementHistoryComponent } from '../components/agreement-history.component';
import { AgreementStateChipComponent } from '../components/agreement-state-chip.component';
import { AgreementStateDiagramComponent } from '../components/agreement-state-diagram.component';
import { AgreementTermsComponent } from '../components/agreement-terms.component';
import { AgreementVersionsComponent } from '../components/agreement-versions.component';
import { ReleasePanelComponent } from '../components/release-panel.component';
import { askForComment } from '../components/comment-dialog.component';
import { confirmSignature } from '../components/sign-dialog.component';
import { AgreementPermissions } from '../data-access/agreement-permissions';
import { AgreementsApi } from '../data-access/agreements.api';
import { AnonymizationPermissions } from '../../anonymization/data-access/anonymization-permissions';

/** The buttons a person may press, in this order; the API's `allowedEvents` decides which show. */
export const ACTION_EVENTS = ['submit', 'sign', 'withdraw', 'terminate'] as const satisfies readonly AgreementEvent[];
export type ActionEvent = (typeof ACTION_EVENTS)[number];

/**
 * `/convenios/:id`: one agreement — its state in the lifecycle diagram, the terms of the current
 * version, the versions and their differences, the history, the comments, the signatures, and
 * the actions the caller may take now (from the API's `allowedEvents`).
 */
@Component({
  selector: 'cv-agreement-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    TranslocoPipe,
    AgreementStateChipComponent,
    AgreementStateDiagramComponent,
    AgreementTermsComponent,
    AgreementVersionsComponent,
    AgreementHistoryComponent,
    AgreementCommentsComponent,
    ReleasePanelComponent,
  ],
  templateUrl: './agreement-page.component.html',
  styleUrl: './agreement-page.component.scss',
})
export class AgreementPageComponent {
  private readonly api = inject(AgreementsApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly session = inject(SessionService);
  private readonly permissions = inject(AgreementPermissions);
  private readonly anonymizationPermissions = inject(AnonymizationPermissions);
  protected readonly locale = inject(LanguageService).active;
  readonly id = input.required<string>();

  protected readonly agreement = signal<Agreement | null>(null);
  protected readonly history = signal<AgreementTransitionRecord[]>([]);
  protected readonly loading = signal(false);
  protected readonly busy = signal(false);
  protected readonly errorText = signal('');
  protected readonly actionError = signal('');
  protected readonly notice = signal('');

  protected readonly actions = computed(() => {
    const allowed = new Set(this.agreement()?.allowedEvents ?? []);
    return ACTION_EVENTS.filter((event) => allowed.has(event));
  });
  /** Releases (anonymized deliveries) are listed to those who may read them. */
  protected readonly canReadReleases = computed(() => this.anonymizationPermissions.canReadReleases());
  protected readonly canEdit = computed(() => {
    const agreement = this.agreement();
    return !!agreement && this.permissions.canEdit(agreement);
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected act(event: ActionEvent): void {
    const agreement = this.agreement();
    if (!agreement || this.busy()) return;
    const params = { reference: agreement.reference };
    let request: Observable<Agreement>;
    switch (event) {
      case 'submit':
        request = this.api.submit(agreement.id);
        break;
      case 'sign':
        request = confirmSignature(this.dialog, agreement, this.session.user()?.organization.name ?? '').pipe(
          filter((confirmed) => confirmed),
          switchMap(() => this.api.sign(agreement.id)),
        );
        break;
      case 'withdraw':
      case 'terminate':
        request = askForComment(this.dialog, {
          titleKey: `agreements.actions.${event}Title`,
          messageKey: `agreements.actions.${event}Message`,
          confirmKey: `agreements.events.${event}`,
          params,
          required: true,
          danger: true,
          commentTestId: 'agreement-event-comment',
          confirmTestId: 'agreement-event-confirm',
        }).pipe(
          filter((comment): comment is string => comment !== null),
          switchMap((comment) => (event === 'withdraw' ? this.api.withdraw(agreement.id, comment) : this.api.terminate(agreement.id, comment))),
        );
        break;
    }
    this.actionError.set('');
    this.notice.set('');
    this.busy.set(true);
    request.pipe(finalize(() => this.busy.set(false))).subscribe({
      next: () => {
        this.notice.set(this.transloco.translate(`agreements.actions.done.${event}`, params));
        // The answer may lack allowedEvents or signatures: read the agreement again.
        this.load(agreement.id);
      },
      error: (error: unknown) => {
        const body = toErrorResponse(error);
        // A 409 names the state and the allowed moves: its own message says it best.
        this.actionError.set(body.statusCode === 409 ? body.message : this.describe(error));
        this.load(agreement.id);
      },
    });
  }

  protected edit(): void {
    const agreement = this.agreement();
    if (agreement) void this.router.navigate(['/convenios', agreement.id, 'editar']);
  }

  protected download(kind: 'pdf' | 'odrl'): void {
    const agreement = this.agreement();
    if (!agreement) return;
    const fallback = kind === 'pdf' ? `${agreement.reference}.pdf` : `${agreement.reference}.odrl.jsonld`;
    const request = kind === 'pdf' ? this.api.pdf(agreement.id) : this.api.odrl(agreement.id);
    this.actionError.set('');
    request.subscribe({
      next: (response: HttpResponse<Blob>) => {
        if (response.body) saveBlob(this.document, response.body, attachmentName(response, fallback));
      },
      error: (error: unknown) => this.actionError.set(this.describe(error)),
    });
  }

  private load(id: string): void {
    this.loading.set(true);
    this.api.get(id).subscribe({
      next: (agreement) => {
        this.loading.set(false);
        this.agreement.set(agreement);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.errorText.set(this.describe(error));
      },
    });
    this.api.history(id).subscribe({ next: (history) => this.history.set(history), error: () => this.history.set([]) });
  }

  private describe(error: unknown): string {
    const message = describeError(toErrorResponse(error));
    return this.transloco.translate(message.key, message.params);
  }
}
