import type { Agreement } from '@convenio/contracts';
import { pdfText } from '../../../test/integration/agreements/pdf-text';
import { mexicoCityTimestamp, renderAgreementPdf } from './agreement-pdf';


const hash = 'f3a9c1'.padEnd(64, '0');
const agreement: Agreement = {
  id: '0b1c2d3e-4f50-4a61-8b72-839405a6b7c8',
  reference: 'CONV-2026-000007',
  diagnosticId: null,
  providerOrganizationId: 'p',
  providerOrganizationName: 'TelcoMX S.A. de C.V.',
  recipientOrganizationId: 'r',
  recipientOrganizationName: 'Secretaría de Economía',
  state: 'active',
  version: 3,
  termsHash: hash,
  authorId: null,
  createdAt: '2026-01-02T16:00:00.000Z',
  updatedAt: '2026-01-02T16:00:00.000Z',
  activatedAt: '2026-01-10T16:00:00.000Z',
  endedAt: null,
  datasetIds: ['5e6f7a8b-0000-4000-8000-000000000003'],
  datasets: [{ id: '5e6f7a8b-0000-4000-8000-000000000003', title: 'Movilidad agregada por municipio (origen-destino)' }],
  purpose: 'Estimar flujos de movilidad laboral entre municipios del Bajío.',
  legalBasis: 'Ley del Sistema Nacional de Información Estadística y Geográfica',
  permittedUses: ['Análisis estadístico agregado'],
  prohibitedUses: ['Reidentificación de personas'],
  anonymization: { minK: 20, removeDirectIdentifiers: true, finestGeoLevel: 'municipality' },
  retentionDays: 730,
  startsOn: '2026-01-15',
  endsOn: '2027-01-14',
  signatures: [
    {
      id: 's1', version: 3, side: 'provider', signerId: 'u1', signerName: 'Mariana Treviño Garza', organizationId: 'p',
      organizationName: 'TelcoMX S.A. de C.V.', signedAt: '2026-01-09T18:30:00.000Z', termsHash: hash,
    },
  ],
};

describe('agreement PDF', () => {
  it('shows the reference, parties, terms, version, hash and signatures', async () => {
    const pdf = await renderAgreementPdf(agreement);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [
      'CONV-2026-000007', 'TelcoMX S.A. de C.V.', 'Secretaría de Economía', 'Estimar flujos de movilidad laboral', 'Movilidad agregada por municipio',
      'Reidentificación de personas', 'Análisis estadístico agregado', '730 días', 'del 2026-01-15 al 2027-01-14', 'versión 3', hash,
      'Firmó Mariana Treviño Garza el 09/01/2026 12:30',
    ]) {
      expect(text).toContain(expected);
    }
    expect(pdf.toString('latin1')).toContain(`sha256:${hash}`);
  });

  it('says so when nobody has signed yet', async () => {
    expect(pdfText(await renderAgreementPdf({ ...agreement, signatures: [] }))).toContain('sin firmas');
  });

  it('writes instants in Mexico City time', () => {
    expect(mexicoCityTimestamp('2026-07-01T18:05:00Z')).toBe('01/07/2026 12:05 (hora del centro de México)');
  });
});
