// `npm start`: install if needed, build, then run the launcher (migrations, seed, API + worker).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureInstalled, nx, root } from './workspace.mjs';

ensureInstalled();
const built = await nx(['run-many', '-t', 'build', '--outputStyle=static']);
if (built !== 0) {
  console.error('[convenio] the build failed; see the output above');
  process.exit(built);
}
const launcher = spawn(process.execPath, [join(root, 'backend', 'dist', 'launcher', 'launch.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => launcher.kill(signal));
launcher.on('exit', (code) => process.exit(code ?? 1));
