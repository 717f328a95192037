// Jest runs the TypeScript tests through ts-jest (transpile only; `tsc --noEmit` type-checks in npm test).
// globalSetup builds dist/ first when a source is newer, so tests of the bundle never run a stale one.
export default {
  testEnvironment: 'node',
  globalSetup: '<rootDir>/tests/globalSetup.mjs',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        diagnostics: false,
        tsconfig: {
          isolatedModules: true,
          module: 'commonjs',
          jsx: 'react-jsx',
          jsxImportSource: 'preact',
          esModuleInterop: true,
          target: 'ES2020',
        },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // numfmt 4.0.1's package.json points `require` at dist/index.cjs, which it does not ship; its CommonJS build is index.js.
  moduleNameMapper: { '^numfmt$': '<rootDir>/node_modules/numfmt/dist/index.js' },
  testTimeout: 30000,
  // Both cores: Jest's default (cores − 1) runs a 2-core machine's suite in band, twice as long.
  maxWorkers: 2,
};
