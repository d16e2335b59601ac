import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { type FormControl, type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { ORGANIZATION_SECTORS, type Organization, type OrganizationSector } from '@convenio/contracts';
import { startWith, switchMap } from 'rxjs';
import { ControlErrorPipe } from '../../../shared/forms/control-error.pipe';

export type AudienceGroup = FormGroup<{
  everyone: FormControl<boolean>;
  signedIn: FormControl<boolean>;
  sectors: FormControl<OrganizationSector[]>;
  organizationIds: FormControl<string[]>;
}>;

/** Who an access-policy audience speaks of: everyone, the signed-in, sectors and organizations. */
@Component({
  selector: 'cv-audience-fieldset',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatCheckboxModule, MatFormFieldModule, MatSelectModule, TranslocoPipe, ControlErrorPipe],
  template: `
    <fieldset [formGroup]="group()">
      <legend>{{ 'catalog.policy.audience.' + key() | transloco }}</legend>
      <mat-checkbox formControlName="everyone" [attr.data-testid]="'policy-' + key() + '-everyone'">{{ 'catalog.policy.everyone' | transloco }}</mat-checkbox>
      <mat-checkbox formControlName="signedIn" [attr.data-testid]="'policy-' + key() + '-signedIn'">{{ 'catalog.policy.signedIn' | transloco }}</mat-checkbox>
      <div class="sectors" role="group" [attr.aria-label]="'catalog.policy.sectors' | transloco">
        <span class="label">{{ 'catalog.policy.sectors' | transloco }}</span>
        @for (sector of sectors; track sector) {
          <mat-checkbox
            [attr.data-testid]="'policy-' + key() + '-sector-' + sector"
            [checked]="checkedSectors().includes(sector)"
            (change)="toggleSector(sector, $event.checked)"
          >{{ 'sectors.' + sector | transloco }}</mat-checkbox>
        }
      </div>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'catalog.policy.organizations' | transloco }}</mat-label>
        <mat-select formControlName="organizationIds" multiple [attr.data-testid]="'policy-' + key() + '-organizations'">
          @for (organization of organizations(); track organization.id) {
            <mat-option [value]="organization.id" [attr.data-testid]="'policy-org-option-' + organization.id">{{ organization.name }}</mat-option>
          }
        </mat-select>
        <mat-error>{{ group().controls.organizationIds | cvControlError }}</mat-error>
      </mat-form-field>
    </fieldset>
  `,
  styles: `
    fieldset {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin: 0;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      min-width: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      padding: 0 4px;
    }
    .sectors {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 8px;
    }
    .label {
      width: 100%;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
      padding-top: 4px;
    }
    mat-form-field {
      width: 100%;
      margin-top: 8px;
    }
  `,
})
export class AudienceFieldsetComponent {
  readonly group = input.required<AudienceGroup>();
  /** `metadata` (who may see the description) or `request` (who may ask for the data). */
  readonly key = input.required<'metadata' | 'request'>();
  readonly organizations = input<readonly Organization[]>([]);
  protected readonly sectors = ORGANIZATION_SECTORS;
  /** The sectors checked, as a signal: the form may be reset from outside (a new policy version). */
  private readonly sectorsValue = toSignal(
    toObservable(this.group).pipe(switchMap((group) => group.controls.sectors.valueChanges.pipe(startWith(group.controls.sectors.value)))),
    { initialValue: [] as OrganizationSector[] },
  );
  protected readonly checkedSectors = computed(() => this.sectorsValue());

  protected toggleSector(sector: OrganizationSector, checked: boolean): void {
    const control = this.group().controls.sectors;
    const others = control.value.filter((value) => value !== sector);
    control.setValue(checked ? [...others, sector] : others);
    control.markAsDirty();
  }
}
