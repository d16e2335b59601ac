import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { User, WorkflowDefinition } from '@convenio/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { LanguageService } from '../../../core/i18n/language.service';
import { IconComponent } from '../../../shared/icon/icon.component';
import { WorkflowEditorComponent, type WorkflowSave } from '../components/workflow-editor.component';
import { WorkflowDefinitionsApi } from '../data-access/workflow-definitions.api';

/** `/flujos-de-aprobacion`: the approval workflows (latest version of each) and their editor. */
@Component({
  selector: 'cv-workflow-definitions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, TranslocoPipe, IconComponent, WorkflowEditorComponent],
  template: `
    <header class="page-head">
      <h1>{{ 'workflowDefinitions.title' | transloco }}</h1>
      <button mat-flat-button type="button" data-testid="new-workflow" (click)="startNew()">
        <cv-icon name="add" />
        {{ 'workflowDefinitions.new' | transloco }}
      </button>
    </header>
    @if (message(); as key) {
      <p role="status" data-testid="workflow-message">{{ key | transloco: messageParams() }}</p>
    }
    @if (failed()) {
      <p role="alert">{{ 'workflowDefinitions.loadFailed' | transloco }}</p>
    }
    <table class="definitions" data-testid="workflow-list">
      <thead>
        <tr>
          <th scope="col">{{ 'workflowDefinitions.fields.name' | transloco }}</th>
          <th scope="col">{{ 'workflowDefinitions.fields.definitionKey' | transloco }}</th>
          <th scope="col">{{ 'workflowDefinitions.version' | transloco }}</th>
          <th scope="col">{{ 'workflowDefinitions.stepsCount' | transloco }}</th>
          <th scope="col">{{ 'workflowDefinitions.savedAt' | transloco }}</th>
          <th scope="col"><span class="visually-hidden">{{ 'common.actions' | transloco }}</span></th>
        </tr>
      </thead>
      <tbody>
        @for (definition of definitions(); track definition.id) {
          <tr data-testid="workflow-row">
            <td>{{ definition.name }}</td>
            <td><code>{{ definition.key }}</code></td>
            <td>v{{ definition.version }}</td>
            <td>{{ definition.steps.length }}</td>
            <td>{{ definition.createdAt | date: 'medium' : undefined : locale() }}</td>
            <td>
              <button mat-button type="button" [attr.data-testid]="'edit-' + definition.key" (click)="edit(definition)">{{ 'common.edit' | transloco }}</button>
            </td>
          </tr>
        } @empty {
          <tr>
            <td colspan="6">{{ 'workflowDefinitions.empty' | transloco }}</td>
          </tr>
        }
      </tbody>
    </table>
    @if (editing(); as state) {
      <section class="editor">
        <h2>
          {{ (state.definition ? 'workflowDefinitions.editTitle' : 'workflowDefinitions.newTitle') | transloco: { name: state.definition?.name ?? '', version: (state.definition?.version ?? 0) + 1 } }}
        </h2>
        <cv-workflow-editor [definition]="state.definition" [users]="users()" [saving]="saving()" (save)="saveVersion($event)" (cancelled)="editing.set(null)" />
      </section>
    }
  `,
  styles: `
    .page-head {
      display: flex;
      align-items: center;
      gap: 16px;
      justify-content: space-between;
    }
    .definitions {
      width: 100%;
      border-collapse: collapse;
      margin-bottom: 24px;
    }
    th,
    td {
      text-align: start;
      padding: 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
})
export class WorkflowDefinitionsPageComponent {
  private readonly api = inject(WorkflowDefinitionsApi);
  protected readonly locale = inject(LanguageService).active;
  protected readonly definitions = signal<WorkflowDefinition[]>([]);
  protected readonly users = signal<User[]>([]);
  protected readonly editing = signal<{ definition: WorkflowDefinition | null } | null>(null);
  protected readonly saving = signal(false);
  protected readonly failed = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly messageParams = signal<Record<string, string | number>>({});

  constructor() {
    void this.load();
    // Named reviewers are optional: without the user list the editor still works by role.
    firstValueFrom(this.api.users()).then((page) => this.users.set(page.items), () => undefined);
  }

  protected startNew(): void {
    this.message.set(null);
    this.editing.set({ definition: null });
  }

  protected edit(definition: WorkflowDefinition): void {
    this.message.set(null);
    this.editing.set({ definition });
  }

  protected async saveVersion({ key, body }: WorkflowSave): Promise<void> {
    this.saving.set(true);
    try {
      const saved = await firstValueFrom(this.api.saveVersion(key, body));
      this.messageParams.set({ name: saved.name, version: saved.version });
      this.message.set('workflowDefinitions.saved');
      this.editing.set(null);
      await this.load();
    } catch {
      this.messageParams.set({});
      this.message.set('workflowDefinitions.saveFailed');
    } finally {
      this.saving.set(false);
    }
  }

  private async load(): Promise<void> {
    this.failed.set(false);
    try {
      this.definitions.set(await firstValueFrom(this.api.list()));
    } catch {
      this.failed.set(true);
    }
  }
}
