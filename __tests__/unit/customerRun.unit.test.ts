/**
 * Unit layer (Oracle's stubs): what the per-customer map/reduce jobs share (adapters/customerRun.ts:
 * the as-of date, the batches of customers, the summarize; the grouped input of searchKit). N/cache is programmed as a cache that can lose its entry,
 * N/runtime as the script and parameters a stage sees; the answers are the dates, keys and log
 * titles an admin would read.
 */
import * as cache from 'N/cache';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import {
	batchCustomers,
	BatchModel,
	batchOf,
	customersOfKey,
	failedAndReduced,
	logUsage,
	planBatches,
	runDate,
} from '../../src/TypeScripts/o2c_dso/adapters/customerRun';
import { countByCustomer } from '../../src/TypeScripts/o2c_dso/adapters/searches/searchKit';

jest.mock('N/cache');
jest.mock('N/log');
jest.mock('N/runtime');
jest.mock('N/search');

/** The private caches of this execution: name → key → value (and what was put with which ttl). */
const caches = new Map<string, Map<string, string>>();
const puts: { name: string; scope: string; key: string; value: string; ttl: number }[] = [];

function programCache(): void {
	(cache.getCache as unknown as jest.Mock).mockImplementation((o: { name: string; scope: string }) => {
		const entries = caches.get(o.name) ?? new Map<string, string>();
		caches.set(o.name, entries);
		return {
			get: (g: { key: string }) => entries.get(g.key) ?? null,
			put: (p: { key: string; value: string; ttl: number }) => {
				puts.push({ name: o.name, scope: o.scope, ...p });
				entries.set(p.key, p.value);
			},
		};
	});
}

/** The running script and its parameters (an empty parameter is null, as N/runtime returns it). */
function script(id: string, params: Record<string, string>): void {
	(runtime.getCurrentScript as unknown as jest.Mock).mockReturnValue({
		id,
		getParameter: (o: { name: string }) => params[o.name] ?? null,
	});
}

beforeEach(() => {
	jest.clearAllMocks();
	caches.clear();
	puts.length = 0;
	programCache();
});

describe('runDate: one as-of date for every stage of a run', () => {
	const RUN = runDate('o2c_test_run', 'custscript_o2c_fc_as_of');

	it('getInputData fixes the override date in the private cache for a day; later stages read it', () => {
		script('customscript_o2c_forecast_mr', { custscript_o2c_fc_as_of: '2026-05-04' });
		expect(RUN.fix()).toBe('2026-05-04');
		expect(puts).toEqual([
			{ name: 'o2c_test_run', scope: 'PRIVATE', key: 'asof', value: '2026-05-04', ttl: 86400 },
		]);
		// a later stage sees another override (an admin edited the deployment mid-run): the run keeps its date
		script('customscript_o2c_forecast_mr', { custscript_o2c_fc_as_of: '2026-05-09' });
		expect(RUN.get()).toBe('2026-05-04');
	});
	it('an evicted or unreadable entry is recomputed the way getInputData computed it', () => {
		script('customscript_o2c_forecast_mr', { custscript_o2c_fc_as_of: '2026-05-04' });
		RUN.fix();
		caches.get('o2c_test_run')!.clear();
		expect(RUN.get()).toBe('2026-05-04');
		caches.get('o2c_test_run')!.set('asof', '04/05/2026');
		expect(RUN.get()).toBe('2026-05-04');
	});
	it("the nightly chain's night parameter wins over the override", () => {
		script('customscript_o2c_forecast_mr', {
			custscript_o2c_fc_night: '2026-05-03',
			custscript_o2c_fc_as_of: '2026-05-04',
		});
		expect(RUN.fix()).toBe('2026-05-03');
		expect(RUN.get()).toBe('2026-05-03');
	});
});

describe('the grouped input and its batches', () => {
	it('groups by customer then subsidiary, both sorted (a unique order for the pages), and counts the rows', () => {
		(search.createColumn as unknown as jest.Mock).mockImplementation((o: unknown) => o);
		const page = (rows: [string, string, string][]) => ({
			data: rows.map(([c, sub, n]) => ({
				getValue: (col: { name: string; summary: string }) =>
					col.summary === 'COUNT' ? n : col.name === 'entity' ? c : sub,
			})),
		});
		const s = {
			columns: ['stale'],
			runPaged: () => ({
				pageRanges: [{ index: 0 }],
				fetch: () =>
					page([
						['1001', '1', '40'],
						['1002', '1', '3'],
						['1002', '2', '5'],
					]),
			}),
		} as unknown as search.Search;
		const counts = countByCustomer(s);
		expect(s.columns).toEqual([
			{ name: 'entity', summary: 'GROUP', sort: 'ASC' },
			{ name: 'subsidiary', summary: 'GROUP', sort: 'ASC' },
			{ name: 'internalid', summary: 'COUNT' },
		]);
		expect([...counts.values()]).toEqual([
			{ customerId: '1001', subsidiaryIds: ['1'], rows: 40 },
			{ customerId: '1002', subsidiaryIds: ['1', '2'], rows: 8 },
		]);
	});
	/** A model that costs nothing but pages of one search, writes and 10 units per subsidiary. */
	const model = (maxUnits: number, maxRows = 1e9): BatchModel => ({
		maxUnits,
		maxRows,
		fixedUnits: 0,
		searches: ['rows'],
		subsidiaryUnits: () => 10,
	});
	const load = (customerId: string, rows: number, writeUnits = 0, subsidiaryIds = ['1']) => ({
		customerId,
		subsidiaryIds,
		rows,
		reads: [rows],
		writeUnits,
	});
	it('cuts consecutive customers at the row cap and the unit budget; one customer above a cap is a batch of its own', () => {
		const input = batchCustomers(
			[load('1', 40), load('2', 50), load('3', 30), load('4', 500), load('5', 10, 30), load('6', 1, 20)],
			model(45, 100),
			'Test',
		);
		// units: 10 (subsidiary 1) + 5 a page + writes: '1,2' 15, '3' 15, '4' 15 (500 rows: above the row cap),
		// '5' 45, '6' would make 45 + 20 → its own batch
		// (an object lists integer-like keys first; the order of a map/reduce input does not matter)
		expect(Object.keys(input).sort()).toEqual(['1,2', '3', '4', '5', '6']);
		expect(input['1,2']).toBe('{"units":15,"customers":[["1",["1"]],["2",["1"]]]}');
		expect(log.audit).toHaveBeenCalledWith({
			title: 'Test: 5 batches of customers',
			details: "Largest estimate 45 units (budget 45 of a reduce's 5,000): 1 customers, 10 rows, subsidiaries 1",
		});
	});
	it('a page is 5 units per started 1,000 rows of the batch, not per customer', () => {
		const plan = planBatches([load('1', 999), load('2', 1), load('3', 1)], model(25));
		// 1,000 rows: one page (10 + 5); 1,001 would start a second one (10 + 10), still within 25
		expect(plan.map((b) => [b.key, b.units])).toEqual([['1,2,3', 20]]);
		expect(planBatches([load('1', 999), load('2', 1), load('3', 1)], model(15)).map((b) => b.key)).toEqual([
			'1,2',
			'3',
		]);
	});
	it('takes customers by subsidiary, so a batch pays its per-subsidiary reads once', () => {
		// the input search sorts by customer name: subsidiaries alternate
		const mixed = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => load(id, 1, 0, [String(1 + (i % 2))]));
		const plan = planBatches(mixed, model(1e9));
		expect(plan.map((b) => [b.key, b.subsidiaries, b.units])).toEqual([['a,c,e,b,d,f', ['1', '2'], 25]]);
		// a customer in two subsidiaries is taken with its first one and pays for both (25 units:
		// above the budget of 20 on its own, so a batch of its own)
		const two = planBatches(
			[load('x', 1, 0, ['2']), load('y', 1, 0, ['1', '2']), load('z', 1, 0, ['1'])],
			model(20),
		);
		expect(two.map((b) => [b.key, b.subsidiaries, b.units])).toEqual([
			['x', ['2'], 15],
			['y', ['1', '2'], 25],
			['z', ['1'], 15],
		]);
	});
	it('keeps every key within 2,000 bytes (map/reduce keys: at most 3,000)', () => {
		const many = Array.from({ length: 700 }, (_, i) => load(String(100000 + i), 1));
		const keys = Object.keys(batchCustomers(many, model(1e9), 'Test'));
		// 285 six-digit ids and their commas: 1,994 bytes; the 286th would make 2,001
		expect(keys.map((k) => k.length)).toEqual([1994, 1994, 909]);
		expect(keys.flatMap((k) => customersOfKey(k))).toEqual(many.map((c) => c.customerId));
	});
	it('a batch reads back as its customers and subsidiaries; a value that does not match its key is refused', () => {
		expect(batchOf('7,8', ['{"units":60,"customers":[["7",["1"]],["8",["1","2"]]]}'], 'forecast')).toEqual({
			key: '7,8',
			units: 60,
			customers: [
				{ id: '7', subsidiaryIds: ['1'] },
				{ id: '8', subsidiaryIds: ['1', '2'] },
			],
		});
		expect(() => batchOf('7', ['{"units":6,"customers":[["7",[1]]]}'], 'forecast')).toThrow(
			'The forecast batch 7 is not a batch of customers: ["7",[1]]',
		);
		expect(() => batchOf('7', [], 'forecast')).toThrow(
			'The forecast batch 7 is not a batch of customers: 0 values, expected 1',
		);
		expect(() => batchOf('7', ['[["7",["1"]]]'], 'forecast')).toThrow(
			'The forecast batch 7 is not a batch of customers: its value has no estimated units',
		);
	});
	it('a reduce logs its units against the estimate: debug within it, audit above it', () => {
		const batch = batchOf('7,8', ['{"units":60,"customers":[["7",["1"]],["8",["1"]]]}'], 'forecast');
		logUsage('Forecast', batch, 60);
		logUsage('Forecast', batch, 61);
		expect(log.debug).toHaveBeenCalledWith({
			title: 'Forecast: batch of 2 customers (7 to 8)',
			details: '60 units used, 60 estimated',
		});
		expect(log.audit).toHaveBeenCalledWith({
			title: 'Forecast: batch of 2 customers (7 to 8) used more units than estimated',
			details: '61 units used, 60 estimated',
		});
	});
});

describe('failedAndReduced: the summarize of a per-customer job', () => {
	/** A summary iterator over fixed entries, as the map/reduce summary hands them over. */
	const each = <A extends unknown[]>(entries: A[]) => ({
		iterator: () => ({
			each: (f: (...args: A) => boolean) => {
				for (const e of entries) if (!f(...e)) return;
			},
		}),
	});

	it('logs the input error and every failed key under the job title; returns failed and reduced keys', () => {
		const summary = {
			inputSummary: { error: 'SSS_SEARCH_TIMEOUT' },
			mapSummary: { errors: each<[string, string]>([['7', 'bad row']]) },
			reduceSummary: {
				errors: each<[string, string]>([['9', 'Customer 9 has no currency']]),
				keys: each<[string]>([['1'], ['2'], ['9']]),
			},
		};
		const { failed, reduced } = failedAndReduced(summary, 'Forecast');
		expect([...failed]).toEqual(['7', '9']);
		expect([...reduced]).toEqual(['1', '2', '9']);
		expect((log.error as unknown as jest.Mock).mock.calls).toEqual([
			[{ title: 'Forecast: input failed', details: 'SSS_SEARCH_TIMEOUT' }],
			[{ title: 'Forecast: map failed for 7', details: 'bad row' }],
			[{ title: 'Forecast: customer 9 failed', details: 'Customer 9 has no currency' }],
		]);
	});
	it('a failed batch fails all its customers; a customer that failed inside its batch is read from the output', () => {
		const summary = {
			inputSummary: { error: null },
			mapSummary: { errors: each<[string, string]>([]) },
			reduceSummary: {
				errors: each<[string, string]>([['5,6,7', 'SSS_USAGE_LIMIT_EXCEEDED']]),
				keys: each<[string]>([['1,2,3'], ['5,6,7']]),
			},
			output: each<[string, string]>([
				['failed:2', 'Customer 2 has no currency (currency "")'],
				['1', '{"part":{}}'],
			]),
		};
		const { failed, reduced } = failedAndReduced(summary, 'Forecast');
		expect([...failed]).toEqual(['5', '6', '7', '2']);
		expect([...reduced]).toEqual(['1', '2', '3', '5', '6', '7']);
		expect((log.error as unknown as jest.Mock).mock.calls).toEqual([
			[
				{
					title: 'Forecast: batch of 3 customers (5 to 7) failed',
					details: 'SSS_USAGE_LIMIT_EXCEEDED (customers 5,6,7)',
				},
			],
			[{ title: 'Forecast: customer 2 failed', details: 'Customer 2 has no currency (currency "")' }],
		]);
	});
	it('a clean run logs nothing and fails nothing', () => {
		const summary = {
			inputSummary: { error: null },
			mapSummary: { errors: each<[string, string]>([]) },
			reduceSummary: { errors: each<[string, string]>([]), keys: each<[string]>([['4']]) },
		};
		const { failed, reduced } = failedAndReduced(summary, 'Customer metrics');
		expect([failed.size, [...reduced]]).toEqual([0, ['4']]);
		expect(log.error).not.toHaveBeenCalled();
	});
});
