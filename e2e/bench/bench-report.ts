/** Shared by the benchmarks: timing statistics, the `BENCH ` line, and BENCHMARKS.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

export const BENCHMARKS_FILE = resolve(__dirname, '..', '..', 'BENCHMARKS.md');

/** `full` runs the sizes the issues name and asserts their figures; `smoke` (default) only proves the bench works. */
export function benchSize(): 'full' | 'smoke' {
  return process.env.BENCH_SIZE === 'full' ? 'full' : 'smoke';
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

export function machine(): string {
  const cores = cpus();
  return `${cores[0]?.model.trim() ?? 'unknown CPU'} ×${cores.length}, ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}`;
}

/** One result line that tools can grep: `BENCH {"bench":...}`. */
export function printBenchLine(result: Record<string, unknown>): void {
  process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);
}

/**
 * Adds `row` to the table of the section `title` in BENCHMARKS.md (creating the file or the
 * section), newest first, keeping the last `keep` rows. `intro` is rewritten each time.
 */
export function recordInBenchmarks(options: { id: string; title: string; intro: string; columns: string[]; row: string[]; keep?: number }): void {
  const start = `<!-- bench:${options.id}:start -->`;
  const end = `<!-- bench:${options.id}:end -->`;
  const current = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, 'utf8') : '# Benchmarks\n\nRecorded by `npm run bench` (BENCH_SIZE=full) from the specs in e2e/bench/; `npm test` runs the same specs at a smoke size.\n';
  const header = `| ${options.columns.join(' | ')} |`;
  const line = `| ${options.row.join(' | ')} |`;
  let rows: string[] = [];
  const at = current.indexOf(start);
  const until = current.indexOf(end);
  if (at >= 0 && until > at) {
    rows = current
      .slice(at, until)
      .split('\n')
      .filter((text) => text.startsWith('| ') && text !== header && !/^\| -/.test(text));
  }
  rows = [line, ...rows].slice(0, options.keep ?? 10);
  const section = [start, `## ${options.title}`, '', options.intro, '', header, `| ${options.columns.map(() => '---').join(' | ')} |`, ...rows, end].join('\n');
  const next = at >= 0 && until > at ? current.slice(0, at) + section + current.slice(until + end.length) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(BENCHMARKS_FILE, next);
}
