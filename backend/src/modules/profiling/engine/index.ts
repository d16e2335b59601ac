/** Framework-free CSV profiling: no NestJS here, only Node and @convenio/contracts. */
export { structuralCodeLookup, SCIAN_SECTORS, MAX_MUNICIPALITY_KEY } from './code-lookup';
export type { CodeLookup } from './code-lookup';
export { CsvProfiler, detectDelimiter, profileCsv, profileCsvStream } from './csv-profiler';
export type { CsvDelimiter, CsvProfilerOptions } from './csv-profiler';
export { ProfilingError } from './errors';
export type { ProfilingErrorCode } from './errors';
