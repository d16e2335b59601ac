/** Unit tests of a framework-free shared package. */
module.exports = {
  displayName: require('./package.json').name,
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: { '^@convenio/(contracts|policies)$': '<rootDir>/../$1/src/index.ts' },
};
