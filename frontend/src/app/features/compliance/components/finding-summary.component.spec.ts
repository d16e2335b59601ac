import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ComplianceFinding } from '@convenio/contracts';
import { initializeApp, settle } from '../../../../testing/i18n-testing';
import { provideI18n } from '../../../core/i18n/i18n.providers';
import { finding } from '../testing/compliance-fixtures';
import { FindingSummaryComponent } from './finding-summary.component';

describe('FindingSummaryComponent (a finding in the portal’s language)', () => {
  async function render(value: ComplianceFinding): Promise<string> {
    const fixture = TestBed.createComponent(FindingSummaryComponent);
    fixture.componentRef.setInput('finding', value);
    await settle();
    await fixture.whenStable();
    return (fixture.nativeElement as HTMLElement).textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideI18n()] });
    await initializeApp();
  });

  it('says why the run’s agreement was not in force, with the state in words', async () => {
    const ended = finding({
      rule: 'run_under_inactive_agreement',
      agreementReference: 'CONV-2025-000002',
      eventTime: '2026-11-24T16:00:00.000Z',
      evidence: { eventIds: ['e1'], edges: [], facts: { state: 'expired', activatedAt: '2025-07-18T16:00:00.000Z', endedAt: '2026-07-18T16:00:00.000Z' } },
    });
    const text = await render(ended);
    expect(text).toMatch(/^El convenio CONV-2025-000002 ya había terminado \(vencido\) el 18 jul 2026, .+ cuando la corrida lo invocó \(24 nov 2026, .+\)\.$/);

    const missing = finding({ rule: 'run_under_inactive_agreement', agreementReference: null, evidence: { eventIds: ['e1'], edges: [], facts: { agreementId: '9b1c0f9e-0000-4000-8000-000000000001', state: null } } });
    expect(await render(missing)).toBe('La corrida invoca el convenio 9b1c0f9e-0000-4000-8000-000000000001, que no existe.');
  });

  it('names the parties and datasets of a cross-organization flow, and the release of a low k', async () => {
    const flow = finding({
      rule: 'cross_org_flow_without_agreement',
      evidence: { eventIds: ['e1'], edges: [{ source: 'dataset:s3://telcomx:raw/cells', target: 'dataset:postgres://se:mobility.od' }], facts: { provider: 'TelcoMX', recipient: 'Secretaría de Economía' } },
    });
    expect(await render(flow)).toMatch(/^Datos de TelcoMX \(s3:\/\/telcomx:raw\/cells\) llegaron a Secretaría de Economía \(postgres:\/\/se:mobility\.od\) sin un convenio vigente el .+ que cubra el conjunto de origen\.$/);
    const release = finding({ rule: 'release_k_below_minimum', agreementVersion: 3, evidence: { eventIds: ['e1'], edges: [], facts: { releaseName: 'Natalidad 2025', kAchieved: 3, minK: 5 } } });
    expect(await render(release)).toBe('La entrega «Natalidad 2025» del convenio CONV-2026-0001 tiene k = 3; el convenio (versión 3) exige al menos 5.');
  });
});
