// Tests are TypeScript run by ts-jest (type checking is done once by `npm run typecheck`, so
// ts-jest only transpiles). Built SuiteScripts are exercised through the local emulator, which
// loads the exact AMD bytes from src/FileCabinet. The unit layer (__tests__/unit) imports the
// TypeScript adapters and entry points directly: their `N/*` imports resolve to Oracle's stubs
// from @oracle/suitecloud-unit-testing (AMD, transformed by its own Babel transformer), which the
// tests program with jest.mock and return values.
const SuiteCloudJestConfiguration = require('@oracle/suitecloud-unit-testing/jest-configuration/SuiteCloudJestConfiguration');

const suitecloud = SuiteCloudJestConfiguration.build({
	projectFolder: 'src',
	projectType: SuiteCloudJestConfiguration.ProjectType.ACP,
});

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/__tests__'],
	testMatch: ['**/*.test.ts'],
	moduleFileExtensions: ['ts', 'js', 'json'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
		...suitecloud.transform,
	},
	transformIgnorePatterns: suitecloud.transformIgnorePatterns,
	moduleNameMapper: suitecloud.moduleNameMapper,
	modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/src/FileCabinet/'],
	testTimeout: 60000,
};
