import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small mobility pipeline written from the OpenLineage 2-0-2 spec in three producers' styles:
 * Airflow extracts call records, Spark builds the origin-destination matrix (column lineage in
 * the 2-0-x shape, with masking), dbt joins it with the census (column lineage in the older
 * `transformationType` shape), and an Airflow report task fails. Ten events, some out of order.
 */
export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'openlineage');
export const readFixture = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));
export const fixtureNames = (folder: string) => readdirSync(join(FIXTURES, folder)).filter((file) => file.endsWith('.json')).sort();

const SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const AIRFLOW = 'https://github.com/apache/airflow/tree/providers-openlineage/1.14.0';
const SPARK = 'https://github.com/OpenLineage/OpenLineage/tree/1.25.0/integration/spark';
const DBT = 'https://github.com/OpenLineage/OpenLineage/tree/1.25.0/integration/dbt';
const facet = (producer: string, schema: string) => ({ _producer: producer, _schemaURL: `https://openlineage.io/spec/facets/${schema}` });
const agreementFacet = (producer: string, agreementId: string) => ({
  convenio_agreement: { _producer: producer, _schemaURL: 'https://convenio.gob.mx/openlineage/facets/1-0-0/ConvenioAgreementRunFacet.json', agreementId },
});

export const LAKE = 's3://telcomx-datalake';
export const DW = 'postgres://inegi-dw';
export const ANALYTICS = 'postgres://analytics-db:5432';
export const REPORTS = 's3://ministry-reports';

export const RUNS = {
  extract: '01932f6e-7c10-7aa1-9d41-3a1c2b000001',
  spark: '01932f6e-7c10-7aa1-9d41-3a1c2b000002',
  dbt: '01932f6e-7c10-7aa1-9d41-3a1c2b000003',
  report: '01932f6e-7c10-7aa1-9d41-3a1c2b000004',
};

const schemaFacet = (producer: string, fields: Array<[string, string]>) => ({
  schema: { ...facet(producer, '1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet'), fields: fields.map(([name, type]) => ({ name, type })) },
});

function airflowExtract(eventType: string, eventTime: string, agreementId: string) {
  return {
    eventType,
    eventTime,
    producer: AIRFLOW,
    schemaURL: SPEC,
    run: {
      runId: RUNS.extract,
      facets: {
        nominalTime: { ...facet(AIRFLOW, '1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet'), nominalStartTime: '2025-11-30T06:00:00Z' },
        processing_engine: { ...facet(AIRFLOW, '1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet'), version: '2.10.4', name: 'Airflow', openlineageAdapterVersion: '1.14.0' },
        airflow: { _producer: AIRFLOW, _schemaURL: `${AIRFLOW}/airflow/providers/openlineage/facets/AirflowRunFacet.json`, dag: { dag_id: 'telcomx_ingest' }, task: { task_id: 'extract_cdr' } },
        ...agreementFacet(AIRFLOW, agreementId),
      },
    },
    job: {
      namespace: 'airflow-telcomx',
      name: 'telcomx_ingest.extract_cdr',
      facets: { jobType: { ...facet(AIRFLOW, '2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet'), processingType: 'BATCH', integration: 'AIRFLOW', jobType: 'TASK' } },
    },
    inputs: [{ namespace: LAKE, name: 'raw/cdr_2025' }],
    outputs: eventType === 'COMPLETE' ? [{ namespace: LAKE, name: 'staging/cdr_clean', facets: schemaFacet(AIRFLOW, [['msisdn_hash', 'string'], ['cell_id', 'string'], ['mun_cvegeo', 'string'], ['ts', 'timestamp']]) }] : [],
  };
}

function sparkOd(eventType: string, eventTime: string, agreementId: string) {
  const input = (field: string, type: string, subtype: string, masking = false) => ({ namespace: LAKE, name: 'staging/cdr_clean', field, transformations: [{ type, subtype, masking }] });
  return {
    eventType,
    eventTime,
    producer: SPARK,
    schemaURL: SPEC,
    run: {
      runId: RUNS.spark,
      facets: {
        parent: { ...facet(SPARK, '1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet'), run: { runId: RUNS.extract }, job: { namespace: 'airflow-telcomx', name: 'telcomx_ingest.extract_cdr' } },
        spark_version: { _producer: SPARK, _schemaURL: `${SPARK}/spark/facets/SparkVersionFacet.json`, 'spark-version': '3.5.3' },
        ...agreementFacet(SPARK, agreementId),
      },
    },
    job: { namespace: 'spark-telcomx', name: 'od_matrix.execute_insert_into_hadoop_fs_relation_command' },
    inputs: [{ namespace: LAKE, name: 'staging/cdr_clean' }],
    outputs: [
      {
        namespace: LAKE,
        name: 'mobility/od_municipal',
        facets: {
          ...schemaFacet(SPARK, [['fecha', 'date'], ['mun_origen', 'string'], ['mun_destino', 'string'], ['viajes', 'long']]),
          columnLineage: {
            ...facet(SPARK, '1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet'),
            fields: {
              fecha: { inputFields: [input('ts', 'DIRECT', 'TRANSFORMATION')] },
              mun_origen: { inputFields: [input('mun_cvegeo', 'DIRECT', 'IDENTITY')] },
              mun_destino: { inputFields: [input('mun_cvegeo', 'DIRECT', 'IDENTITY')] },
              viajes: { inputFields: [input('msisdn_hash', 'DIRECT', 'AGGREGATION', true)] },
            },
          },
        },
      },
    ],
  };
}

function dbtModel(eventType: string, eventTime: string) {
  return {
    eventType,
    eventTime,
    producer: DBT,
    schemaURL: SPEC,
    run: { runId: RUNS.dbt, facets: { dbt_version: { _producer: DBT, _schemaURL: `${DBT}/facets/DbtVersionRunFacet.json`, version: '1.8.7' } } },
    job: {
      namespace: 'dbt-analytics',
      name: 'mobility.model.mobility.od_per_capita',
      facets: { sql: { ...facet(DBT, '1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet'), query: 'select o.fecha, o.mun_origen, o.viajes / c.pob_total as viajes_per_capita from od o join censo c on c.cvegeo = o.mun_origen', dialect: 'postgres' } },
    },
    inputs: [
      { namespace: LAKE, name: 'mobility/od_municipal' },
      { namespace: DW, name: 'censo2020.municipios' },
    ],
    outputs: [
      {
        namespace: ANALYTICS,
        name: 'mobility.od_per_capita',
        facets: {
          ...schemaFacet(DBT, [['fecha', 'date'], ['mun_origen', 'text'], ['viajes_per_capita', 'numeric']]),
          columnLineage: {
            ...facet(DBT, '1-0-1/ColumnLineageDatasetFacet.json'),
            fields: {
              mun_origen: { inputFields: [{ namespace: LAKE, name: 'mobility/od_municipal', field: 'mun_origen' }], transformationDescription: 'identical', transformationType: 'IDENTITY' },
              viajes_per_capita: {
                inputFields: [
                  { namespace: LAKE, name: 'mobility/od_municipal', field: 'viajes' },
                  { namespace: DW, name: 'censo2020.municipios', field: 'pob_total' },
                ],
                transformationDescription: 'viajes / pob_total',
                transformationType: 'MASKED',
              },
            },
          },
        },
      },
    ],
  };
}

function airflowReport(eventType: string, eventTime: string) {
  return {
    eventType,
    eventTime,
    producer: AIRFLOW,
    schemaURL: SPEC,
    run: {
      runId: RUNS.report,
      facets: eventType === 'FAIL' ? { errorMessage: { ...facet(AIRFLOW, '1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet'), message: 'S3 access denied', programmingLanguage: 'python' } } : {},
    },
    job: { namespace: 'airflow-ministry', name: 'mobility_report.publish' },
    inputs: [{ namespace: ANALYTICS, name: 'mobility.od_per_capita' }],
    outputs: [{ namespace: REPORTS, name: 'mobility:report_2025.parquet' }],
  };
}

/** The ten events in the order they are sent (Spark's COMPLETE before its RUNNING; a RUNNING after the report's FAIL). */
export function pipelineEvents(agreementId: string): Array<Record<string, unknown>> {
  return [
    airflowExtract('START', '2025-11-30T06:00:05.120Z', agreementId),
    airflowExtract('COMPLETE', '2025-11-30T06:12:40.002Z', agreementId),
    sparkOd('START', '2025-11-30T06:13:00Z', agreementId),
    sparkOd('COMPLETE', '2025-11-30T06:40:00Z', agreementId),
    sparkOd('RUNNING', '2025-11-30T06:20:00Z', agreementId),
    dbtModel('START', '2025-11-30T07:00:00.000-06:00'),
    dbtModel('COMPLETE', '2025-11-30T07:03:10.000-06:00'),
    airflowReport('START', '2025-11-30T14:00:00Z'),
    airflowReport('FAIL', '2025-11-30T14:01:00Z'),
    airflowReport('RUNNING', '2025-11-30T14:00:30Z'),
  ];
}
