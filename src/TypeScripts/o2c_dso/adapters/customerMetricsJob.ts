/**
 * Wiring of the customer metrics map/reduce: the as-of date of the run, the input (the customers
 * to compute, cut into batches: adapters/customerRun.ts), no map stage, the reduce (one batch: its
 * customers' detail rows, stored records, promises and credit read in one search each, then per
 * customer its metrics through the app layer and the upsert of its record) and the summarize
 * (errors per customer, customers that left the input). Every id here is declared in
 * src/Objects/customscript_o2c_cust_metrics_mr.xml.
 *
 * Governance (generated M, a steady night): getInputData 10 + 5 per 1,000 customers; a batch of
 * up to 250 customers ~50 units of reads, then 2 units per customer (its submitFields; 6 when its
 * record is created). Before batches, each customer's reduce searched again: ~38 units a customer.
 *
 * One as-of date per run (adapters/customerRun.ts).
 */
import * as record from 'N/record';
import type { CalendarDate } from '../domain/calendarDate';
import { computeCustomerMetrics, mergeHistory } from '../app/customers/customerMetrics';
import { chainNight } from './nightlyChain';
import {
	activePromiseCounts,
	batchCustomers,
	batchOf,
	BatchModel,
	CustomerRunSummary,
	endsInvocation,
	errorText,
	FAILED_PREFIX,
	failedAndReduced,
	logUsage,
	ROWS_PER_COUNTED,
	runDate,
} from './customerRun';
import { remainingUsage } from './governance';
import { textParam } from './scriptParams';
import { customerInputCounts, customerRowsOf } from './searches/customerInput';
import {
	CUST_METRICS,
	CUST_METRICS_FIELDS as F,
	customerInfos,
	existingCustomerMetrics,
	promisesOfCustomers,
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

/**
 * How the customer metrics cut their input (adapters/customerRun.ts): a batch is estimated at
 * 36 fixed (its as-of cache read 1, the input search's load 5, the runs of its five searches 5
 * each: detail rows, currencies, credit, promises, stored records; the currencies' one page 5),
 * 5 per started 1,000 rows of its detail (twice the input's count: {@link ROWS_PER_COUNTED}),
 * credit, promise and record searches, 6 units a customer (its record created; 2 when updated) and
 * 1 per subsidiary (its currency lookup). Budget 2,000 units, 40 % of a reduce's 5,000 (the margin:
 * see the forecast's model).
 */
export const METRICS_MODEL: BatchModel = {
	maxUnits: 2000,
	maxRows: 20_000,
	fixedUnits: 1 + 5 + 5 * 5 + 5,
	searches: ['detail rows', 'credit', 'promises', 'metrics records'],
	subsidiaryUnits: () => 1,
};

/** getInputData: fixes the as-of date and returns the input: the batches of customers (key → batch). */
export function inputForRun(): Record<string, string> {
	const counts = customerInputCounts(RUN.fix(), textParam(P_CM.input));
	const promises = activePromiseCounts();
	return batchCustomers(
		[...counts.values()].map((c) => ({
			...c,
			reads: [ROWS_PER_COUNTED * c.rows, 1, promises.get(c.customerId) ?? 0, 1],
			writeUnits: 6,
		})),
		METRICS_MODEL,
		'Customer metrics',
	);
}

/** The reduce output of a customer that failed (the batch goes on with the others). */
export interface CustomerFailure {
	key: string;
	value: string;
}

/**
 * One customer of a batch (the subsidiaries the input found it in) → metrics → upsert of its record.
 * A customer in two subsidiaries fails: its amounts are in two base currencies, never added up.
 */
function computeAndSave(
	customer: { id: string; subsidiaryIds: readonly string[] },
	asOf: CalendarDate,
	batch: {
		rows: ReturnType<typeof customerRowsOf>;
		infoOf: ReturnType<typeof customerInfos>;
		promises: ReturnType<typeof promisesOfCustomers>;
		existing: ReturnType<typeof existingCustomerMetrics>;
	},
): void {
	const subsidiaries = [...new Set(customer.subsidiaryIds)].sort();
	const subsidiaryId = subsidiaries[0];
	if (subsidiaryId === undefined) return;
	if (subsidiaries.length > 1) {
		throw new Error(
			`Customer ${customer.id} has transactions in subsidiaries ${subsidiaries.join(', ')}; multi-subsidiary customers are not supported by the customer metrics`,
		);
	}
	const info = batch.infoOf(customer.id, subsidiaryId);
	const metrics = computeCustomerMetrics(
		batch.rows.get(customer.id) ?? [],
		info,
		batch.promises.get(customer.id) ?? [],
		asOf,
	);
	const existing = batch.existing.get(customer.id);
	saveCustomerMetrics(metrics, mergeHistory(existing?.history ?? [], asOf, metrics.aging), existing?.id);
}

/**
 * reduce: one batch of customers → their rows, stored records, promises and credit (one search
 * each) → per customer its metrics and the upsert of its record. Returns the customers that failed,
 * as reduce output (`failed:<customer>` → the error); the others are written.
 */
export function reduceBatch(key: string, values: readonly string[]): CustomerFailure[] {
	const batch = batchOf(key, values, 'customer metrics');
	const start = remainingUsage();
	const { customers } = batch;
	const asOf = runAsOf();
	const ids = customers.map((c) => c.id);
	const reads = {
		rows: customerRowsOf(ids, asOf, textParam(P_CM.input)),
		infoOf: customerInfos(
			ids,
			customers.flatMap((c) => c.subsidiaryIds),
		),
		promises: promisesOfCustomers(ids),
		existing: existingCustomerMetrics(ids),
	};
	const failures: CustomerFailure[] = [];
	for (const customer of customers) {
		try {
			computeAndSave(customer, asOf, reads);
		} catch (e) {
			if (endsInvocation(e)) throw e; // the whole batch is retried; nothing here may carry on
			failures.push({ key: `${FAILED_PREFIX}${customer.id}`, value: errorText(e) });
		}
	}
	logUsage('Customer metrics', batch, start - remainingUsage());
	return failures;
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
