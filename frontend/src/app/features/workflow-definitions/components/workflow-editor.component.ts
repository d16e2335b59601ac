import { ChangeDetectionStrategy, Component, effect, input, output, signal } from '@angular/core';
import { FormArray, FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { REVIEWER_SIDES, ROLES, type SaveWorkflowDefinitionRequest, type User, type WorkflowDefinition } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { IconComponent } from '../../../shared/icon/icon.component';
import { DEFINITION_KEY_PATTERN, stepForm, toSaveRequest, validateDefinition, type StepForm } from '../data-access/workflow-form';

export interface WorkflowSave {
  key: string;
  body: SaveWorkflowDefinitionRequest;
}

/**
 * Edits the ordered steps of a definition (or a new one): key, name, reviewers by role and
 * side or by name, deadline and reminder in working days. Checked against the contract's
 * schema before `save` is emitted; saving makes a new version.
 */
@Component({
  selector: 'cv-workflow-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe, IconComponent],
  templateUrl: './workflow-editor.component.html',
  styleUrl: './workflow-editor.component.scss',
})
export class WorkflowEditorComponent {
  /** The definition to edit (its latest version), or null for a new one. */
  readonly definition = input<WorkflowDefinition | null>(null);
  readonly users = input<readonly User[]>([]);
  readonly saving = input(false);
  readonly save = output<WorkflowSave>();
  readonly cancelled = output<void>();

  protected readonly roles = ROLES;
  protected readonly sides = REVIEWER_SIDES;
  protected readonly key = new FormControl('', { nonNullable: true });
  protected readonly name = new FormControl('', { nonNullable: true });
  protected readonly steps = new FormArray<StepForm>([]);
  protected readonly errors = signal<Record<string, string>>({});

  constructor() {
    effect(() => {
      const definition = this.definition();
      this.key.setValue(definition?.key ?? '');
      this.name.setValue(definition?.name ?? '');
      this.steps.clear();
      for (const step of definition?.steps ?? [undefined]) this.steps.push(stepForm(step));
      this.errors.set({});
    });
  }

  protected error(path: string): string | null {
    return this.errors()[path] ?? null;
  }

  protected addStep(): void {
    this.steps.push(stepForm());
  }

  protected removeStep(index: number): void {
    this.steps.removeAt(index);
  }

  protected move(index: number, by: -1 | 1): void {
    const target = index + by;
    if (target < 0 || target >= this.steps.length) return;
    const control = this.steps.at(index);
    this.steps.removeAt(index);
    this.steps.insert(target, control);
  }

  protected submit(): void {
    const body = toSaveRequest(this.name.value.trim(), this.steps);
    const errors = validateDefinition(body);
    const key = this.definition()?.key ?? this.key.value.trim();
    if (!DEFINITION_KEY_PATTERN.test(key)) errors['definitionKey'] = 'workflowDefinitions.errors.key';
    this.errors.set(errors);
    if (Object.keys(errors).length === 0) this.save.emit({ key, body });
  }
}
