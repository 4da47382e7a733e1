/**
 * The naive baseline, for comparison only (never deployed): each nightly job written the way most
 * scripts are (load every open invoice row, aggregate in the script, one record save per result),
 * run through the same emulator on the same account (Emulator.runHostScript: the emulated N/search
 * and N/record, the same unit costs, no limit), writing to a bench-only custom record type so the
 * product's records are untouched.
 *
 * Per job (one night covering D; `days`: the snapshot's days to fill):
 * - snapshot: for each day, the invoices open at D dated on or before it, and the invoices of its
 *   DSO window, aggregated per subsidiary; one result per subsidiary and day.
 * - customer metrics: every invoice open at D or closed in the 365 days, aggregated per customer;
 *   one result per customer.
 * - forecast: every open invoice; one result per invoice plus the subsidiary forecast and its 13
 *   weeks.
 * - DSO alert: the open invoices and the sales of the current and prior window per subsidiary;
 *   one result per subsidiary.
 * Saving a result the usual way: look its record up by key (a one-row search), load it or create
 * it, set the values, save.
 */
import type { Emulator, HostScriptRun } from '../emulator';
import type { SdfCustomRecordType, SdfField } from '../sdf/types';
import { BACKFILL_DAYS, FORECAST_WEEKS, HISTORY_DAYS, ROWS_PER_PAGE, WINDOW_DAYS } from './floor';

export const NAIVE_RECORD = 'customrecord_o2c_bench_naive';
const KEY = 'custrecord_o2c_bn_key';
const DATA = 'custrecord_o2c_bn_data';

/** Declares the bench-only record type on the emulated account (not in src/Objects: never deployed). */
export function declareNaiveRecord(emu: Emulator): void {
	const field = (scriptid: string, fieldtype: string): SdfField => ({ scriptid, fieldtype, label: scriptid });
	const def: SdfCustomRecordType = {
		scriptid: NAIVE_RECORD,
		recordname: 'Bench: naive baseline result',
		fields: new Map([
			[KEY, field(KEY, 'TEXT')],
			[DATA, field(DATA, 'TEXTAREA')],
		]),
		file: '(bench)',
		includename: true,
	};
	emu.project.customRecordTypes.set(NAIVE_RECORD, def);
}

function addDaysIso(date: string, days: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** M/D/YYYY, the generated accounts' date format. */
function nsDate(iso: string): string {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	return `${String(m)}/${String(d)}/${String(y)}`;
}

/** The few N/search and N/record calls the baseline makes (the emulated modules' shapes). */
interface Result {
	id: string;
	getValue(c: { name: string }): unknown;
}
interface SearchModule {
	create(o: { type: string; filters: unknown[]; columns: unknown[] }): {
		runPaged(o: { pageSize: number }): {
			pageRanges: { index: number }[];
			fetch(o: { index: number }): { data: Result[] };
		};
		run(): { getRange(o: { start: number; end: number }): Result[] };
	};
	createColumn(o: { name: string; sort?: unknown }): unknown;
	Sort: { ASC: unknown };
}
interface RecordLike {
	setValue(o: { fieldId: string; value: unknown }): void;
	save(): number;
}
interface RecordModule {
	create(o: { type: string }): RecordLike;
	load(o: { type: string; id: number }): RecordLike;
}
interface Modules {
	search: SearchModule;
	record: RecordModule;
}

function modules(nModule: (id: string) => unknown): Modules {
	return { search: nModule('N/search') as SearchModule, record: nModule('N/record') as RecordModule };
}

/** Every row of a search, page by page (5 + 5 a page). */
function allRows(m: Modules, type: string, filters: unknown[], columns: string[], each: (r: Result) => void): void {
	const s = m.search.create({
		type,
		filters,
		columns: [
			...columns.map((c) => m.search.createColumn({ name: c })),
			m.search.createColumn({ name: 'internalid', sort: m.search.Sort.ASC }),
		],
	});
	const paged = s.runPaged({ pageSize: ROWS_PER_PAGE });
	for (const range of paged.pageRanges) for (const r of paged.fetch({ index: range.index }).data) each(r);
}

/** Save one result the usual way: find its record by key, load or create it, set, save. */
function upsert(m: Modules, key: string, data: unknown): void {
	const found = m.search
		.create({ type: NAIVE_RECORD, filters: [[KEY, 'is', key]], columns: ['internalid'] })
		.run()
		.getRange({ start: 0, end: 1 })[0];
	const rec =
		found === undefined
			? m.record.create({ type: NAIVE_RECORD })
			: m.record.load({ type: NAIVE_RECORD, id: Number(found.id) });
	if (found === undefined) {
		rec.setValue({ fieldId: 'name', value: key });
		rec.setValue({ fieldId: KEY, value: key });
	}
	rec.setValue({ fieldId: DATA, value: JSON.stringify(data) });
	rec.save();
}

const num = (r: Result, name: string): number => Number(r.getValue({ name }) ?? 0) || 0;
const text = (r: Result, name: string): string => {
	const v = r.getValue({ name });
	return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};
const INVOICE = [['mainline', 'is', 'T']];
const OPEN = [...INVOICE, 'AND', ['status', 'anyof', 'CustInvc:A']];

/** The subsidiary ids (one small search). */
function subsidiaries(m: Modules): string[] {
	const out: string[] = [];
	allRows(m, 'subsidiary', [], ['name'], (r) => out.push(r.id));
	return out;
}

function naiveSnapshot(m: Modules, asOf: string, days: number): void {
	for (let i = days - 1; i >= 0; i--) {
		const day = addDaysIso(asOf, -i);
		const bySub = new Map<string, { open: number; overdue: number; sales: number }>();
		const at = (s: string): { open: number; overdue: number; sales: number } => {
			let v = bySub.get(s);
			if (v === undefined) bySub.set(s, (v = { open: 0, overdue: 0, sales: 0 }));
			return v;
		};
		allRows(
			m,
			'invoice',
			[...OPEN, 'AND', ['trandate', 'onorbefore', nsDate(day)]],
			['subsidiary', 'amountremaining', 'duedate'],
			(r) => {
				const v = at(text(r, 'subsidiary'));
				v.open += num(r, 'amountremaining');
			},
		);
		allRows(
			m,
			'invoice',
			[...INVOICE, 'AND', ['trandate', 'within', nsDate(addDaysIso(day, 1 - WINDOW_DAYS)), nsDate(day)]],
			['subsidiary', 'amount'],
			(r) => {
				at(text(r, 'subsidiary')).sales += num(r, 'amount');
			},
		);
		for (const [sub, v] of bySub) upsert(m, `snap:${sub}:${day}`, v);
	}
}

function naiveCustomerMetrics(m: Modules, asOf: string): void {
	const byCustomer = new Map<string, { open: number; paid: number; days: number }>();
	const historyFrom = nsDate(addDaysIso(asOf, 1 - HISTORY_DAYS));
	for (const sub of subsidiaries(m)) {
		allRows(
			m,
			'invoice',
			[
				...INVOICE,
				'AND',
				['subsidiary', 'anyof', sub],
				'AND',
				[['status', 'anyof', 'CustInvc:A'], 'OR', ['closedate', 'within', historyFrom, nsDate(asOf)]],
			],
			['entity', 'amountremaining', 'trandate', 'duedate', 'closedate'],
			(r) => {
				const c = text(r, 'entity');
				const v = byCustomer.get(c) ?? { open: 0, paid: 0, days: 0 };
				v.open += num(r, 'amountremaining');
				if (text(r, 'closedate') !== '') v.paid++;
				byCustomer.set(c, v);
			},
		);
	}
	for (const [c, v] of byCustomer) upsert(m, `cust:${c}`, v);
}

function naiveForecast(m: Modules): void {
	const bySub = new Map<string, number>();
	allRows(m, 'invoice', OPEN, ['subsidiary', 'entity', 'amountremaining', 'duedate'], (r) => {
		const sub = text(r, 'subsidiary');
		bySub.set(sub, (bySub.get(sub) ?? 0) + num(r, 'amountremaining'));
		upsert(m, `pred:${r.id}`, { due: text(r, 'duedate'), open: num(r, 'amountremaining') });
	});
	for (const [sub, open] of bySub) {
		upsert(m, `fc:${sub}`, { open });
		for (let w = 1; w <= FORECAST_WEEKS; w++) upsert(m, `fcw:${sub}:${String(w)}`, { open });
	}
}

function naiveAlert(m: Modules, asOf: string): void {
	for (const sub of subsidiaries(m)) {
		let open = 0;
		let current = 0;
		let prior = 0;
		allRows(
			m,
			'invoice',
			[...OPEN, 'AND', ['subsidiary', 'anyof', sub]],
			['amountremaining'],
			(r) => (open += num(r, 'amountremaining')),
		);
		const from = addDaysIso(asOf, 1 - 2 * WINDOW_DAYS);
		const split = addDaysIso(asOf, 1 - WINDOW_DAYS);
		allRows(
			m,
			'invoice',
			[
				...INVOICE,
				'AND',
				['subsidiary', 'anyof', sub],
				'AND',
				['trandate', 'within', nsDate(from), nsDate(asOf)],
			],
			['amount', 'trandate'],
			(r) => {
				// trandate comes back in the account format (M/D/YYYY): compare as a date
				const [mm, dd, yy] = text(r, 'trandate').split('/').map(Number) as [number, number, number];
				const iso = `${String(yy)}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
				if (iso >= split) current += num(r, 'amount');
				else prior += num(r, 'amount');
			},
		);
		upsert(m, `alert:${sub}:${asOf}`, { open, current, prior });
	}
}

export const NAIVE_JOBS = ['snapshot', 'customer metrics', 'forecast', 'DSO alert'] as const;
export type NaiveJob = (typeof NAIVE_JOBS)[number];

/** Runs the naive version of every nightly job on the account as it stands (as of `asOf`). */
export function runNaiveNight(emu: Emulator, asOf: string, first: boolean): Record<NaiveJob, HostScriptRun> {
	const run = (name: string, f: (m: Modules) => void): HostScriptRun =>
		emu.runHostScript(`o2c_bench_naive_${name}`, (n) => {
			f(modules(n));
		});
	return {
		snapshot: run('snapshot', (m) => {
			naiveSnapshot(m, asOf, first ? BACKFILL_DAYS : 1);
		}),
		'customer metrics': run('metrics', (m) => {
			naiveCustomerMetrics(m, asOf);
		}),
		forecast: run('forecast', (m) => {
			naiveForecast(m);
		}),
		'DSO alert': run('alert', (m) => {
			naiveAlert(m, asOf);
		}),
	};
}
