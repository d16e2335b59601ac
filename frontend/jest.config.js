/**
 * Frontend unit tests: Angular (zoneless) in jsdom through jest-preset-angular.
 * Workspace packages are read from source, so contracts need no build for the tests.
 */
const { createCjsPreset } = require('jest-preset-angular/presets');

const preset = createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' });

module.exports = {
  ...preset,
  displayName: 'frontend',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  moduleNameMapper: { '^@convenio/(contracts|policies)$': '<rootDir>/../$1/src/index.ts' },
  // Angular ships .mjs (transformed by the preset); @jsverse/utils is ESM published as .js.
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|@angular/common/locales/.*\\.js$|@jsverse/utils/))'],
};
