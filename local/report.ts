/**
 * report.json (o2c-report/1, ../shared/dataset-format.md §3) from what the deployed scripts stored
 * in the emulated account: the subsidiary snapshots, customer metrics and alert evaluations of the
 * as-of date, and the governance each execution used. The report reads records the way a user
 * opening them in NetSuite would; it computes nothing the scripts did not.
 */
import type { Emulator, GovernanceEntry } from './emulator';
import type { RawValue, RecordStore, StoredRecord } from './emulator/store';
import { ALERT_EVAL_FIELDS, ALERT_EVAL_RECORD_TYPE, alertReportBlock } from './alertBlock';
import { forecastReportBlock, type ForecastBlock } from './forecastBlock';

export const REPORT_FORMAT = 'o2c-report/1';

const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
type Bucket = (typeof BUCKETS)[number];
type Buckets = Record<Bucket, number>;

const BUCKET_SUFFIX: Record<Bucket, string> = {
	current: 'current',
	'1-30': '1_30',
	'31-60': '31_60',
	'61-90': '61_90',
	'90+': '90_plus',
};

export interface ReportSubsidiary {
	id: number;
	name: string;
	currency: string;
	arBalance: number;
	creditSales: { thisWindow: number; priorWindow: number };
	dso: {
		this: number | null;
		prior: number | null;
		delta: number | null;
		countback: number | null;
		bestPossible: number | null;
		averageDaysDelinquent: number | null;
	};
	aging: Buckets;
	alert: { fired: boolean; reason: string; escalated: boolean; [extra: string]: unknown };
	[extra: string]: unknown;
}

export interface ReportCustomer {
	id: number;
	subsidiary: number;
	openBalance: number;
	overdue: number;
	maxDaysOverdue: number | null;
	aging: Buckets;
	avgDaysToPay: number | null;
	avgDaysLate: number | null;
	score: number | null;
	segment: string;
	[extra: string]: unknown;
}

export interface ReportGovernance {
	script: string;
	deployment: string;
	/** the day the night covered (a multi-day run reports every night's executions) */
	night?: string;
	unitsUsed: number;
	unitsLimit: number;
	/** map/reduce scripts: the stage the row is for */
	stage?: string;
	/** map and reduce stages: the invocations run, and the units of all of them together */
	invocations?: number;
	totalUnits?: number;
	limitExceeded?: boolean;
	[extra: string]: unknown;
}

export interface Report {
	format: typeof REPORT_FORMAT;
	asOf: string;
	subsidiaries: ReportSubsidiary[];
	customers: ReportCustomer[];
	/** §4: counts over the whole run's outbox; selected = acknowledged + deadLettered + pending */
	collections: {
		selected: number;
		/** = acknowledged (kept for version 1 readers) */
		pushed: number;
		acknowledged: number;
		deadLettered: number;
		pending: number;
		attempts: number;
		/** why the push stopped before sending (a missing endpoint, say), once per reason */
		stopped?: string[];
		note?: string;
		[extra: string]: unknown;
	};
	governance: ReportGovernance[];
	/** §6: present once the payment forecast ran for the as-of date */
	forecast?: ForecastBlock;
	[extra: string]: unknown;
}

/** A stored CURRENCY value as a number rounded to cents (0 when empty). */
function money(v: RawValue | undefined): number {
	if (v === null || v === undefined || v === '') return 0;
	return Math.round(Number(v) * 100) / 100;
}

/** A stored ratio or day count (null when empty). */
function ratio(v: RawValue | undefined): number | null {
	if (v === null || v === undefined || v === '') return null;
	const n = Number(v);
	return Number.isFinite(n) ? n : null;
}

function text(v: RawValue | undefined): string {
	return v === null || v === undefined ? '' : String(v);
}

function buckets(values: Record<string, RawValue>, prefix: string): Buckets {
	const out = {} as Buckets;
	for (const b of BUCKETS) out[b] = money(values[`${prefix}${BUCKET_SUFFIX[b]}`]);
	return out;
}

function recordsOn(store: RecordStore, type: string, dateField: string, asOf: string): StoredRecord[] {
	return [...store.all(type)].filter((r) => r.values[dateField] === asOf);
}

function parseJson(v: RawValue | undefined): unknown {
	if (typeof v !== 'string' || v === '') return null;
	try {
		return JSON.parse(v);
	} catch {
		return null;
	}
}

function alertBlock(
	evaluation: StoredRecord | undefined,
	subsidiaryId: number,
	asOf: string,
): ReportSubsidiary['alert'] {
	if (!evaluation) {
		throw new Error(
			`subsidiary ${subsidiaryId}: no DSO alert evaluation was recorded for ${asOf} (did customscript_o2c_dso_alert_mr run?)`,
		);
	}
	const block = alertReportBlock(evaluation.values, evaluation.id);
	if (!block) {
		const why = text(evaluation.values[ALERT_EVAL_FIELDS.error]) || 'no reason was recorded';
		throw new Error(`subsidiary ${subsidiaryId}: the DSO alert evaluation for ${asOf} failed: ${why}`);
	}
	return { ...block, escalation: text(evaluation.values.custrecord_o2c_ae_escalation) || null };
}

function subsidiaries(store: RecordStore, asOf: string): ReportSubsidiary[] {
	const evaluations = new Map<number, StoredRecord>();
	for (const e of recordsOn(store, ALERT_EVAL_RECORD_TYPE, ALERT_EVAL_FIELDS.asOf, asOf)) {
		evaluations.set(Number(e.values[ALERT_EVAL_FIELDS.subsidiary]), e);
	}
	const snapshots = new Map<number, StoredRecord>();
	for (const s of recordsOn(store, 'customrecord_o2c_sub_snapshot', 'custrecord_o2c_ss_date', asOf)) {
		snapshots.set(Number(s.values.custrecord_o2c_ss_subsidiary), s);
	}
	const out: ReportSubsidiary[] = [];
	for (const sub of store.all('subsidiary')) {
		const snap = snapshots.get(sub.id);
		if (!snap)
			throw new Error(`subsidiary ${sub.id} (${text(sub.values.name)}): no snapshot was stored for ${asOf}`);
		const v = snap.values;
		const dsoThis = ratio(v.custrecord_o2c_ss_dso);
		const dsoPrior = ratio(v.custrecord_o2c_ss_dso_prior);
		const wow = buckets(v, 'custrecord_o2c_ss_wow_');
		out.push({
			id: sub.id,
			name: text(sub.values.name),
			currency: text(v.custrecord_o2c_ss_currency),
			arBalance: money(v.custrecord_o2c_ss_ar_balance),
			creditSales: {
				thisWindow: money(v.custrecord_o2c_ss_sales_this),
				priorWindow: money(v.custrecord_o2c_ss_sales_prior),
			},
			dso: {
				this: dsoThis,
				prior: dsoPrior,
				delta: dsoThis !== null && dsoPrior !== null ? dsoThis - dsoPrior : null,
				countback: ratio(v.custrecord_o2c_ss_dso_countback),
				bestPossible: ratio(v.custrecord_o2c_ss_bpdso),
				averageDaysDelinquent: ratio(v.custrecord_o2c_ss_add),
			},
			aging: buckets(v, 'custrecord_o2c_ss_ag_'),
			alert: alertBlock(evaluations.get(sub.id), sub.id, asOf),
			windowDays: ratio(v.custrecord_o2c_ss_window),
			agingWeekOverWeek: wow,
			unapplied: money(v.custrecord_o2c_ss_unapplied),
			cei: {
				monthToDate: ratio(v.custrecord_o2c_ss_cei_mtd),
				lastMonth: ratio(v.custrecord_o2c_ss_cei_last_month),
			},
			cashApplicationRate: ratio(v.custrecord_o2c_ss_cash_app_rate),
			leadTimeDays: ratio(v.custrecord_o2c_ss_lead_time),
			termsMix: parseJson(v.custrecord_o2c_ss_terms_mix),
		});
	}
	return out.sort((a, b) => a.id - b.id);
}

/** Every customer with a non-zero open balance at D, or an invoice closed (paid or returned) in the 365 days ending D. */
function customers(store: RecordStore, asOf: string): ReportCustomer[] {
	const out: ReportCustomer[] = [];
	for (const r of recordsOn(store, 'customrecord_o2c_cust_metrics', 'custrecord_o2c_cm_as_of', asOf)) {
		const v = r.values;
		const openBalance = money(v.custrecord_o2c_cm_open_balance);
		const paid = Number(v.custrecord_o2c_cm_paid_count ?? 0);
		const returned = Number(v.custrecord_o2c_cm_returned_count ?? 0);
		if (openBalance === 0 && !(paid > 0) && !(returned > 0)) continue;
		const id = Number(v.custrecord_o2c_cm_customer);
		out.push({
			id,
			name: text(store.get('customer', id)?.values.companyname),
			subsidiary: Number(v.custrecord_o2c_cm_subsidiary),
			openBalance,
			overdue: money(v.custrecord_o2c_cm_overdue),
			maxDaysOverdue: ratio(v.custrecord_o2c_cm_max_days_overdue),
			aging: buckets(v, 'custrecord_o2c_cm_ag_'),
			avgDaysToPay: ratio(v.custrecord_o2c_cm_avg_days_to_pay),
			avgDaysLate: ratio(v.custrecord_o2c_cm_avg_days_late),
			score: ratio(v.custrecord_o2c_cm_score),
			segment: text(v.custrecord_o2c_cm_segment),
			unapplied: money(v.custrecord_o2c_cm_unapplied),
			creditUtilisation: ratio(v.custrecord_o2c_cm_credit_util),
			paidInvoices: paid,
			returnedInvoices: returned,
			returnedAmount: money(v.custrecord_o2c_cm_returned_amount),
			openPromises: ratio(v.custrecord_o2c_cm_promises_open),
		});
	}
	return out.sort((a, b) => a.id - b.id);
}

/**
 * One row per execution. For map and reduce stages the limit applies to each invocation, so the row
 * reports the largest invocation against it and the stage's total beside it.
 */
export function governanceRows(log: readonly GovernanceEntry[]): ReportGovernance[] {
	return log.map((g) => {
		const perInvocation = g.invocations !== undefined && g.maxInvocationUnits !== undefined;
		const row: ReportGovernance = {
			script: g.script,
			deployment: g.deployment,
			...(g.night !== undefined ? { night: g.night } : {}),
			unitsUsed: perInvocation ? (g.maxInvocationUnits as number) : g.unitsUsed,
			unitsLimit: g.unitsLimit,
		};
		if (g.stage) row.stage = g.stage;
		if (perInvocation) {
			row.invocations = g.invocations;
			row.totalUnits = g.unitsUsed;
		}
		if (g.limitExceeded) row.limitExceeded = true;
		return row;
	});
}

/**
 * §4: the outbox of the whole run (every record the push wrote, any day): selected = payloads
 * created, acknowledged (2xx), deadLettered, pending, attempts = requests sent for them; pushed =
 * acknowledged. `stopped`: the reasons the push stopped before sending (a missing endpoint, say).
 */
export function collectionsBlock(emu: Emulator): Report['collections'] {
	const rows = [...emu.store.all('customrecord_o2c_push_outbox')].map((r) => r.values);
	const count = (status: string): number => rows.filter((r) => r.custrecord_o2c_po_status === status).length;
	const acknowledged = count('delivered');
	const stopped = emu.logs
		.filter((l) => l.title.startsWith('Collections push: stopped'))
		.map((l) => l.details.split('\n')[0] ?? '');
	const block: Report['collections'] = {
		selected: rows.length,
		pushed: acknowledged,
		acknowledged,
		deadLettered: count('dead'),
		pending: count('pending'),
		attempts: rows.reduce(
			(n, r) => n + (typeof r.custrecord_o2c_po_attempts === 'number' ? r.custrecord_o2c_po_attempts : 0),
			0,
		),
	};
	if (stopped.length > 0) block.stopped = [...new Set(stopped)];
	if (rows.length === 0) block.note = stopped.length > 0 ? 'the push stopped before sending' : 'no customer selected';
	return block;
}

export function buildReport(emu: Emulator, asOf: string): Report {
	const forecast = forecastReportBlock(emu.store, asOf);
	return {
		format: REPORT_FORMAT,
		asOf,
		subsidiaries: subsidiaries(emu.store, asOf),
		customers: customers(emu.store, asOf),
		collections: collectionsBlock(emu),
		governance: governanceRows(emu.governanceLog),
		...(forecast === null ? {} : { forecast }),
	};
}
