import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { ApiKey } from '@convenio/contracts';
import { filter, switchMap } from 'rxjs';
import { AuthzService } from '../../../core/authz/authz.service';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { provideTranslatedPaginator } from '../../../core/i18n/translated-paginator-intl';
import { PagedList } from '../../../shared/data/paged-list';
import { confirmAction } from '../../../shared/dialog/confirm-dialog.component';
import { describeError } from '../../../shared/errors/describe-error';
import { TermPipe } from '../../../shared/format/term.pipe';
import { IconComponent } from '../../../shared/icon/icon.component';
import { ApiKeyCreateDialogComponent } from '../components/api-key-create-dialog.component';
import { ApiKeysApi } from '../data-access/api-keys.api';
import { apiKeyStatus } from '../data-access/api-key-rules';

/** `/claves-api`: keys of one's organization (admin and auditor: all); create, show once, revoke. */
@Component({
  selector: 'cv-api-keys-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatTableModule, MatPaginatorModule, MatButtonModule, MatProgressBarModule, MatTooltipModule, TranslocoPipe, TermPipe, IconComponent],
  providers: [provideTranslatedPaginator()],
  templateUrl: './api-keys-page.component.html',
  styleUrl: '../../../shared/styles/list-page.scss',
})
export class ApiKeysPageComponent {
  private readonly api = inject(ApiKeysApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private readonly authz = inject(AuthzService);
  protected readonly locale = inject(LanguageService).active;
  protected readonly status = apiKeyStatus;
  protected readonly list = new PagedList<ApiKey, object>((request) => this.api.list(request), {});
  protected readonly canCreate = computed(() => this.authz.can('create', 'ApiKey'));
  protected readonly canRevoke = computed(() => this.authz.can('delete', 'ApiKey'));
  protected readonly columns = computed(() => ['name', 'permissions', 'status', 'expiresAt', 'lastUsedAt', 'createdAt', ...(this.canRevoke() ? ['actions'] : [])]);

  constructor() {
    this.list.load();
  }

  protected errorText(): string {
    const error = this.list.error();
    if (!error) return '';
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }

  protected page(event: PageEvent): void {
    this.list.setPage(event.pageIndex, event.pageSize);
  }

  protected create(): void {
    this.dialog
      .open<ApiKeyCreateDialogComponent, void, ApiKey>(ApiKeyCreateDialogComponent, { width: 'calc(100vw - 32px)', maxWidth: '640px' })
      .afterClosed()
      .pipe(filter((key): key is ApiKey => !!key))
      .subscribe((key) => {
        this.notify('apiKeys.created', { name: key.name });
        this.list.load();
      });
  }

  protected revoke(key: ApiKey): void {
    confirmAction(this.dialog, {
      titleKey: 'apiKeys.confirm.revokeTitle',
      messageKey: 'apiKeys.confirm.revokeMessage',
      confirmKey: 'apiKeys.actions.revoke',
      params: { name: key.name, prefix: key.prefix },
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.revoke(key.id)),
      )
      .subscribe({
        next: (revoked) => {
          this.list.replace((row) => row.id === revoked.id, revoked);
          this.notify('apiKeys.revoked', { name: revoked.name });
        },
        error: (error: unknown) => {
          const body = toErrorResponse(error);
          if (body.statusCode === 409) {
            this.notify('apiKeys.alreadyRevoked', { name: key.name });
            this.list.load();
            return;
          }
          const message = describeError(body);
          this.notify(message.key, message.params ?? {}, 8000);
        },
      });
  }

  private notify(key: string, params: Record<string, unknown>, duration = 4000): void {
    this.snackBar.open(this.transloco.translate(key, params), this.transloco.translate('common.close'), { duration });
  }
}
