import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import type { WorkflowDefinition } from '@convenio/contracts';
import { initializeApp } from '../../../../testing/i18n-testing';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { validateDefinition } from '../data-access/workflow-form';
import { WorkflowEditorComponent, type WorkflowSave } from './workflow-editor.component';

const DEFINITION: WorkflowDefinition = {
  id: '00000000-0000-4000-8000-0000000000f1',
  key: 'default',
  version: 2,
  name: 'Flujo estándar',
  steps: [
    { key: 'steward_review', name: 'Revisión del custodio', reviewers: { role: 'steward', side: 'provider' }, deadlineWorkingDays: 5, reminderWorkingDays: 1 },
    { key: 'legal_review', name: 'Revisión jurídica', reviewers: { side: 'any', organizationId: '00000000-0000-4000-8000-0000000000aa', userIds: ['00000000-0000-4000-8000-000000000002'] }, deadlineWorkingDays: 10, reminderWorkingDays: 2 },
  ],
  active: true,
  createdById: null,
  createdAt: '2026-03-01T18:00:00.000Z',
};

describe('WorkflowEditorComponent', () => {
  let fixture: ComponentFixture<WorkflowEditorComponent>;
  let saved: WorkflowSave[];

  const el = <T extends HTMLElement = HTMLElement>(testId: string): T | null => fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const text = (testId: string): string => el(testId)?.textContent?.trim() ?? '';
  async function type(testId: string, value: string): Promise<void> {
    const input = el<HTMLInputElement>(testId) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  async function save(): Promise<void> {
    // jsdom does not submit forms from a button click; the submit event is what the button causes.
    el('workflow-editor')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
  }

  async function render(definition: WorkflowDefinition | null): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideI18n(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }] });
    await initializeApp();
    fixture = TestBed.createComponent(WorkflowEditorComponent);
    fixture.componentRef.setInput('definition', definition);
    saved = [];
    fixture.componentInstance.save.subscribe((value) => saved.push(value));
    await fixture.whenStable();
  }

  it('loads the steps of the latest version and saves them back unchanged as a new version', async () => {
    await render(DEFINITION);
    expect(el<HTMLInputElement>('workflow-name')?.value).toBe('Flujo estándar');
    expect(el<HTMLInputElement>('step-1-key')?.value).toBe('legal_review');
    expect(el('workflow-key')).toBeNull();
    await save();
    expect(saved).toEqual([{ key: 'default', body: { name: DEFINITION.name, steps: DEFINITION.steps } }]);
  });

  it('refuses a step without reviewers, a bad key and a reminder not before the deadline, saying where', async () => {
    await render(DEFINITION);
    el('add-step')?.click();
    await fixture.whenStable();
    await type('step-2-key', 'Approval!');
    await type('step-2-name', 'Aprobación final');
    await type('step-2-deadline', '3');
    await type('step-2-reminder', '3');
    await save();
    expect(saved).toEqual([]);
    expect(text('error-steps.2.key')).toBe('Use minúsculas, números y guion bajo, empezando con letra (p. ej. revision_juridica).');
    expect(text('error-steps.2.role')).toBe('Elija un rol o nombre al menos a una persona.');
    expect(text('error-steps.2.reminderWorkingDays')).toBe('El recordatorio debe ser de 0 a 59 días hábiles y menor que el plazo.');
    expect(el('error-steps.0.key')).toBeNull();

    await type('step-2-key', 'final_approval');
    await type('step-2-reminder', '1');
    fixture.componentInstance['steps'].at(2).controls.role.setValue('official');
    await save();
    expect(saved).toHaveLength(1);
    expect(saved[0].body.steps[2]).toEqual({ key: 'final_approval', name: 'Aprobación final', reviewers: { side: 'any', role: 'official' }, deadlineWorkingDays: 3, reminderWorkingDays: 1 });
  });

  it('asks a new workflow for its key and name', async () => {
    await render(null);
    await save();
    expect(saved).toEqual([]);
    expect(text('error-definitionKey')).toContain('Use minúsculas');
    expect(text('error-name')).toBe('Escriba entre 3 y 200 caracteres.');
    expect(el('step-0-remove')?.hasAttribute('disabled')).toBe(true);
  });
});

describe('validateDefinition', () => {
  it('answers nothing for a valid definition and translation keys by path otherwise', () => {
    expect(validateDefinition({ name: 'Flujo', steps: DEFINITION.steps })).toEqual({});
    expect(validateDefinition({ name: 'Flujo', steps: [] })).toEqual({ steps: 'workflowDefinitions.errors.steps' });
    expect(validateDefinition({ name: 'Fl', steps: [{ ...DEFINITION.steps[0], deadlineWorkingDays: 61 }] })).toEqual({
      name: 'workflowDefinitions.errors.name',
      'steps.0.deadlineWorkingDays': 'workflowDefinitions.errors.deadlineWorkingDays',
    });
  });
});
