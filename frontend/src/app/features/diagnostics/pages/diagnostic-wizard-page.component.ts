import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { type StepperSelectionEvent } from '@angular/cdk/stepper';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { Router, RouterLink } from '@angular/router';
import { subject } from '@casl/ability';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { CreateDataRequestRequest, ErrorResponse } from '@convenio/contracts';
import { AuthzService } from '../../../core/authz/authz.service';
import { describeError } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { IconComponent } from '../../../shared/icon/icon.component';
import { type AssignEvent, CandidatesStepComponent, type RequestDataEvent } from '../components/candidates-step.component';
import { type DataRequestDialogData, DataRequestDialogComponent } from '../components/data-request-dialog.component';
import { NeedEditorComponent } from '../components/need-editor.component';
import { DiagnosticWizardStore } from '../data-access/diagnostic-wizard.store';
import { buildDiagnosticForm, buildNeedForm, fillDiagnosticForm, toDiagnosticRequest } from '../data-access/need-form';

const OWNERS_STEP = 2;

/**
 * `/diagnosticos/nuevo` and `/diagnosticos/:id`: the official's wizard from a policy question to its data
 * needs, their owners (ranked candidates) and the agreement drafts, one per owner organization.
 */
@Component({
  selector: 'cv-diagnostic-wizard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatStepperModule,
    TranslocoPipe,
    ControlErrorPipe,
    IconComponent,
    NeedEditorComponent,
    CandidatesStepComponent,
  ],
  providers: [DiagnosticWizardStore],
  templateUrl: './diagnostic-wizard-page.component.html',
  styleUrl: './diagnostic-wizard-page.component.scss',
})
export class DiagnosticWizardPageComponent {
  protected readonly store = inject(DiagnosticWizardStore);
  private readonly authz = inject(AuthzService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  /** The route's `:id` when continuing a saved diagnostic. */
  readonly id = input<string>();

  private readonly stepper = viewChild(MatStepper);
  protected readonly form = buildDiagnosticForm();
  protected readonly loadError = signal<ErrorResponse | null>(null);

  /** New: whoever may create diagnostics. Saved: officials of its organization, while it is open. */
  protected readonly canEdit = computed(() => {
    const diagnostic = this.store.diagnostic();
    if (!diagnostic) return this.authz.can('create', 'Diagnostic');
    if (!this.authz.can('update', 'Diagnostic') || diagnostic.status !== 'open') return false;
    return this.authz.ability.can('update', subject('Diagnostic', { id: diagnostic.id, organizationId: diagnostic.organizationId, status: diagnostic.status }));
  });

  constructor() {
    effect(() => {
      const id = this.id();
      if (id) untracked(() => void this.load(id));
    });
    effect(() => {
      if (this.canEdit()) this.form.enable({ emitEvent: false });
      else this.form.disable({ emitEvent: false });
    });
  }

  protected addNeed(): void {
    this.form.controls.needs.push(buildNeedForm());
  }

  protected removeNeed(index: number): void {
    this.form.controls.needs.removeAt(index);
  }

  /** Creates or patches the diagnostic, then moves on to its owners. */
  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.notify({ key: 'common.fixFields' });
      return;
    }
    const wasNew = !this.store.diagnostic();
    try {
      const diagnostic = await this.store.save(toDiagnosticRequest(this.form));
      fillDiagnosticForm(this.form, diagnostic);
      this.notify({ key: 'diagnostics.wizard.saved' });
      if (wasNew) await this.router.navigate(['/diagnosticos', diagnostic.id], { replaceUrl: true });
      else this.goTo(OWNERS_STEP);
    } catch (error) {
      this.notify(describeError(error as ErrorResponse));
    }
  }

  protected stepChanged(event: StepperSelectionEvent): void {
    if (event.selectedIndex >= OWNERS_STEP && this.store.diagnostic() && !this.store.candidatesLoaded()) {
      this.store.loadCandidates().catch((error: ErrorResponse) => this.notify(describeError(error)));
    }
  }

  protected async assign(event: AssignEvent): Promise<void> {
    await this.store.assign(event.needId, event.datasetId).catch((error: ErrorResponse) => this.notify(describeError(error)));
  }

  protected async unassign(needId: string): Promise<void> {
    await this.store.unassign(needId).catch((error: ErrorResponse) => this.notify(describeError(error)));
  }

  protected requestData(event: RequestDataEvent): void {
    const diagnostic = this.store.diagnostic();
    const need = diagnostic?.needs[event.needIndex];
    if (!diagnostic || !need) return;
    this.dialog
      .open<DataRequestDialogComponent, DataRequestDialogData, CreateDataRequestRequest>(DataRequestDialogComponent, {
        data: { topic: need.topic, excludeOrganizationId: diagnostic.organizationId },
        maxWidth: '560px',
        width: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((body) => {
        if (!body) return;
        this.store.requestData(event.needId, body).then(
          () => this.notify({ key: 'diagnostics.request.sent' }),
          (error: ErrorResponse) => this.notify(describeError(error)),
        );
      });
  }

  private async load(id: string): Promise<void> {
    try {
      const diagnostic = await this.store.load(id);
      fillDiagnosticForm(this.form, diagnostic);
      this.loadError.set(null);
      // Continuing a saved diagnostic starts at its owners.
      setTimeout(() => this.goTo(OWNERS_STEP));
    } catch (error) {
      this.loadError.set(error as ErrorResponse);
    }
  }

  private goTo(index: number): void {
    const stepper = this.stepper();
    if (stepper) stepper.selectedIndex = index;
  }

  protected errorText(error: ErrorResponse): string {
    const message = describeError(error);
    return this.transloco.translate(message.key, message.params);
  }

  private notify(message: { key: string; params?: Record<string, unknown> }): void {
    this.snackBar.open(this.transloco.translate(message.key, message.params), undefined, { duration: 4000 });
  }
}
