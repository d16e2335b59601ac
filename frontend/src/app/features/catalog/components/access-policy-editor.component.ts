import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormArray, type FormControl, type FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { DatasetAccessPolicy, HiddenColumn, Organization } from '@convenio/contracts';
import { toErrorResponse } from '../../../core/http/normalize-error';
import { describeError, type Message } from '../../../shared/errors/describe-error';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';
import { IconComponent } from '../../../shared/icon/icon.component';
import { CatalogApi } from '../data-access/catalog.api';
import { placeServerErrors } from '../data-access/form-errors';
import { type AudienceFormValue, type PolicyFormValue, policyToFormValue, toPolicyInput } from '../data-access/policy-form';
import { type AudienceGroup, AudienceFieldsetComponent } from './audience-fieldset.component';

type HiddenGroup = FormGroup<{ column: FormControl<string>; hiddenFrom: FormControl<HiddenColumn['hiddenFrom']> }>;

/**
 * The steward's access-policy form: who may see the description, who may request the data,
 * and which columns stay hidden. Each save is a new version; `saved` gives it (with sentences).
 */
@Component({
  selector: 'cv-access-policy-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatSelectModule, TranslocoPipe, ControlErrorPipe, IconComponent, AudienceFieldsetComponent],
  templateUrl: './access-policy-editor.component.html',
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .audiences {
      display: grid;
      gap: 12px;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
    }
    .hidden-row {
      display: grid;
      gap: 8px;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)) auto;
      align-items: center;
    }
    h3 {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      margin: 0;
    }
  `,
})
export class AccessPolicyEditorComponent {
  private readonly api = inject(CatalogApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly datasetId = input.required<string>();
  readonly policy = input<DatasetAccessPolicy | null>(null);
  readonly columns = input<readonly string[]>([]);
  readonly saved = output<DatasetAccessPolicy>();

  protected readonly organizations = signal<Organization[]>([]);
  protected readonly saving = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly form = this.fb.group({
    metadata: this.audience(),
    request: this.audience(),
    hiddenColumns: new FormArray<HiddenGroup>([]),
  });

  constructor() {
    this.api.organizations().subscribe({ next: (page) => this.organizations.set(page.items), error: () => this.organizations.set([]) });
    effect(() => {
      const policy = this.policy();
      untracked(() => this.reset(policyToFormValue(policy)));
    });
  }

  protected addHidden(): void {
    this.form.controls.hiddenColumns.push(this.hidden({ column: '', hiddenFrom: 'outsideOwner' }));
  }

  protected removeHidden(index: number): void {
    this.form.controls.hiddenColumns.removeAt(index);
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.api.savePolicy(this.datasetId(), toPolicyInput(this.form.getRawValue())).subscribe({
      next: (policy) => {
        this.saving.set(false);
        this.saved.emit(policy);
      },
      error: (error: unknown) => {
        const body = toErrorResponse(error);
        const unplaced = placeServerErrors(this.form, body);
        const placed = Array.isArray(body.details) && unplaced.length < body.details.length;
        this.error.set(placed ? { key: 'common.fixFields' } : describeError(body));
        this.saving.set(false);
      },
    });
  }

  private reset(value: PolicyFormValue): void {
    const hidden = this.form.controls.hiddenColumns;
    hidden.clear({ emitEvent: false });
    for (const row of value.hiddenColumns) hidden.push(this.hidden(row), { emitEvent: false });
    this.form.reset(value);
    this.error.set(null);
  }

  private audience(value: AudienceFormValue = { everyone: false, signedIn: false, sectors: [], organizationIds: [] }): AudienceGroup {
    return this.fb.group({
      everyone: [value.everyone],
      signedIn: [value.signedIn],
      sectors: [value.sectors],
      organizationIds: [value.organizationIds],
    });
  }

  private hidden(value: { column: string; hiddenFrom: HiddenColumn['hiddenFrom'] }): HiddenGroup {
    return this.fb.group({ column: [value.column, Validators.required], hiddenFrom: [value.hiddenFrom] });
  }
}
