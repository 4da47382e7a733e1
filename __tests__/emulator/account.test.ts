/**
 * buildStore / accountInfo on a small hand-built dataset; every expected value is computed by
 * hand in the comments (as-of date D = 2026-03-15).
 */
import { accountInfo, buildStore, convertCents, DatasetError, getAccountIndex } from '../../local/emulator/account';
import type { RecordStore, StoredRecord } from '../../local/emulator/store';
import type { Dataset, DsTransaction } from '../../local/data/dataset';
import type { SdfProject } from '../../local/sdf/types';
import { handDataset as dataset, projectObjects, projectWithoutCustomRecords, tx } from './searchSupport';

const D = '2026-03-15';

/** The project's real objects (a copy: tests may remove a record type), or none of its custom records. */
function project(customTypes = true): SdfProject {
	if (!customTypes) return projectWithoutCustomRecords();
	const real = projectObjects();
	return { ...real, customRecordTypes: new Map(real.customRecordTypes) };
}

const get = (store: RecordStore, type: string, id: number): StoredRecord => {
	const r = store.get(type, id);
	if (!r) throw new Error(`missing ${type} ${id}`);
	return r;
};

describe('buildStore: transactions at D', () => {
	const store = buildStore(dataset(), D, project());

	test('transactions dated after D do not exist; unmodelled types are ignored', () => {
		expect(store.get('invoice', 9)).toBeUndefined();
		expect(store.get('customerpayment', 12)).toBeUndefined();
		expect(store.count('invoice')).toBe(6); // 2, 5, 8, 14, 20, 22
		expect(store.types()).not.toContain('customerdeposit');
	});

	test('invoice paid by two payments and a credit memo: closed on the last application', () => {
		const inv = get(store, 'invoice', 2);
		expect(inv.values).toMatchObject({
			tranid: 'INV-1',
			type: 'CustInvc',
			amount: 1200,
			fxamount: 1200,
			amountremaining: 0,
			fxamountremaining: 0,
			amountpaid: 1200,
			closedate: '2026-03-01',
			status: 'CustInvc:B',
			daysoverdue: null,
			createdfrom: 1,
			terms: 1,
			posting: true,
			custbody_o2c_disputed: false,
		});
		expect(inv.texts).toMatchObject({
			status: 'Paid In Full',
			type: 'Invoice',
			entity: 'Test Co 1',
			createdfrom: 'Sales Order #SO-1',
			terms: 'Net 30',
		});
		const apps = getAccountIndex(store)?.applications.get(2);
		expect(apps?.map((a) => [a.date, a.amount, a.txId, a.txType])).toEqual([
			['2026-02-10', 1000, 3, 'CustPymt'],
			['2026-02-12', 50, 4, 'CustCred'],
			['2026-03-01', 150, 6, 'CustPymt'],
		]);
	});

	test('partially paid invoice: remaining amount, days overdue, later payment ignored', () => {
		// INV-2 500 - 120 (PYMT-3, 3/10) = 380; PYMT-4 (3/25) is after D. Due 3/3 -> 12 days overdue at 3/15.
		const inv = get(store, 'invoice', 5);
		expect(inv.values).toMatchObject({
			amountremaining: 380,
			amountpaid: 120,
			closedate: null,
			status: 'CustInvc:A',
			daysoverdue: 12,
			custbody_o2c_disputed: true,
		});
		expect(inv.texts.status).toBe('Open');
	});

	test('invoice not yet due has daysoverdue 0; one without a due date has none', () => {
		expect(get(store, 'invoice', 8).values.daysoverdue).toBe(0);
		const noDue = get(store, 'invoice', 14);
		expect(noDue.values.duedate).toBeNull();
		expect(noDue.values.daysoverdue).toBeNull();
		expect(noDue.values.status).toBe('CustInvc:A');
	});

	test('payments and credit memos: negative amounts, unapplied part, status', () => {
		// PYMT-1 1300 applied 1000 -> 300 unapplied; CM-1 50 fully applied on its own date.
		expect(get(store, 'customerpayment', 3).values).toMatchObject({
			amount: -1300,
			fxamount: -1300,
			amountremaining: 300,
			status: 'CustPymt:C',
			closedate: null,
			amountpaid: null,
		});
		expect(get(store, 'creditmemo', 4).values).toMatchObject({
			amount: -50,
			amountremaining: 0,
			status: 'CustCred:B',
			closedate: '2026-02-12',
		});
		expect(get(store, 'creditmemo', 4).texts.status).toBe('Fully Applied');
		expect(get(store, 'customerpayment', 7).values).toMatchObject({ amountremaining: 80, closedate: null });
	});

	test('sales orders: billed when an invoice created from them exists at D', () => {
		expect(get(store, 'salesorder', 1).values).toMatchObject({
			status: 'SalesOrd:G',
			amountremaining: 0,
			posting: false,
			amount: 1200,
		});
		expect(get(store, 'salesorder', 13).values.status).toBe('SalesOrd:F');
		expect(get(store, 'salesorder', 13).texts.status).toBe('Pending Billing');
		// at a date before INV-1 exists, SO-1 is pending billing
		const early = buildStore(dataset(), '2026-01-03', project());
		expect(get(early, 'salesorder', 1).values.status).toBe('SalesOrd:F');
	});

	test('multi-currency: base amounts rounded half away from zero, exact cents', () => {
		// INV-10 100.01 GBP x 1.1675 = 116.761675 -> 116.76; open 50.01 x 1.1675 = 58.386675 -> 58.39;
		// application base = 116.76 - 58.39 = 58.37. PYMT-10 50 x 1.17 = 58.50.
		const inv = get(store, 'invoice', 20);
		expect(inv.values).toMatchObject({
			amount: 116.76,
			fxamount: 100.01,
			amountremaining: 58.39,
			fxamountremaining: 50.01,
			amountpaid: 58.37,
			exchangerate: 1.1675,
			daysoverdue: 14,
		});
		expect(inv.texts.currency).toBe('GBP');
		expect(getAccountIndex(store)?.applications.get(20)?.[0]).toMatchObject({ amount: 58.37, fxAmount: 50 });
		expect(get(store, 'customerpayment', 21).values).toMatchObject({
			amount: -58.5,
			amountremaining: 0,
			closedate: '2026-02-20',
		});
		// INV-11: 1.00 x 1.005 = 1.005 -> 1.01 (a float multiply gives 1.00)
		expect(get(store, 'invoice', 22).values.amount).toBe(1.01);
	});

	test('convertCents is exact', () => {
		expect(convertCents(100, 1.005)).toBe(101);
		expect(convertCents(105, 1.1)).toBe(116); // 115.5 -> 116
		expect(convertCents(1001, 1.1675)).toBe(1169); // 1168.6675
		expect(convertCents(-105, 1.1)).toBe(-116);
		expect(convertCents(12345, 1)).toBe(12345);
		expect(convertCents(100000, 1e-7)).toBe(0);
	});
});

describe('buildStore: customers, lists, custom records', () => {
	const store = buildStore(dataset(), D, project());

	test('customer derived balances', () => {
		// open INV-2 380 + INV-3 800 = 1180; unapplied PYMT-1 300 + PYMT-3 80 = 380 -> balance 800
		// (= invoices 2500 - payments/credits 1700). Overdue: INV-2 380. Unbilled: SO-2 700.
		expect(get(store, 'customer', 100).values).toMatchObject({
			entityid: 'CUST-100',
			companyname: 'Test Co 1',
			balance: 800,
			overduebalance: 380,
			unbilledorders: 700,
			daysoverdue: 12,
			creditlimit: 5000,
			category: 'Construction',
			email: 'ap1@example.com',
			isinactive: false,
			terms: 1,
		});
		expect(get(store, 'customer', 100).texts).toMatchObject({
			subsidiary: 'Test Sub US',
			currency: 'USD',
			terms: 'Net 30',
		});
		// INV-5 has no due date: open but never overdue
		expect(get(store, 'customer', 101).values).toMatchObject({
			balance: 250,
			overduebalance: 0,
			daysoverdue: null,
			unbilledorders: 0,
			creditlimit: null,
		});
		// In the customer's currency (GBP), as NetSuite keeps the customer record's balances, not the
		// subsidiary's EUR: INV-10 100.01 − 50 paid = 50.01 open (overdue) + INV-11 1.00 = 51.01.
		// (In EUR it would be 58.39 + 1.01 = 59.40.)
		expect(get(store, 'customer', 200).values).toMatchObject({
			balance: 51.01,
			overduebalance: 50.01,
			daysoverdue: 14,
		});
	});

	test('subsidiaries, currencies, terms, employee', () => {
		expect(get(store, 'subsidiary', 2).values).toMatchObject({ name: 'Test Sub EU', parent: 1, isinactive: false });
		expect(get(store, 'subsidiary', 2).texts).toMatchObject({ parent: 'Test Sub US', currency: 'EUR' });
		const currencies = [...store.all('currency')].map((c) => [c.id, c.values.name, c.values.symbol]);
		expect(currencies).toEqual([
			[1, 'USD', 'USD'],
			[2, 'EUR', 'EUR'],
			[3, 'GBP', 'GBP'],
		]);
		expect(get(store, 'invoice', 20).values.currency).toBe(3);
		expect(get(store, 'term', 1).values).toMatchObject({ name: 'Net 30', daysuntildue: 30 });
		expect(get(store, 'employee', 1).values.entityid).toBe('O2C Admin');
	});

	test('promise status at D', () => {
		const status = (id: number) => store.get('customrecord_o2c_promise', id)?.values.custrecord_o2c_pr_status;
		expect(status(1)).toBe('kept'); // PYMT-1 1300 on 2/10 within [2/5, 2/11]
		expect(status(2)).toBe('broken'); // nothing in [3/2, 3/9], and 3/9 < D
		expect(status(3)).toBe('pending'); // nothing yet, promised 3/20 > D
		expect(status(4)).toBe('kept'); // PYMT-3 200 on 3/10, kept early
		expect(store.get('customrecord_o2c_promise', 5)).toBeUndefined(); // made after D
		expect(status(6)).toBe('pending'); // 200 < 500 but promised date = D: not broken yet
		expect(store.get('customrecord_o2c_promise', 1)?.values).toMatchObject({
			custrecord_o2c_pr_customer: 100,
			custrecord_o2c_pr_made_on: '2026-02-05',
			custrecord_o2c_pr_date: '2026-02-11',
			custrecord_o2c_pr_amount: 1000,
			custrecord_o2c_pr_invoices: '2',
		});
		expect(store.get('customrecord_o2c_promise', 1)?.texts.custrecord_o2c_pr_customer).toBe('Test Co 1');
	});

	test('settings become custom records', () => {
		expect(store.get('customrecord_o2c_alert_setting', 1)?.values).toMatchObject({
			custrecord_o2c_as_subsidiary: null,
			custrecord_o2c_as_threshold: 10,
			custrecord_o2c_as_floor: 30,
			custrecord_o2c_as_window: 30,
			custrecord_o2c_as_enabled: true,
			custrecord_o2c_as_ar_clerk: 'ar@example.com',
			custrecord_o2c_as_cfo: 'cfo@example.com',
		});
		expect(store.get('customrecord_o2c_alert_setting', 2)?.values).toMatchObject({
			custrecord_o2c_as_subsidiary: 2,
			custrecord_o2c_as_enabled: false,
			custrecord_o2c_as_threshold: null,
		});
		expect(store.get('customrecord_o2c_seasonality', 1)?.values).toMatchObject({
			custrecord_o2c_se_from: '12-15',
			custrecord_o2c_se_to: '01-15',
			custrecord_o2c_se_action: 'suppress',
			custrecord_o2c_se_days: null,
		});
		expect(store.get('customrecord_o2c_collections_setting', 1)?.values).toMatchObject({
			custrecord_o2c_cs_min_overdue: 1000,
			custrecord_o2c_cs_min_days: 15,
		});
	});

	test('accountInfo', () => {
		expect(accountInfo(dataset(), D)).toEqual({
			name: 'Test Account',
			timezone: 'America/New_York',
			dateFormat: 'M/D/YYYY',
			features: ['SUBSIDIARIES', 'MULTICURRENCY'],
			asOf: D,
		});
		expect(() => accountInfo(dataset(), '3/15/2026')).toThrow(DatasetError);
	});
});

describe('buildStore: refusals name the record and field', () => {
	const expectError = (mutate: (ds: Dataset) => void, message: RegExp, objects = project()) => {
		const ds = dataset();
		mutate(ds);
		let err: unknown;
		try {
			buildStore(ds, D, objects);
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(DatasetError);
		expect((err as Error).message).toMatch(message);
	};
	const txn = (ds: Dataset, id: number): DsTransaction => ds.transactions.find((t) => t.id === id) as DsTransaction;

	test('application to a non-existent invoice', () => {
		expectError(
			(ds) => (txn(ds, 3).apply = [{ doc: 999, amount: 10 }]),
			/transaction 3\.apply\[0\]\.doc: invoice 999 does not exist/,
		);
	});
	test('application to a sales order', () => {
		expectError(
			(ds) => (txn(ds, 3).apply = [{ doc: 1, amount: 10 }]),
			/transaction 3\.apply\[0\]\.doc: transaction 1 is SalesOrd/,
		);
	});
	test('customer in an unknown subsidiary', () => {
		expectError(
			(ds) => ((ds.customers[1] as { subsidiary: number }).subsidiary = 9),
			/customer 101\.subsidiary: subsidiary 9 does not exist/,
		);
	});
	test('transaction for an unknown customer', () => {
		expectError((ds) => (txn(ds, 5).entity = 555), /transaction 5\.entity: customer 555 does not exist/);
	});
	test('over-application of an invoice and of a payment', () => {
		expectError(
			(ds) => ((txn(ds, 7).amount = 1000), (txn(ds, 7).apply = [{ doc: 5, amount: 450 }])),
			/applications to invoice 5 total 550/,
		);
		expectError(
			(ds) => (txn(ds, 6).apply = [{ doc: 5, amount: 151 }]),
			/transaction 6\.apply: applications total 151/,
		);
	});
	test('application across currencies', () => {
		expectError(
			(ds) => (txn(ds, 21).apply = [{ doc: 2, amount: 1 }]),
			/invoice 2 is in USD but CustPymt 21 is in GBP/,
		);
	});
	test('bad dates, amounts, duplicate ids, unknown terms', () => {
		expectError((ds) => (txn(ds, 5).tranDate = '2026-02-30'), /transaction 5\.tranDate/);
		expectError((ds) => (txn(ds, 5).amount = -5), /transaction 5\.amount: amounts are positive/);
		expectError((ds) => (txn(ds, 5).amount = 1.234), /transaction 5\.amount: at most 2 decimals/);
		expectError(
			(ds) => ds.transactions.push(tx({ id: 5, type: 'CustInvc', tranDate: '2026-01-01', amount: 1 })),
			/duplicate transaction id 5/,
		);
		expectError((ds) => (txn(ds, 5).terms = 7), /transaction 5\.terms: terms 7 does not exist/);
		expectError((ds) => (txn(ds, 2).createdFrom = 77), /transaction 2\.createdFrom: transaction 77 does not exist/);
		expectError(
			(ds) => (((ds.promises ?? [])[0] as { entity: number }).entity = 999),
			/promise 1\.entity: customer 999 does not exist/,
		);
	});
	test('settings or promises without their custom record type', () => {
		expectError(
			() => undefined,
			/settings\.alerts: the custom record type customrecord_o2c_alert_setting is not defined/,
			project(false),
		);
		const onlyPromises = project();
		onlyPromises.customRecordTypes.delete('customrecord_o2c_promise');
		expectError(
			() => undefined,
			/promises: the custom record type customrecord_o2c_promise is not defined/,
			onlyPromises,
		);
		// without settings and promises no custom record type is needed
		const ds = dataset();
		delete ds.settings;
		delete ds.promises;
		expect(() => buildStore(ds, D, project(false))).not.toThrow();
	});
	test('not a TypeError on a malformed dataset', () => {
		expectError(
			(ds) => ((ds as unknown as { customers: unknown }).customers = null),
			/dataset\.customers: expected an array/,
		);
		expectError((ds) => ((ds.transactions as unknown[])[0] = null), /transactions\[0\] \(id undefined\)\.id/);
	});
});

describe('buildStore at M size', () => {
	// how long it takes is measured by `npm run bench` (the local run), never asserted here
	test('200k invoices and 150k payments: every invoice gets its status', () => {
		const n = 200_000;
		const customers = Array.from({ length: 5000 }, (_, i) => ({
			id: i + 1,
			entityId: `C${i + 1}`,
			companyName: `Test Co ${i + 1}`,
			subsidiary: 1,
			currency: 'USD',
		}));
		const transactions: DsTransaction[] = [];
		for (let i = 1; i <= n; i++) {
			const day = 1 + (i % 28);
			transactions.push({
				id: i,
				type: 'CustInvc',
				tranId: `INV-${i}`,
				entity: 1 + (i % 5000),
				subsidiary: 1,
				currency: 'USD',
				exchangeRate: 1,
				tranDate: `2025-06-${String(day).padStart(2, '0')}`,
				dueDate: `2025-07-${String(day).padStart(2, '0')}`,
				amount: 100 + (i % 900),
			});
		}
		for (let i = 1; i <= 150_000; i++) {
			const inv = transactions[i - 1] as DsTransaction;
			transactions.push({
				id: n + i,
				type: 'CustPymt',
				tranId: `P-${i}`,
				entity: inv.entity,
				subsidiary: 1,
				currency: 'USD',
				exchangeRate: 1,
				tranDate: '2025-08-01',
				amount: inv.amount,
				apply: [{ doc: inv.id, amount: inv.amount }],
			});
		}
		const ds: Dataset = {
			format: 'o2c-dataset/1',
			account: { name: 'Perf', timezone: 'UTC' },
			subsidiaries: [{ id: 1, name: 'S', currency: 'USD', parent: null }],
			customers,
			transactions,
		};
		const store = buildStore(ds, '2025-09-01', project());
		expect(store.count('invoice')).toBe(n);
		expect(store.get('invoice', 1)?.values.status).toBe('CustInvc:B');
		expect(store.get('invoice', n)?.values.status).toBe('CustInvc:A');
	});
});
