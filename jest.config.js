// Tests are TypeScript run by ts-jest (type checking is done once by `npm run typecheck`, so
// ts-jest only transpiles). Built SuiteScripts are exercised through the local emulator, which
// loads the exact AMD bytes from src/FileCabinet, so the SuiteCloud stub mapping is not needed.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/__tests__'],
	testMatch: ['**/*.test.ts'],
	moduleFileExtensions: ['ts', 'js', 'json'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
	},
	modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/src/FileCabinet/'],
	testTimeout: 60000,
};
