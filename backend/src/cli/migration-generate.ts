import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../core/database/data-source-options';
import { migrateDatabase } from '../core/database/migrate';

/**
 * `npm run migration:generate -- AddSomething`: migrates a scratch database (created on the
 * server of DATABASE_URL, default the local one), diffs the entities against it and writes
 * src/migrations/<unix-ms>-AddSomething.ts, registered in src/migrations/index.ts.
 */
const name = process.argv[2];
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const migrationsDir = resolve(__dirname, '..', '..', 'src', 'migrations');

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const quote = (sql: string) => '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

async function main(): Promise<void> {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    process.stderr.write('Usage: npm run migration:generate -- PascalCaseName\n');
    process.exit(1);
  }
  const scratch = `convenio_migration_${Date.now().toString(36)}`;
  await admin(`CREATE DATABASE "${scratch}"`);
  try {
    const url = withDatabase(adminUrl, scratch);
    await migrateDatabase(url);
    const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, applicationName: 'convenio-generate' }));
    await dataSource.initialize();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    await dataSource.destroy();
    if (sql.upQueries.length === 0) {
      process.stdout.write('No changes: the entities match the migrations.\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const up = sql.upQueries.map((query) => `    await queryRunner.query(${quote(query.query)});`).join('\n');
    const down = [...sql.downQueries].reverse().map((query) => `    await queryRunner.query(${quote(query.query)});`).join('\n');
    const file = `${timestamp}-${name}`;
    writeFileSync(
      join(migrationsDir, `${file}.ts`),
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    const indexPath = join(migrationsDir, 'index.ts');
    const index = readFileSync(indexPath, 'utf8')
      .replace(/^((?:import .*\n)+)/, `$1import { ${className} } from './${file}';\n`)
      .replace(/\];\s*$/, `, ${className}];\n`);
    writeFileSync(indexPath, index);
    process.stdout.write(`Wrote src/migrations/${file}.ts (${sql.upQueries.length} statements); review it before committing.\n`);
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`migration:generate failed: ${error.message}\n`);
  process.exit(1);
});
