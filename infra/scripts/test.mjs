// `npm test`: install if needed, then lint, unit, integration and end-to-end tests of every
// package through Nx; ends with one line `N passed, N failed` summing every Jest suite.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, nx, root } from './workspace.mjs';

const PACKAGES = ['contracts', 'policies', 'backend', 'frontend', 'infra', 'e2e'];

ensureInstalled();
// Jest writes each package's JSON results to <package>/reports/ (it does not create folders).
for (const pkg of PACKAGES) {
  rmSync(join(root, pkg, 'reports'), { recursive: true, force: true });
  mkdirSync(join(root, pkg, 'reports'));
}

// Under CI every task runs for real: a result restored from a cache proves nothing about this machine.
const cacheFlags = process.env.CI === 'true' ? ['--skip-nx-cache'] : [];
const code = await nx(['run-many', '-t', 'lint', 'test', 'e2e', '--parallel=2', '--outputStyle=stream', ...cacheFlags, ...process.argv.slice(2)]);

let passed = 0;
let failed = 0;
const missing = [];
for (const pkg of PACKAGES) {
  for (const file of ['test.json', 'e2e.json']) {
    const path = join(root, pkg, 'reports', file);
    if (!existsSync(path)) continue;
    const report = JSON.parse(readFileSync(path, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    if (!report.success && report.numFailedTests + report.numRuntimeErrorTestSuites === 0) failed += 1;
  }
  if (!['test.json', 'e2e.json'].some((file) => existsSync(join(root, pkg, 'reports', file)))) missing.push(pkg);
}
if (code !== 0 && failed === 0) {
  failed = 1;
  console.error('[convenio] a build, lint or test task failed before reporting results (see above)');
}
const filtered = process.argv.length > 2;
if (!filtered && missing.length > 0) console.error(`[convenio] no test report from: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(code !== 0 || failed > 0 || (!filtered && missing.length > 0) ? 1 : 0);
