/**
 * Backend tests: unit tests next to the code (src/**\/*.spec.ts) and integration tests
 * (test/integration) that boot the real app against the real PostgreSQL and Redis.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
const moduleNameMapper = { '^@convenio/(contracts|policies)$': '<rootDir>/../$1/src/index.ts' };

module.exports = {
  // A global option (a project's own testTimeout does not reach hooks): booting an app under load can take over 5 s.
  testTimeout: 30000,
  // A hook that times out can leave an app booting with open connections; never let that hang CI.
  forceExit: true,
  projects: [
    { displayName: 'backend:unit', testEnvironment: 'node', rootDir: __dirname, roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'], transform, moduleNameMapper },
    {
      displayName: 'backend:integration',
      testEnvironment: 'node',
      rootDir: __dirname,
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.integration-spec.ts'],
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/integration/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/support/global-teardown.ts',
      testTimeout: 30000,
    },
  ],
};
