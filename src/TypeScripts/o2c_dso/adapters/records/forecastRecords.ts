/**
 * The forecast's records:
 * - `customrecord_o2c_pay_pred`: one per invoice open at the last run (key = invoice internal id),
 *   with the predicted payment date, its 20–80 interval, where it came from and why, and NetSuite's
 *   own predicted date beside it when the account has one. Upserted nightly; deleted by the run that
 *   finds its invoice no longer open.
 * - `customrecord_o2c_cash_fc`: one per subsidiary (key = subsidiary id), the latest 13-week
 *   cash-in forecast in base currency: totals, after-the-horizon amounts, the weeks as JSON.
 * - `customrecord_o2c_cash_fc_week`: one per subsidiary and week 1–13 (key `<subsidiary>:<week>`),
 *   the same weeks as rows for portlets, saved searches and workbooks.
 * Also the readers the forecast needs, each one search for a batch of customers: their segments
 * (customer metrics records), their promises to pay, their prediction records; and the segments of
 * a subsidiary's customers (the pooled histories).
 *
 * Costs: custom record create 2 + save 4, submitFields 2, delete 4, a search page 5–10.
 */
import * as record from 'N/record';
import * as search from 'N/search';
import { addDays, CalendarDate, daysBetween, isCalendarDate } from '../../domain/calendarDate';
import type { CashOutlook, SubsidiaryForecast } from '../../domain/cashForecast';
import { fromDecimal, toDecimal } from '../../domain/money';
import type { PromiseToPay } from '../../domain/paymentPrediction';
import type { InvoiceForecast, NativeComparison } from '../../app/forecast/forecastCustomer';
import { fromNsDate, toNsDate, toNsDateValue } from '../nsDate';
import { countRecordsBy, forEachRow, valueOf } from '../searches/searchKit';

export const PAY_PREDICTION = 'customrecord_o2c_pay_pred';
export const CASH_FORECAST = 'customrecord_o2c_cash_fc';
export const CASH_FORECAST_WEEK = 'customrecord_o2c_cash_fc_week';

/** Field ids of the prediction record (for readers: portlets, the collections push). */
export const PAY_PREDICTION_FIELDS = {
	key: 'custrecord_o2c_pp_key',
	invoice: 'custrecord_o2c_pp_invoice',
	customer: 'custrecord_o2c_pp_customer',
	subsidiary: 'custrecord_o2c_pp_subsidiary',
	asOf: 'custrecord_o2c_pp_as_of',
	currency: 'custrecord_o2c_pp_currency',
	open: 'custrecord_o2c_pp_open',
	due: 'custrecord_o2c_pp_due',
	date: 'custrecord_o2c_pp_date',
	low: 'custrecord_o2c_pp_low',
	high: 'custrecord_o2c_pp_high',
	daysLate: 'custrecord_o2c_pp_days_late',
	source: 'custrecord_o2c_pp_source',
	basis: 'custrecord_o2c_pp_basis',
	disputed: 'custrecord_o2c_pp_disputed',
	promise: 'custrecord_o2c_pp_promise',
	why: 'custrecord_o2c_pp_why',
	nativeDate: 'custrecord_o2c_pp_ns_date',
	nativeDiff: 'custrecord_o2c_pp_ns_diff',
} as const;

/** Field ids of the subsidiary forecast record. */
export const CASH_FORECAST_FIELDS = {
	key: 'custrecord_o2c_fc_key',
	subsidiary: 'custrecord_o2c_fc_subsidiary',
	asOf: 'custrecord_o2c_fc_as_of',
	currency: 'custrecord_o2c_fc_currency',
	open: 'custrecord_o2c_fc_open',
	invoices: 'custrecord_o2c_fc_invoices',
	horizon: 'custrecord_o2c_fc_horizon',
	next4: 'custrecord_o2c_fc_next4',
	prior4: 'custrecord_o2c_fc_prior4',
	beyond: 'custrecord_o2c_fc_beyond',
	overdueBeyond: 'custrecord_o2c_fc_overdue_beyond',
	sources: 'custrecord_o2c_fc_sources',
	weeks: 'custrecord_o2c_fc_weeks',
	nativeCompared: 'custrecord_o2c_fc_ns_compared',
	nativeMeanAbs: 'custrecord_o2c_fc_ns_mean_abs',
	nativeWithin7: 'custrecord_o2c_fc_ns_within7',
} as const;

/** Field ids of the weekly rows. */
export const CASH_FORECAST_WEEK_FIELDS = {
	key: 'custrecord_o2c_fw_key',
	subsidiary: 'custrecord_o2c_fw_subsidiary',
	asOf: 'custrecord_o2c_fw_as_of',
	currency: 'custrecord_o2c_fw_currency',
	week: 'custrecord_o2c_fw_week',
	start: 'custrecord_o2c_fw_start',
	end: 'custrecord_o2c_fw_end',
	expected: 'custrecord_o2c_fw_expected',
	low: 'custrecord_o2c_fw_low',
	high: 'custrecord_o2c_fw_high',
} as const;

const P = PAY_PREDICTION_FIELDS;
const C = CASH_FORECAST_FIELDS;
const W = CASH_FORECAST_WEEK_FIELDS;
const CM_KEY = 'custrecord_o2c_cm_key';
const CM_SEGMENT = 'custrecord_o2c_cm_segment';
const CM_CUSTOMER = 'custrecord_o2c_cm_customer';
const CM_SUBSIDIARY = 'custrecord_o2c_cm_subsidiary';
const UPDATE_OPTIONS = { enableSourcing: false, ignoreMandatoryFields: true };

type FieldValue = string | number | boolean | Date;

/** Creates a record of `type` with `name`, `keyField` = key and the values (2 + 4 units). */
function createRecord(type: string, keyField: string, key: string, values: Record<string, FieldValue>): number {
	const rec = record.create({ type });
	rec.setValue({ fieldId: 'name', value: key });
	rec.setValue({ fieldId: keyField, value: key });
	for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value });
	return rec.save();
}

function updateRecord(type: string, id: number, values: Record<string, FieldValue>): void {
	record.submitFields({ type, id, values: values as never, options: UPDATE_OPTIONS });
}

/** Record ids by key of every record of `type` matching `filters` (lowest id kept for a duplicated key). */
function idsByKey(type: string, keyField: string, filters: unknown[]): Map<string, number> {
	const s = search.create({
		type,
		filters,
		columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), keyField],
	});
	const out = new Map<string, number>();
	forEachRow(s, (row) => {
		const key = valueOf(row, { name: keyField });
		if (!out.has(key)) out.set(key, Number(valueOf(row, { name: 'internalid' })));
	});
	return out;
}

/* -------------------------------------------------------------------------------- readers */

/**
 * The payment-behaviour segment of each of a batch of customers that has one on its metrics record
 * (the lowest internal id for a duplicated key): one search, 5 + 5 per 1,000.
 * @example customerSegments(['100']).get('100') // 'slow-but-reliable'
 */
export function customerSegments(customerIds: readonly string[]): Map<string, string> {
	const out = new Map<string, string>();
	if (customerIds.length === 0) return out;
	const s = search.create({
		type: 'customrecord_o2c_cust_metrics',
		filters: [[CM_CUSTOMER, 'anyof', ...customerIds]],
		columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), CM_KEY, CM_SEGMENT],
	});
	const wanted = new Set(customerIds);
	const seen = new Set<string>();
	forEachRow(s, (row) => {
		const key = valueOf(row, { name: CM_KEY });
		if (!wanted.has(key) || seen.has(key)) return;
		seen.add(key);
		const segment = valueOf(row, { name: CM_SEGMENT });
		if (segment !== '') out.set(key, segment);
	});
	return out;
}

/**
 * Segment of every customer of a subsidiary that has a metrics record (5 + 5 per 1,000 customers).
 * @example subsidiarySegments('1').get('100')
 */
export function subsidiarySegments(subsidiaryId: string): Map<string, string> {
	const s = search.create({
		type: 'customrecord_o2c_cust_metrics',
		filters: [[CM_SUBSIDIARY, 'anyof', subsidiaryId]],
		columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), CM_KEY, CM_SEGMENT],
	});
	const out = new Map<string, string>();
	forEachRow(s, (row) => {
		const segment = valueOf(row, { name: CM_SEGMENT });
		if (segment !== '') out.set(valueOf(row, { name: CM_KEY }), segment);
	});
	return out;
}

/**
 * The customer metrics records per subsidiary (what {@link subsidiarySegments} reads): 5 + 5 per
 * 1,000 subsidiaries.
 * @example metricsRecordsBySubsidiary().get('1')
 */
export function metricsRecordsBySubsidiary(): Map<string, number> {
	return countRecordsBy('customrecord_o2c_cust_metrics', CM_SUBSIDIARY, []);
}

const PROMISE_STATUSES = new Set(['pending', 'kept', 'broken', 'cancelled']);

/**
 * The active promises to pay of a batch of customers, per customer in internal id order (5 + 5
 * units per 1,000).
 * @example promisesToPayOf(['100']).get('100')
 */
export function promisesToPayOf(customerIds: readonly string[]): Map<string, PromiseToPay[]> {
	const out = new Map<string, PromiseToPay[]>();
	if (customerIds.length === 0) return out;
	const s = search.create({
		type: 'customrecord_o2c_promise',
		filters: [['custrecord_o2c_pr_customer', 'anyof', ...customerIds], 'AND', ['isinactive', 'is', 'F']],
		columns: [
			search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
			'custrecord_o2c_pr_customer',
			'custrecord_o2c_pr_date',
			'custrecord_o2c_pr_made_on',
			'custrecord_o2c_pr_amount',
			'custrecord_o2c_pr_status',
			'custrecord_o2c_pr_invoices',
		],
	});
	forEachRow(s, (row) => {
		const promisedDate = fromNsDate(valueOf(row, { name: 'custrecord_o2c_pr_date' }));
		if (promisedDate === null) return;
		const status = valueOf(row, { name: 'custrecord_o2c_pr_status' }).trim().toLowerCase();
		const promise: PromiseToPay = {
			id: valueOf(row, { name: 'internalid' }),
			madeOn: fromNsDate(valueOf(row, { name: 'custrecord_o2c_pr_made_on' })),
			promisedDate,
			amountMinor: fromDecimal(valueOf(row, { name: 'custrecord_o2c_pr_amount' }), 'customer').minor,
			// An unknown status (a hand-edited record) is treated as pending: the promise is still on file.
			// partial (the date passed, less than the amount paid) no longer stands: not kept, as a broken one
			status:
				status === 'partial'
					? 'broken'
					: PROMISE_STATUSES.has(status)
						? (status as PromiseToPay['status'])
						: 'pending',
			invoiceIds: valueOf(row, { name: 'custrecord_o2c_pr_invoices' })
				.split(',')
				.map((x) => x.trim())
				.filter((x) => x !== ''),
		};
		const customerId = valueOf(row, { name: 'custrecord_o2c_pr_customer' });
		const list = out.get(customerId);
		if (list === undefined) out.set(customerId, [promise]);
		else list.push(promise);
	});
	return out;
}

/* ------------------------------------------------------------------------ predictions */

/**
 * The prediction records of a batch of customers: customer → invoice id → record id (the lowest
 * for a duplicated key), one search, 5 + 5 units per 1,000.
 * @example existingPredictionsOf(['100']).get('100')?.get('2')
 */
export function existingPredictionsOf(customerIds: readonly string[]): Map<string, Map<string, number>> {
	const out = new Map<string, Map<string, number>>();
	if (customerIds.length === 0) return out;
	const s = search.create({
		type: PAY_PREDICTION,
		filters: [[P.customer, 'anyof', ...customerIds]],
		columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), P.key, P.customer],
	});
	forEachRow(s, (row) => {
		const customerId = valueOf(row, { name: P.customer });
		const key = valueOf(row, { name: P.key });
		let ids = out.get(customerId);
		if (ids === undefined) {
			ids = new Map<string, number>();
			out.set(customerId, ids);
		}
		if (!ids.has(key)) ids.set(key, Number(valueOf(row, { name: 'internalid' })));
	});
	return out;
}

/**
 * Every prediction record, per customer: the invoices it has records for and its records (a
 * duplicated key counts in `records`: the batch's search reads it). 5 + 5 per 1,000 records.
 * @example predictionsByCustomer().get('100')?.invoices.has('2')
 */
export function predictionsByCustomer(): Map<string, { invoices: Set<string>; records: number }> {
	const s = search.create({
		type: PAY_PREDICTION,
		filters: [],
		columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), P.key, P.customer],
	});
	const out = new Map<string, { invoices: Set<string>; records: number }>();
	forEachRow(s, (row) => {
		const customerId = valueOf(row, { name: P.customer });
		const entry = out.get(customerId) ?? { invoices: new Set<string>(), records: 0 };
		entry.invoices.add(valueOf(row, { name: P.key }));
		entry.records++;
		out.set(customerId, entry);
	});
	return out;
}

function predictionValues(
	f: InvoiceForecast,
	ctx: { customerId: string; subsidiaryId: string; currency: string; asOf: CalendarDate },
): Record<string, FieldValue> {
	const p = f.prediction;
	const d = (x: CalendarDate | null): Date | string => (x === null ? '' : toNsDateValue(x));
	return {
		[P.invoice]: f.invoice.invoiceId,
		[P.customer]: ctx.customerId,
		[P.subsidiary]: ctx.subsidiaryId,
		[P.asOf]: d(ctx.asOf),
		[P.currency]: ctx.currency,
		[P.open]: toDecimal({ minor: f.invoice.openMinor, currency: ctx.currency }),
		[P.due]: d(f.invoice.dueDate),
		[P.date]: d(p.date),
		[P.low]: d(p.low),
		[P.high]: d(p.high),
		[P.daysLate]: daysBetween(p.dueDate, p.date),
		[P.source]: p.source,
		[P.basis]: p.history.size,
		[P.disputed]: p.disputed,
		[P.promise]: p.promise === null ? '' : p.promise.id,
		[P.why]: f.explanation.slice(0, 4000),
		[P.nativeDate]: d(f.invoice.nativePrediction),
		[P.nativeDiff]: f.nativeDifferenceDays ?? '',
	};
}

/**
 * Creates or updates the invoice's prediction record (6 or 2 units).
 * @example savePrediction(f, ctx, existing.get(f.invoice.invoiceId))
 */
export function savePrediction(
	f: InvoiceForecast,
	ctx: { customerId: string; subsidiaryId: string; currency: string; asOf: CalendarDate },
	existingId: number | undefined,
): void {
	const values = predictionValues(f, ctx);
	if (existingId !== undefined) updateRecord(PAY_PREDICTION, existingId, values);
	else createRecord(PAY_PREDICTION, P.key, f.invoice.invoiceId, values);
}

/** Deletes a prediction record this job created (4 units). */
export function deletePrediction(id: number): void {
	record.delete({ type: PAY_PREDICTION, id });
}

/** Prediction records not written on `asOf` (their customer was not in tonight's input, or failed). */
export function stalePredictions(asOf: CalendarDate): { id: number; customerId: string }[] {
	const s = search.create({
		type: PAY_PREDICTION,
		filters: [[P.asOf, 'before', toNsDate(asOf)]],
		columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), P.customer],
	});
	const out: { id: number; customerId: string }[] = [];
	forEachRow(s, (row) =>
		out.push({ id: Number(valueOf(row, { name: 'internalid' })), customerId: valueOf(row, { name: P.customer }) }),
	);
	return out;
}

/* ---------------------------------------------------------------- subsidiary forecast */

/** What the summarize stage stores besides the weeks. */
export interface ForecastExtras {
	readonly subsidiaryId: string;
	readonly sources: Readonly<Record<string, number>>;
	readonly native: NativeComparison;
	/** Receipts of the 28 days ending D (the window the next 4 weeks compare with). */
	readonly prior4Minor: number;
	readonly next4Minor: number;
}

/** Existing forecast and week records by key (two searches, 10–20 units). */
export function existingForecastRecords(): { forecasts: Map<string, number>; weeks: Map<string, number> } {
	return {
		forecasts: idsByKey(CASH_FORECAST, C.key, []),
		weeks: idsByKey(CASH_FORECAST_WEEK, W.key, []),
	};
}

/**
 * Upserts the subsidiary's forecast record and its 13 week rows (≤ 14 × 6 units; 14 × 2 once they exist).
 * @example saveSubsidiaryForecast(forecast, extras, existingForecastRecords())
 */
export function saveSubsidiaryForecast(
	f: SubsidiaryForecast,
	extras: ForecastExtras,
	existing: { forecasts: Map<string, number>; weeks: Map<string, number> },
): void {
	const cur = f.currency;
	const amount = (minor: number): number => toDecimal({ minor, currency: cur });
	const sub = extras.subsidiaryId;
	let horizon = 0;
	for (const w of f.weeks) horizon += w.expected.minor;
	const n = extras.native;
	const values: Record<string, FieldValue> = {
		[C.subsidiary]: sub,
		[C.asOf]: toNsDateValue(f.asOf),
		[C.currency]: cur,
		[C.open]: amount(f.open.minor),
		[C.invoices]: f.invoices,
		[C.horizon]: amount(horizon),
		[C.next4]: amount(extras.next4Minor),
		[C.prior4]: amount(extras.prior4Minor),
		[C.beyond]: amount(f.beyondHorizon.minor),
		[C.overdueBeyond]: amount(f.overdueBeyondHorizon.minor),
		[C.sources]: JSON.stringify(extras.sources),
		[C.weeks]: JSON.stringify(
			f.weeks.map((w) => ({
				w: w.week,
				start: w.start,
				e: w.expected.minor,
				lo: w.low.minor,
				hi: w.high.minor,
			})),
		),
		[C.nativeCompared]: n.compared,
		[C.nativeMeanAbs]: n.compared === 0 ? '' : n.absDaysSum / n.compared,
		[C.nativeWithin7]: n.compared === 0 ? '' : n.within7 / n.compared,
	};
	const id = existing.forecasts.get(sub);
	if (id !== undefined) updateRecord(CASH_FORECAST, id, values);
	else createRecord(CASH_FORECAST, C.key, sub, values);
	for (const w of f.weeks) {
		const key = `${sub}:${String(w.week)}`;
		const wv: Record<string, FieldValue> = {
			[W.subsidiary]: sub,
			[W.asOf]: toNsDateValue(f.asOf),
			[W.currency]: cur,
			[W.week]: w.week,
			[W.start]: toNsDateValue(w.start),
			[W.end]: toNsDateValue(w.end),
			[W.expected]: amount(w.expected.minor),
			[W.low]: amount(w.low.minor),
			[W.high]: amount(w.high.minor),
		};
		const wid = existing.weeks.get(key);
		if (wid !== undefined) updateRecord(CASH_FORECAST_WEEK, wid, wv);
		else createRecord(CASH_FORECAST_WEEK, W.key, key, wv);
	}
}

/**
 * Customer payments of the subsidiary dated in [from, to], base currency (a summary search, 10 units).
 * @example receiptsBetween('1', d('2026-04-07'), d('2026-05-04'))
 */
export function receiptsBetween(subsidiaryId: string, from: CalendarDate, to: CalendarDate): number {
	const s = search.create({
		type: 'transaction',
		settings: [search.createSetting({ name: 'consolidationtype', value: 'NONE' })],
		filters: [
			['mainline', 'is', 'T'],
			'AND',
			['posting', 'is', 'T'],
			'AND',
			['type', 'anyof', 'CustPymt'],
			'AND',
			['subsidiary', 'anyof', subsidiaryId],
			'AND',
			['trandate', 'within', toNsDate(from), toNsDate(to)],
		],
		columns: [search.createColumn({ name: 'amount', summary: search.Summary.SUM })],
	});
	const row = s.run().getRange({ start: 0, end: 1 })[0];
	if (row === undefined) return 0;
	return Math.abs(fromDecimal(valueOf(row, { name: 'amount', summary: search.Summary.SUM }), 'base').minor);
}

/** A CURRENCY column of a search row in minor units (empty = 0). */
function minorOf(row: search.Result, fieldId: string, currency: string): number {
	return fromDecimal(valueOf(row, { name: fieldId }), currency).minor;
}

/**
 * The subsidiary's stored forecast as the DSO alert email shows it (weeks 1–4), or null when none
 * is stored or its weeks cannot be read (a hand-edited record must not stop an alert). One search
 * (10 units).
 * @example storedCashOutlook('1')?.next4Minor
 */
export function storedCashOutlook(subsidiaryId: string): CashOutlook | null {
	const s = search.create({
		type: CASH_FORECAST,
		filters: [[C.subsidiary, 'anyof', subsidiaryId]],
		columns: [
			search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
			C.asOf,
			C.currency,
			C.next4,
			C.prior4,
			C.beyond,
			C.overdueBeyond,
			C.weeks,
		],
	});
	const row = s.run().getRange({ start: 0, end: 1 })[0];
	if (row === undefined) return null;
	const asOf = fromNsDate(valueOf(row, { name: C.asOf }));
	const currency = valueOf(row, { name: C.currency });
	if (asOf === null || currency === '') return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(valueOf(row, { name: C.weeks }));
	} catch {
		return null;
	}
	if (!Array.isArray(parsed)) return null;
	const weeks: CashOutlook['weeks'][number][] = [];
	for (const w of parsed.slice(0, 4) as { w?: unknown; start?: unknown; e?: unknown; lo?: unknown; hi?: unknown }[]) {
		const { w: week, start, e, lo, hi } = w;
		if (
			typeof week !== 'number' ||
			!isCalendarDate(start) ||
			!Number.isSafeInteger(e) ||
			!Number.isSafeInteger(lo) ||
			!Number.isSafeInteger(hi)
		)
			return null;
		weeks.push({
			week,
			start,
			end: addDays(start, 6),
			expectedMinor: e as number,
			lowMinor: lo as number,
			highMinor: hi as number,
		});
	}
	return {
		asOf,
		currency,
		next4Minor: minorOf(row, C.next4, currency),
		prior4Minor: minorOf(row, C.prior4, currency),
		beyondMinor: minorOf(row, C.beyond, currency),
		overdueBeyondMinor: minorOf(row, C.overdueBeyond, currency),
		weeks,
	};
}
