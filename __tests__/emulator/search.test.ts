/**
 * N/search semantics over a small hand-built account (as-of D = 2026-03-15). Expected values are
 * worked out by hand in the comments; see the dataset below.
 *
 * Transactions existing at D (id: what, entity, date, amount -> derived):
 *   1 SO-1   SalesOrd 100 1/2   1200            billed (SalesOrd:G)
 *   2 INV-1  CustInvc 100 1/5   1200 due 2/4    from SO-1; paid 1000 (PYMT-1 2/10) + 50 (CM-1 2/12) + 150 (PYMT-2 3/1): closed 3/1
 *   3 PYMT-1 CustPymt 100 2/10  1300            300 unapplied
 *   4 CM-1   CustCred 100 2/12  50              fully applied
 *   5 INV-2  CustInvc 100 2/1   500 due 3/3     disputed; 120 paid (PYMT-3 3/10): 380 open, 12 days overdue
 *   6 PYMT-2 CustPymt 100 3/1   150
 *   7 PYMT-3 CustPymt 100 3/10  200             80 unapplied
 *   8 INV-3  CustInvc 100 3/15  800 due 4/14    open, 0 days overdue
 *  13 SO-2   SalesOrd 100 3/1   700             pending billing
 *  14 INV-5  CustInvc 101 3/1   250 (no due)    open, days overdue empty
 *  20 INV-10 CustInvc 200 2/1   100.01 GBP x 1.1675 = 116.76 EUR, due 3/1; 50 GBP paid (58.37 base): 58.39 open, 14 days
 *  21 PYMT-10 CustPymt 200 2/20 50 GBP x 1.17 = 58.50
 *  22 INV-11 CustInvc 200 2/2   1.00 GBP x 1.005 = 1.01 EUR, due 4/1
 * Not existing at D: 9 INV-4 (3/20), 12 PYMT-4 (3/25).
 */
import { buildStore, accountInfo } from '../../local/emulator/account';
import { createSearchModule, runForMapReduceInput } from '../../local/emulator/modules/search';
import type { ModuleContext, SavedSearchDef } from '../../local/emulator/context';
import type { SdfProject } from '../../local/sdf/types';
import { errorOf, handDataset as dataset, ML, projectObjects, RecordingMeter } from './searchSupport';

const D = '2026-03-15';

function project(): SdfProject {
	return projectObjects();
}

function setup() {
	const ds = dataset();
	const objects = project();
	const store = buildStore(ds, D, objects);
	const meter = new RecordingMeter();
	const ctx: ModuleContext = {
		store,
		objects,
		meter,
		account: accountInfo(ds, D),
		script: {
			scriptId: 'customscript_test',
			deploymentId: 'customdeploy_test',
			objectType: 'scheduledscript',
			params: {},
			logLevel: 'DEBUG',
		},
		savedSearches: new Map<string, SavedSearchDef>(),
	};
	return { ctx, meter, search: createSearchModule(ctx) };
}

type SearchModule = ReturnType<typeof createSearchModule>;
interface Result {
	id: string | null;
	recordType: string | null;
	getValue(c: unknown): unknown;
	getText(c: unknown): unknown;
	toJSON(): unknown;
}

function all(s: { run(): { getRange(o: { start: number; end: number }): Result[] } }): Result[] {
	return s.run().getRange({ start: 0, end: 1000 });
}
function ids(s: { run(): { getRange(o: { start: number; end: number }): Result[] } }): number[] {
	return all(s).map((r) => Number(r.id));
}

function invoiceIds(search: SearchModule, ...filters: unknown[][]): number[] {
	const f: unknown[] = [ML];
	for (const x of filters) f.push('AND', x);
	return ids(search.create({ type: search.Type.INVOICE, filters: f, columns: ['internalid'] }));
}

describe('enums', () => {
	const { search } = setup();
	test('string values as NetSuite', () => {
		expect(search.Type.INVOICE).toBe('invoice');
		expect(search.Type.CUSTOMER_PAYMENT).toBe('customerpayment');
		expect(search.Type.CREDIT_MEMO).toBe('creditmemo');
		expect(search.Type.SALES_ORDER).toBe('salesorder');
		expect(search.Type.TRANSACTION).toBe('transaction');
		expect(search.Summary.SUM).toBe('SUM');
		expect(search.Summary.GROUP).toBe('GROUP');
		expect(search.Operator.ANYOF).toBe('anyof');
		expect(search.Operator.ONORBEFORE).toBe('onorbefore');
		expect(search.Sort.DESC).toBe('DESC');
	});
	test('a member the emulator lacks throws instead of being undefined', () => {
		expect(errorOf(() => (search as unknown as Record<string, unknown>).somethingElse).name).toBe(
			'EMULATOR_UNSUPPORTED',
		);
	});
});

describe('result values', () => {
	const { search } = setup();
	const cols = [
		'tranid',
		'trandate',
		'duedate',
		'closedate',
		'amount',
		'fxamount',
		'amountremaining',
		'amountpaid',
		'entity',
		'status',
		'type',
		'mainline',
		'custbody_o2c_disputed',
		'daysoverdue',
		'exchangerate',
		'subsidiary',
		'currency',
		'terms',
		'createdfrom',
		'posting',
	];
	const byId = (id: number): Result => {
		const r = all(
			search.create({ type: 'transaction', filters: [ML, 'AND', ['internalid', 'anyof', id]], columns: cols }),
		)[0];
		if (!r) throw new Error(`no row ${id}`);
		return r;
	};

	test('a closed invoice', () => {
		const r = byId(2);
		expect(r.recordType).toBe('invoice');
		expect(r.id).toBe('2');
		expect(r.getValue('tranid')).toBe('INV-1');
		expect(r.getValue('trandate')).toBe('1/5/2026');
		expect(r.getValue('duedate')).toBe('2/4/2026');
		expect(r.getValue('closedate')).toBe('3/1/2026');
		expect(r.getValue('amount')).toBe('1200.00');
		expect(r.getValue('amountremaining')).toBe('0.00');
		expect(r.getValue('amountpaid')).toBe('1200.00');
		expect(r.getValue('entity')).toBe('100');
		expect(r.getText('entity')).toBe('Test Co 1');
		expect(r.getValue('status')).toBe('paidInFull');
		expect(r.getText('status')).toBe('Paid In Full');
		expect(r.getValue('type')).toBe('CustInvc');
		expect(r.getText('type')).toBe('Invoice');
		expect(r.getValue('mainline')).toBe('*');
		expect(r.getValue('custbody_o2c_disputed')).toBe(false);
		expect(r.getValue('posting')).toBe(true);
		expect(r.getValue('daysoverdue')).toBe('');
		expect(r.getValue('exchangerate')).toBe('1');
		expect(r.getValue('subsidiary')).toBe('1');
		expect(r.getText('subsidiary')).toBe('Test Sub US');
		expect(r.getValue('currency')).toBe('1');
		expect(r.getText('currency')).toBe('USD');
		expect(r.getText('terms')).toBe('Net 30');
		expect(r.getValue('createdfrom')).toBe('1');
		expect(r.getText('createdfrom')).toBe('Sales Order #SO-1');
	});

	test('open, foreign-currency, payment and sales order rows', () => {
		const inv2 = byId(5);
		expect([
			inv2.getValue('amountremaining'),
			inv2.getValue('daysoverdue'),
			inv2.getValue('status'),
			inv2.getValue('custbody_o2c_disputed'),
			inv2.getValue('closedate'),
		]).toEqual(['380.00', '12', 'open', true, '']);
		const inv10 = byId(20);
		expect([
			inv10.getValue('amount'),
			inv10.getValue('fxamount'),
			inv10.getValue('amountremaining'),
			inv10.getValue('exchangerate'),
			inv10.getText('currency'),
			inv10.getValue('daysoverdue'),
		]).toEqual(['116.76', '100.01', '58.39', '1.1675', 'GBP', '14']);
		const pay = byId(3);
		expect(pay.recordType).toBe('customerpayment');
		expect([
			pay.getValue('amount'),
			pay.getValue('amountremaining'),
			pay.getValue('status'),
			pay.getText('status'),
			pay.getValue('duedate'),
			pay.getValue('amountpaid'),
		]).toEqual(['-1300.00', '300.00', 'deposited', 'Deposited', '', '']);
		const so = byId(13);
		expect([
			so.getValue('status'),
			so.getText('status'),
			so.getValue('posting'),
			so.getValue('amountremaining'),
		]).toEqual(['pendingBilling', 'Pending Billing', false, '0.00']);
	});

	test('getValue by {name, join, summary} and by column object; unknown columns give null', () => {
		const c = search.createColumn({ name: 'email', join: 'customer' });
		const r = all(
			search.create({
				type: 'invoice',
				filters: [ML, 'AND', ['internalid', 'anyof', '5']],
				columns: ['tranid', c],
			}),
		)[0] as Result;
		expect(r.getValue(c)).toBe('ap1@example.com');
		expect(r.getValue({ name: 'email', join: 'customer' })).toBe('ap1@example.com');
		expect(r.getValue({ name: 'email', join: 'Customer' })).toBe('ap1@example.com');
		expect(r.getValue('customer.email')).toBe('ap1@example.com');
		expect(r.getValue('email')).toBeNull();
		expect(r.getValue('amount')).toBeNull();
		expect(r.getText('tranid')).toBeNull();
	});

	test('toJSON: selects as {value, text}, joins as name.join', () => {
		const s = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['internalid', 'anyof', '5']],
			columns: [
				'internalid',
				'entity',
				'trandate',
				'amount',
				'custbody_o2c_disputed',
				'mainline',
				search.createColumn({ name: 'trandate', join: 'applyingtransaction' }),
			],
		});
		expect(JSON.parse(JSON.stringify(all(s)[0]))).toEqual({
			recordType: 'invoice',
			id: '5',
			values: {
				internalid: { value: '5', text: '5' },
				entity: { value: '100', text: 'Test Co 1' },
				trandate: '2/1/2026',
				amount: '500.00',
				custbody_o2c_disputed: true,
				mainline: '*',
				'trandate.applyingtransaction': '3/10/2026',
			},
		});
	});
});

describe('operators by field type', () => {
	const { search } = setup();

	test('select: anyof, noneof, @NONE@', () => {
		expect(invoiceIds(search, ['entity', 'anyof', '100', '101'])).toEqual([2, 5, 8, 14]);
		expect(invoiceIds(search, ['entity', 'anyof', [100, 101]])).toEqual([2, 5, 8, 14]);
		expect(invoiceIds(search, ['entity', 'noneof', '100'])).toEqual([14, 20, 22]);
		expect(invoiceIds(search, ['name', 'anyof', '200'])).toEqual([20, 22]);
		expect(invoiceIds(search, ['createdfrom', 'anyof', '@NONE@'])).toEqual([5, 8, 14, 20, 22]);
		expect(invoiceIds(search, ['createdfrom', 'noneof', '@NONE@'])).toEqual([2]);
		expect(invoiceIds(search, ['status', 'anyof', 'CustInvc:B'])).toEqual([2]);
		expect(invoiceIds(search, ['subsidiary', 'anyof', '2'])).toEqual([20, 22]);
		expect(invoiceIds(search, ['internalid', 'anyof', '5', '8', '9'])).toEqual([5, 8]);
	});

	test('checkbox: is T/F, booleans accepted', () => {
		expect(invoiceIds(search, ['custbody_o2c_disputed', 'is', 'T'])).toEqual([5]);
		expect(invoiceIds(search, ['custbody_o2c_disputed', 'is', true])).toEqual([5]);
		expect(invoiceIds(search, ['custbody_o2c_disputed', 'is', 'F'])).toEqual([2, 8, 14, 20, 22]);
		expect(invoiceIds(search, ['amountremainingisabovezero', 'is', 'F'])).toEqual([2]);
		expect(errorOf(() => invoiceIds(search, ['custbody_o2c_disputed', 'is', 'yes'])).name).toBe(
			'SSS_INVALID_SRCH_FILTER',
		);
	});

	test('numbers: comparisons, between, empty', () => {
		expect(invoiceIds(search, ['amountremaining', 'greaterthan', '0'])).toEqual([5, 8, 14, 20, 22]);
		expect(invoiceIds(search, ['amountremaining', 'equalto', 380])).toEqual([5]);
		expect(invoiceIds(search, ['amount', 'between', '250', '800'])).toEqual([5, 8, 14]);
		expect(invoiceIds(search, ['amount', 'notbetween', '250', '800'])).toEqual([2, 20, 22]);
		expect(invoiceIds(search, ['amount', 'lessthan', '1.02'])).toEqual([22]);
		expect(invoiceIds(search, ['amount', 'lessthanorequalto', '116.76'])).toEqual([20, 22]);
		expect(invoiceIds(search, ['amountremaining', 'notequalto', '0'])).toEqual([5, 8, 14, 20, 22]);
		expect(invoiceIds(search, ['daysoverdue', 'greaterthanorequalto', '12'])).toEqual([5, 20]);
		expect(invoiceIds(search, ['daysoverdue', 'notgreaterthan', '0'])).toEqual([8, 22]);
		expect(invoiceIds(search, ['daysoverdue', 'isempty'])).toEqual([2, 14]);
		expect(invoiceIds(search, ['daysoverdue', 'isnotempty'])).toEqual([5, 8, 20, 22]);
		expect(invoiceIds(search, ['exchangerate', 'greaterthan', '1'])).toEqual([20, 22]);
		expect(invoiceIds(search, ['internalidnumber', 'greaterthan', '14'])).toEqual([20, 22]);
		expect(errorOf(() => invoiceIds(search, ['amount', 'greaterthan', 'abc'])).name).toBe(
			'SSS_INVALID_SRCH_FILTER',
		);
	});

	test('dates: user-format strings, Date objects, relative today', () => {
		expect(invoiceIds(search, ['trandate', 'on', '2/1/2026'])).toEqual([5, 20]);
		expect(invoiceIds(search, ['trandate', 'noton', '2/1/2026'])).toEqual([2, 8, 14, 22]);
		expect(invoiceIds(search, ['trandate', 'before', '2/1/2026'])).toEqual([2]);
		expect(invoiceIds(search, ['trandate', 'after', '3/1/2026'])).toEqual([8]);
		expect(invoiceIds(search, ['trandate', 'onorbefore', '2/1/2026'])).toEqual([2, 5, 20]);
		expect(invoiceIds(search, ['trandate', 'onorafter', '3/1/2026'])).toEqual([8, 14]);
		expect(invoiceIds(search, ['trandate', 'notbefore', '3/1/2026'])).toEqual([8, 14]);
		expect(invoiceIds(search, ['trandate', 'notafter', '1/5/2026'])).toEqual([2]);
		expect(invoiceIds(search, ['trandate', 'within', '2/1/2026', '2/2/2026'])).toEqual([5, 20, 22]);
		expect(invoiceIds(search, ['trandate', 'within', ['02/01/2026', '02/02/2026']])).toEqual([5, 20, 22]);
		expect(invoiceIds(search, ['trandate', 'notwithin', '2/1/2026', '3/1/2026'])).toEqual([2, 8]);
		// 2026-02-01 17:00 UTC is Feb 1 in New York (the account's zone)
		expect(invoiceIds(search, ['trandate', 'on', new Date(Date.UTC(2026, 1, 1, 17))])).toEqual([5, 20]);
		// 2026-02-02 03:00 UTC is still Feb 1 in New York
		expect(invoiceIds(search, ['trandate', 'on', new Date(Date.UTC(2026, 1, 2, 3))])).toEqual([5, 20]);
		expect(invoiceIds(search, ['trandate', 'on', 'today'])).toEqual([8]);
		expect(invoiceIds(search, ['duedate', 'isempty'])).toEqual([14]);
		expect(invoiceIds(search, ['closedate', 'isnotempty'])).toEqual([2]);
		expect(invoiceIds(search, ['duedate', 'before', '3/15/2026'])).toEqual([2, 5, 20]);
		const bad = errorOf(() => invoiceIds(search, ['trandate', 'on', '2026-02-01']));
		expect(bad.name).toBe('SSS_INVALID_SRCH_FILTER');
		expect(bad.message).toMatch(/M\/D\/YYYY/);
		expect(errorOf(() => invoiceIds(search, ['trandate', 'on', '2/30/2026'])).name).toBe('SSS_INVALID_SRCH_FILTER');
	});

	test('text: is, contains, startswith, empty (case-insensitive)', () => {
		expect(invoiceIds(search, ['tranid', 'is', 'inv-1'])).toEqual([2]);
		expect(invoiceIds(search, ['tranid', 'isnot', 'INV-1'])).toEqual([5, 8, 14, 20, 22]);
		expect(invoiceIds(search, ['tranid', 'contains', '-1'])).toEqual([2, 20, 22]);
		expect(invoiceIds(search, ['tranid', 'startswith', 'INV-1'])).toEqual([2, 20, 22]);
		expect(invoiceIds(search, ['tranid', 'doesnotcontain', '1'])).toEqual([5, 8, 14]);
		expect(invoiceIds(search, ['tranid', 'doesnotstartwith', 'inv-1'])).toEqual([5, 8, 14]);
		expect(invoiceIds(search, ['tranid', 'isempty'])).toEqual([]);
		const customers = (f: unknown[]) => ids(search.create({ type: 'customer', filters: f, columns: ['entityid'] }));
		expect(customers([['companyname', 'contains', 'co 2']])).toEqual([101]);
		expect(customers([['email', 'isempty']])).toEqual([101, 200]);
		expect(customers([['email', 'isnotempty']])).toEqual([100]);
	});

	test('operators that do not fit the field type are refused', () => {
		expect(errorOf(() => invoiceIds(search, ['entity', 'is', '100'])).name).toBe('SSS_INVALID_SRCH_OPERATOR');
		expect(errorOf(() => invoiceIds(search, ['amount', 'contains', '1'])).name).toBe('SSS_INVALID_SRCH_OPERATOR');
		expect(errorOf(() => invoiceIds(search, ['trandate', 'greaterthan', '1/1/2026'])).name).toBe(
			'SSS_INVALID_SRCH_OPERATOR',
		);
		expect(errorOf(() => invoiceIds(search, ['tranid', 'nosuchop', 'x'])).name).toBe('SSS_INVALID_SRCH_OPERATOR');
	});
});

describe('filter expressions and Filter objects', () => {
	const { search } = setup();

	test('OR and nesting', () => {
		expect(invoiceIds(search, [['entity', 'anyof', '101'], 'OR', ['daysoverdue', 'greaterthan', '13']])).toEqual([
			14, 20,
		]);
		expect(
			invoiceIds(search, [
				['entity', 'anyof', '101'],
				'or',
				[['entity', 'anyof', '100'], 'AND', ['custbody_o2c_disputed', 'is', 'T']],
			]),
		).toEqual([5, 14]);
	});

	test('NOT', () => {
		expect(invoiceIds(search, ['NOT', ['entity', 'anyof', '100']])).toEqual([14, 20, 22]);
		expect(invoiceIds(search, ['NOT', [['entity', 'anyof', '100'], 'OR', ['subsidiary', 'anyof', '2']]])).toEqual([
			14,
		]);
	});

	test('AND binds tighter than OR', () => {
		const customers = (f: unknown[]) => ids(search.create({ type: 'customer', filters: f, columns: ['entityid'] }));
		// (100 AND 101) OR 200 -> 200; read as 100 AND (101 OR 200) it would be nothing
		expect(
			customers([
				['internalid', 'anyof', '100'],
				'AND',
				['internalid', 'anyof', '101'],
				'OR',
				['internalid', 'anyof', '200'],
			]),
		).toEqual([200]);
	});

	test('Filter objects, a single term, filterExpression', () => {
		const f = [
			search.createFilter({ name: 'mainline', operator: search.Operator.IS, values: ['T'] }),
			search.createFilter({ name: 'entity', operator: 'anyof', values: 100 }),
		];
		expect(ids(search.create({ type: 'invoice', filters: f, columns: ['internalid'] }))).toEqual([2, 5, 8]);
		expect(
			ids(search.create({ type: 'customer', filters: ['internalid', 'anyof', '101'], columns: ['entityid'] })),
		).toEqual([101]);
		const s = search.create({
			type: 'invoice',
			filterExpression: [ML, 'AND', ['entity', 'anyof', '200']],
			columns: ['internalid'],
		});
		expect(ids(s)).toEqual([20, 22]);
		// the andFilters pattern: own expression nested as an operand
		s.filterExpression = [s.filterExpression, 'AND', [['trandate', 'after', '2/1/2026']]];
		expect(ids(s)).toEqual([22]);
		expect(s.filterExpression).toEqual([
			[['mainline', 'is', 'T'], 'AND', ['entity', 'anyof', '200']],
			'AND',
			['trandate', 'after', '2/1/2026'],
		]);
		// Search.filters is a live array of Filter objects
		const t = search.create({ type: 'invoice', filters: [ML], columns: ['internalid'] });
		t.filters.push(search.createFilter({ name: 'subsidiary', operator: 'anyof', values: ['2'] }));
		expect(ids(t)).toEqual([20, 22]);
		t.filters = [
			search.createFilter({ name: 'mainline', operator: 'is', values: 'T' }),
			search.createFilter({ name: 'internalid', operator: 'anyof', values: [8] }),
		];
		expect(ids(t)).toEqual([8]);
	});

	test('malformed expressions', () => {
		expect(errorOf(() => search.create({ type: 'invoice', filters: [ML, 'AND'] })).name).toBe(
			'SSS_INVALID_SRCH_FILTER_EXPR',
		);
		expect(errorOf(() => search.create({ type: 'invoice', filters: [ML, 'AND', 'OR', ML] })).name).toBe(
			'SSS_INVALID_SRCH_FILTER_EXPR',
		);
		expect(errorOf(() => search.create({ type: 'invoice', filters: [ML, 'AND', 42] })).name).toBe(
			'SSS_INVALID_SRCH_FILTER_EXPR',
		);
	});
});

describe('unknown fields, joins, types; refusals', () => {
	const { search } = setup();
	const run = (o: Parameters<SearchModule['create']>[0]) => () => all(search.create(o));

	test('unknown field or join names the NetSuite code', () => {
		expect(errorOf(run({ type: 'invoice', filters: [ML, 'AND', ['nosuchfield', 'is', 'x']] })).name).toBe(
			'SSS_INVALID_SRCH_FILTER',
		);
		expect(errorOf(run({ type: 'invoice', filters: [ML, 'AND', ['nosuchjoin.email', 'is', 'x']] })).name).toBe(
			'SSS_INVALID_SRCH_FILTER_JOIN',
		);
		expect(errorOf(run({ type: 'invoice', filters: [ML, 'AND', ['customer.nosuchfield', 'is', 'x']] })).name).toBe(
			'SSS_INVALID_SRCH_FILTER',
		);
		expect(errorOf(run({ type: 'invoice', filters: [ML], columns: ['nosuchcolumn'] })).name).toBe(
			'SSS_INVALID_SRCH_COL',
		);
		expect(
			errorOf(
				run({
					type: 'invoice',
					filters: [ML],
					columns: [search.createColumn({ name: 'email', join: 'nosuchjoin' })],
				}),
			).name,
		).toBe('SSS_INVALID_SRCH_COLUMN_JOIN');
		expect(errorOf(run({ type: 'customer', columns: ['mainline'] })).name).toBe('SSS_INVALID_SRCH_COL');
		expect(errorOf(run({ type: 'customrecord_o2c_promise', columns: ['custrecord_o2c_xx_undeclared'] })).name).toBe(
			'SSS_INVALID_SRCH_COL',
		);
		expect(errorOf(() => search.create({ type: 'journalentry' })).name).toBe('SSS_INVALID_RECORD_TYPE');
		expect(errorOf(() => search.create({ type: 'customrecord_not_deployed' })).name).toBe(
			'SSS_INVALID_RECORD_TYPE',
		);
	});

	test('transaction searches without mainline is T are refused: line rows are not modelled', () => {
		for (const filters of [
			[],
			[['entity', 'anyof', '100']],
			[['mainline', 'is', 'F']],
			[[ML, 'OR', ['entity', 'anyof', '100']]],
		]) {
			const e = errorOf(run({ type: 'invoice', filters, columns: ['tranid'] }));
			expect(e.name).toBe('EMULATOR_UNSUPPORTED');
			expect(e.message).toMatch(/line rows are not modelled/);
		}
		expect(
			errorOf(run({ type: 'transaction', filters: [['type', 'anyof', 'CustInvc']], columns: ['tranid'] }))
				.message,
		).toMatch(/mainline/);
	});

	test('formula columns and filters, column functions are refused', () => {
		const f1 = errorOf(() => search.createColumn({ name: 'formulanumeric', formula: '{amount}' }));
		expect(f1.name).toBe('EMULATOR_UNSUPPORTED');
		expect(f1.message).toMatch(/formula/);
		expect(
			errorOf(() =>
				search.create({
					type: 'invoice',
					filters: [ML, 'AND', ['formulanumeric: {amount}', 'greaterthan', '0']],
				}),
			).message,
		).toMatch(/formula/);
		expect(errorOf(() => search.create({ type: 'invoice', columns: ['formulatext'] })).message).toMatch(/formula/);
		expect(
			errorOf(() => search.createFilter({ name: 'formuladate', operator: 'onorbefore', values: 'today' }))
				.message,
		).toMatch(/formula/);
		expect(errorOf(() => search.createColumn({ name: 'trandate', function: 'ageInDays' })).name).toBe(
			'EMULATOR_UNSUPPORTED',
		);
	});
});

describe('joins', () => {
	const { search } = setup();

	test('customer join', () => {
		expect(invoiceIds(search, ['customer.balance', 'greaterthan', '500'])).toEqual([2, 5, 8]);
		expect(invoiceIds(search, ['customer.internalid', 'anyof', '101'])).toEqual([14]);
		const rows = all(
			search.create({
				type: 'invoice',
				filters: [ML, 'AND', ['subsidiary', 'anyof', '2']],
				columns: [
					search.createColumn({ name: 'companyname', join: 'customer' }),
					search.createColumn({ name: 'balance', join: 'customer' }),
				],
			}),
		);
		expect(
			rows.map((r) => [
				r.getValue({ name: 'companyname', join: 'customer' }),
				r.getValue({ name: 'balance', join: 'customer' }),
			]),
		).toEqual([
			// the customer record's balance is in its own currency: 50.01 + 1.00 GBP
			['Test Co 3', '51.01'],
			['Test Co 3', '51.01'],
		]);
	});

	test('createdfrom join', () => {
		expect(invoiceIds(search, ['createdfrom.type', 'anyof', 'SalesOrd'])).toEqual([2]);
		expect(invoiceIds(search, ['createdfrom.status', 'anyof', 'SalesOrd:G'])).toEqual([2]);
		const r = all(
			search.create({
				type: 'invoice',
				filters: [ML, 'AND', ['internalid', 'anyof', '2', '5']],
				columns: [
					search.createColumn({ name: 'trandate', join: 'createdFrom' }),
					search.createColumn({ name: 'tranid', join: 'createdfrom' }),
				],
			}),
		);
		expect(
			r.map((x) => [
				x.getValue({ name: 'trandate', join: 'createdfrom' }),
				x.getValue({ name: 'tranid', join: 'createdfrom' }),
			]),
		).toEqual([
			['1/2/2026', 'SO-1'],
			['', ''],
		]);
	});

	test('applyingtransaction: one row per application dated ≤ D, outer-joined', () => {
		const s = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['internalid', 'anyof', '2', '5', '8']],
			columns: [
				'tranid',
				'applyingtransaction',
				search.createColumn({ name: 'trandate', join: 'applyingtransaction' }),
				search.createColumn({ name: 'type', join: 'applyingtransaction' }),
				'applyinglinkamount',
			],
		});
		const rows = all(s).map((r) => [
			r.id,
			r.getValue('applyingtransaction'),
			r.getText('applyingtransaction'),
			r.getValue({ name: 'trandate', join: 'applyingtransaction' }),
			r.getValue({ name: 'type', join: 'applyingtransaction' }),
			r.getValue('applyinglinkamount'),
		]);
		expect(rows).toEqual([
			['2', '3', 'Payment #PYMT-1', '2/10/2026', 'CustPymt', '1000.00'],
			['2', '4', 'Credit Memo #CM-1', '2/12/2026', 'CustCred', '50.00'],
			['2', '6', 'Payment #PYMT-2', '3/1/2026', 'CustPymt', '150.00'],
			['5', '7', 'Payment #PYMT-3', '3/10/2026', 'CustPymt', '120.00'], // PYMT-4 (3/25) is after D
			['8', '', '', '', '', ''],
		]);
	});

	test('filters on the applying transaction filter rows', () => {
		const rows = (f: unknown[]) =>
			all(
				search.create({
					type: 'invoice',
					filters: [ML, 'AND', f],
					columns: ['internalid', 'applyinglinkamount'],
				}),
			).map((r) => [r.id, r.getValue('applyinglinkamount')]);
		expect(rows(['applyingtransaction.type', 'anyof', 'CustCred'])).toEqual([['2', '50.00']]);
		expect(rows(['applyingtransaction.trandate', 'after', '2/11/2026'])).toEqual([
			['2', '50.00'],
			['2', '150.00'],
			['5', '120.00'],
			['20', '58.37'], // PYMT-10, 2/20
		]);
		expect(rows(['applyingtransaction', 'anyof', '@NONE@'])).toEqual([
			['8', ''],
			['14', ''],
			['22', ''],
		]);
		// foreign currency: the application's base amount is the drop in the invoice's base open amount
		expect(rows(['entity', 'anyof', '200'])).toEqual([
			['20', '58.37'],
			['22', ''],
		]);
	});
});

describe('summary searches', () => {
	const { search } = setup();
	const G = 'GROUP';

	test('GROUP subsidiary, type; SUM amount (signed, base currency, exact cents)', () => {
		const s = search.create({
			type: search.Type.TRANSACTION,
			settings: [search.createSetting({ name: 'consolidationtype', value: 'NONE' })],
			filters: [ML, 'AND', ['posting', 'is', 'T'], 'AND', ['type', 'anyof', 'CustInvc', 'CustCred', 'CustPymt']],
			columns: [
				search.createColumn({ name: 'subsidiary', summary: G }),
				search.createColumn({ name: 'type', summary: search.Summary.GROUP }),
				search.createColumn({ name: 'amount', summary: 'SUM' }),
			],
		});
		// US: invoices 1200+500+800+250 = 2750; payments -1300-150-200 = -1650; credit -50.
		// EU: invoices 116.76+1.01 = 117.77; payment -58.50. Groups ordered by text: EU before US.
		const rows = all(s).map((r) => [
			r.getValue({ name: 'subsidiary', summary: 'GROUP' }),
			r.getText({ name: 'subsidiary', summary: 'GROUP' }),
			r.getValue({ name: 'type', summary: G }),
			r.getValue({ name: 'amount', summary: 'SUM' }),
		]);
		expect(rows).toEqual([
			['2', 'Test Sub EU', 'CustInvc', '117.77'],
			['2', 'Test Sub EU', 'CustPymt', '-58.50'],
			['1', 'Test Sub US', 'CustCred', '-50.00'],
			['1', 'Test Sub US', 'CustInvc', '2750.00'],
			['1', 'Test Sub US', 'CustPymt', '-1650.00'],
		]);
		const first = all(s)[0] as Result;
		expect(first.recordType).toBe('transaction');
		expect(first.id).toBeNull();
		expect(first.getValue('amount')).toBeNull(); // the summary must be repeated
		expect(JSON.parse(JSON.stringify(first))).toEqual({
			recordType: 'transaction',
			values: {
				'GROUP(subsidiary)': { value: '2', text: 'Test Sub EU' },
				'GROUP(type)': { value: 'CustInvc', text: 'Invoice' },
				'SUM(amount)': '117.77',
			},
		});
	});

	test('COUNT (distinct values), MIN, MAX, AVG', () => {
		const s = search.create({
			type: 'invoice',
			filters: [ML],
			columns: [
				search.createColumn({ name: 'entity', summary: G }),
				search.createColumn({ name: 'internalid', summary: 'COUNT' }),
				search.createColumn({ name: 'trandate', summary: 'MIN' }),
				search.createColumn({ name: 'trandate', summary: 'MAX' }),
				search.createColumn({ name: 'amount', summary: 'AVG' }),
				search.createColumn({ name: 'daysoverdue', summary: 'MAX' }),
			],
		});
		// 100: INV-1/2/3 (1200+500+800)/3 = 833.33; 101: INV-5; 200: INV-10, INV-11 (116.76+1.01)/2 = 58.885 -> 58.89
		expect(all(s).map((r) => r.toJSON())).toEqual([
			{
				recordType: 'invoice',
				values: {
					'GROUP(entity)': { value: '100', text: 'Test Co 1' },
					'COUNT(internalid)': '3',
					'MIN(trandate)': '1/5/2026',
					'MAX(trandate)': '3/15/2026',
					'AVG(amount)': '833.33',
					'MAX(daysoverdue)': '12',
				},
			},
			{
				recordType: 'invoice',
				values: {
					'GROUP(entity)': { value: '101', text: 'Test Co 2' },
					'COUNT(internalid)': '1',
					'MIN(trandate)': '3/1/2026',
					'MAX(trandate)': '3/1/2026',
					'AVG(amount)': '250.00',
					'MAX(daysoverdue)': '',
				},
			},
			{
				recordType: 'invoice',
				values: {
					'GROUP(entity)': { value: '200', text: 'Test Co 3' },
					'COUNT(internalid)': '2',
					'MIN(trandate)': '2/1/2026',
					'MAX(trandate)': '2/2/2026',
					'AVG(amount)': '58.89',
					'MAX(daysoverdue)': '14',
				},
			},
		]);
	});

	test('with application rows: SUM per row, COUNT of distinct invoices, MAX of the applying date', () => {
		const s = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['subsidiary', 'anyof', '1']],
			columns: [
				search.createColumn({ name: 'entity', summary: G }),
				search.createColumn({ name: 'applyinglinkamount', summary: 'SUM' }),
				search.createColumn({ name: 'internalid', summary: 'COUNT' }),
				search.createColumn({ name: 'trandate', join: 'applyingtransaction', summary: 'MAX' }),
			],
		});
		// 100: rows INV-1 x3, INV-2 x1, INV-3 x1 (outer): 1000+50+150+120 = 1320 over 3 invoices
		expect(all(s).map((r) => Object.values((r.toJSON() as { values: Record<string, unknown> }).values))).toEqual([
			[{ value: '100', text: 'Test Co 1' }, '1320.00', '3', '3/10/2026'],
			[{ value: '101', text: 'Test Co 2' }, '', '1', ''],
		]);
		expect(Object.keys((all(s)[0]?.toJSON() as { values: object }).values)).toEqual([
			'GROUP(entity)',
			'SUM(applyinglinkamount)',
			'COUNT(internalid)',
			'MAX(trandate.applyingtransaction)',
		]);
	});

	test('no GROUP column: one row; no rows: no result', () => {
		const open = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['status', 'anyof', 'CustInvc:A']],
			columns: [search.createColumn({ name: 'amountremaining', summary: 'SUM' })],
		});
		// 380 + 800 + 250 + 58.39 + 1.01 = 1489.40 (mixed currencies: the search does not care)
		expect(all(open).map((r) => r.getValue({ name: 'amountremaining', summary: 'SUM' }))).toEqual(['1489.40']);
		const none = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['entity', 'anyof', '999']],
			columns: [search.createColumn({ name: 'amount', summary: 'SUM' })],
		});
		expect(all(none)).toEqual([]);
	});

	test('summary (HAVING) filters, as Filter objects and as sum(name) terms', () => {
		const cols = () => [
			search.createColumn({ name: 'entity', summary: G }),
			search.createColumn({ name: 'amount', summary: 'SUM' }),
		];
		const having = search.createFilter({
			name: 'amount',
			summary: search.Summary.SUM,
			operator: 'greaterthan',
			values: 1000,
		});
		const a = search.create({
			type: 'invoice',
			filters: [search.createFilter({ name: 'mainline', operator: 'is', values: 'T' }), having],
			columns: cols(),
		});
		expect(all(a).map((r) => r.getValue({ name: 'entity', summary: G }))).toEqual(['100']);
		const b = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['sum(amount)', 'lessthan', '1000']],
			columns: cols(),
		});
		expect(all(b).map((r) => r.getValue({ name: 'entity', summary: G }))).toEqual(['101', '200']);
		const c = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['count(internalid)', 'equalto', '2']],
			columns: cols(),
		});
		expect(all(c).map((r) => r.getValue({ name: 'entity', summary: G }))).toEqual(['200']);
		expect(
			errorOf(() =>
				all(
					search.create({
						type: 'invoice',
						filters: [ML, 'AND', [['sum(amount)', 'greaterthan', '0'], 'OR', ['entity', 'anyof', '1']]],
						columns: cols(),
					}),
				),
			).name,
		).toBe('EMULATOR_UNSUPPORTED');
	});

	test('every column needs a summary; SUM needs a number', () => {
		const mixed = search.create({
			type: 'invoice',
			filters: [ML],
			columns: [search.createColumn({ name: 'entity', summary: G }), 'tranid'],
		});
		const e = errorOf(() => all(mixed));
		expect(e.name).toBe('SSS_INVALID_SRCH_COLUMN_SUM');
		expect(e.message).toMatch(/tranid/);
		expect(
			errorOf(() =>
				all(
					search.create({
						type: 'invoice',
						filters: [ML],
						columns: [search.createColumn({ name: 'tranid', summary: 'SUM' })],
					}),
				),
			).name,
		).toBe('SSS_INVALID_SRCH_COLUMN_SUM');
		expect(errorOf(() => search.createColumn({ name: 'amount', summary: 'MEDIAN' })).name).toBe(
			'SSS_INVALID_SRCH_COLUMN_SUM',
		);
	});

	test('sorting summary rows', () => {
		const s = search.create({
			type: 'invoice',
			filters: [ML],
			columns: [
				search.createColumn({ name: 'entity', summary: G }),
				search.createColumn({ name: 'amountremaining', summary: 'SUM', sort: search.Sort.DESC }),
			],
		});
		// open: 100 -> 1180, 101 -> 250, 200 -> 59.40
		expect(all(s).map((r) => r.getValue({ name: 'amountremaining', summary: 'SUM' }))).toEqual([
			'1180.00',
			'250.00',
			'59.40',
		]);
		// ties on the sorted column fall back to the GROUP columns (text order: EU before US), not first-seen order
		const tie = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['internalid', 'anyof', '2', '5', '20', '22']],
			columns: [
				search.createColumn({ name: 'subsidiary', summary: G }),
				search.createColumn({ name: 'internalid', summary: 'COUNT', sort: 'DESC' }),
			],
		});
		expect(
			all(tie).map((r) => [
				r.getText({ name: 'subsidiary', summary: G }),
				r.getValue({ name: 'internalid', summary: 'COUNT' }),
			]),
		).toEqual([
			['Test Sub EU', '2'],
			['Test Sub US', '2'],
		]);
	});
});

describe('sorting', () => {
	const { search } = setup();
	const sorted = (columns: unknown[], filters: unknown[] = [ML]) =>
		ids(search.create({ type: 'invoice', filters, columns }));

	test('default: internal id order, across transaction types', () => {
		expect(ids(search.create({ type: 'transaction', filters: [ML], columns: ['tranid'] }))).toEqual([
			1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 20, 21, 22,
		]);
	});
	test('numbers, dates, text, select by display text', () => {
		expect(sorted([search.createColumn({ name: 'amountremaining', sort: search.Sort.DESC })])).toEqual([
			8, 5, 14, 20, 22, 2,
		]);
		expect(sorted([search.createColumn({ name: 'amount', sort: 'ASC' })])).toEqual([22, 20, 14, 5, 8, 2]);
		expect(sorted([search.createColumn({ name: 'trandate', sort: 'ASC' })])).toEqual([2, 5, 20, 22, 14, 8]);
		// INV-5, INV-3, INV-2, INV-11, INV-10, INV-1
		expect(sorted([search.createColumn({ name: 'tranid', sort: 'DESC' })])).toEqual([14, 8, 5, 22, 20, 2]);
		// empty values last ascending, first descending (Oracle's default null ordering)
		expect(sorted([search.createColumn({ name: 'daysoverdue', sort: 'ASC' })])).toEqual([8, 22, 5, 20, 2, 14]);
		expect(sorted([search.createColumn({ name: 'daysoverdue', sort: 'DESC' })])).toEqual([2, 14, 20, 5, 8, 22]);
	});
	test('several sort columns: the first has precedence', () => {
		expect(
			sorted([
				search.createColumn({ name: 'entity', sort: 'DESC' }),
				search.createColumn({ name: 'trandate', sort: 'DESC' }),
			]),
		).toEqual([22, 20, 14, 8, 5, 2]);
		expect(
			sorted([
				search.createColumn({ name: 'subsidiary', sort: 'ASC' }),
				search.createColumn({ name: 'amount', sort: 'DESC' }),
			]),
		).toEqual([20, 22, 2, 8, 5, 14]);
	});
	test('rows expanded per application page only with the applying transaction in a unique sort (Oracle help, Search.runPaged)', () => {
		// "You must specify a sorting order ... to avoid duplicate or missing results": invoice 2 has three
		// rows (one per application), so internalid alone does not place every row
		const columns = (byApplication: boolean): unknown[] => [
			search.createColumn({ name: 'internalid', sort: 'ASC' }),
			search.createColumn({ name: 'trandate', join: 'applyingtransaction' }),
			...(byApplication
				? [search.createColumn({ name: 'internalid', join: 'applyingtransaction', sort: 'ASC' })]
				: []),
		];
		const s = (byApplication: boolean) =>
			search.create({ type: 'invoice', filters: [ML], columns: columns(byApplication) });
		expect(errorOf(() => s(false).runPaged({ pageSize: 5 })).message).toMatch(
			/needs a sort on internalid and on the applying transaction/,
		);
		const paged = s(true).runPaged({ pageSize: 5 });
		expect([paged.count, paged.pageRanges.length]).toEqual([8, 2]); // payment 12 (applied to 5) is dated after D
		const rows = paged.pageRanges.flatMap((r) => paged.fetch({ index: r.index }).data.map((x) => x.id));
		expect(rows).toEqual(['2', '2', '2', '5', '8', '14', '20', '22']);
	});
});

describe('custom records, lists and lookupFields', () => {
	const { search, meter } = setup();

	test('custom records with their declared fields', () => {
		const s = search.create({
			type: 'customrecord_o2c_promise',
			filters: [['custrecord_o2c_pr_status', 'is', 'kept'], 'AND', ['isinactive', 'is', 'F']],
			columns: [
				'name',
				'custrecord_o2c_pr_customer',
				'custrecord_o2c_pr_date',
				'custrecord_o2c_pr_amount',
				'created',
				search.createColumn({ name: 'internalid', sort: 'DESC' }),
			],
		});
		expect(
			all(s).map((r) => [
				r.id,
				r.getValue('name'),
				r.getValue('custrecord_o2c_pr_customer'),
				r.getText('custrecord_o2c_pr_customer'),
				r.getValue('custrecord_o2c_pr_date'),
				r.getValue('custrecord_o2c_pr_amount'),
				r.getValue('created'),
			]),
		).toEqual([
			['4', 'Promise 4', '100', 'Test Co 1', '3/20/2026', '200.00', '3/10/2026'],
			['1', 'Promise 1', '100', 'Test Co 1', '2/11/2026', '1000.00', '2/5/2026'],
		]);
		const settings = (f: unknown[]) =>
			ids(
				search.create({
					type: 'customrecord_o2c_alert_setting',
					filters: f,
					columns: ['custrecord_o2c_as_threshold'],
				}),
			);
		expect(settings([['custrecord_o2c_as_subsidiary', 'anyof', '@NONE@']])).toEqual([1]);
		expect(settings([['custrecord_o2c_as_enabled', 'is', 'F']])).toEqual([2]);
		expect(settings([['custrecord_o2c_as_threshold', 'equalto', '10']])).toEqual([1]);
		expect(
			all(
				search.create({
					type: 'customrecord_o2c_alert_setting',
					columns: ['custrecord_o2c_as_threshold', 'custrecord_o2c_as_window', 'custrecord_o2c_as_enabled'],
				}),
			).map((r) => [
				r.getValue('custrecord_o2c_as_threshold'),
				r.getValue('custrecord_o2c_as_window'),
				r.getValue('custrecord_o2c_as_enabled'),
			]),
		).toEqual([
			['10', '30', true],
			['', '', false],
		]);
	});

	test('a custom record joins the record its select field references, by the field id (one level)', () => {
		// promises 1, 2, 4, 5, 6 are customer 100's (Test Co 1, USD), promise 3 customer 101's (Test Co 2, USD)
		const customerJoin = (name: string) => search.createColumn({ name, join: 'custrecord_o2c_pr_customer' });
		const s = search.create({
			type: 'customrecord_o2c_promise',
			filters: [['custrecord_o2c_pr_customer.companyname', 'is', 'Test Co 2']],
			columns: [
				search.createColumn({ name: 'internalid', sort: 'ASC' }),
				customerJoin('currency'),
				customerJoin('companyname'),
				customerJoin('subsidiary'),
			],
		});
		const currency = search.createColumn({ name: 'currency', join: 'custrecord_o2c_pr_customer' });
		expect(
			all(s).map((r) => [r.id, r.getText(currency), r.getValue('custrecord_o2c_pr_customer.companyname')]),
		).toEqual([['3', 'USD', 'Test Co 2']]);
		const usd = all(search.create({ type: 'currency', filters: [['symbol', 'is', 'USD']] }))[0]?.id;
		expect(all(s)[0]?.getValue(currency)).toBe(usd);
		expect(all(s)[0]?.getValue({ name: 'subsidiary', join: 'custrecord_o2c_pr_customer' })).toBe('1');
		// a text field references no record; the joined record has only its own fields (no transaction's)
		expect(
			errorOf(() =>
				all(
					search.create({
						type: 'customrecord_o2c_promise',
						columns: [search.createColumn({ name: 'x', join: 'custrecord_o2c_pr_invoices' })],
					}),
				),
			).name,
		).toBe('SSS_INVALID_SRCH_COLUMN_JOIN');
		expect(
			errorOf(() =>
				all(
					search.create({
						type: 'customrecord_o2c_promise',
						filters: [['custrecord_o2c_pr_customer.applyingtransaction', 'anyof', '1']],
					}),
				),
			).name,
		).toBe('SSS_INVALID_SRCH_FILTER');
	});

	test('subsidiaries, terms, currencies, employees, customers', () => {
		expect(
			all(
				search.create({
					type: 'subsidiary',
					filters: [['isinactive', 'is', 'F']],
					columns: ['name', 'currency', 'parent'],
				}),
			).map((r) => [r.id, r.getValue('name'), r.getText('currency'), r.getValue('parent')]),
		).toEqual([
			['1', 'Test Sub US', 'USD', ''],
			['2', 'Test Sub EU', 'EUR', '1'],
		]);
		expect(
			all(search.create({ type: 'term', columns: ['name', 'daysuntildue'] })).map((r) => [
				r.getValue('name'),
				r.getValue('daysuntildue'),
			]),
		).toEqual([['Net 30', '30']]);
		expect(all(search.create({ type: 'currency', columns: ['symbol'] })).map((r) => r.getValue('symbol'))).toEqual([
			'USD',
			'EUR',
			'GBP',
		]);
		expect(
			all(search.create({ type: 'employee', columns: ['entityid'] })).map((r) => r.getValue('entityid')),
		).toEqual(['O2C Admin']);
		const c = all(
			search.create({
				type: 'customer',
				filters: [['subsidiary', 'anyof', '1']],
				columns: ['entityid', 'balance', 'overduebalance', 'unbilledorders', 'daysoverdue', 'creditlimit'],
			}),
		);
		expect(
			c.map((r) => [
				r.id,
				r.getValue('balance'),
				r.getValue('overduebalance'),
				r.getValue('unbilledorders'),
				r.getValue('daysoverdue'),
				r.getValue('creditlimit'),
			]),
		).toEqual([
			['100', '800.00', '380.00', '700.00', '12', '5000.00'],
			['101', '250.00', '0.00', '0.00', '', ''],
		]);
	});

	test('lookupFields: selects as [{value, text}], joins, 1 unit', () => {
		const before = meter.used();
		expect(
			search.lookupFields({
				type: 'customer',
				id: 100,
				columns: ['creditlimit', 'subsidiary', 'companyname', 'isinactive', 'terms'],
			}),
		).toEqual({
			creditlimit: '5000.00',
			subsidiary: [{ value: '1', text: 'Test Sub US' }],
			companyname: 'Test Co 1',
			isinactive: false,
			terms: [{ value: '1', text: 'Net 30' }],
		});
		expect(
			search.lookupFields({
				type: 'invoice',
				id: '5',
				columns: ['customer.email', 'trandate', 'status', 'createdfrom'],
			}),
		).toEqual({
			'customer.email': 'ap1@example.com',
			trandate: '2/1/2026',
			status: [{ value: 'open', text: 'Open' }],
			createdfrom: [],
		});
		expect(search.lookupFields({ type: 'transaction', id: 3, columns: 'amount' })).toEqual({ amount: '-1300.00' });
		expect(search.lookupFields({ type: 'currency', id: 3, columns: ['symbol'] })).toEqual({ symbol: 'GBP' });
		expect(meter.used() - before).toBe(4);
		expect(errorOf(() => search.lookupFields({ type: 'invoice', id: 9, columns: ['tranid'] })).name).toBe(
			'RCRD_DSNT_EXIST',
		);
		expect(errorOf(() => search.lookupFields({ type: 'customer', id: 100, columns: ['nosuch'] })).name).toBe(
			'SSS_INVALID_SRCH_COL',
		);
		expect(
			errorOf(() => search.lookupFields({ type: 'invoice', id: 2, columns: ['applyinglinkamount'] })).name,
		).toBe('SSS_INVALID_SRCH_COL');
	});
});

describe('map/reduce input', () => {
	test('a Search or a saved-search reference, serialised as map receives it, charging nothing', () => {
		const { ctx, meter, search } = setup();
		const s = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['entity', 'anyof', '200']],
			columns: [
				'entity',
				'trandate',
				'amountremaining',
				search.createColumn({ name: 'trandate', join: 'applyingtransaction' }),
			],
		});
		const before = meter.used();
		const out = runForMapReduceInput(ctx, s);
		expect(meter.used()).toBe(before);
		expect(out.map((j): unknown => JSON.parse(j))).toEqual([
			{
				recordType: 'invoice',
				id: '20',
				values: {
					entity: { value: '200', text: 'Test Co 3' },
					trandate: '2/1/2026',
					amountremaining: '58.39',
					'trandate.applyingtransaction': '2/20/2026',
				},
			},
			{
				recordType: 'invoice',
				id: '22',
				values: {
					entity: { value: '200', text: 'Test Co 3' },
					trandate: '2/2/2026',
					amountremaining: '1.01',
					'trandate.applyingtransaction': '',
				},
			},
		]);
		s.save({ id: 'customsearch_o2c_test_input', title: 'Test input' });
		const used = meter.used();
		// A loaded search spells joins as NetSuite does, whatever case the script saved them in: public
		// map/reduce code over loaded searches reads values["trandate.applyingTransaction"] (issue 14, item 3)
		const loaded = out.map((j) => j.replace('"trandate.applyingtransaction"', '"trandate.applyingTransaction"'));
		expect(loaded[0]).toContain('"trandate.applyingTransaction":"2/20/2026"');
		expect(runForMapReduceInput(ctx, { type: 'search', id: 'customsearch_o2c_test_input' })).toEqual(loaded);
		expect(runForMapReduceInput(ctx, search.load({ id: 'customsearch_o2c_test_input' }))).toEqual(loaded);
		expect(meter.used()).toBe(used + 5); // the load
		expect(errorOf(() => runForMapReduceInput(ctx, { type: 'search', id: 'customsearch_missing' })).name).toBe(
			'INVALID_SEARCH',
		);
	});
});

describe('searches shaped like the project adapters', () => {
	const { search } = setup();
	const G = 'GROUP';

	test('customer metrics input: invoices with their applications, unapplied payments and credits', () => {
		const s = search.create({
			type: 'transaction',
			settings: [search.createSetting({ name: 'consolidationtype', value: 'NONE' })],
			filters: [ML, 'AND', ['posting', 'is', 'T'], 'AND', ['type', 'anyof', 'CustInvc', 'CustPymt', 'CustCred']],
			columns: [
				'internalid',
				'type',
				'amountremaining',
				search.createColumn({ name: 'trandate', join: 'applyingtransaction' }),
				'applyinglinkamount',
			],
		});
		s.save({ id: 'customsearch_o2c_cust_metrics_input', title: 'input' });
		const l = search.load({ id: 'customsearch_o2c_cust_metrics_input' });
		const own = l.filterExpression;
		l.filterExpression = [
			own,
			'AND',
			[
				['trandate', 'onorbefore', '3/15/2026'],
				'AND',
				[
					[
						['type', 'anyof', 'CustInvc'],
						'AND',
						[['status', 'anyof', 'CustInvc:A'], 'OR', ['closedate', 'onorafter', '3/16/2025']],
					],
					'OR',
					[['type', 'anyof', 'CustPymt', 'CustCred'], 'AND', ['amountremaining', 'greaterthan', '0']],
				],
			],
		];
		const rows = all(l).map((r) => [
			r.id,
			r.getValue('type'),
			r.getValue({ name: 'trandate', join: 'applyingtransaction' }),
			r.getValue('applyinglinkamount'),
			r.getValue('amountremaining'),
		]);
		// invoices (every one is open or closed within the year) with one row per application; PYMT-1 and PYMT-3 have unapplied cash
		expect(rows).toEqual([
			['2', 'CustInvc', '2/10/2026', '1000.00', '0.00'],
			['2', 'CustInvc', '2/12/2026', '50.00', '0.00'],
			['2', 'CustInvc', '3/1/2026', '150.00', '0.00'],
			['3', 'CustPymt', '', '', '300.00'],
			['5', 'CustInvc', '3/10/2026', '120.00', '380.00'],
			['7', 'CustPymt', '', '', '80.00'],
			['8', 'CustInvc', '', '', '800.00'],
			['14', 'CustInvc', '', '', '250.00'],
			['20', 'CustInvc', '2/20/2026', '58.37', '58.39'],
			['22', 'CustInvc', '', '', '1.01'],
		]);
	});

	test('applications after a date, grouped by subsidiary, invoice dates and application date', () => {
		const s = search.create({
			type: 'invoice',
			filters: [
				ML,
				'AND',
				['posting', 'is', 'T'],
				'AND',
				['applyingtransaction.type', 'anyof', 'CustPymt', 'CustCred', 'DepAppl'],
				'AND',
				['trandate', 'onorbefore', '3/15/2026'],
				'AND',
				['applyingtransaction.trandate', 'after', '2/11/2026'],
			],
			columns: [
				search.createColumn({ name: 'subsidiary', summary: G }),
				search.createColumn({ name: 'trandate', summary: G }),
				search.createColumn({ name: 'duedate', summary: G }),
				search.createColumn({ name: 'trandate', join: 'applyingtransaction', summary: G }),
				search.createColumn({ name: 'applyinglinkamount', summary: 'SUM' }),
			],
		});
		expect(
			all(s).map((r) =>
				Object.values((r.toJSON() as { values: Record<string, unknown> }).values).map((v) =>
					typeof v === 'object' && v ? (v as { value: string }).value : v,
				),
			),
		).toEqual([
			['2', '2/1/2026', '3/1/2026', '2/20/2026', '58.37'],
			['1', '1/5/2026', '2/4/2026', '2/12/2026', '50.00'],
			['1', '1/5/2026', '2/4/2026', '3/1/2026', '150.00'],
			['1', '2/1/2026', '3/3/2026', '3/10/2026', '120.00'],
		]);
	});
});
