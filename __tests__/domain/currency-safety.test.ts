/**
 * Makes the compile-time currency guarantee visible in Jest output: runs the TypeScript compiler
 * on small in-memory snippets that import the real modules. Beyond money.ts's own operations, the
 * core's ports, ledger flows, aging items and customer rows carry `Minor<C>` (integer minor units
 * branded with their currency), so a plain number is not an amount and two currencies never meet:
 * each snippet that mixes them must fail to compile, its same-currency twin must compile.
 */
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only by this test, with the type of its import
const ts = require('typescript') as typeof import('typescript');

const SRC = '../../src/TypeScripts/o2c_dso';

const IMPORTS = [
	`import { add, subtract, money, minorUnits, plus, Minor } from '${SRC}/domain/money';`,
	`import { ageOpenItems, AgingItem, netAging, AgingAmounts } from '${SRC}/domain/aging';`,
	`import { buildArLedger, DailyFlow } from '${SRC}/domain/arBalance';`,
	`import { standardDso } from '${SRC}/domain/dso';`,
	`import { CreditPosition } from '${SRC}/domain/credit';`,
	`import { CustomerRow, computeCustomerMetrics, CustomerInfo } from '${SRC}/app/customers/customerMetrics';`,
	`import { parseCalendarDate } from '${SRC}/domain/calendarDate';`,
	`const D = parseCalendarDate('2026-05-04');`,
	`const usd = (n: number) => minorUnits<'USD'>(n);`,
	`const eur = (n: number) => minorUnits<'EUR'>(n);`,
].join('\n');

/** Compiles every snippet (each its own module after the shared imports) in ONE program; diagnostics per snippet. */
function compile(bodies: readonly string[]): string[][] {
	const files = bodies.map((_, i) => path.join(__dirname, `__currency_snippet_${String(i)}__.ts`));
	const sources = new Map(files.map((f, i) => [f, `${IMPORTS}\n${bodies[i] as string}\n`]));
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
	host.getSourceFile = (fileName, languageVersion, ...rest) => {
		const text = sources.get(path.resolve(fileName));
		return text === undefined
			? getSourceFile(fileName, languageVersion, ...rest)
			: ts.createSourceFile(fileName, text, languageVersion);
	};
	const fileExists = host.fileExists.bind(host);
	host.fileExists = (fileName) => sources.has(path.resolve(fileName)) || fileExists(fileName);
	const program = ts.createProgram(files, options, host);
	return files.map((f) =>
		ts
			.getPreEmitDiagnostics(program, program.getSourceFile(f))
			.map((d) => `TS${String(d.code)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
	);
}

const CASES: readonly [string, string, string][] = [
	// what, mixes currencies (must not compile), the same with one currency (must compile)
	[
		'money: USD + EUR',
		`export const x = add(money(100, 'USD'), money(200, 'EUR'));`,
		`export const x = add(money(100, 'USD'), money(200, 'USD'));`,
	],
	[
		'money: USD − EUR',
		`export const x = subtract(money(100, 'USD'), money(200, 'EUR'));`,
		`export const x = subtract(money(100, 'USD'), money(200, 'USD'));`,
	],
	[
		'branded minor units: USD + EUR',
		`export const x = plus(usd(1), eur(2));`,
		`export const x = plus(usd(1), usd(2));`,
	],
	[
		'an aging item: a plain number is not an amount',
		`export const i: AgingItem<'USD'> = { openMinor: 100, tranDate: D };`,
		`export const i: AgingItem<'USD'> = { openMinor: usd(100), tranDate: D };`,
	],
	[
		'aging: an EUR item in a USD aging',
		`export const a = ageOpenItems<'USD'>([{ openMinor: eur(100), tranDate: D }], D);`,
		`export const a = ageOpenItems<'USD'>([{ openMinor: usd(100), tranDate: D }], D);`,
	],
	[
		'net aging: a USD aging against an EUR balance',
		`export const f = (g: AgingAmounts<'USD'>) => netAging(g, eur(5));`,
		`export const f = (g: AgingAmounts<'USD'>) => netAging(g, usd(5));`,
	],
	[
		'ledger flows: a USD ledger opened with an EUR balance',
		`export const l = (f: DailyFlow<'USD'>[]) => buildArLedger(f, eur(1));`,
		`export const l = (f: DailyFlow<'USD'>[]) => buildArLedger(f, usd(1));`,
	],
	[
		'ledger flows: an EUR flow in a USD ledger',
		`export const l = (f: DailyFlow<'EUR'>) => buildArLedger<'USD'>([f]);`,
		`export const l = (f: DailyFlow<'USD'>) => buildArLedger<'USD'>([f]);`,
	],
	[
		'DSO: USD A/R over EUR sales',
		`export const d = standardDso(usd(100), eur(300), 30);`,
		`export const d = standardDso(usd(100), usd(300), 30);`,
	],
	[
		"customer rows (base B) plus the customer's credit balance (its own currency K), inside the core",
		`export const f = <B extends string, K extends string>(r: CustomerRow<B>, c: CreditPosition<K>): Minor<B> => plus(r.amountMinor, c.balanceMinor);`,
		`export const f = <B extends string, K extends string>(r: CustomerRow<B>, c: CreditPosition<K>): Minor<B> => plus(r.amountMinor, r.remainingMinor);`,
	],
	[
		'customer metrics: EUR rows for a USD subsidiary',
		`export const f = (rows: CustomerRow<'EUR'>[], info: CustomerInfo<'USD', 'GBP'>) => computeCustomerMetrics(rows, info, [], D);`,
		`export const f = (rows: CustomerRow<'USD'>[], info: CustomerInfo<'USD', 'GBP'>) => computeCustomerMetrics(rows, info, [], D);`,
	],
];

describe('currency safety (TypeScript compiler)', () => {
	const results = compile(['export {};', ...CASES.flatMap(([, mixed, same]) => [mixed, same])]);
	it('the header of the snippets compiles on its own', () => {
		expect(results[0]).toEqual([]);
	});
	it.each(CASES.map(([what], i) => [what, i] as const))('%s', (_what, i) => {
		const bad = results[1 + 2 * i] ?? [];
		expect(bad.length).toBeGreaterThanOrEqual(1);
		expect(bad.join('\n')).toMatch(/TS2(322|345|769)/); // not assignable / no overload matches
		expect(results[2 + 2 * i]).toEqual([]);
	});
	it('names both currencies when USD and EUR meet', () => {
		expect(results[1]).toHaveLength(1);
		expect(results[1]?.[0]).toMatch(/TS2345: .*"EUR".*"USD"/s);
	});
});
