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
 * key/value pair per batch of consecutive customers; there is no map stage, so each reduce gets one
 * batch and reads its customers' detail rows, stored records and promises in a few searches
 * (`entity anyof` the batch) instead of one set of searches per customer. A batch holds at most
 * `rows` detail rows and `writes` expected record writes (a single customer above either is a
 * batch of its own), and its key, the customers' ids joined by commas, at most {@link KEY_BYTES}
 * (map/reduce keys are limited to 3,000 bytes, platform §9). The key names its customers, so the
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

/** One customer of a job's input: its subsidiaries, detail rows and the record writes it will need. */
export interface CustomerLoad {
	readonly customerId: string;
	readonly subsidiaryIds: readonly string[];
	readonly rows: number;
	readonly writes: number;
}

/** The most one batch (one reduce) takes on: detail rows read and records written. */
export interface BatchCaps {
	readonly rows: number;
	readonly writes: number;
}

/** The longest batch key: map/reduce keys are limited to 3,000 bytes (platform §9); ids are ASCII. */
export const KEY_BYTES = 2000;

/** One batch as the reduce reads it: its customers, each with the subsidiaries the input found. */
export interface CustomerBatch {
	readonly key: string;
	readonly customers: readonly { readonly id: string; readonly subsidiaryIds: readonly string[] }[];
}

/**
 * Cuts the customers (in input order) into consecutive batches within `caps` and {@link KEY_BYTES};
 * a customer above a cap on its own is a batch of its own. Returns the map/reduce input: batch key
 * (the ids joined by commas) → the batch's customers and subsidiaries as JSON.
 * @example batchCustomers([{ customerId: '100', subsidiaryIds: ['1'], rows: 40, writes: 1 }], { rows: 20000, writes: 250 }) // { '100': '[["100",["1"]]]' }
 */
export function batchCustomers(loads: readonly CustomerLoad[], caps: BatchCaps): Record<string, string> {
	const out: Record<string, string> = {};
	let batch: CustomerLoad[] = [];
	let rows = 0;
	let writes = 0;
	let keyBytes = 0;
	const flush = (): void => {
		if (batch.length === 0) return;
		const key = batch.map((c) => c.customerId).join(',');
		out[key] = JSON.stringify(batch.map((c) => [c.customerId, c.subsidiaryIds]));
		batch = [];
		rows = 0;
		writes = 0;
		keyBytes = 0;
	};
	for (const c of loads) {
		if (c.customerId === '' || c.customerId.includes(','))
			throw new Error(`Invalid customer id ${JSON.stringify(c.customerId)} in the input`);
		const full =
			rows + c.rows > caps.rows ||
			writes + c.writes > caps.writes ||
			keyBytes + 1 + c.customerId.length > KEY_BYTES;
		if (batch.length > 0 && full) flush();
		keyBytes += (batch.length > 0 ? 1 : 0) + c.customerId.length;
		batch.push(c);
		rows += c.rows;
		writes += c.writes;
	}
	flush();
	return out;
}

/** The customers a batch key names (the summarize's view of a batch). */
export function customersOfKey(key: string): string[] {
	return key.split(',').filter((id) => id !== '');
}

/**
 * reduce: the batch of `key` from its one value (what {@link batchCustomers} wrote). A value that
 * is not such a batch is an error naming the job and the key.
 * @example batchOf('100,101', ['[["100",["1"]],["101",["1"]]]'], 'forecast').customers[1].id // '101'
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
	if (!Array.isArray(parsed)) throw bad('its value is not a list');
	const customers = (parsed as unknown[]).map((c) => {
		if (!Array.isArray(c) || typeof c[0] !== 'string' || !Array.isArray(c[1])) throw bad(JSON.stringify(c));
		const subs = c[1] as unknown[];
		if (!subs.every((x): x is string => typeof x === 'string')) throw bad(JSON.stringify(c));
		return { id: c[0], subsidiaryIds: subs };
	});
	const ids = customers.map((c) => c.id).join(',');
	if (ids !== key) throw bad(`it lists ${ids}`);
	return { key, customers };
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
