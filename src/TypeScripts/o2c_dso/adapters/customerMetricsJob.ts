/**
 * Wiring of the customer metrics map/reduce: the as-of date of the run, the input (one grouped row
 * per customer and subsidiary), the map (row → customer key, subsidiary value), the reduce (one
 * customer: its detail rows, metrics through the app layer, upsert of its record) and the summarize
 * (errors per key, customers that left the input). Every id here is declared in
 * src/Objects/customscript_o2c_cust_metrics_mr.xml.
 *
 * One as-of date per run (adapters/customerRun.ts).
 */
import * as record from 'N/record';
import type * as search from 'N/search';
import type { CalendarDate } from '../domain/calendarDate';
import { computeCustomerMetrics, mergeHistory } from '../app/customers/customerMetrics';
import { chainNight } from './nightlyChain';
import { customerSubsidiaryPair, CustomerRunSummary, failedAndReduced, runDate } from './customerRun';
import { textParam } from './scriptParams';
import { customerInputSearch, customerRows } from './searches/customerInput';
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

const RUN = runDate('o2c_cust_metrics_run', P_CM.asOf);

/** The run's as-of date (see adapters/customerRun.ts). */
export function runAsOf(): CalendarDate {
	return RUN.get();
}

/** The night the run belongs to (from its parameter, the same in every stage), or null. */
export function runNight(): CalendarDate | null {
	return chainNight();
}

/** getInputData: fixes the as-of date and returns the input: one row per customer and subsidiary. */
export function inputForRun(): search.Search {
	return customerInputSearch(RUN.fix(), textParam(P_CM.input));
}

/** map: one input row → (customer id, subsidiary id). */
export function mapRow(value: string): { key: string; value: string } {
	return customerSubsidiaryPair(value, 'customer metrics');
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

/**
 * summarize: logs every failed key with its error, then marks the records of customers that are no
 * longer in the input (nothing open, nothing closed in 365 days) as having nothing open at D.
 * Returns the counts for the log.
 */
export function summarizeRun(summary: CustomerRunSummary): { failed: number; reduced: number; cleared: number } {
	const asOf = runAsOf();
	const { failed, reduced } = failedAndReduced(summary, 'Customer metrics');
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
	return { failed: failed.size, reduced: reduced.size, cleared };
}
