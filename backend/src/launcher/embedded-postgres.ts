import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One process per data folder: a lock file holding the owner's pid. */
function takeLock(lockFile: string): void {
  if (existsSync(lockFile)) {
    const owner = Number(readFileSync(lockFile, 'utf8').trim());
    if (owner && owner !== process.pid && processAlive(owner)) {
      throw new Error(`the embedded database in ${lockFile.replace(/\/[^/]+$/, '')} is in use by process ${owner}; stop it or set DATABASE_URL`);
    }
    rmSync(lockFile, { force: true });
  }
  const fd = openSync(lockFile, 'wx');
  writeFileSync(fd, String(process.pid));
  closeSync(fd);
}

/**
 * PGlite (PostgreSQL compiled to WASM) behind its wire-protocol server, so the ordinary
 * `pg` driver and TypeORM talk to it exactly as to a real server. For the local demo only:
 * clients must use a pool of one connection.
 */
export async function startEmbeddedPostgres(dataRoot: string, port: number, clients: number): Promise<EmbeddedPostgres> {
  mkdirSync(dataRoot, { recursive: true });
  const lockFile = join(dataRoot, 'pglite.lock');
  takeLock(lockFile);
  // The extensions the migrations create (CREATE EXTENSION) must be bundled into PGlite here.
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const db = await PGlite.create({ dataDir: join(dataRoot, 'pglite'), extensions: { unaccent } });
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: clients });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop().catch(() => undefined);
      await db.close().catch(() => undefined);
      rmSync(lockFile, { force: true });
    },
  };
}
