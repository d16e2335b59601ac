// Helpers for the two commands; node built-ins only, since they run before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** On a fresh clone (or after the lock file changed) install exactly what the lock file says. */
export function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker)) return;
  console.log('[convenio] installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('[convenio] npm ci failed; see the output above');
    process.exit(result.status ?? 1);
  }
}

/** The Nx command-line entry of the installed package (its `bin` field). */
function nxEntry() {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', 'nx', 'package.json'), 'utf8'));
  return join(root, 'node_modules', 'nx', manifest.bin.nx);
}

/** Runs Nx from the workspace (no daemon, no prompts); resolves to its exit code. */
export function nx(args, options = {}) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [nxEntry(), ...args], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: process.env.NX_SKIP_NX_CACHE ?? '', ...options.env },
    });
    child.on('exit', (code) => done(code ?? 1));
  });
}
