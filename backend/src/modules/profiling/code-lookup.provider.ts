import { structuralCodeLookup, type CodeLookup } from './engine';

/**
 * Injection token of the CodeLookup the profiler asks about INEGI, SCIAN and postal codes.
 * ProfilingModule binds it to the structural lookup; to use real catalogues, bind it to a
 * provider of the reference-data module instead (e.g. `{ provide: CODE_LOOKUP, useExisting:
 * ReferenceCodeLookup }` with that module imported) — the detectors do not change.
 */
export const CODE_LOOKUP = Symbol('convenio:profiling:code-lookup');

export const structuralCodeLookupProvider = { provide: CODE_LOOKUP, useValue: structuralCodeLookup satisfies CodeLookup };
