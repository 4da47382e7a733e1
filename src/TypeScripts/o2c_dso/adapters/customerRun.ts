/**
 * What the per-customer map/reduce jobs (customer metrics, payment forecast) share: one as-of date
 * per run, a map from the input's grouped row (searchKit.groupByCustomerAndSubsidiary) to
 * (customer, subsidiary), and a summarize that logs every failed key and knows which customers
 * were reduced.
 *
 * One as-of date per run: getInputData fixes it (the night's, the as-of override's, else yesterday
 * in the account: nightlyChain.nightOf) and keeps it in a private N/cache entry for the later
 * stages, so a run that crosses midnight still computes every customer at the same date; if the
 * entry was evicted, a stage recomputes it the same way.
 */
import * as cache from 'N/cache';
import * as log from 'N/log';
import { CalendarDate, isCalendarDate } from '../domain/calendarDate';
import { nightOf } from './nightlyChain';
import { parseResultJson } from './searches/resultJson';

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
 * map: one grouped input row (`context.value`) → key the customer, value its subsidiary. A row
 * without a customer is an error naming the job and the row.
 * @example context.write(customerSubsidiaryPair(context.value, 'forecast'))
 */
export function customerSubsidiaryPair(json: string, job: string): { key: string; value: string } {
	const row = parseResultJson(json);
	const key = row.text('entity', { summary: 'GROUP' });
	if (key === '') throw new Error(`A ${job} input row has no customer: ${json}`);
	return { key, value: row.text('subsidiary', { summary: 'GROUP' }) };
}

interface Each<A extends unknown[]> {
	iterator(): { each(f: (...args: A) => boolean): void };
}

/** The parts of the map/reduce summary every per-customer job reads. */
export interface CustomerRunSummary {
	inputSummary: { error?: string | null };
	mapSummary: { errors: Each<[string, string]> };
	reduceSummary: { errors: Each<[string, string]>; keys: Each<[string]> };
}

/**
 * summarize: logs the input's error and every failed map and reduce key (titles start with
 * `title`), and returns the failed keys and the reduced ones.
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
		failed.add(key);
		log.error({ title: `${title}: customer ${key} failed`, details: error });
		return true;
	});
	const reduced = new Set<string>();
	summary.reduceSummary.keys.iterator().each((key) => {
		reduced.add(key);
		return true;
	});
	return { failed, reduced };
}
