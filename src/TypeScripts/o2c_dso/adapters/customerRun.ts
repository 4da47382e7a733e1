/**
 * What the per-customer map/reduce jobs (customer metrics, payment forecast) share: one as-of date
 * per run, the input cut into **batches of customers** (one reduce each), and a summarize that
 * logs every failed customer and knows which customers were reduced.
 *
 * One as-of date per run: getInputData fixes it (the night's, the as-of override's, else yesterday
 * in the account: nightlyChain.nightOf) and keeps it in a private N/cache entry for the later
 * stages, so a run that crosses midnight still computes every customer at the same date; if the
 * entry was evicted, a stage recomputes it the same way.
 *
 * Batches (issue 11, "Design changes" in the README): getInputData reads the job's input search
 * grouped by customer and subsidiary with a row count (5 + 5 per 1,000 customers) and returns one
 * key/value pair per batch of customers of one subsidiary (two at a boundary); there is no map
 * stage, so each reduce gets one batch and reads its customers' detail rows, stored records and
 * promises in a few searches (`entity anyof` the batch) instead of one set of searches per customer.
 * A batch is cut by its **estimated units** ({@link BatchModel}: its searches' pages, its record
 * writes and the reads it does per subsidiary, each an upper bound the job computes from counts it
 * reads in getInputData), by the detail rows it holds, and by its key, the customers' ids joined by
 * commas, at most {@link KEY_BYTES} (map/reduce keys are limited to 3,000 bytes, platform §9); a
 * single customer above a cap is a batch of its own. The key names its customers, so the
 * summarize knows whom a failed batch covered without storing anything. Persisted data is the
 * batches themselves: a few bytes per customer (M: 5,000 customers, under 0.1 MB).
 * A customer that fails inside a batch is caught there, written to the reduce output as
 * `failed:<customer>` with the error, and the others go on; a batch that fails as a whole (a search
 * error, the usage limit) is retried by the platform (config.retryCount) and its customers count as
 * failed. A restarted batch redoes its customers: every write is an upsert found by the batch's
 * search of existing records, so nothing is duplicated.
 */
import * as cache from 'N/cache';
import * as log from 'N/log';
import { CalendarDate, isCalendarDate } from '../domain/calendarDate';
import { nightOf } from './nightlyChain';
import { PROMISE, PROMISE_FIELDS } from './records/collectionsRecords';
import { countRecordsBy } from './searches/searchKit';

const AS_OF_KEY = 'asof';
/** Long enough for any run of a job (seconds). */
const CACHE_TTL = 24 * 3600;

/** A run's as-of date: `fix` in getInputData, `get` in every later stage. */
export interface RunDate {
	fix(): CalendarDate;
	get(): CalendarDate;
}

/**
 * The as-of date of a job's runs, kept in the private cache `cacheName`; `asOfParam` is the job's
 * as-of override parameter.
 * @example const RUN = runDate('o2c_forecast_run', 'custscript_o2c_fc_as_of'); RUN.fix()
 */
export function runDate(cacheName: string, asOfParam: string): RunDate {
	const store = (): cache.Cache => cache.getCache({ name: cacheName, scope: cache.Scope.PRIVATE });
	return {
		fix: () => {
			const asOf = nightOf(asOfParam).asOf;
			store().put({ key: AS_OF_KEY, value: asOf, ttl: CACHE_TTL });
			return asOf;
		},
		get: () => {
			const cached = store().get({ key: AS_OF_KEY });
			return typeof cached === 'string' && isCalendarDate(cached) ? cached : nightOf(asOfParam).asOf;
		},
	};
}

/**
 * One customer of a job's input: its subsidiaries, its detail rows (what the reduce holds in
 * memory), the rows it adds to each search the reduce runs for its batch (same order in every
 * customer of a job: {@link BatchModel.searches}) and the units of its record writes (an upper bound).
 */
export interface CustomerLoad {
	readonly customerId: string;
	readonly subsidiaryIds: readonly string[];
	readonly rows: number;
	readonly reads: readonly number[];
	readonly writeUnits: number;
}

/**
 * What one batch (one reduce) may take on, and how its units are estimated from its customers:
 * `fixedUnits` (the loads and runs of its searches, its cache reads), 5 units per started 1,000 rows
 * of each of its `searches` (a page), the customers' write units, and `subsidiaryUnits` for each
 * subsidiary the batch touches (reads done per subsidiary: a currency lookup, the forecast's pools).
 */
export interface BatchModel {
	/** the most units a batch may be estimated at (a customer above it alone is a batch of its own) */
	readonly maxUnits: number;
	/** the most detail rows a batch holds */
	readonly maxRows: number;
	readonly fixedUnits: number;
	/** the searches each batch runs whose rows the customers' `reads` count (names, for the log) */
	readonly searches: readonly string[];
	subsidiaryUnits(subsidiaryId: string): number;
}

/**
 * Detail rows estimated per row the grouped input counts: its COUNT is of transactions (internal
 * ids, counted once each), while the detail search returns one row per invoice application, and an
 * invoice paid in two parts is two rows. Two per transaction covers the generated and real
 * histories (a third application is rare); a batch that needs more says so in its audit log.
 */
export const ROWS_PER_COUNTED = 2;

/** Units of one page of search results (up to 1,000 rows: `PagedData.fetch`, platform §7). */
export const PAGE_UNITS = 5;
const PAGE_ROWS = 1000;

/** The longest batch key: map/reduce keys are limited to 3,000 bytes (platform §9); ids are ASCII. */
export const KEY_BYTES = 2000;

/**
 * One batch as the reduce reads it: its customers, each with the subsidiaries the input found, and
 * the units getInputData estimated it at.
 */
export interface CustomerBatch {
	readonly key: string;
	readonly units: number;
	readonly customers: readonly { readonly id: string; readonly subsidiaryIds: readonly string[] }[];
}

/** A batch being filled, and its estimated units. */
class BatchTotals {
	readonly customers: CustomerLoad[] = [];
	readonly reads: number[];
	readonly subsidiaries = new Set<string>();
	rows = 0;
	writeUnits = 0;
	subsidiaryUnits = 0;
	keyBytes = 0;
	constructor(private readonly model: BatchModel) {
		this.reads = model.searches.map(() => 0);
	}
	/** The estimate with `c` added (or as it stands). */
	units(c?: CustomerLoad): number {
		let units = this.model.fixedUnits + this.writeUnits + this.subsidiaryUnits;
		this.reads.forEach((n, i) => {
			units += PAGE_UNITS * Math.ceil((n + (c?.reads[i] ?? 0)) / PAGE_ROWS);
		});
		if (c === undefined) return units;
		units += c.writeUnits;
		for (const s of new Set(c.subsidiaryIds)) if (!this.subsidiaries.has(s)) units += this.model.subsidiaryUnits(s);
		return units;
	}
	add(c: CustomerLoad): void {
		this.keyBytes += (this.customers.length > 0 ? 1 : 0) + c.customerId.length;
		this.customers.push(c);
		this.rows += c.rows;
		this.writeUnits += c.writeUnits;
		c.reads.forEach((n, i) => (this.reads[i] = (this.reads[i] ?? 0) + n));
		for (const s of c.subsidiaryIds) {
			if (this.subsidiaries.has(s)) continue;
			this.subsidiaries.add(s);
			this.subsidiaryUnits += this.model.subsidiaryUnits(s);
		}
	}
}

/** A batch of the input with its estimated units (what getInputData logs and tests check). */
export interface PlannedBatch {
	readonly key: string;
	readonly customers: number;
	readonly rows: number;
	readonly subsidiaries: readonly string[];
	readonly units: number;
}

/**
 * Cuts the customers into batches within the model's units and rows and {@link KEY_BYTES}; a
 * customer above a cap on its own is a batch of its own. Customers are taken **by subsidiary**
 * (their first one; input order within it), so a batch touches one subsidiary, two at a boundary,
 * and pays its per-subsidiary reads once: the input search's order (by customer name) mixes
 * every subsidiary into every batch. Returns the batches, each with its estimate.
 * @example planBatches([{ customerId: '100', subsidiaryIds: ['1'], rows: 40, reads: [40], writeUnits: 6 }], model)[0].key // '100'
 */
export function planBatches(loads: readonly CustomerLoad[], model: BatchModel): PlannedBatch[] {
	const bySubsidiary = new Map<string, CustomerLoad[]>();
	for (const c of loads) {
		if (c.customerId === '' || c.customerId.includes(','))
			throw new Error(`Invalid customer id ${JSON.stringify(c.customerId)} in the input`);
		if (c.reads.length !== model.searches.length)
			throw new Error(
				`Customer ${c.customerId}: ${String(c.reads.length)} read counts, expected ${String(model.searches.length)}`,
			);
		const first = c.subsidiaryIds[0] ?? '';
		const list = bySubsidiary.get(first);
		if (list === undefined) bySubsidiary.set(first, [c]);
		else list.push(c);
	}
	const out: PlannedBatch[] = [];
	let batch = new BatchTotals(model);
	const flush = (): void => {
		if (batch.customers.length === 0) return;
		out.push({
			key: batch.customers.map((c) => c.customerId).join(','),
			customers: batch.customers.length,
			rows: batch.rows,
			subsidiaries: [...batch.subsidiaries],
			units: batch.units(),
		});
		batch = new BatchTotals(model);
	};
	for (const list of bySubsidiary.values())
		for (const c of list) {
			const full =
				batch.rows + c.rows > model.maxRows ||
				batch.units(c) > model.maxUnits ||
				batch.keyBytes + 1 + c.customerId.length > KEY_BYTES;
			if (batch.customers.length > 0 && full) flush();
			batch.add(c);
		}
	flush();
	return out;
}

/**
 * getInputData's answer: the batches of {@link planBatches}, logged under `title` (their count and
 * the largest estimate), as the map/reduce input: batch key (the ids joined by commas) → the batch
 * as JSON: its estimate and its customers with their subsidiaries.
 * @example batchCustomers(loads, model, 'Forecast') // { '100,101': '{"units":52,"customers":[["100",["1"]],["101",["1"]]]}' }
 */
export function batchCustomers(
	loads: readonly CustomerLoad[],
	model: BatchModel,
	title: string,
): Record<string, string> {
	const subsOf = new Map(loads.map((c) => [c.customerId, c.subsidiaryIds]));
	const batches = planBatches(loads, model);
	logPlan(title, batches, model);
	const out: Record<string, string> = {};
	for (const b of batches)
		out[b.key] = JSON.stringify({
			units: b.units,
			customers: customersOfKey(b.key).map((id) => [id, subsOf.get(id) ?? []]),
		});
	return out;
}

/**
 * The end of a reduce: logs (debug) the units the batch used against its estimate, and an audit
 * entry when it used more (the estimate's inputs missed something: the batch is still whole; the
 * budget keeps a margin for this).
 * @example logUsage('Forecast', batch, 1200)
 */
export function logUsage(title: string, batch: CustomerBatch, used: number): void {
	const who = `batch of ${String(batch.customers.length)} customers (${batch.customers[0]?.id ?? ''} to ${batch.customers[batch.customers.length - 1]?.id ?? ''})`;
	const details = `${String(used)} units used, ${String(batch.units)} estimated`;
	if (used > batch.units) log.audit({ title: `${title}: ${who} used more units than estimated`, details });
	else log.debug({ title: `${title}: ${who}`, details });
}

/**
 * The active promises to pay per customer (what each batch's promise search reads for it; both
 * jobs read the same ones): 5 + 5 per 1,000 customers with promises.
 * @example activePromiseCounts().get('100') // 2
 */
export function activePromiseCounts(): Map<string, number> {
	return countRecordsBy(PROMISE, PROMISE_FIELDS.customer, [['isinactive', 'is', 'F']]);
}

/**
 * Logs how the input was cut (batches, the largest estimate against the budget), for the admin
 * reading the script's execution log.
 */
function logPlan(title: string, batches: readonly PlannedBatch[], model: BatchModel): void {
	let top: PlannedBatch | undefined;
	for (const b of batches) if (top === undefined || b.units > top.units) top = b;
	log.audit({
		title: `${title}: ${String(batches.length)} batches of customers`,
		details:
			top === undefined
				? 'Nothing to compute'
				: `Largest estimate ${String(top.units)} units (budget ${String(model.maxUnits)} of a reduce's 5,000): ${String(top.customers)} customers, ${String(top.rows)} rows, subsidiaries ${top.subsidiaries.join(', ')}`,
	});
}

/** The customers a batch key names (the summarize's view of a batch). */
export function customersOfKey(key: string): string[] {
	return key.split(',').filter((id) => id !== '');
}

/**
 * reduce: the batch of `key` from its one value (what {@link batchCustomers} wrote). A value that
 * is not such a batch is an error naming the job and the key.
 * @example batchOf('100,101', ['{"units":52,"customers":[["100",["1"]],["101",["1"]]]}'], 'forecast').customers[1].id // '101'
 */
export function batchOf(key: string, values: readonly string[], job: string): CustomerBatch {
	const bad = (why: string): Error => new Error(`The ${job} batch ${key} is not a batch of customers: ${why}`);
	if (values.length !== 1) throw bad(`${String(values.length)} values, expected 1`);
	let parsed: unknown;
	try {
		parsed = JSON.parse(values[0] ?? '');
	} catch {
		throw bad('its value is not JSON');
	}
	const o = (parsed ?? {}) as { units?: unknown; customers?: unknown };
	if (typeof o.units !== 'number' || !Number.isFinite(o.units)) throw bad('its value has no estimated units');
	if (!Array.isArray(o.customers)) throw bad('its customers are not a list');
	const customers = (o.customers as unknown[]).map((c) => {
		if (!Array.isArray(c) || typeof c[0] !== 'string' || !Array.isArray(c[1])) throw bad(JSON.stringify(c));
		const subs = c[1] as unknown[];
		if (!subs.every((x): x is string => typeof x === 'string')) throw bad(JSON.stringify(c));
		return { id: c[0], subsidiaryIds: subs };
	});
	const ids = customers.map((c) => c.id).join(',');
	if (ids !== key) throw bad(`it lists ${ids}`);
	return { key, units: o.units, customers };
}

/**
 * The usage and time limits end the invocation (a later call fails too): never one customer's
 * error, so a batch rethrows them and the platform retries the batch.
 */
export function endsInvocation(e: unknown): boolean {
	const name = (e as { name?: unknown } | null)?.name;
	return name === 'SSS_USAGE_LIMIT_EXCEEDED' || name === 'SSS_TIME_LIMIT_EXCEEDED';
}

/** The reduce output key of a customer that failed inside its batch (the value is the error). */
export const FAILED_PREFIX = 'failed:';

/** An error as the summarize logs it: the message, or the whole value when it has none. */
export function errorText(e: unknown): string {
	if (e instanceof Error) return e.message;
	const o = e as { name?: unknown; message?: unknown } | null;
	if (o !== null && typeof o === 'object' && typeof o.message === 'string')
		return typeof o.name === 'string' ? `${o.name}: ${o.message}` : o.message;
	return String(e);
}

interface Each<A extends unknown[]> {
	iterator(): { each(f: (...args: A) => boolean): void };
}

/** The parts of the map/reduce summary every per-customer job reads. */
export interface CustomerRunSummary {
	inputSummary: { error?: string | null };
	mapSummary: { errors: Each<[string, string]> };
	reduceSummary: { errors: Each<[string, string]>; keys: Each<[string]> };
	output?: Each<[string, string]>;
}

/**
 * summarize: logs the input's error, every failed map key, every failed batch (its customers all
 * count as failed) and every customer that failed inside its batch (reduce output
 * `failed:<customer>`), with titles starting with `title`; returns the failed customers and the
 * reduced ones (every customer of a batch that ran).
 * @example const { failed, reduced } = failedAndReduced(summary, 'Forecast')
 */
export function failedAndReduced(
	summary: CustomerRunSummary,
	title: string,
): { failed: Set<string>; reduced: Set<string> } {
	if (summary.inputSummary.error) log.error({ title: `${title}: input failed`, details: summary.inputSummary.error });
	const failed = new Set<string>();
	summary.mapSummary.errors.iterator().each((key, error) => {
		failed.add(key);
		log.error({ title: `${title}: map failed for ${key}`, details: error });
		return true;
	});
	summary.reduceSummary.errors.iterator().each((key, error) => {
		const customers = customersOfKey(key);
		for (const c of customers) failed.add(c);
		const who =
			customers.length === 1
				? `customer ${key}`
				: `batch of ${String(customers.length)} customers (${customers[0] ?? ''} to ${customers[customers.length - 1] ?? ''})`;
		log.error({
			title: `${title}: ${who} failed`,
			details: customers.length === 1 ? error : `${error} (customers ${key})`,
		});
		return true;
	});
	summary.output?.iterator().each((key, value) => {
		if (!key.startsWith(FAILED_PREFIX)) return true;
		const customer = key.slice(FAILED_PREFIX.length);
		failed.add(customer);
		log.error({ title: `${title}: customer ${customer} failed`, details: value });
		return true;
	});
	const reduced = new Set<string>();
	summary.reduceSummary.keys.iterator().each((key) => {
		for (const c of customersOfKey(key)) reduced.add(c);
		return true;
	});
	return { failed, reduced };
}
