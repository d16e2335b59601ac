// `npm run bench`: builds, then runs every benchmark under e2e/bench/ against the real stack
// at full size (BENCH_SIZE=full). `npm test` runs the same files at a smoke size.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, nx, root } from './workspace.mjs';

ensureInstalled();
const benches = readdirSync(join(root, 'e2e', 'bench')).filter((file) => file.endsWith('.bench-spec.ts'));
if (benches.length === 0) {
  console.log('[convenio] no benchmarks yet: no issue so far names a performance figure');
  process.exit(0);
}
const built = await nx(['run-many', '-t', 'build', '--outputStyle=static']);
if (built !== 0) process.exit(built);
const code = await nx(['run', '@convenio/e2e:bench', '--outputStyle=stream'], { env: { BENCH_SIZE: 'full' } });
process.exit(code);
