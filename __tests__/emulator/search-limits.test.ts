/**
 * N/search limits, paging, governance units, saved searches and speed.
 *
 * Account: customer 1 ("Test Co 1") has invoices 1..5005 and customer 2 ("Test Co 2") invoices
 * 5006..5015, all dated 2026-01-01, amount = (id mod 100) + 1; as-of 2026-03-15.
 */
import { accountInfo, buildStore } from '../../local/emulator/account';
import { createSearchModule, runForMapReduceInput } from '../../local/emulator/modules/search';
import type { ModuleContext, SavedSearchDef } from '../../local/emulator/context';
import type { Dataset, DsTransaction } from '../../local/data/dataset';
import type { SdfProject } from '../../local/sdf/types';
import { errorOf, ML, RecordingMeter } from './searchSupport';

const D = '2026-03-15';

const objects: SdfProject = {
	root: '/tmp/src',
	scripts: new Map(),
	customRecordTypes: new Map(),
	entityFields: new Map(),
	bodyFields: new Map(),
	objects: new Map(),
};

function invoices(from: number, to: number, entity: number): DsTransaction[] {
	const out: DsTransaction[] = [];
	for (let id = from; id <= to; id++) {
		out.push({
			id,
			type: 'CustInvc',
			tranId: `INV-${id}`,
			entity,
			subsidiary: 1,
			currency: 'USD',
			tranDate: '2026-01-01',
			dueDate: '2026-01-31',
			amount: (id % 100) + 1,
		});
	}
	return out;
}

function setup(savedSearches = new Map<string, SavedSearchDef>()) {
	const ds: Dataset = {
		format: 'o2c-dataset/1',
		account: { name: 'Test Account', timezone: 'UTC' },
		subsidiaries: [{ id: 1, name: 'Test Sub', currency: 'USD', parent: null }],
		customers: [
			{ id: 1, entityId: 'C1', companyName: 'Test Co 1', subsidiary: 1, currency: 'USD' },
			{ id: 2, entityId: 'C2', companyName: 'Test Co 2', subsidiary: 1, currency: 'USD' },
		],
		transactions: [...invoices(1, 5005, 1), ...invoices(5006, 5015, 2)],
	};
	const meter = new RecordingMeter(1_000_000);
	const ctx: ModuleContext = {
		store: buildStore(ds, D, objects),
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
		savedSearches,
	};
	return { ctx, meter, search: createSearchModule(ctx) };
}

describe('ResultSet.getRange', () => {
	const { search } = setup();
	const rs = search.create({ type: 'invoice', filters: [ML], columns: ['tranid'] }).run();

	test('at most 1,000 rows per call', () => {
		expect(rs.getRange({ start: 0, end: 1000 })).toHaveLength(1000);
		expect(rs.getRange({ start: 1000, end: 2000 })[0]?.id).toBe('1001');
		const e = errorOf(() => rs.getRange({ start: 0, end: 1001 }));
		expect(e.name).toBe('SSS_SEARCH_RESULT_LIMIT_EXCEEDED');
		expect(e.message).toMatch(/No more than 1000 search results/);
	});
	test('negative start, ranges past the end', () => {
		expect(errorOf(() => rs.getRange({ start: -1, end: 10 })).name).toBe('SSS_INVALID_SEARCH_RESULT_INDEX');
		expect(rs.getRange({ start: 5010, end: 5100 }).map((r) => r.id)).toEqual([
			'5011',
			'5012',
			'5013',
			'5014',
			'5015',
		]);
		expect(rs.getRange({ start: 6000, end: 6010 })).toEqual([]);
	});
});

describe('ResultSet.each', () => {
	const { search } = setup();

	test('throws SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED when asked for a 4,001st result', () => {
		let calls = 0;
		const e = errorOf(() => {
			search
				.create({ type: 'invoice', filters: [ML], columns: ['tranid'] })
				.run()
				.each(() => {
					calls++;
					return true;
				});
		});
		expect(e.name).toBe('SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED');
		expect(calls).toBe(4000);
	});
	test('exactly 4,000 results, or stopping earlier, is fine', () => {
		let calls = 0;
		search
			.create({
				type: 'invoice',
				filters: [ML, 'AND', ['internalidnumber', 'lessthanorequalto', '4000']],
				columns: ['tranid'],
			})
			.run()
			.each(() => {
				calls++;
				return true;
			});
		expect(calls).toBe(4000);
		calls = 0;
		search
			.create({ type: 'invoice', filters: [ML], columns: ['tranid'] })
			.run()
			.each(() => ++calls < 10);
		expect(calls).toBe(10);
		calls = 0;
		// a callback that returns nothing stops after the first result
		search
			.create({ type: 'invoice', filters: [ML], columns: ['tranid'] })
			.run()
			.each(() => {
				calls++;
			});
		expect(calls).toBe(1);
	});
});

describe('runPaged', () => {
	const { search } = setup();
	const ID_ORDER = (): unknown => search.createColumn({ name: 'internalid', sort: 'ASC' });

	test('count, page ranges, fetch, next/prev', () => {
		const paged = search
			.create({
				type: 'invoice',
				filters: [ML, 'AND', ['entity', 'anyof', '1']],
				columns: ['tranid', ID_ORDER()],
			})
			.runPaged({ pageSize: 1000 });
		expect(paged.count).toBe(5005);
		expect(paged.pageSize).toBe(1000);
		expect(paged.pageRanges.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(paged.searchDefinition.searchType).toBe('invoice');
		const last = paged.fetch({ index: 5 });
		expect(last.data.map((r) => r.id)).toEqual(['5001', '5002', '5003', '5004', '5005']);
		expect([last.isFirst, last.isLast, last.pageRange.index]).toEqual([false, true, 5]);
		const first = paged.fetch({ index: 0 });
		expect([first.isFirst, first.isLast, first.data.length, first.data[0]?.id]).toEqual([true, false, 1000, '1']);
		expect(first.pagedData).toBe(paged);
		expect(first.next().data[0]?.id).toBe('1001');
		expect(last.prev().data[0]?.id).toBe('4001');
		expect(errorOf(() => last.next()).name).toBe('INVALID_PAGE_RANGE');
		expect(errorOf(() => paged.fetch({ index: 6 })).name).toBe('INVALID_PAGE_RANGE');
		expect(errorOf(() => paged.fetch({ index: -1 })).name).toBe('INVALID_PAGE_RANGE');
	});
	test('default page size 50; 5..1,000 allowed', () => {
		const s = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['entity', 'anyof', '2']],
			columns: ['tranid', ID_ORDER()],
		});
		expect(s.runPaged().pageSize).toBe(50);
		expect(s.runPaged({ pageSize: 5 }).pageRanges).toHaveLength(2);
		for (const pageSize of [4, 1001, 2.5])
			expect(errorOf(() => s.runPaged({ pageSize })).name).toBe('INVALID_PAGE_RANGE');
	});
	test('an empty search has no pages', () => {
		const p = search
			.create({ type: 'invoice', filters: [ML, 'AND', ['entity', 'anyof', '3']], columns: ['tranid'] })
			.runPaged({ pageSize: 10 });
		expect([p.count, p.pageRanges.length]).toEqual([0, 0]);
	});
	test('more than 1,000 pages is refused (NetSuite would drop the rest silently)', () => {
		const s = search.create({ type: 'invoice', filters: [ML], columns: ['tranid', ID_ORDER()] });
		expect(s.runPaged({ pageSize: 6 }).pageRanges).toHaveLength(836); // 5015 / 6
		const e = errorOf(() => s.runPaged({ pageSize: 5 })); // 1003 pages
		expect(e.name).toBe('EMULATOR_UNSUPPORTED');
		expect(e.message).toMatch(/1,000 pages/);
	});

	// Oracle help, Search.runPaged: "You must specify a sorting order in the search definition when
	// using this method to avoid duplicate or missing results." Pages are separate queries.
	test('more than one page needs a unique sort: refused without one, naming what is needed', () => {
		const unsorted = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['entity', 'anyof', '2']],
			columns: ['tranid'],
		});
		const e = errorOf(() => unsorted.runPaged({ pageSize: 5 })); // 10 rows, 2 pages
		expect(e.name).toBe('EMULATOR_UNSUPPORTED');
		expect(e.message).toMatch(
			/no unique sort order \(it needs a sort on internalid\).*You must specify a sorting order/,
		);
		// a sort on a column that repeats (every invoice has the same date) is not unique either
		const byDate = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['entity', 'anyof', '2']],
			columns: [search.createColumn({ name: 'trandate', sort: 'ASC' })],
		});
		expect(errorOf(() => byDate.runPaged({ pageSize: 5 })).name).toBe('EMULATOR_UNSUPPORTED');
		// one page has no hazard
		expect(unsorted.runPaged({ pageSize: 10 }).count).toBe(10);
	});

	test('a summary search of several pages needs every GROUP column sorted', () => {
		const grouped = (sorted: boolean): ReturnType<typeof search.create> =>
			search.create({
				type: 'invoice',
				filters: [ML],
				columns: [
					search.createColumn({ name: 'tranid', summary: 'GROUP', ...(sorted ? { sort: 'ASC' } : {}) }),
					search.createColumn({ name: 'amount', summary: 'SUM' }),
				],
			});
		const e = errorOf(() => grouped(false).runPaged({ pageSize: 1000 })); // 5,015 groups
		expect(e.message).toMatch(/a sort on every GROUP column \(GROUP\(tranid\)\)/);
		expect(grouped(true).runPaged({ pageSize: 1000 }).pageRanges).toHaveLength(6);
	});
});

describe('governance units', () => {
	test('each API charges what NetSuite charges', () => {
		const { search, meter } = setup();
		const mark = () => meter.calls.length;
		let m = mark();
		const s = search.create({
			type: 'invoice',
			filters: [ML, 'AND', ['entity', 'anyof', '2']],
			columns: ['tranid', search.createColumn({ name: 'internalid', sort: 'ASC' })],
		});
		const rs = s.run();
		expect(meter.used()).toBe(0);
		rs.each(() => true);
		expect(meter.since(m)).toEqual({ 'search.create': 0, 'ResultSet.each': 10 });
		m = mark();
		rs.getRange({ start: 0, end: 5 });
		rs.getRange({ start: 5, end: 10 });
		expect(meter.since(m)).toEqual({ 'ResultSet.getRange': 20 });
		m = mark();
		const paged = s.runPaged({ pageSize: 5 });
		const page = paged.fetch({ index: 0 });
		page.next();
		expect(meter.since(m)).toEqual({ 'Search.runPaged': 5, 'PagedData.fetch': 10 });
		m = mark();
		s.save({ id: 'customsearch_units', title: 'Units' });
		const loaded = search.load({ id: 'customsearch_units' });
		search.delete({ id: loaded.id });
		expect(meter.since(m)).toEqual({ 'Search.save': 5, 'search.load': 5, 'search.delete': 5 });
		m = mark();
		search.lookupFields({ type: 'customer', id: 1, columns: ['companyname'] });
		expect(meter.since(m)).toEqual({ 'search.lookupFields': 1 });
		// a failed call is still charged (the meter is charged before the work)
		m = mark();
		errorOf(() => search.load({ id: 'customsearch_missing' }));
		expect(meter.since(m)).toEqual({ 'search.load': 5 });
	});

	test('a meter that refuses stops the call before it does any work', () => {
		const { ctx, search } = setup();
		let allowed = 10;
		ctx.meter.charge = (units: number) => {
			if (units > allowed) throw Object.assign(new Error('over'), { name: 'SSS_USAGE_LIMIT_EXCEEDED' });
			allowed -= units;
		};
		let calls = 0;
		const rs = search.create({ type: 'invoice', filters: [ML], columns: ['tranid'] }).run();
		rs.each(() => ++calls < 3);
		expect(
			errorOf(() => {
				rs.each(() => ++calls < 100);
			}).name,
		).toBe('SSS_USAGE_LIMIT_EXCEEDED');
		expect(calls).toBe(3);
	});
});

describe('saved searches', () => {
	test('save and load round trip (script id and internal id), filters with Dates, summaries, sorts, settings', () => {
		const saved = new Map<string, SavedSearchDef>();
		const { search } = setup(saved);
		const s = search.create({
			type: search.Type.INVOICE,
			settings: [search.createSetting({ name: 'consolidationtype', value: 'NONE' })],
			filters: [
				ML,
				'AND',
				['trandate', 'onorbefore', new Date(Date.UTC(2026, 0, 1, 12))],
				'AND',
				['amount', 'greaterthan', '10'],
			],
			columns: [
				search.createColumn({ name: 'entity', summary: 'GROUP', sort: 'DESC' }),
				search.createColumn({ name: 'amount', summary: 'SUM', label: 'Total' }),
			],
		});
		const expected = s
			.run()
			.getRange({ start: 0, end: 10 })
			.map((r) => r.toJSON());
		// customer 2 (sorted first, DESC): invoices 5010..5015, amounts 11..16 -> 81.00
		expect(expected).toHaveLength(2);
		expect(expected[0]).toEqual({
			recordType: 'invoice',
			values: { 'GROUP(entity)': { value: '2', text: 'Test Co 2' }, 'SUM(amount)': '81.00' },
		});
		const internalId = s.save({ id: 'customsearch_o2c_test', title: 'Test saved search' });
		expect(typeof internalId).toBe('number');
		expect(s.id).toBe('customsearch_o2c_test');
		expect(saved.get('customsearch_o2c_test')?.title).toBe('Test saved search');

		// a later execution (same emulator life, new module instance)
		const again = setup(saved).search;
		for (const id of ['customsearch_o2c_test', internalId, String(internalId)]) {
			const l = again.load({ id });
			expect(l.id).toBe('customsearch_o2c_test');
			expect(l.title).toBe('Test saved search');
			expect(l.searchType).toBe('invoice');
			expect(
				l
					.run()
					.getRange({ start: 0, end: 10 })
					.map((r) => r.toJSON()),
			).toEqual(expected);
		}
		const l = again.load({ id: 'customsearch_o2c_test' });
		expect(l.columns.map((c) => [c.name, c.summary, c.sort, c.label])).toEqual([
			['entity', 'GROUP', 'DESC', undefined],
			['amount', 'SUM', undefined, 'Total'],
		]);
		expect(l.filterExpression).toEqual([
			['mainline', 'is', 'T'],
			'AND',
			['trandate', 'onorbefore', '1/1/2026'],
			'AND',
			['amount', 'greaterthan', '10'],
		]);
		expect(l.settings.map((x) => [x.name, x.value])).toEqual([['consolidationtype', 'NONE']]);

		// changing a loaded search and saving it again updates it
		l.filterExpression = [ML, 'AND', ['entity', 'anyof', '2']];
		expect(l.save()).toBe(internalId);
		expect(again.load({ id: 'customsearch_o2c_test' }).run().getRange({ start: 0, end: 10 })).toHaveLength(1);

		again.delete({ id: 'customsearch_o2c_test' });
		expect(errorOf(() => again.load({ id: 'customsearch_o2c_test' })).name).toBe('INVALID_SEARCH');
		expect(
			errorOf(() => {
				again.delete({ id: 'customsearch_o2c_test' });
			}).name,
		).toBe('INVALID_SEARCH');
	});

	test('save checks the id, the title, duplicates and the definition', () => {
		const { search } = setup();
		const mk = () => search.create({ type: 'invoice', filters: [ML], columns: ['tranid'] });
		expect(errorOf(() => mk().save({ id: 'mysearch', title: 'x' })).name).toBe('SSS_INVALID_SRCH_ID');
		expect(errorOf(() => mk().save({ id: 'customsearch_x' })).name).toBe('SSS_MISSING_REQD_ARGUMENT');
		mk().save({ id: 'customsearch_x', title: 'x' });
		expect(errorOf(() => mk().save({ id: 'customsearch_x', title: 'y' })).name).toBe('DUP_RCRD');
		expect(
			errorOf(() =>
				search
					.create({ type: 'invoice', filters: [ML], columns: ['nosuch'] })
					.save({ id: 'customsearch_y', title: 'y' }),
			).name,
		).toBe('SSS_INVALID_SRCH_COL');
		// without an id NetSuite assigns one
		const s = mk();
		s.title = 'auto';
		s.save();
		expect(s.id).toMatch(/^customsearch\d+$/);
	});

	test('a map/reduce input reference runs the saved definition', () => {
		const { ctx, search } = setup();
		search
			.create({ type: 'invoice', filters: [ML, 'AND', ['entity', 'anyof', '2']], columns: ['tranid'] })
			.save({ id: 'customsearch_mr', title: 'mr' });
		const rows = runForMapReduceInput(ctx, { type: 'search', id: 'customsearch_mr' });
		expect(rows).toHaveLength(10);
		expect(JSON.parse(rows[0] as string)).toEqual({
			recordType: 'invoice',
			id: '5006',
			values: { tranid: 'INV-5006' },
		});
		// no 4,000-result or page limits on an input search
		expect(
			runForMapReduceInput(ctx, search.create({ type: 'invoice', filters: [ML], columns: ['tranid'] })),
		).toHaveLength(5015);
	});
});

// Results on an M-sized account (how fast is measured by `npm run bench`, never asserted here: a
// shared machine's load is not the emulator's speed)
describe('searches on an M-sized account', () => {
	// 5,000 customers, 200,000 invoices, 150,000 payments each paying one invoice in full
	const n = 200_000;
	const customers = Array.from({ length: 5000 }, (_, i) => ({
		id: i + 1,
		entityId: `C${i + 1}`,
		companyName: `Test Co ${i + 1}`,
		subsidiary: 1 + (i % 2),
		currency: 'USD',
	}));
	const transactions: DsTransaction[] = [];
	for (let i = 1; i <= n; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		const entity = 1 + (i % 5000);
		transactions.push({
			id: i,
			type: 'CustInvc',
			tranId: `INV-${i}`,
			entity,
			subsidiary: 1 + ((entity - 1) % 2),
			currency: 'USD',
			tranDate: `2025-06-${day}`,
			dueDate: `2025-07-${day}`,
			amount: 100 + (i % 900) + 0.25,
		});
	}
	for (let i = 1; i <= 150_000; i++) {
		const inv = transactions[i - 1] as DsTransaction;
		transactions.push({
			id: n + i,
			type: 'CustPymt',
			tranId: `P-${i}`,
			entity: inv.entity,
			subsidiary: inv.subsidiary,
			currency: 'USD',
			tranDate: '2025-08-01',
			amount: inv.amount,
			apply: [{ doc: inv.id, amount: inv.amount }],
		});
	}
	const ds: Dataset = {
		format: 'o2c-dataset/1',
		account: { name: 'Perf', timezone: 'UTC' },
		subsidiaries: [
			{ id: 1, name: 'Test Sub A', currency: 'USD', parent: null },
			{ id: 2, name: 'Test Sub B', currency: 'USD', parent: 1 },
		],
		customers,
		transactions,
	};
	const asOf = '2025-09-01';
	const meter = new RecordingMeter(1_000_000);
	const ctx: ModuleContext = {
		store: buildStore(ds, asOf, objects),
		objects,
		meter,
		account: accountInfo(ds, asOf),
		script: {
			scriptId: 'customscript_test',
			deploymentId: 'customdeploy_test',
			objectType: 'scheduledscript',
			params: {},
			logLevel: 'DEBUG',
		},
		savedSearches: new Map(),
	};
	const search = createSearchModule(ctx);

	test("per-customer searches (the entity index) return each customer's open invoices", () => {
		// warm the index once
		search
			.create({ type: 'invoice', filters: [ML, 'AND', ['entity', 'anyof', '1']], columns: ['tranid'] })
			.run()
			.getRange({ start: 0, end: 1 });
		let rows = 0;
		for (let c = 1; c <= 500; c++) {
			const s = search.create({
				type: 'transaction',
				filters: [
					ML,
					'AND',
					['entity', 'anyof', String(c)],
					'AND',
					['type', 'anyof', 'CustInvc'],
					'AND',
					['status', 'anyof', 'CustInvc:A'],
				],
				columns: ['tranid', 'trandate', 'amountremaining', 'daysoverdue'],
			});
			rows += s.run().getRange({ start: 0, end: 1000 }).length;
		}
		// invoices 150,001..200,000 are open: 10 per customer
		expect(rows).toBe(500 * 10);
	});

	test('a summary search over 200,000 invoices sums each subsidiary exactly', () => {
		const paged = search
			.create({
				type: 'invoice',
				filters: [ML],
				columns: [
					search.createColumn({ name: 'subsidiary', summary: 'GROUP' }),
					search.createColumn({ name: 'amountremaining', summary: 'SUM' }),
					search.createColumn({ name: 'amount', summary: 'SUM' }),
					search.createColumn({ name: 'internalid', summary: 'COUNT' }),
				],
			})
			.runPaged({ pageSize: 1000 });
		const rows = paged
			.fetch({ index: 0 })
			.data.map((r) => [
				r.getValue({ name: 'amountremaining', summary: 'SUM' }),
				r.getValue({ name: 'internalid', summary: 'COUNT' }),
			]);
		// amounts are (100 + i mod 900).25; sums computed exactly in cents
		let open1 = 0;
		let open2 = 0;
		for (let i = 150_001; i <= n; i++) {
			const cents = (100 + (i % 900)) * 100 + 25;
			if ((1 + (i % 5000)) % 2 === 1) open1 += cents;
			else open2 += cents;
		}
		const fmt = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
		expect(rows).toEqual([
			[fmt(open1), '100000'],
			[fmt(open2), '100000'],
		]);
	});
});
