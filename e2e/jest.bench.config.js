/** `npm run bench`: the benchmarks under bench/ against the real stack (BENCH_SIZE=full for the issue sizes). */
const base = require('./jest.config.js');

module.exports = { ...base, displayName: 'bench', roots: ['<rootDir>/bench'], testMatch: ['**/*.bench-spec.ts'], testTimeout: 900000 };
