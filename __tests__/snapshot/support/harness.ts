/**
 * End-to-end harness for the snapshot scripts: an emulator over a dataset at an as-of date, the
 * stored records read back as plain figures (money in cents), and comparisons with the
 * independent oracle (__tests__/support/oracle.ts): money to the cent; DSO, best possible DSO,
 * ADD, countback, CEI and day averages to 0.01. The tests load the BUILT scripts: run `npx tsc -p tsconfig.build.json` first.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Emulator } from '../../../local/emulator';
import { accountInfo, buildStore } from '../../../local/emulator/account';
import { loadSdfProject } from '../../../local/sdf/objects';
import type { Dataset } from '../../../local/data/dataset';
import type { RawValue } from '../../../local/emulator/store';
import { BUCKETS, OracleCustomer, OracleSubsidiary } from '../../support/oracle';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const SNAPSHOT_SCRIPT = 'customscript_o2c_ar_snapshot_ss';
export const METRICS_SCRIPT = 'customscript_o2c_cust_metrics_mr';
const BUILT = ['entrypoints/ar_snapshot_ss.js', 'entrypoints/cust_metrics_mr.js'].map((f) =>
	path.join(ROOT, 'src', 'FileCabinet', 'SuiteScripts', 'o2c_dso', f),
);

/** Throws a clear message when the AMD build is missing. */
export function requireBuilt(): void {
	for (const f of BUILT) {
		if (!fs.existsSync(f))
			throw new Error(`${path.relative(ROOT, f)} is not built: run npx tsc -p tsconfig.build.json first`);
	}
}

let project: ReturnType<typeof loadSdfProject> | undefined;

/** A fresh emulated account of `ds` at `asOf` running the project's scripts. */
export function emulatorFor(ds: Dataset, asOf: string): Emulator {
	requireBuilt();
	project = project ?? loadSdfProject(path.join(ROOT, 'src'));
	return new Emulator({ projectRoot: ROOT, store: buildStore(ds, asOf, project), account: accountInfo(ds, asOf) });
}

/** Cents of a stored CURRENCY value (a decimal number), null when empty. */
export function cents(v: RawValue | undefined): number | null {
	if (v === null || v === undefined || v === '') return null;
	return Math.round(Number(v) * 100);
}

/** Values of every record of a type, keyed by a field. */
export function recordsBy(emu: Emulator, type: string, keyField: string): Map<string, Record<string, RawValue>> {
	const out = new Map<string, Record<string, RawValue>>();
	for (const r of emu.store.all(type)) {
		const key = String(r.values[keyField]);
		if (out.has(key)) throw new Error(`duplicate ${type} record for key ${key}`);
		out.set(key, r.values);
	}
	return out;
}

const BOOKKEEPING_FIELDS = new Set(['internalid', 'created', 'lastmodified']);

/** Record values without the bookkeeping fields that differ between two runs. */
export function figuresOnly(values: Record<string, RawValue>): Record<string, RawValue> {
	return Object.fromEntries(Object.entries(values).filter(([field]) => !BOOKKEEPING_FIELDS.has(field)));
}

const SS_BUCKETS: Record<(typeof BUCKETS)[number], string> = {
	current: 'custrecord_o2c_ss_ag_current',
	'1-30': 'custrecord_o2c_ss_ag_1_30',
	'31-60': 'custrecord_o2c_ss_ag_31_60',
	'61-90': 'custrecord_o2c_ss_ag_61_90',
	'90+': 'custrecord_o2c_ss_ag_90_plus',
};
const CM_BUCKETS: Record<(typeof BUCKETS)[number], string> = {
	current: 'custrecord_o2c_cm_ag_current',
	'1-30': 'custrecord_o2c_cm_ag_1_30',
	'31-60': 'custrecord_o2c_cm_ag_31_60',
	'61-90': 'custrecord_o2c_cm_ag_61_90',
	'90+': 'custrecord_o2c_cm_ag_90_plus',
};

function ratio(v: RawValue | undefined): number | null {
	return v === null || v === undefined || v === '' ? null : Number(v);
}

function closeTo(actual: number | null, expected: number | null, tolerance = 0.01): boolean {
	if (actual === null || expected === null) return actual === expected;
	return Math.abs(actual - expected) <= tolerance;
}

/** Differences between a stored subsidiary snapshot and the oracle's figures (empty = match). */
export function subsidiaryDiffs(rec: Record<string, RawValue> | undefined, o: OracleSubsidiary): string[] {
	if (rec === undefined) return [`subsidiary ${o.id}: no snapshot record`];
	const out: string[] = [];
	const money = (field: string, expected: number, what: string): void => {
		const got = cents(rec[field]);
		if (got !== expected) out.push(`subsidiary ${o.id} ${what}: stored ${String(got)} cents, oracle ${expected}`);
	};
	if (rec.custrecord_o2c_ss_currency !== o.currency)
		out.push(`subsidiary ${o.id} currency ${String(rec.custrecord_o2c_ss_currency)} ≠ ${o.currency}`);
	money('custrecord_o2c_ss_ar_balance', o.arBalance, 'A/R balance');
	money('custrecord_o2c_ss_ar_prior', o.arBalancePrior, 'A/R prior');
	money('custrecord_o2c_ss_sales_this', o.creditSalesThis, 'credit sales this window');
	money('custrecord_o2c_ss_sales_prior', o.creditSalesPrior, 'credit sales prior window');
	money('custrecord_o2c_ss_open_invoices', o.openInvoices, 'open invoices');
	for (const b of BUCKETS) money(SS_BUCKETS[b], o.aging[b], `aging ${b}`);
	const dso = (field: string, expected: number | null, what: string): void => {
		const got = ratio(rec[field]);
		if (!closeTo(got, expected))
			out.push(`subsidiary ${o.id} ${what}: stored ${String(got)}, oracle ${String(expected)}`);
	};
	dso('custrecord_o2c_ss_dso', o.dsoThis, 'DSO this');
	dso('custrecord_o2c_ss_dso_prior', o.dsoPrior, 'DSO prior');
	dso('custrecord_o2c_ss_dso_delta', o.dsoDelta, 'DSO delta');
	dso('custrecord_o2c_ss_bpdso', o.bestPossibleDso, 'best possible DSO');
	dso('custrecord_o2c_ss_add', o.averageDaysDelinquent, 'average days delinquent');
	dso('custrecord_o2c_ss_dso_countback', o.countbackDso, 'countback DSO');
	dso('custrecord_o2c_ss_cei_mtd', o.ceiMonthToDate, 'CEI month to date');
	dso('custrecord_o2c_ss_cei_last_month', o.ceiLastMonth, 'CEI last month');
	return out;
}

/** Differences between the stored customer metrics (as of `asOf`) and the oracle's customers. */
export function customerDiffs(
	records: Map<string, Record<string, RawValue>>,
	oracle: readonly OracleCustomer[],
	asOf: string,
): string[] {
	const out: string[] = [];
	const reportable = new Set<string>();
	for (const [key, rec] of records) {
		if (rec.custrecord_o2c_cm_as_of !== asOf) continue;
		if (
			(cents(rec.custrecord_o2c_cm_open_balance) ?? 0) !== 0 ||
			Number(rec.custrecord_o2c_cm_paid_count ?? 0) > 0 ||
			Number(rec.custrecord_o2c_cm_returned_count ?? 0) > 0
		)
			reportable.add(key);
	}
	const expected = new Set(oracle.map((c) => String(c.id)));
	for (const k of expected)
		if (!reportable.has(k)) out.push(`customer ${k}: in the oracle's list, not stored as of ${asOf}`);
	for (const k of reportable) if (!expected.has(k)) out.push(`customer ${k}: stored, not in the oracle's list`);
	for (const o of oracle) {
		const rec = records.get(String(o.id));
		if (rec === undefined) continue;
		const money = (field: string, want: number, what: string): void => {
			const got = cents(rec[field]);
			if (got !== want) out.push(`customer ${o.id} ${what}: stored ${String(got)} cents, oracle ${want}`);
		};
		money('custrecord_o2c_cm_open_balance', o.openBalance, 'open balance');
		money('custrecord_o2c_cm_overdue', o.overdue, 'overdue');
		for (const b of BUCKETS) money(CM_BUCKETS[b], o.aging[b], `aging ${b}`);
		if (Number(rec.custrecord_o2c_cm_subsidiary) !== o.subsidiary)
			out.push(`customer ${o.id} subsidiary ${String(rec.custrecord_o2c_cm_subsidiary)} ≠ ${o.subsidiary}`);
		const days = (field: string, want: number | null, what: string): void => {
			const got = ratio(rec[field]);
			if (!closeTo(got, want))
				out.push(`customer ${o.id} ${what}: stored ${String(got)}, oracle ${String(want)}`);
		};
		days('custrecord_o2c_cm_max_days_overdue', o.maxDaysOverdue, 'max days overdue');
		days('custrecord_o2c_cm_avg_days_to_pay', o.avgDaysToPay, 'avg days to pay');
		days('custrecord_o2c_cm_avg_days_late', o.avgDaysLate, 'avg days late');
		if (Number(rec.custrecord_o2c_cm_paid_count) !== o.closedCount)
			out.push(`customer ${o.id} paid count ${String(rec.custrecord_o2c_cm_paid_count)} ≠ ${o.closedCount}`);
		if (Number(rec.custrecord_o2c_cm_returned_count) !== o.returnedCount)
			out.push(
				`customer ${o.id} returned count ${String(rec.custrecord_o2c_cm_returned_count)} ≠ ${o.returnedCount}`,
			);
		money('custrecord_o2c_cm_returned_amount', o.returnedAmount, 'returned amount');
	}
	return out;
}

/** The date `days` before `iso`. */
export function daysBefore(iso: string, days: number): string {
	const t =
		Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - days * 86400000;
	return new Date(t).toISOString().slice(0, 10);
}
