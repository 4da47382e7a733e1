/**
 * Makes the compile-time currency guarantee visible in Jest output: runs the TypeScript compiler
 * on small in-memory snippets that import the real money module.
 */
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only by this test, with the type of its import
const ts = require('typescript') as typeof import('typescript');

const virtualFile = path.join(__dirname, '__currency_snippet__.ts');

function diagnosticsFor(body: string): string[] {
	const source = `import { add, subtract, money } from '../../src/TypeScripts/o2c_dso/domain/money';\n${body}\n`;
	const options: import('typescript').CompilerOptions = {
		strict: true,
		noEmit: true,
		target: ts.ScriptTarget.ES2019,
		module: ts.ModuleKind.CommonJS,
		moduleResolution: ts.ModuleResolutionKind.Node10,
		lib: ['lib.es2019.d.ts'],
		types: [],
		skipLibCheck: true,
	};
	const host = ts.createCompilerHost(options);
	const getSourceFile = host.getSourceFile.bind(host);
	host.getSourceFile = (fileName, languageVersion, ...rest) =>
		path.resolve(fileName) === virtualFile
			? ts.createSourceFile(fileName, source, languageVersion)
			: getSourceFile(fileName, languageVersion, ...rest);
	const fileExists = host.fileExists.bind(host);
	host.fileExists = (fileName) => path.resolve(fileName) === virtualFile || fileExists(fileName);
	const program = ts.createProgram([virtualFile], options, host);
	return ts
		.getPreEmitDiagnostics(program)
		.map(
			(d) =>
				`${d.file ? path.basename(d.file.fileName) : ''} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
		);
}

describe('currency safety (TypeScript compiler)', () => {
	it('reports a diagnostic when USD and EUR are added', () => {
		const diagnostics = diagnosticsFor(`export const x = add(money(100, 'USD'), money(200, 'EUR'));`);
		expect(diagnostics).toHaveLength(1);
		expect(diagnostics[0]).toMatch(/__currency_snippet__\.ts TS2345: .*"EUR".*"USD"/s);
	});
	it('reports a diagnostic when EUR is subtracted from USD', () => {
		expect(diagnosticsFor(`export const x = subtract(money(100, 'USD'), money(200, 'EUR'));`)).toHaveLength(1);
	});
	it('reports nothing when USD is added to USD', () => {
		expect(
			diagnosticsFor(
				`export const x: { minor: number; currency: 'USD' } = add(money(100, 'USD'), money(200, 'USD'));`,
			),
		).toEqual([]);
	});
});
