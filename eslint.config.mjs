// One ESLint config for every package. Boundaries between packages are enforced here:
// - contracts/ and policies/ (scope:shared) import no framework;
// - frontend/ never imports backend code (nor ORM/server libraries);
// - no package reaches into another by a relative path: workspace packages only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const crossPackageRelative = ['**/contracts/src/**', '**/policies/src/**', '**/backend/src/**', '**/frontend/src/**'].map(
  (group) => ({ group: [`../${group}`, `../../${group}`, `../../../${group}`], message: 'Import workspace packages (@convenio/*), not relative paths across packages.' }),
);

const frameworkBan = {
  group: ['@nestjs/*', '@angular/*', 'typeorm', 'typeorm/*', 'express', 'bullmq', 'ioredis', 'pg', 'rxjs', 'rxjs/*'],
  message: 'contracts/ and policies/ are framework-free (scope:shared): no NestJS, Angular, TypeORM, queues or drivers.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.angular/**', '**/coverage/**', 'reports/**', '.data/**', '.nx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: crossPackageRelative }],
    },
  },
  {
    files: ['contracts/**/*.ts', 'policies/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...crossPackageRelative, frameworkBan] }] },
  },
  {
    files: ['frontend/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...crossPackageRelative,
            { group: ['@convenio/backend', '@convenio/backend/*', '**/backend/**', '@nestjs/*', 'typeorm', 'typeorm/*', 'bullmq', 'pg'], message: 'The frontend never imports backend code, the ORM or server libraries; share types through @convenio/contracts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['backend/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...crossPackageRelative, { group: ['@angular/*', '@convenio/frontend'], message: 'The backend does not import frontend code.' }] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', Buffer: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
