import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

/** The package-boundary rules of eslint.config.mjs, checked on code written to break them. */
describe('package boundaries (ESLint)', () => {
  // The ESLint CLI in a child process: its config loader needs native ESM, which Jest's VM lacks.
  async function restrictedImports(code: string, filePath: string): Promise<string[]> {
    const run = spawnSync(process.execPath, [resolve(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'], {
      cwd: root,
      input: code,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
    return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
  }

  it.each([
    ["import { Injectable } from '@nestjs/common';", 'contracts/src/example.ts'],
    ["import { Component } from '@angular/core';", 'policies/src/example.ts'],
    ["import { Entity } from 'typeorm';", 'contracts/src/example.ts'],
  ])('keeps the shared packages framework-free: %s in %s', async (code, file) => {
    expect(await restrictedImports(`${code}\nexport const x = 1;\n`, file)).toEqual([expect.stringContaining('framework-free')]);
  });

  it('stops the frontend from importing backend code', async () => {
    expect(await restrictedImports("import { AppModule } from '@convenio/backend';\nexport const x = AppModule;\n", 'frontend/src/app/example.ts')).toHaveLength(1);
    expect(await restrictedImports("import { Entity } from 'typeorm';\nexport const x = Entity;\n", 'frontend/src/app/example.ts')).toHaveLength(1);
  });

  it('stops relative imports across packages', async () => {
    expect(await restrictedImports("import { ROLES } from '../../contracts/src/identity/roles';\nexport const x = ROLES;\n", 'backend/src/example.ts')).toHaveLength(1);
  });

  it('allows the workspace packages and zod where they belong', async () => {
    expect(await restrictedImports("import { z } from 'zod';\nexport const x = z;\n", 'contracts/src/example.ts')).toEqual([]);
    expect(await restrictedImports("import { ROLES } from '@convenio/contracts';\nexport const x = ROLES;\n", 'frontend/src/app/example.ts')).toEqual([]);
    expect(await restrictedImports("import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n", 'backend/src/example.ts')).toEqual([]);
  });
});
