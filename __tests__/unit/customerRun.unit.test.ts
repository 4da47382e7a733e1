/**
 * Unit layer (Oracle's stubs): what the per-customer map/reduce jobs share (adapters/customerRun.ts
 * and the grouped input of searchKit). N/cache is programmed as a cache that can lose its entry,
 * N/runtime as the script and parameters a stage sees; the answers are the dates, keys and log
 * titles an admin would read.
 */
import * as cache from 'N/cache';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import { customerSubsidiaryPair, failedAndReduced, runDate } from '../../src/TypeScripts/o2c_dso/adapters/customerRun';
import { groupByCustomerAndSubsidiary } from '../../src/TypeScripts/o2c_dso/adapters/searches/searchKit';

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

describe('the grouped input and its map', () => {
	it('groups by customer then subsidiary, both sorted (a unique order for the paged input)', () => {
		(search.createColumn as unknown as jest.Mock).mockImplementation((o: unknown) => o);
		const s = { columns: ['stale'] } as unknown as search.Search;
		expect(groupByCustomerAndSubsidiary(s).columns).toEqual([
			{ name: 'entity', summary: 'GROUP', sort: 'ASC' },
			{ name: 'subsidiary', summary: 'GROUP', sort: 'ASC' },
		]);
	});
	it('a grouped row becomes (customer, subsidiary); the keys are read whatever their case', () => {
		const row = JSON.stringify({
			recordType: null,
			id: '1',
			values: {
				'GROUP(entity)': { value: '1001', text: 'Lakeshore Supply 1001 LLC' },
				'group(SUBSIDIARY)': { value: '3', text: 'UK Wholesale' },
			},
		});
		expect(customerSubsidiaryPair(row, 'forecast')).toEqual({ key: '1001', value: '3' });
	});
	it('a row without a customer names the job and the row; a row without the column names the column', () => {
		const noCustomer = JSON.stringify({ values: { 'GROUP(entity)': '', 'GROUP(subsidiary)': { value: '1' } } });
		expect(() => customerSubsidiaryPair(noCustomer, 'customer metrics')).toThrow(
			`A customer metrics input row has no customer: ${noCustomer}`,
		);
		const noSubsidiary = JSON.stringify({ values: { 'GROUP(entity)': { value: '7' } } });
		expect(() => customerSubsidiaryPair(noSubsidiary, 'forecast')).toThrow(
			'The search result has no column group(subsidiary) (it has: GROUP(entity))',
		);
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
