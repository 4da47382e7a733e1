/** Shared fixtures for the emulator tests: the fixture SDF project, a small store, a fake N/search. */
import * as path from 'path';
import { RecordStore } from '../../local/emulator/store';
import type { AccountInfo } from '../../local/emulator/context';
import { Emulator, type EmulatorOptions } from '../../local/emulator';
import type { LogEntry, ModuleFactory, RuntimeContext } from '../../local/emulator/services';

export const FIXTURE_ROOT = path.join(__dirname, 'fixtures', 'project');

/** 2026-01-15 is a Thursday; New York is UTC-5 then, so 02:00 there is 07:00Z. */
export const ACCOUNT: AccountInfo = {
	name: 'Acme Wholesale',
	timezone: 'America/New_York',
	dateFormat: 'M/D/YYYY',
	features: ['SUBSIDIARIES', 'MULTICURRENCY'],
	asOf: '2026-01-15',
};

export function makeStore(): RecordStore {
	const s = new RecordStore();
	s.put({
		type: 'employee',
		id: 1,
		values: { internalid: 1, entityid: 'O2C Admin', email: 'admin@acme.example', subsidiary: 1 },
		texts: {},
	});
	s.put({
		type: 'subsidiary',
		id: 1,
		values: { internalid: 1, name: 'US Wholesale', currency: 1, parent: null, isinactive: false },
		texts: { currency: 'USD' },
	});
	s.put({
		type: 'customer',
		id: 100,
		values: {
			internalid: 100,
			entityid: 'CUST-100',
			companyname: 'Premier Construction Inc',
			email: 'ap@premier.example',
			subsidiary: 1,
			isinactive: false,
		},
		texts: { subsidiary: 'US Wholesale' },
	});
	s.put({
		type: 'customer',
		id: 101,
		values: {
			internalid: 101,
			entityid: 'CUST-101',
			companyname: 'Acme Retail',
			email: '',
			subsidiary: 1,
			isinactive: false,
		},
		texts: { subsidiary: 'US Wholesale' },
	});
	for (const [id, entity, amount] of [
		[12, 100, 1200],
		[13, 101, 300.5],
		[14, 100, 50],
	] as const) {
		s.put({
			type: 'invoice',
			id,
			values: {
				internalid: id,
				tranid: `INV-${id}`,
				type: 'CustInvc',
				entity,
				trandate: '2026-01-05',
				amount,
				custbody_t_disputed: false,
				mainline: '*',
			},
			texts: { entity: entity === 100 ? 'Premier Construction Inc' : 'Acme Retail', type: 'Invoice' },
		});
	}
	return s;
}

/** A tiny N/search: create / load('customsearch_t_open') over the store's invoices, runPaged / fetch, Result.toJSON. */
export const fakeSearch: ModuleFactory = (ctx: RuntimeContext) => {
	const searchObj = (type: string, columns: unknown) => ({
		searchType: type,
		columns,
		runPaged(o: { pageSize?: number }) {
			ctx.meter.charge(5, 'Search.runPaged');
			const rows = [...ctx.store.all('invoice')];
			const size = o?.pageSize ?? 50;
			const pages = Math.ceil(rows.length / size);
			return {
				count: rows.length,
				pageRanges: Array.from({ length: pages }, (_, i) => ({ index: i })),
				fetch(f: { index: number }) {
					ctx.meter.charge(5, 'PagedData.fetch');
					return {
						data: rows.slice(f.index * size, (f.index + 1) * size).map((r) => ({
							id: String(r.id),
							recordType: 'invoice',
							toJSON: () => ({
								recordType: 'invoice',
								id: String(r.id),
								values: {
									entity: { value: String(r.values.entity), text: r.texts.entity },
									amount: String(r.values.amount),
								},
							}),
						})),
					};
				},
			};
		},
	});
	return {
		create: (o: { type: string; columns?: unknown }) => {
			ctx.meter.charge(0, 'search.create');
			return searchObj(o.type, o.columns);
		},
		load: (o: { id: string }) => {
			ctx.meter.charge(5, 'search.load');
			if (o.id !== 'customsearch_t_open') throw new Error(`fake search: no saved search ${o.id}`);
			return searchObj('invoice', ['entity', 'amount']);
		},
	};
};

export function newEmulator(extra: Partial<EmulatorOptions> = {}): Emulator {
	return new Emulator({
		projectRoot: FIXTURE_ROOT,
		store: makeStore(),
		account: ACCOUNT,
		modules: { 'N/search': fakeSearch },
		...extra,
	});
}

/** Parsed details of the log entries with this title (the probes log JSON). */
export function logged<T = any>(logs: readonly LogEntry[], title: string): T[] {
	return logs.filter((l) => l.title === title && !l.system).map((l) => JSON.parse(l.details) as T);
}

export function lastLogged<T = any>(logs: readonly LogEntry[], title = 'result'): T {
	const all = logged<T>(logs, title);
	if (all.length === 0)
		throw new Error(
			`no log entry titled ${title}: ${JSON.stringify(logs.map((l) => [l.level, l.title, l.details]))}`,
		);
	return all[all.length - 1]!;
}

/** Run the probe scheduled script in a mode and return what it logged as 'result'. */
export function probe<T = any>(emu: Emulator, mode: string, params: Record<string, unknown> = {}): T {
	const r = emu.runScheduled('customscript_t_probe_ss', 'customdeploy_t_probe_ss', {
		params: { custscript_t_mode: mode, ...params },
	});
	if (r.status !== 'COMPLETE') throw new Error(`probe ${mode} failed: ${JSON.stringify(r.error)}`);
	return lastLogged<T>(emu.logs);
}
