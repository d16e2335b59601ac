// Writes docs/permissions.md from the built policies package (`npm run permissions:matrix`).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { renderPermissionMatrix } = createRequire(import.meta.url)(resolve(here, '..', 'dist', 'cjs', 'index.js'));
const target = resolve(here, '..', '..', 'docs', 'permissions.md');
writeFileSync(target, renderPermissionMatrix());
console.log(`wrote ${target}`);
