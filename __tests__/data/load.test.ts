/**
 * local/data/load.ts: the validator (one rejection per rule, each message naming record and
 * field), the loader (inline and NDJSON transactions, streamed) and the atomic writer.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Dataset, DsTransaction } from '../../local/data/dataset';
import {
	DatasetError,
	forEachLine,
	loadDataset,
	MAX_PROBLEMS,
	validateDataset,
	writeDataset,
} from '../../local/data/load';

/** A small valid dataset (the contract's example, plus a second subsidiary and a promise). */
function valid(): Dataset {
	return {
		format: 'o2c-dataset/1',
		account: { name: 'Acme Wholesale', timezone: 'America/New_York', features: ['SUBSIDIARIES', 'MULTICURRENCY'] },
		subsidiaries: [
			{ id: 1, name: 'US Wholesale', currency: 'USD', parent: null },
			{ id: 2, name: 'UK Wholesale', currency: 'GBP', parent: 1 },
		],
		terms: [{ id: 1, name: 'Net 30', daysUntilDue: 30 }],
		customers: [
			{
				id: 100,
				entityId: 'CUST-100',
				companyName: 'Premier Construction Inc',
				subsidiary: 1,
				currency: 'USD',
				terms: 1,
				creditLimit: 500000,
				category: 'Construction',
				email: 'ap@premier.example',
			},
			{
				id: 101,
				entityId: 'CUST-101',
				companyName: 'Thames Builders Ltd',
				subsidiary: 2,
				currency: 'EUR',
				terms: 1,
			},
		],
		transactions: [
			{
				id: 1,
				type: 'SalesOrd',
				tranId: 'SO-1',
				entity: 100,
				subsidiary: 1,
				currency: 'USD',
				exchangeRate: 1,
				tranDate: '2026-01-02',
				amount: 1200.0,
			},
			{
				id: 2,
				type: 'CustInvc',
				tranId: 'INV-1',
				entity: 100,
				subsidiary: 1,
				currency: 'USD',
				exchangeRate: 1,
				tranDate: '2026-01-05',
				dueDate: '2026-02-04',
				terms: 1,
				amount: 1200.0,
				createdFrom: 1,
				disputed: false,
			},
			{
				id: 3,
				type: 'CustPymt',
				tranId: 'PYMT-1',
				entity: 100,
				subsidiary: 1,
				currency: 'USD',
				exchangeRate: 1,
				tranDate: '2026-02-10',
				amount: 1300.0,
				apply: [{ doc: 2, amount: 1200.0 }],
			},
			{
				id: 4,
				type: 'CustCred',
				tranId: 'CM-1',
				entity: 100,
				subsidiary: 1,
				currency: 'USD',
				exchangeRate: 1,
				tranDate: '2026-02-12',
				amount: 50.0,
				apply: [],
			},
			{
				id: 5,
				type: 'CustInvc',
				tranId: 'INV-2',
				entity: 101,
				subsidiary: 2,
				currency: 'EUR',
				exchangeRate: 0.8571,
				tranDate: '2026-03-01',
				dueDate: '2026-03-31',
				amount: 999.99,
			},
			{
				id: 6,
				type: 'CustInvc',
				tranId: 'INV-3',
				entity: 100,
				subsidiary: 1,
				currency: 'USD',
				tranDate: '2026-03-02',
				amount: 10,
			},
		],
		promises: [
			{ id: 1, entity: 100, madeOn: '2026-02-20', promisedDate: '2026-03-01', amount: 600.0, invoices: [2] },
		],
		settings: {
			alerts: [
				{
					subsidiary: null,
					thresholdDays: 10,
					floorDays: 30,
					windowDays: 30,
					enabled: true,
					recipients: {
						arClerk: 'ar@acme.example',
						controller: 'controller@acme.example',
						cfo: 'cfo@acme.example',
					},
				},
			],
			seasonality: [
				{
					subsidiary: null,
					from: '01-01',
					to: '01-31',
					action: 'suppress',
					note: 'post-holiday payment delays',
				},
				{ subsidiary: 1, from: '12-15', to: '01-15', action: 'raise', days: 8 },
			],
			collections: { minOverdueAmount: 1000, minDaysOverdue: 15 },
		},
	};
}

/** A dataset as plain JSON values, for a test to break on purpose (wrong types included). */
type Mutable = Record<string, unknown>;

function isMutable(v: unknown): v is Mutable {
	return typeof v === 'object' && v !== null;
}

/** The value at a path of keys and list positions, e.g. valueAt(ds, 'customers', 0). */
function valueAt(value: unknown, path: (string | number)[]): unknown {
	let v = value;
	for (const key of path) {
		if (!isMutable(v)) throw new Error(`${path.join('.')}: not in the dataset`);
		v = v[key];
	}
	return v;
}

/** The object (or list) at a path, e.g. at(ds, 'customers', 0). */
function at(value: unknown, ...path: (string | number)[]): Mutable {
	const v = valueAt(value, path);
	if (!isMutable(v)) throw new Error(`${path.join('.')}: not an object`);
	return v;
}

/** The list at a path, e.g. listAt(ds, 'settings', 'alerts'). */
function listAt(value: unknown, ...path: (string | number)[]): unknown[] {
	const v = valueAt(value, path);
	if (!Array.isArray(v)) throw new Error(`${path.join('.')}: not a list`);
	return v;
}

function problemsOf(mutate: (ds: Mutable) => void): string[] {
	const ds = valid() as unknown as Mutable;
	mutate(ds);
	try {
		validateDataset(ds);
	} catch (e) {
		expect(e).toBeInstanceOf(DatasetError);
		return (e as DatasetError).problems;
	}
	return [];
}

function tx(ds: Mutable, id: number): Mutable {
	const t = listAt(ds, 'transactions')
		.filter(isMutable)
		.find((r) => r.id === id);
	if (!t) throw new Error(`no transaction ${id} in the dataset`);
	return t;
}

describe('validateDataset', () => {
	it('accepts the valid example (and unknown transaction types)', () => {
		const ds = valid();
		ds.transactions.push({
			id: 7,
			type: 'Journal',
			tranId: 'JE-1',
			entity: 100,
			subsidiary: 1,
			currency: 'USD',
			tranDate: '2026-03-03',
			amount: 5,
		});
		expect(() => {
			validateDataset(ds);
		}).not.toThrow();
	});

	// [rule, mutation, expected message (exact problem text)]
	const rules: [string, (ds: Mutable) => void, string][] = [
		['format string', (ds) => (ds.format = 'o2c-dataset/2'), 'format: "o2c-dataset/2" is not "o2c-dataset/1"'],
		['account is required', (ds) => delete ds.account, 'account: is required'],
		['account name', (ds) => (at(ds, 'account').name = ''), 'account.name: "" is not a non-empty string'],
		['required list', (ds) => delete ds.customers, 'customers: is required'],
		[
			'required field',
			(ds) => delete at(ds, 'customers', 0).companyName,
			'customers[id=100].companyName: is required',
		],
		[
			'field type (string)',
			(ds) => (tx(ds, 2).tranId = 42),
			'transactions[id=2].tranId: 42 is not a non-empty string',
		],
		[
			'field type (boolean)',
			(ds) => (tx(ds, 2).disputed = 'yes'),
			'transactions[id=2].disputed: "yes" is not a boolean',
		],
		[
			'currency code',
			(ds) => (at(ds, 'subsidiaries', 1).currency = 'gbp'),
			'subsidiaries[id=2].currency: "gbp" is not a currency code (3 capital letters)',
		],
		[
			'positive id',
			(ds) => (at(ds, 'subsidiaries', 1).id = 0),
			'subsidiaries[1].id: 0 is not an id (a positive integer)',
		],
		['integer id', (ds) => (at(ds, 'terms', 0).id = 1.5), 'terms[0].id: 1.5 is not an id (a positive integer)'],
		['unique id', (ds) => (tx(ds, 4).id = 2), 'transactions[3].id: 2 is not unique (also transactions[1])'],
		[
			'calendar date',
			(ds) => (tx(ds, 2).dueDate = '2026-02-30'),
			'transactions[id=2].dueDate: "2026-02-30" is not a calendar date (YYYY-MM-DD)',
		],
		[
			'date format',
			(ds) => (tx(ds, 3).tranDate = '2026-2-10'),
			'transactions[id=3].tranDate: "2026-2-10" is not a calendar date (YYYY-MM-DD)',
		],
		[
			'promise date',
			(ds) => (at(ds, 'promises', 0).madeOn = '02/20/2026'),
			'promises[id=1].madeOn: "02/20/2026" is not a calendar date (YYYY-MM-DD)',
		],
		[
			'promise order',
			(ds) => (at(ds, 'promises', 0).promisedDate = '2026-02-19'),
			'promises[id=1].promisedDate: "2026-02-19" is before madeOn "2026-02-20"',
		],
		[
			'suggestedAsOf date',
			(ds) => (ds.suggestedAsOf = '2026-13-01'),
			'suggestedAsOf: "2026-13-01" is not a calendar date (YYYY-MM-DD)',
		],
		[
			'amount positive',
			(ds) => (tx(ds, 4).amount = -50),
			'transactions[id=4].amount: -50 is not an amount (a positive number with at most 2 decimals)',
		],
		[
			'amount not zero',
			(ds) => (tx(ds, 4).amount = 0),
			'transactions[id=4].amount: 0 is not an amount (a positive number with at most 2 decimals)',
		],
		[
			'amount ≤ 2 decimals',
			(ds) => (tx(ds, 2).amount = 1200.005),
			'transactions[id=2].amount: 1200.005 is not an amount (a positive number with at most 2 decimals)',
		],
		[
			'amount a number',
			(ds) => (tx(ds, 2).amount = '1200.00'),
			'transactions[id=2].amount: "1200.00" is not an amount (a positive number with at most 2 decimals)',
		],
		[
			'application amount',
			(ds) => (at(tx(ds, 3), 'apply', 0).amount = 12.001),
			'transactions[id=3].apply[0].amount: 12.001 is not an amount (a positive number with at most 2 decimals)',
		],
		[
			'promise amount',
			(ds) => (at(ds, 'promises', 0).amount = -1),
			'promises[id=1].amount: -1 is not an amount (a positive number with at most 2 decimals)',
		],
		[
			'credit limit',
			(ds) => (at(ds, 'customers', 0).creditLimit = -5),
			'customers[id=100].creditLimit: -5 is not an amount (≥ 0, at most 2 decimals)',
		],
		[
			'exchange rate',
			(ds) => (tx(ds, 5).exchangeRate = 0),
			'transactions[id=5].exchangeRate: 0 is not a positive number',
		],
		[
			'base-currency rate is 1',
			(ds) => (tx(ds, 2).exchangeRate = 1.1),
			'transactions[id=2].exchangeRate: 1.1 but USD is the base currency of subsidiary 1 (must be 1)',
		],
		[
			'subsidiary parent',
			(ds) => (at(ds, 'subsidiaries', 1).parent = 9),
			'subsidiaries[id=2].parent: subsidiary 9 does not exist',
		],
		[
			'subsidiary parent loop',
			(ds) => (at(ds, 'subsidiaries', 0).parent = 2),
			'subsidiaries[id=1].parent: the parent chain loops back to this subsidiary',
		],
		[
			'customer → subsidiary',
			(ds) => (at(ds, 'customers', 0).subsidiary = 9),
			'customers[id=100].subsidiary: subsidiary 9 does not exist',
		],
		[
			'customer → terms',
			(ds) => (at(ds, 'customers', 0).terms = 7),
			'customers[id=100].terms: terms 7 does not exist',
		],
		[
			'transaction → entity',
			(ds) => (tx(ds, 6).entity = 555),
			'transactions[id=6].entity: customer 555 does not exist',
		],
		[
			'transaction → subsidiary',
			(ds) => (tx(ds, 6).subsidiary = 9),
			'transactions[id=6].subsidiary: subsidiary 9 does not exist',
		],
		[
			"transaction in the customer's subsidiary",
			(ds) => (tx(ds, 6).subsidiary = 2),
			'transactions[id=6].subsidiary: 2 is not the subsidiary of customer 100 (1)',
		],
		['transaction → terms', (ds) => (tx(ds, 2).terms = 3), 'transactions[id=2].terms: terms 3 does not exist'],
		[
			'transaction → createdFrom',
			(ds) => (tx(ds, 2).createdFrom = 99),
			'transactions[id=2].createdFrom: transaction 99 does not exist',
		],
		[
			'createdFrom of the same customer',
			(ds) => (tx(ds, 5).createdFrom = 1),
			'transactions[id=5].createdFrom: transaction 1 belongs to customer 100, not 101',
		],
		[
			'apply → existing doc',
			(ds) => (at(tx(ds, 3), 'apply', 0).doc = 99),
			'transactions[id=3].apply[0].doc: transaction 99 does not exist',
		],
		[
			'apply → an invoice',
			(ds) => (at(tx(ds, 3), 'apply', 0).doc = 1),
			'transactions[id=3].apply[0].doc: transaction 1 is a "SalesOrd", not an invoice (CustInvc)',
		],
		[
			'apply → same customer',
			(ds) => (at(tx(ds, 3), 'apply')[0] = { doc: 5, amount: 10 }),
			'transactions[id=3].apply[0].doc: invoice 5 belongs to customer 101, not 100',
		],
		[
			'apply → dated on or after the invoice',
			(ds) => (tx(ds, 3).tranDate = '2026-01-04'),
			'transactions[id=3].apply[0].doc: invoice 2 is dated "2026-01-05", after this CustPymt ("2026-01-04")',
		],
		[
			'apply only from payments and credits',
			(ds) => (tx(ds, 6).apply = []),
			'transactions[id=6].apply: a CustInvc cannot apply to other transactions (only CustPymt and CustCred)',
		],
		[
			'applications ≤ the applying amount',
			(ds) => (tx(ds, 3).amount = 1199.99),
			"transactions[id=3].apply: applications total 1,200.00, more than the CustPymt's amount 1,199.99",
		],
		[
			'applications ≤ the invoice amount',
			(ds) => (tx(ds, 4).apply = [{ doc: 2, amount: 0.01 }]),
			'transactions[id=2].amount: applications total 1,200.01 (by transactions 3, 4), more than the invoice amount 1,200.00',
		],
		[
			'promise → customer',
			(ds) => (at(ds, 'promises', 0).entity = 555),
			'promises[id=1].entity: customer 555 does not exist',
		],
		[
			'promise → invoices',
			(ds) => (at(ds, 'promises', 0).invoices = [2, 77]),
			'promises[id=1].invoices[1]: transaction 77 does not exist',
		],
		[
			"promise → the customer's invoices",
			(ds) => (at(ds, 'promises', 0).invoices = [5]),
			'promises[id=1].invoices[0]: invoice 5 belongs to customer 101, not 100',
		],
		[
			'alert subsidiary',
			(ds) => (at(ds, 'settings', 'alerts', 0).subsidiary = 9),
			'settings.alerts[0].subsidiary: subsidiary 9 does not exist',
		],
		[
			'one alert row per subsidiary',
			(ds) => listAt(ds, 'settings', 'alerts').push({ subsidiary: null }),
			'settings.alerts[1].subsidiary: null already has an alert row (settings.alerts[0])',
		],
		[
			'alert window',
			(ds) => (at(ds, 'settings', 'alerts', 0).windowDays = 0),
			'settings.alerts[0].windowDays: 0 is not a positive integer',
		],
		[
			'alert recipient',
			(ds) => (at(ds, 'settings', 'alerts', 0, 'recipients').cfo = 'cfo'),
			'settings.alerts[0].recipients.cfo: "cfo" is not an email address',
		],
		[
			'seasonality subsidiary',
			(ds) => (at(ds, 'settings', 'seasonality', 1).subsidiary = 9),
			'settings.seasonality[1].subsidiary: subsidiary 9 does not exist',
		],
		[
			'seasonality MM-DD',
			(ds) => (at(ds, 'settings', 'seasonality', 0).to = '02-30'),
			'settings.seasonality[0].to: "02-30" is not a MM-DD date',
		],
		[
			'seasonality MM-DD month',
			(ds) => (at(ds, 'settings', 'seasonality', 0).from = '13-01'),
			'settings.seasonality[0].from: "13-01" is not a MM-DD date',
		],
		[
			'seasonality action',
			(ds) => (at(ds, 'settings', 'seasonality', 0).action = 'mute'),
			'settings.seasonality[0].action: "mute" is not "suppress" or "raise"',
		],
		[
			'raise needs days',
			(ds) => delete at(ds, 'settings', 'seasonality', 1).days,
			'settings.seasonality[1].days: is required for a "raise" row',
		],
		[
			'collections',
			(ds) => (at(ds, 'settings', 'collections').minDaysOverdue = -1),
			'settings.collections.minDaysOverdue: -1 is not a non-negative integer',
		],
	];

	it.each(rules)('rejects: %s', (_rule, mutate, expected) => {
		const problems = problemsOf(mutate);
		// the rule's own problem comes first; follow-on problems (records referring to a broken one) may follow
		expect(problems[0]).toBe(expected);
	});

	it('lists every problem of a dataset in one error, naming record and field', () => {
		const ds = valid() as unknown as Mutable;
		tx(ds, 2).dueDate = '2026-02-30';
		at(ds, 'customers', 1).subsidiary = 9;
		at(ds, 'settings', 'seasonality', 0).action = 'mute';
		let error: DatasetError | undefined;
		try {
			validateDataset(ds);
		} catch (e) {
			error = e as DatasetError;
		}
		expect(error).toBeInstanceOf(DatasetError);
		expect(error!.total).toBe(3);
		expect(error!.message).toContain('Invalid dataset (3 problems)');
		expect(error!.message).toContain('transactions[id=2].dueDate: "2026-02-30" is not a calendar date');
		expect(error!.message).toContain('customers[id=101].subsidiary: subsidiary 9 does not exist');
		expect(error!.message).toContain('settings.seasonality[0].action');
	});

	it(`caps the list at ${MAX_PROBLEMS} problems and counts the rest`, () => {
		const ds = valid() as unknown as Mutable;
		for (let i = 0; i < 60; i++) {
			listAt(ds, 'transactions').push({
				id: 100 + i,
				type: 'CustInvc',
				tranId: `X${i}`,
				entity: 100,
				subsidiary: 1,
				currency: 'USD',
				tranDate: '2026-02-31',
				amount: 1,
			});
		}
		try {
			validateDataset(ds);
			throw new Error('should have thrown');
		} catch (e) {
			const err = e as DatasetError;
			expect(err.problems).toHaveLength(MAX_PROBLEMS);
			expect(err.total).toBe(60);
			expect(err.message).toContain('... and 10 more');
			expect(err.problems[0]).toBe(
				'transactions[id=100].tranDate: "2026-02-31" is not a calendar date (YYYY-MM-DD)',
			);
		}
	});

	it('rejects what is not a dataset at all', () => {
		expect(() => {
			validateDataset(null);
		}).toThrow('dataset: null is not an object');
		expect(() => {
			validateDataset({ format: 'o2c-dataset/1' });
		}).toThrow(DatasetError);
	});
});

describe('loadDataset / writeDataset', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-load-'));
	});
	afterEach(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('round-trips a dataset with inline transactions', () => {
		const file = path.join(dir, 'ds.json');
		const r = writeDataset(valid(), file);
		expect(r.files).toEqual([file]);
		expect(fs.readdirSync(dir)).toEqual(['ds.json']);
		expect(loadDataset(file)).toEqual(valid());
		expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(valid());
	});

	it('round-trips with the transactions in <name>.transactions.ndjson', () => {
		const file = path.join(dir, 'acme.json');
		writeDataset(valid(), file, { ndjson: true });
		expect(fs.readdirSync(dir).sort()).toEqual(['acme.json', 'acme.transactions.ndjson']);
		const main = JSON.parse(fs.readFileSync(file, 'utf8')) as {
			transactionsFile?: unknown;
			transactions?: unknown;
		};
		expect(main.transactionsFile).toBe('acme.transactions.ndjson');
		expect(main.transactions).toBeUndefined();
		const lines = fs.readFileSync(path.join(dir, 'acme.transactions.ndjson'), 'utf8').trimEnd().split('\n');
		expect(lines).toHaveLength(valid().transactions.length);
		const loaded = loadDataset(file);
		expect(loaded).toEqual(valid());
		expect('transactionsFile' in loaded).toBe(false);
	});

	it('resolves transactionsFile against the dataset file, accepting CRLF and blank lines', () => {
		fs.mkdirSync(path.join(dir, 'sub'));
		const ds = valid();
		const { transactions, ...rest } = ds;
		fs.writeFileSync(
			path.join(dir, 'sub', 'tx.ndjson'),
			transactions.map((t) => JSON.stringify(t)).join('\r\n\r\n') + '\r\n',
		);
		fs.writeFileSync(path.join(dir, 'sub', 'ds.json'), JSON.stringify({ ...rest, transactionsFile: 'tx.ndjson' }));
		expect(loadDataset(path.join(dir, 'sub', 'ds.json')).transactions).toEqual(transactions);
	});

	it('names the NDJSON line that is not JSON', () => {
		const { transactions, ...rest } = valid();
		fs.writeFileSync(path.join(dir, 'tx.ndjson'), `${JSON.stringify(transactions[0])}\n{"id": 2,\n`);
		fs.writeFileSync(path.join(dir, 'ds.json'), JSON.stringify({ ...rest, transactionsFile: 'tx.ndjson' }));
		expect(() => loadDataset(path.join(dir, 'ds.json'))).toThrow(
			/transactionsFile tx\.ndjson line 2: not valid JSON/,
		);
	});

	it('rejects a file with both transactions and transactionsFile, a missing NDJSON file, and bad JSON', () => {
		fs.writeFileSync(path.join(dir, 'both.json'), JSON.stringify({ ...valid(), transactionsFile: 'x.ndjson' }));
		expect(() => loadDataset(path.join(dir, 'both.json'))).toThrow(/either "transactions" or "transactionsFile"/);
		const rest: Partial<Dataset> = valid();
		delete rest.transactions;
		fs.writeFileSync(path.join(dir, 'missing.json'), JSON.stringify({ ...rest, transactionsFile: 'nope.ndjson' }));
		expect(() => loadDataset(path.join(dir, 'missing.json'))).toThrow(/nope\.ndjson does not exist/);
		fs.writeFileSync(path.join(dir, 'bad.json'), '{"format": ');
		expect(() => loadDataset(path.join(dir, 'bad.json'))).toThrow(/bad\.json: not valid JSON/);
		expect(() => loadDataset(path.join(dir, 'absent.json'))).toThrow(/absent\.json: cannot be read/);
	});

	it('validates what it loads (unless told not to)', () => {
		const ds = valid() as unknown as Mutable;
		tx(ds, 2).dueDate = '2026-02-30';
		const file = path.join(dir, 'bad.json');
		writeDataset(ds as unknown as Dataset, file, { ndjson: true });
		expect(() => loadDataset(file)).toThrow('transactions[id=2].dueDate: "2026-02-30" is not a calendar date');
		expect(loadDataset(file, { validate: false }).transactions[1]!.dueDate).toBe('2026-02-30');
	});

	it('reads lines across 1 MB block boundaries, multi-byte characters included', () => {
		const file = path.join(dir, 'big.ndjson');
		const lines: string[] = [];
		for (let i = 0; i < 3000; i++) lines.push(`${i}:${'é€'.repeat(150 + (i % 97))}`);
		lines.push('x'.repeat(1_500_000)); // longer than a block
		lines.push('last');
		fs.writeFileSync(file, lines.join('\n')); // no final newline
		const read: string[] = [];
		forEachLine(file, (text, n) => {
			expect(n).toBe(read.length + 1);
			read.push(text);
		});
		expect(read).toEqual(lines);
	});

	describe('atomic write', () => {
		/** A dataset whose 4th transaction cannot be serialised (JSON.stringify throws on a BigInt). */
		function failing(): Dataset {
			const ds = valid();
			(ds.transactions[3] as unknown as Mutable).amount = BigInt(50);
			return ds;
		}

		it('replaces an existing file and leaves no temp file', () => {
			const file = path.join(dir, 'ds.json');
			fs.writeFileSync(file, 'old');
			writeDataset(valid(), file);
			expect(fs.readdirSync(dir)).toEqual(['ds.json']);
			expect(loadDataset(file)).toEqual(valid());
		});

		it('leaves nothing behind when writing fails half-way (inline)', () => {
			const file = path.join(dir, 'ds.json');
			expect(() => writeDataset(failing(), file)).toThrow(/BigInt/);
			expect(fs.readdirSync(dir)).toEqual([]);
		});

		it('leaves the previous files untouched when writing fails half-way (NDJSON)', () => {
			const file = path.join(dir, 'ds.json');
			writeDataset(valid(), file, { ndjson: true });
			const before = fs
				.readdirSync(dir)
				.sort()
				.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
			const ds = valid();
			ds.account.name = 'Changed';
			(ds.transactions[5] as unknown as Mutable).amount = BigInt(1);
			expect(() => writeDataset(ds, file, { ndjson: true })).toThrow(/BigInt/);
			const after = fs
				.readdirSync(dir)
				.sort()
				.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
			expect(after).toEqual(before);
		});

		it('fails cleanly when the directory does not exist', () => {
			expect(() => writeDataset(valid(), path.join(dir, 'no', 'such', 'ds.json'))).toThrow(/ENOENT/);
			expect(fs.readdirSync(dir)).toEqual([]);
		});
	});
});

describe('DatasetTransaction typing', () => {
	it('keeps unknown keys of a transaction through a round trip', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-load-'));
		try {
			const ds = valid();
			(ds.transactions[1] as DsTransaction & { memo?: string }).memo = 'extension key';
			writeDataset(ds, path.join(dir, 'x.json'), { ndjson: true });
			expect(
				(loadDataset(path.join(dir, 'x.json')).transactions[1] as DsTransaction & { memo?: string }).memo,
			).toBe('extension key');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
