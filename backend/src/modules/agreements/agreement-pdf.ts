import type { Agreement } from '@convenio/contracts';
import PDFDocument from 'pdfkit';

const SIDE_LABEL = { provider: 'Proveedor de datos', recipient: 'Receptor de datos' } as const;
const GEO_LEVEL_LABEL: Record<string, string> = { national: 'nacional', state: 'entidad federativa', municipality: 'municipio', locality: 'localidad' };

/** An instant as Mexico City wall-clock time, e.g. "15/01/2026 10:30 (hora del centro de México)". */
export function mexicoCityTimestamp(iso: string): string {
  const text = new Intl.DateTimeFormat('es-MX', {
    timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
  return `${text.replace(',', '')} (hora del centro de México)`;
}

/**
 * The agreement as a PDF: parties, terms, version, the SHA-256 of the version's terms and the
 * signatures. Streams stay uncompressed (a few KB) so the text can be checked; the hash is also
 * in the document's Keywords.
 */
export function renderAgreementPdf(agreement: Agreement): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 60,
    compress: false,
    info: {
      Title: `Convenio ${agreement.reference}`,
      Subject: `Convenio de intercambio de datos ${agreement.reference}, versión ${agreement.version}`,
      Keywords: `${agreement.reference} sha256:${agreement.termsHash}`,
      Author: 'Convenio',
      Creator: 'Convenio',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text).moveDown(0.2).font('Helvetica').fontSize(10);
  const field = (label: string, value: string) => doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  const list = (items: string[]) => (items.length > 0 ? doc.list(items, { bulletRadius: 1.5, textIndent: 10 }) : doc.text('Ninguno.'));

  doc.font('Helvetica-Bold').fontSize(16).text('Convenio de intercambio de datos', { align: 'center' });
  doc.font('Helvetica').fontSize(11).text(`Referencia ${agreement.reference} · versión ${agreement.version} · estado ${agreement.state}`, { align: 'center' });

  heading('Partes');
  field(SIDE_LABEL.provider, agreement.providerOrganizationName);
  field(SIDE_LABEL.recipient, agreement.recipientOrganizationName);

  heading('Finalidad');
  doc.text(agreement.purpose);
  heading('Fundamento legal');
  doc.text(agreement.legalBasis);

  heading('Conjuntos de datos');
  const titles = new Map((agreement.datasets ?? []).map((dataset) => [dataset.id, dataset.title]));
  list(agreement.datasetIds.map((id) => `${titles.get(id) ?? 'Conjunto de datos'} (${id})`));

  heading('Usos permitidos');
  list(agreement.permittedUses);
  heading('Usos prohibidos');
  list(agreement.prohibitedUses);

  heading('Anonimización y conservación');
  field('k-anonimato mínimo', String(agreement.anonymization.minK));
  field('Eliminar identificadores directos', agreement.anonymization.removeDirectIdentifiers ? 'sí' : 'no');
  field('Nivel geográfico más fino', GEO_LEVEL_LABEL[agreement.anonymization.finestGeoLevel] ?? agreement.anonymization.finestGeoLevel);
  field('Conservación', `${agreement.retentionDays} días`);
  field('Vigencia', `del ${agreement.startsOn} al ${agreement.endsOn}`);

  heading('Integridad');
  doc.text(`Huella SHA-256 de los términos de la versión ${agreement.version} (JSON canónico):`);
  doc.font('Courier').fontSize(8.5).text(agreement.termsHash).font('Helvetica').fontSize(10);

  heading('Firmas');
  if (agreement.signatures.length === 0) doc.text('Este convenio aún no tiene firmas (sin firmas).');
  for (const signature of agreement.signatures) {
    doc.font('Helvetica-Bold').text(`${SIDE_LABEL[signature.side]}: ${signature.organizationName}`).font('Helvetica');
    doc.text(`Firmó ${signature.signerName} el ${mexicoCityTimestamp(signature.signedAt)}, versión ${signature.version}.`);
    doc.font('Courier').fontSize(8.5).text(signature.termsHash).font('Helvetica').fontSize(10).moveDown(0.3);
  }

  doc.end();
  return done;
}
