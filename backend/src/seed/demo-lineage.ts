import type { QueryRunner } from 'typeorm';
import { normaliseEvent, type NormalisedEvent } from '../modules/lineage/event-normaliser';
import { LineageIngestRepository } from '../modules/lineage/lineage-ingest.repository';
import { OpenLineageValidator } from '../modules/lineage/openlineage-validator';

const SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const AIRFLOW = 'https://github.com/apache/airflow/tree/providers-openlineage/1.14.0';
const SPARK = 'https://github.com/OpenLineage/OpenLineage/tree/1.25.0/integration/spark';
const TELCOMX_LAKE = 's3://telcomx-datalake';
const SE_DW = 'postgres://economia-dw';
const INEGI_DW = 'postgres://inegi-dw';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const columnLineage = (producer: string, source: [string, string], fields: Array<[from: string, to: string, masking: boolean]>) => ({
  columnLineage: {
    _producer: producer,
    _schemaURL: 'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
    fields: Object.fromEntries(fields.map(([from, to, masking]) => [to, { inputFields: [{ namespace: source[0], name: source[1], field: from, transformations: [{ type: 'DIRECT', subtype: masking ? 'TRANSFORMATION' : 'IDENTITY', masking }] }] }])),
  },
});
const agreementFacet = (producer: string, agreementId: string) => ({ convenio_agreement: { _producer: producer, _schemaURL: 'https://convenio.gob.mx/openlineage/facets/1-0-0/ConvenioAgreementRunFacet.json', agreementId } });

/**
 * A few synthetic OpenLineage runs so the lineage explorer, the personal-data badges and the
 * compliance board have something to show on a fresh start (the worker checks them at boot):
 * TelcoMX pseudonymizes its subscriber register (fine); TelcoMX sends subscriber lines with the
 * CURP in clear to the ministry under the mobility agreement, which covers neither that dataset
 * nor identifiers (two findings); an ENOE extract reaches the ministry under the expired agreement
 * (one finding).
 */
export async function seedDemoLineage(queryRunner: QueryRunner): Promise<void> {
  const agreement = async (datasetTitle: string): Promise<string> => {
    const [row] = await queryRunner.query(
      `SELECT a.id FROM agreements a JOIN agreement_datasets ad ON ad.agreement_id = a.id JOIN datasets d ON d.id = ad.dataset_id WHERE d.title = $1 ORDER BY a.created_at LIMIT 1`,
      [datasetTitle],
    );
    return row.id;
  };
  const mobility = await agreement('Movilidad agregada por municipio (origen-destino)');
  const enoe = await agreement('Encuesta Nacional de Ocupación y Empleo (ENOE), microdatos trimestrales');
  const [{ id: steward }] = await queryRunner.query(`SELECT id FROM users WHERE email = 'socio@telcomx.com.mx'`);

  const events = [
    {
      eventType: 'COMPLETE', eventTime: daysAgo(20), producer: SPARK, schemaURL: SPEC,
      run: { runId: '0193a1b2-0000-7000-8000-00000000d001', facets: {} },
      job: { namespace: 'spark-telcomx', name: 'crm.subscribers_pseudonymize' },
      inputs: [{ namespace: TELCOMX_LAKE, name: 'crm/subscribers' }],
      outputs: [{ namespace: TELCOMX_LAKE, name: 'crm/subscribers_pseudonymized', facets: columnLineage(SPARK, [TELCOMX_LAKE, 'crm/subscribers'], [['curp', 'curp_hmac', true], ['numero', 'numero_hmac', true], ['municipio', 'municipio', false]]) }],
    },
    {
      eventType: 'COMPLETE', eventTime: daysAgo(12), producer: AIRFLOW, schemaURL: SPEC,
      run: { runId: '0193a1b2-0000-7000-8000-00000000d002', facets: agreementFacet(AIRFLOW, mobility) },
      job: { namespace: 'airflow-telcomx', name: 'ministry_exports.lines_by_municipality' },
      inputs: [{ namespace: TELCOMX_LAKE, name: 'crm/subscribers' }],
      outputs: [{ namespace: SE_DW, name: 'conectividad.lineas_bajio', facets: columnLineage(AIRFLOW, [TELCOMX_LAKE, 'crm/subscribers'], [['curp', 'curp', false], ['municipio', 'municipio', false]]) }],
    },
    {
      eventType: 'COMPLETE', eventTime: daysAgo(5), producer: SPARK, schemaURL: SPEC,
      run: { runId: '0193a1b2-0000-7000-8000-00000000d003', facets: agreementFacet(SPARK, enoe) },
      job: { namespace: 'spark-economia', name: 'informalidad.mujeres_por_entidad' },
      inputs: [{ namespace: INEGI_DW, name: 'enoe.microdatos' }],
      outputs: [{ namespace: SE_DW, name: 'empleo.informalidad_mujeres', facets: columnLineage(SPARK, [INEGI_DW, 'enoe.microdatos'], [['cve_ent', 'cve_ent', false], ['sexo', 'sexo', false]]) }],
    },
  ];
  const validator = new OpenLineageValidator();
  const normalised: NormalisedEvent[] = events.map((event) => {
    const outcome = validator.validate(event);
    if (!outcome.ok) throw new Error(`Demo lineage event is invalid: ${JSON.stringify(outcome.errors)}`);
    const result = normaliseEvent(outcome.kind, outcome.event, outcome.warnings);
    if (!result.ok) throw new Error(`Demo lineage event is invalid: ${JSON.stringify(result.errors)}`);
    return result.value;
  });
  const repository = new LineageIngestRepository();
  await repository.ensurePartition(queryRunner.manager);
  await repository.store(queryRunner.manager, normalised, { userId: steward, apiKeyId: null });
}
