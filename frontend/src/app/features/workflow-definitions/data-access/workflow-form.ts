import { FormArray, FormControl, FormGroup } from '@angular/forms';
import { saveWorkflowDefinitionSchema, type ReviewerSide, type Role, type SaveWorkflowDefinitionRequest, type WorkflowStep } from '@convenio/contracts';

export type StepForm = FormGroup<{
  key: FormControl<string>;
  name: FormControl<string>;
  role: FormControl<Role | null>;
  side: FormControl<ReviewerSide>;
  userIds: FormControl<string[]>;
  /** Kept as loaded (the editor does not change it), so saving does not drop it. */
  organizationId: FormControl<string | null>;
  deadlineWorkingDays: FormControl<number>;
  reminderWorkingDays: FormControl<number>;
}>;

export function stepForm(step?: WorkflowStep): StepForm {
  const nn = <T>(value: T) => new FormControl<T>(value, { nonNullable: true });
  return new FormGroup({
    key: nn(step?.key ?? ''),
    name: nn(step?.name ?? ''),
    role: new FormControl<Role | null>(step?.reviewers.role ?? null),
    side: nn<ReviewerSide>(step?.reviewers.side ?? 'any'),
    userIds: nn<string[]>(step?.reviewers.userIds ?? []),
    organizationId: new FormControl<string | null>(step?.reviewers.organizationId ?? null),
    deadlineWorkingDays: nn(step?.deadlineWorkingDays ?? 5),
    reminderWorkingDays: nn(step?.reminderWorkingDays ?? 1),
  });
}

/** The request body from the steps' values (empty optional fields left out). */
export function toSaveRequest(name: string, steps: FormArray<StepForm>): SaveWorkflowDefinitionRequest {
  return {
    name,
    steps: steps.controls.map((control) => {
      const v = control.getRawValue();
      return {
        key: v.key.trim(),
        name: v.name.trim(),
        reviewers: {
          side: v.side,
          ...(v.role ? { role: v.role } : {}),
          ...(v.organizationId ? { organizationId: v.organizationId } : {}),
          ...(v.userIds.length > 0 ? { userIds: v.userIds } : {}),
        },
        deadlineWorkingDays: Number(v.deadlineWorkingDays),
        reminderWorkingDays: Number(v.reminderWorkingDays),
      };
    }),
  };
}

export const DEFINITION_KEY_PATTERN = /^[a-z][a-z0-9_]{1,40}$/;

/**
 * Validates with the contract's own schema, so the editor and the API agree. Answers
 * translation keys by field path (`name`, `steps`, `steps.0.key`, `steps.1.reviewers.role`…).
 */
export function validateDefinition(request: SaveWorkflowDefinitionRequest): Record<string, string> {
  const result = saveWorkflowDefinitionSchema.safeParse(request);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    const field = path[path.length - 1] ?? 'steps';
    const stepIndex = path[0] === 'steps' && path.length > 1 ? path[1] : null;
    const fieldKey = stepIndex === null ? path[0] ?? 'steps' : `steps.${stepIndex}.${field === 'reviewers' ? 'role' : field}`;
    const known = ['name', 'key', 'role', 'userIds', 'deadlineWorkingDays', 'reminderWorkingDays', 'steps'];
    errors[fieldKey] ??= `workflowDefinitions.errors.${known.includes(field) ? field : stepIndex === null ? 'steps' : 'step'}`;
  }
  return errors;
}
