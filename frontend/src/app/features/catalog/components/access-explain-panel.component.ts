import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { AccessDecision, AccessExplanation, User } from '@convenio/contracts';
import { catchError, debounceTime, distinctUntilChanged, filter, map, of, switchMap } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { describeError } from '../../../shared/errors/describe-error';
import { CatalogApi } from '../data-access/catalog.api';

/** The reasons rules carry (policies/), in words of the portal; others are shown as sent. */
const REASON_KEYS: Record<string, string> = {
  public: 'public',
  'signed in': 'signedIn',
  'role admin': 'roleAdmin',
  'role official': 'roleOfficial',
  'role steward': 'roleSteward',
  'role partner': 'rolePartner',
  'role auditor': 'roleAuditor',
  'dataset access policy': 'datasetPolicy',
  'the user is deactivated': 'deactivated',
};

/** "¿Quién puede acceder?": pick a person, see whether they may read and request, and why. */
@Component({
  selector: 'cv-access-explain-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatAutocompleteModule, MatFormFieldModule, MatInputModule, TranslocoPipe],
  templateUrl: './access-explain-panel.component.html',
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    mat-form-field {
      width: 100%;
      max-width: 32rem;
    }
    dl {
      display: grid;
      grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
      gap: 8px 16px;
      margin: 0;
    }
    dt {
      font: var(--mat-sys-label-large);
    }
    dd {
      margin: 0;
    }
    .allowed {
      color: #0f5223;
      font-weight: 600;
    }
    .denied {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
    p {
      margin: 0;
    }
  `,
})
export class AccessExplainPanelComponent {
  private readonly api = inject(CatalogApi);
  private readonly transloco = inject(TranslocoService);
  readonly datasetId = input.required<string>();

  protected readonly person = new FormControl<User | string>('', { nonNullable: true });
  protected readonly options = signal<User[]>([]);
  protected readonly chosen = signal<User | null>(null);
  protected readonly explanation = signal<AccessExplanation | null>(null);
  protected readonly errorText = signal('');
  protected readonly display = (value: User | string | null): string => (typeof value === 'object' && value ? `${value.fullName} <${value.email}>` : (value ?? ''));

  constructor() {
    this.person.valueChanges
      .pipe(
        filter((value): value is string => typeof value === 'string'),
        map((value) => value.trim()),
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) => this.api.users(q).pipe(catchError(() => of({ items: [] as User[] })))),
        takeUntilDestroyed(),
      )
      .subscribe((page) => this.options.set(page.items));
  }

  /** The list opens on focus with the first people one may read. */
  protected open(): void {
    if (this.options().length === 0) this.api.users('').subscribe({ next: (page) => this.options.set(page.items), error: () => undefined });
  }

  protected pick(event: MatAutocompleteSelectedEvent): void {
    const user = event.option.value as User;
    this.chosen.set(user);
    this.explanation.set(null);
    this.errorText.set('');
    this.api.explain(this.datasetId(), user.id).subscribe({
      next: (explanation) => this.explanation.set(explanation),
      error: (error: unknown) => {
        const message = describeError(toErrorResponse(error));
        this.errorText.set(this.transloco.translate(message.key, message.params));
      },
    });
  }

  /** The rule that decided, in words; "no rule allows it" when none did. */
  protected reason(decision: AccessDecision): string {
    if (!decision.decidedBy) return this.transloco.translate('catalog.explain.reasons.none');
    const key = REASON_KEYS[decision.decidedBy];
    return key ? this.transloco.translate(`catalog.explain.reasons.${key}`) : decision.decidedBy;
  }
}
