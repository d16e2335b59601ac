/**
 * End-to-end journeys: the built backend (API + worker) on a fresh PostgreSQL database and
 * a Redis prefix of its own, serving the built frontend, driven in Debian's Chromium.
 */
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  // The benchmarks run here too, at a smoke size (BENCH_SIZE unset), so they cannot rot.
  roots: ['<rootDir>/src/specs', '<rootDir>/bench'],
  testMatch: ['**/*.e2e-spec.ts', '**/*.bench-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 60000,
};
