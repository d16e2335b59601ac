import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AGREEMENT_STATES, AGREEMENT_TRANSITIONS, type AgreementTransitionRecord } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { AgreementStateDiagramComponent } from './agreement-state-diagram.component';

function record(fromState: AgreementTransitionRecord['fromState'], toState: AgreementTransitionRecord['toState'], event: AgreementTransitionRecord['event']): AgreementTransitionRecord {
  return { id: `${fromState}-${toState}`, fromState, toState, event, version: 1, actorId: null, actorName: null, comment: null, at: '2026-01-01T00:00:00Z' };
}

describe('AgreementStateDiagramComponent', () => {
  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideI18n()] });
    await initializeApp();
  });

  it('draws every state and transition of the contract, highlights the current one and marks the path taken', async () => {
    const fixture = TestBed.createComponent(AgreementStateDiagramComponent);
    fixture.componentRef.setInput('current', 'changes_requested');
    fixture.componentRef.setInput('history', [record(null, 'draft', 'create'), record('draft', 'in_review', 'submit'), record('in_review', 'changes_requested', 'request_changes')]);
    await settle();
    await fixture.whenStable();
    const root: HTMLElement = fixture.nativeElement;

    const nodes = Array.from(root.querySelectorAll('[data-testid="diagram-node"]'));
    expect(nodes).toHaveLength(AGREEMENT_STATES.length);
    expect(nodes.map((node) => node.getAttribute('data-state')).sort()).toEqual([...AGREEMENT_STATES].sort());
    expect(root.querySelectorAll('[data-testid="diagram-edge"]')).toHaveLength(new Set(AGREEMENT_TRANSITIONS.map((t) => `${t.from}>${t.to}`)).size);

    const current = root.querySelectorAll('[data-current="true"]');
    expect(current).toHaveLength(1);
    expect(current[0].getAttribute('data-state')).toBe('changes_requested');
    expect(current[0].classList.contains('current')).toBe(true);
    expect(current[0].textContent).toContain('Cambios solicitados');
    const reached = nodes.filter((node) => node.classList.contains('reached')).map((node) => node.getAttribute('data-state'));
    expect(reached.sort()).toEqual(['changes_requested', 'draft', 'in_review']);
    const taken = Array.from(root.querySelectorAll('.edge.taken')).map((edge) => `${edge.getAttribute('data-from')}>${edge.getAttribute('data-to')}`);
    expect(taken.sort()).toEqual(['draft>in_review', 'in_review>changes_requested']);
    expect(root.querySelector('svg')?.getAttribute('aria-label')).toContain('Cambios solicitados');
  });
});
