/**
 * N/dataset and N/workbook (modules/dataset.ts, modules/workbook.ts, modules/analytics/*): datasets
 * over the analytics records, conditions, formula columns, a Dataset Builder plug-in loaded by id,
 * a pivot run with its governance, and what the emulator refuses instead of guessing.
 */
import { lastLogged, newEmulator } from './helpers';
import { parseFormula, type FormulaValue } from '../../local/emulator/modules/analytics/formula';

const run = (mode: string): unknown => {
	const emu = newEmulator({ modules: {} });
	const r = emu.runScheduled('customscript_t_analytics_ss', undefined, { params: { custscript_t_amode: mode } });
	expect(r.status).toBe('COMPLETE');
	return lastLogged(emu.logs);
};

describe('dataset formulas (the modelled subset)', () => {
	const f = (src: string, values: Record<string, FormulaValue>): FormulaValue =>
		parseFormula(src).evaluate((p) => values[p] ?? null);
	const BUCKET =
		"CASE WHEN NVL({d}, 0) <= 0 THEN '1. Current' WHEN {d} <= 30 THEN '2. 1-30' WHEN {d} <= 90 THEN '3. 31-90' ELSE '4. 90+' END";

	test('CASE WHEN with NVL: the aging bucket of days overdue', () => {
		expect([null, 0, 1, 30, 31, 90, 91].map((d) => f(BUCKET, { d }))).toEqual([
			'1. Current',
			'1. Current',
			'2. 1-30',
			'2. 1-30',
			'3. 31-90',
			'3. 31-90',
			'4. 90+',
		]);
		expect(parseFormula(BUCKET).fields).toEqual(['d']);
	});

	test('SQL NULL: arithmetic and comparisons with NULL are NULL; IS NULL, AND/OR three-valued', () => {
		expect(f('{a} * {b}', { a: 2, b: null })).toBeNull();
		expect(f("CASE WHEN {a} > 1 THEN 'y' ELSE 'n' END", { a: null })).toBe('n');
		expect(f('{a} IS NULL', { a: null })).toBe(true);
		expect(f('{a} IS NOT NULL AND {b} > 1', { a: 1, b: 2 })).toBe(true);
		expect(f('{a} > 1 OR {b} > 1', { a: null, b: 2 })).toBe(true);
		expect(f('{a} / {b}', { a: 1, b: 0 })).toBeNull();
	});

	test('ROUND half away from zero on the decimal value (1.005 → 1.01), ABS, unary minus', () => {
		expect(f('ROUND({a} * {b}, 2)', { a: 100.5, b: 0.9 })).toBe(90.45);
		expect(f('ROUND({a}, 2)', { a: 1.005 })).toBe(1.01);
		expect(f('ROUND({a}, 2)', { a: -2.675 })).toBe(-2.68);
		expect(f('ABS(-{a})', { a: 3 })).toBe(3);
	});

	test('functions and operators outside the subset are refused by name', () => {
		expect(() => parseFormula('DECODE({a}, 1, 2)')).toThrow(/DECODE in dataset formulas/);
		expect(() => parseFormula("{a} || 'x'")).toThrow(/the \|\| operator/);
		expect(() => parseFormula('TRUNC(SYSDATE)')).toThrow(/TRUNC in dataset formulas/);
		expect(() => parseFormula('{a} +')).toThrow(/Formula ends early/);
	});
});

describe('N/dataset', () => {
	test('run: the columns of every matching record in id order, a formula column, 10 units', () => {
		expect(run('customers')).toEqual({
			run: 10,
			values: [[`Acme Retail`, 101, 'big']],
			mapped: [{ name: 'Acme Retail', id: 101, size: 'big' }],
		});
	});

	test('refused instead of guessed: lines beyond the main line, unknown fields and types, functions, relative dates', () => {
		const r = run('refusals') as Record<string, { name?: string; message?: string }>;
		expect(r.lines).toMatchObject({ name: 'EMULATOR_UNSUPPORTED' });
		expect(r.lines?.message).toMatch(/transactionlines\.mainline IS true/);
		expect(r.field).toMatchObject({ name: 'INVALID_FIELD_ID' });
		expect(r.fn?.message).toMatch(/DECODE/);
		expect(r.relative?.message).toMatch(/relative dates/);
		expect(r.sort?.message).toMatch(/sort definitions/);
		expect(r.type?.message).toMatch(/analytics record type opportunity/);
		expect(r.agg).toMatchObject({ name: 'INVALID_AGGREGATION' });
	});
});

describe('N/workbook', () => {
	test('runPivot over a Dataset Builder plug-in loaded by script id: one intersection per customer, 10 units each', () => {
		// the fixture store's invoices: 12 and 14 of customer 100 (1,200 and 50), 13 of 101 (300.50)
		expect(run('pivot')).toEqual({
			units: 20,
			cells: [
				[[100], 1250],
				[[101], 300.5],
			],
		});
	});

	test('the plug-in runs with its context and must set context.dataset', () => {
		const emu = newEmulator({ modules: {} });
		const spec = emu.buildDataset('customscript_t_ds');
		expect(spec).toMatchObject({ type: 'transaction', name: 'Test | dataset plug-in' });
		expect(spec.columns.map((c) => c.alias)).toEqual(['customer', 'amount']);
	});
});
