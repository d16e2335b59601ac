import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { type Agreement, type Dataset, type ErrorResponse, GEO_LEVELS, type Organization } from '@convenio/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { catchError, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { SessionService } from '../../../core/session/session.service';
import { describeError } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { placeServerErrors } from '../../catalog/data-access/form-errors';
import { UsesInputComponent } from '../components/uses-input.component';
import {
  buildAgreementForm,
  checkAgainstContract,
  defaultPeriod,
  fillFromAgreement,
  readPrefill,
  toCreateRequest,
  toUpdateRequest,
} from '../data-access/agreement-form';
import { AgreementPermissions } from '../data-access/agreement-permissions';
import { AgreementsApi } from '../data-access/agreements.api';

/** The API names the recipient when provider and recipient are the same; the person chose the provider. */
const FIELD_ALIASES = { recipientOrganizationId: 'providerOrganizationId' };

/**
 * `/convenios/nuevo` (a draft, prefilled from `?diagnostico=&proveedor=&datasets=`) and
 * `/convenios/:id/editar` (a new version of a draft or of one sent back for changes).
 * The recipient is the caller's organization; validation mirrors the contract's zod schema,
 * which also checks the request before it leaves; the API's field errors show by their fields.
 */
@Component({
  selector: 'cv-agreement-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    ControlErrorPipe,
    UsesInputComponent,
  ],
  templateUrl: './agreement-form-page.component.html',
  styleUrls: ['../../../shared/styles/form-page.scss', './agreement-form-page.component.scss'],
})
export class AgreementFormPageComponent implements OnInit {
  private readonly api = inject(AgreementsApi);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly permissions = inject(AgreementPermissions);
  private readonly session = inject(SessionService);

  /** `:id` when editing. */
  readonly id = input<string>();
  /** Query parameters of the diagnostic wizard's link. */
  readonly diagnostico = input<string | null>();
  readonly proveedor = input<string | null>();
  readonly datasets = input<string | null>();

  protected readonly geoLevels = GEO_LEVELS;
  protected readonly form = buildAgreementForm();
  protected readonly existing = signal<Agreement | null>(null);
  protected readonly organizations = signal<Organization[]>([]);
  protected readonly loading = signal(false);
  protected readonly saving = signal(false);
  protected readonly errorText = signal('');
  protected readonly unplaced = signal<string[]>([]);
  private diagnosticId: string | null = null;

  protected readonly editing = computed(() => !!this.id());
  protected readonly recipient = computed(() => {
    const existing = this.existing();
    if (existing) return { id: existing.recipientOrganizationId, name: existing.recipientOrganizationName };
    const organization = this.session.user()?.organization;
    return organization ? { id: organization.id, name: organization.name } : null;
  });
  protected readonly providers = computed(() => this.organizations().filter((organization) => organization.id !== this.recipient()?.id));
  protected readonly allowed = computed(() => {
    const existing = this.existing();
    if (!this.id()) return this.permissions.canCreate();
    return !!existing && this.permissions.canEdit(existing);
  });
  /** The provider's datasets, reloaded whenever the provider changes. */
  protected readonly providerDatasets = toSignal(
    this.form.controls.providerOrganizationId.valueChanges.pipe(
      startWith(this.form.controls.providerOrganizationId.value),
      distinctUntilChanged(),
      switchMap((organizationId) =>
        organizationId ? this.api.providerDatasets(organizationId).pipe(map((page) => page.items), catchError(() => of<Dataset[]>([]))) : of<Dataset[]>([]),
      ),
      takeUntilDestroyed(),
    ),
    { initialValue: [] as Dataset[] },
  );
  /** Chosen datasets the provider's list does not show (a stale link): kept and named by their id. */
  protected readonly unknownDatasetIds = computed(() => {
    const known = new Set(this.providerDatasets().map((dataset) => dataset.id));
    return this.chosenDatasetIds().filter((id) => !known.has(id));
  });
  private readonly chosenDatasetIds = toSignal(this.form.controls.datasetIds.valueChanges.pipe(startWith(this.form.controls.datasetIds.value)), {
    initialValue: [] as string[],
  });

  ngOnInit(): void {
    this.api.organizations().subscribe({ next: (page) => this.organizations.set(page.items), error: () => this.organizations.set([]) });
    const id = this.id();
    if (id) {
      this.load(id);
      return;
    }
    const prefill = readPrefill({ diagnostico: this.diagnostico(), proveedor: this.proveedor(), datasets: this.datasets() });
    this.diagnosticId = prefill.diagnosticId;
    this.form.patchValue({ ...defaultPeriod(new Date()), datasetIds: prefill.datasetIds });
    if (prefill.providerOrganizationId) this.form.controls.providerOrganizationId.setValue(prefill.providerOrganizationId);
  }

  /** A provider chosen by hand: datasets of the previous one no longer apply. */
  protected providerChanged(): void {
    this.form.controls.datasetIds.setValue([]);
  }

  protected save(): void {
    this.unplaced.set([]);
    this.errorText.set('');
    const recipient = this.recipient();
    if (this.form.invalid || !recipient) {
      this.form.markAllAsTouched();
      this.errorText.set(this.transloco.translate('common.fixFields'));
      return;
    }
    const value = this.form.getRawValue();
    const existing = this.existing();
    const update = existing ? toUpdateRequest(value) : null;
    const create = existing ? null : toCreateRequest(value, recipient.id, this.diagnosticId);
    const refused = checkAgainstContract((update ?? create)!, !existing);
    if (refused) {
      this.showErrors(refused);
      return;
    }
    this.saving.set(true);
    const request = existing && update ? this.api.update(existing.id, update) : this.api.create(create!);
    request.subscribe({
      next: (agreement) => {
        this.saving.set(false);
        this.form.markAsPristine();
        void this.router.navigate(['/convenios', agreement.id]);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.showErrors(toErrorResponse(error));
      },
    });
  }

  private showErrors(error: ErrorResponse): void {
    const unplaced = placeServerErrors(this.form, error, FIELD_ALIASES);
    const placed = Array.isArray(error.details) && unplaced.length < error.details.length;
    this.unplaced.set(unplaced);
    const message = describeError(error);
    this.errorText.set(placed ? this.transloco.translate('common.fixFields') : this.transloco.translate(message.key, message.params));
  }

  private load(id: string): void {
    this.loading.set(true);
    this.api.get(id).subscribe({
      next: (agreement) => {
        this.loading.set(false);
        this.existing.set(agreement);
        fillFromAgreement(this.form, agreement);
        // The parties are fixed once the draft exists; a PATCH changes the terms only.
        this.form.controls.providerOrganizationId.disable();
      },
      error: (error: unknown) => {
        this.loading.set(false);
        const message = describeError(toErrorResponse(error));
        this.errorText.set(this.transloco.translate(message.key, message.params));
      },
    });
  }
}
