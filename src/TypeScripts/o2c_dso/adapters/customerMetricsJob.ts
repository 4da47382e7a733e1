/**
 * Wiring of the customer metrics map/reduce: the as-of date of the run, the input (one grouped row
 * per customer and subsidiary), the map (row → customer key, subsidiary value), the reduce (one
 * customer: its detail rows, metrics through the app layer, upsert of its record) and the summarize
 * (errors per key, customers that left the input). Every id here is declared in
 * src/Objects/customscript_o2c_cust_metrics_mr.xml.
 *
 * One as-of date per run: getInputData fixes it (the night's, the as-of override's, else yesterday
 * in the account: adapters/nightlyChain.nightOf) and keeps
 * it in a private N/cache entry for the later stages, so a run that crosses midnight still computes
 * every customer at the same date; if the entry was evicted, the stages recompute it the same way.
 */
import * as cache from 'N/cache';
import * as log from 'N/log';
import * as record from 'N/record';
import type * as search from 'N/search';
import { CalendarDate, isCalendarDate } from '../domain/calendarDate';
import { computeCustomerMetrics, mergeHistory } from '../app/customers/customerMetrics';
import { chainNight, nightOf } from './nightlyChain';
import { textParam } from './scriptParams';
import { customerInputSearch, customerRows, parseCustomerKey } from './searches/customerInput';
import {
	CUST_METRICS,
	CUST_METRICS_FIELDS as F,
	customerInfo,
	findCustomerMetrics,
	promisesOf,
	saveCustomerMetrics,
	staleCustomerMetrics,
} from './records/custMetricsRecords';
import { toNsDateValue } from './nsDate';

export const P_CM = {
	night: 'custscript_o2c_cm_night',
	asOf: 'custscript_o2c_cm_as_of',
	input: 'custscript_o2c_srch_cust_input',
} as const;

const CACHE_NAME = 'o2c_cust_metrics_run';
const CACHE_KEY = 'asof';
/** Long enough for any run of the job (seconds). */
const CACHE_TTL = 24 * 3600;

function runCache(): cache.Cache {
	return cache.getCache({ name: CACHE_NAME, scope: cache.Scope.PRIVATE });
}

/** The run's as-of date (see the module comment). */
export function runAsOf(): CalendarDate {
	const cached = runCache().get({ key: CACHE_KEY });
	if (typeof cached === 'string' && isCalendarDate(cached)) return cached;
	return nightOf(P_CM.asOf).asOf;
}

/** The night the run belongs to (from its parameter, the same in every stage), or null. */
export function runNight(): CalendarDate | null {
	return chainNight();
}

/** getInputData: fixes the as-of date and returns the input: one row per customer and subsidiary. */
export function inputForRun(): search.Search {
	const asOf = nightOf(P_CM.asOf).asOf;
	runCache().put({ key: CACHE_KEY, value: asOf, ttl: CACHE_TTL });
	return customerInputSearch(asOf, textParam(P_CM.input));
}

/** map: one input row → (customer id, subsidiary id). */
export function mapRow(value: string): { key: string; value: string } {
	const { customerId, subsidiaryId } = parseCustomerKey(value);
	return { key: customerId, value: subsidiaryId };
}

/** reduce: one customer (the subsidiaries it has transactions in) → its rows → metrics → upsert of its record. */
export function reduceCustomer(customerId: string, subsidiaryIds: readonly string[]): void {
	const subsidiaries = [...new Set(subsidiaryIds)].sort();
	const subsidiaryId = subsidiaries[0];
	if (subsidiaryId === undefined) return;
	if (subsidiaries.length > 1) {
		// Amounts of two subsidiaries are in two base currencies: never add them up.
		throw new Error(
			`Customer ${customerId} has transactions in subsidiaries ${subsidiaries.join(', ')}; multi-subsidiary customers are not supported by the customer metrics`,
		);
	}
	const asOf = runAsOf();
	const rows = customerRows(customerId, asOf, textParam(P_CM.input));
	const info = customerInfo(customerId, subsidiaryId);
	const metrics = computeCustomerMetrics(rows, info, promisesOf(customerId), asOf);
	const existing = findCustomerMetrics(customerId);
	saveCustomerMetrics(metrics, mergeHistory(existing?.history ?? [], asOf, metrics.aging), existing?.id);
}

interface SummaryLike {
	inputSummary: { error?: string | null };
	mapSummary: { errors: { iterator(): { each(f: (key: string, error: string) => boolean): void } } };
	reduceSummary: {
		errors: { iterator(): { each(f: (key: string, error: string) => boolean): void } };
		keys: { iterator(): { each(f: (key: string) => boolean): void } };
	};
	usage: number;
}

/**
 * summarize: logs every failed key with its error, then marks the records of customers that are no
 * longer in the input (nothing open, nothing closed in 365 days) as having nothing open at D.
 * Returns the counts for the log.
 */
export function summarizeRun(summary: SummaryLike): { failed: number; reduced: number; cleared: number } {
	const asOf = runAsOf();
	if (summary.inputSummary.error)
		log.error({ title: 'Customer metrics: input failed', details: summary.inputSummary.error });
	const failed = new Set<string>();
	summary.mapSummary.errors.iterator().each((key, error) => {
		failed.add(key);
		log.error({ title: `Customer metrics: map failed for ${key}`, details: error });
		return true;
	});
	summary.reduceSummary.errors.iterator().each((key, error) => {
		failed.add(key);
		log.error({ title: `Customer metrics: customer ${key} failed`, details: error });
		return true;
	});
	let reduced = 0;
	summary.reduceSummary.keys.iterator().each(() => {
		reduced++;
		return true;
	});
	let cleared = 0;
	for (const stale of staleCustomerMetrics(asOf)) {
		if (failed.has(stale.customerId)) continue; // keep its last good figures; the error is logged
		record.submitFields({
			type: CUST_METRICS,
			id: stale.id,
			values: {
				[F.asOf]: toNsDateValue(asOf) as never,
				[F.open]: 0,
				[F.overdue]: 0,
				[F.unapplied]: 0,
				[F.agCurrent]: 0,
				[F.ag1to30]: 0,
				[F.ag31to60]: 0,
				[F.ag61to90]: 0,
				[F.ag90plus]: 0,
				[F.maxDaysOverdue]: '',
				[F.oldestOpen]: '',
				[F.avgDaysToPay]: '',
				[F.avgDaysLate]: '',
				[F.paidCount]: 0,
				[F.returnedCount]: 0,
				[F.returnedAmount]: 0,
				[F.score]: '',
				[F.segment]: 'insufficient-history',
				[F.reasons]: 'too-few-invoices',
			},
			options: { enableSourcing: false, ignoreMandatoryFields: true },
		});
		cleared++;
	}
	return { failed: failed.size, reduced, cleared };
}
