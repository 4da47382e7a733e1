/**
 * The report.json `forecast` block (shared/dataset-format.md §6) from what the payment forecast
 * map/reduce stored: the prediction records (`customrecord_o2c_pay_pred`) and the subsidiary
 * forecasts (`customrecord_o2c_cash_fc`, `customrecord_o2c_cash_fc_week`) of the as-of date.
 *
 * Contract keys: `invoices[]` {id, predictedPaymentDate, low, high} for every invoice open at D;
 * `subsidiaries[]` {id, weeks[13] {start, expected, low, high}}. Added keys (allowed): per invoice
 * customer, subsidiary, openAmount, dueDate, source, basis, disputed, why; per subsidiary
 * currency, open, beyondHorizon, overdueBeyondHorizon, next4Weeks, prior4Weeks, sources; per week
 * end; and `missingInvoices`, the ids of invoices open at D without a prediction of D (a customer
 * whose forecast failed: its error is in the script log), normally empty.
 *
 * Local only (never deployed): reads the records the way a user would, computes nothing.
 */
import type { RawValue, RecordStore, StoredRecord } from './emulator/store';

export interface ForecastInvoiceBlock {
	id: number;
	predictedPaymentDate: string;
	low: string;
	high: string;
	[extra: string]: unknown;
}

export interface ForecastWeekBlock {
	start: string;
	expected: number;
	low: number;
	high: number;
	[extra: string]: unknown;
}

export interface ForecastBlock {
	invoices: ForecastInvoiceBlock[];
	subsidiaries: { id: number; weeks: ForecastWeekBlock[]; [extra: string]: unknown }[];
	missingInvoices: number[];
}

function money(v: RawValue | undefined): number {
	if (v === null || v === undefined || v === '') return 0;
	return Math.round(Number(v) * 100) / 100;
}

function text(v: RawValue | undefined): string {
	return v === null || v === undefined ? '' : String(v);
}

function onDate(store: RecordStore, type: string, field: string, asOf: string): StoredRecord[] {
	return [...store.all(type)].filter((r) => r.values[field] === asOf);
}

function json(v: RawValue | undefined): unknown {
	if (typeof v !== 'string' || v === '') return null;
	try {
		return JSON.parse(v);
	} catch {
		return null;
	}
}

/** The block, or null when the forecast has not run for `asOf` (no subsidiary forecast of that date). */
export function forecastReportBlock(store: RecordStore, asOf: string): ForecastBlock | null {
	const forecasts = onDate(store, 'customrecord_o2c_cash_fc', 'custrecord_o2c_fc_as_of', asOf);
	if (forecasts.length === 0) return null;
	const invoices: ForecastInvoiceBlock[] = [];
	const predicted = new Set<number>();
	for (const r of onDate(store, 'customrecord_o2c_pay_pred', 'custrecord_o2c_pp_as_of', asOf)) {
		const v = r.values;
		const id = Number(v.custrecord_o2c_pp_invoice);
		predicted.add(id);
		invoices.push({
			id,
			predictedPaymentDate: text(v.custrecord_o2c_pp_date),
			low: text(v.custrecord_o2c_pp_low),
			high: text(v.custrecord_o2c_pp_high),
			customer: Number(v.custrecord_o2c_pp_customer),
			subsidiary: Number(v.custrecord_o2c_pp_subsidiary),
			openAmount: money(v.custrecord_o2c_pp_open),
			dueDate: text(v.custrecord_o2c_pp_due),
			source: text(v.custrecord_o2c_pp_source),
			basis: Number(v.custrecord_o2c_pp_basis ?? 0),
			disputed: v.custrecord_o2c_pp_disputed === true,
			why: text(v.custrecord_o2c_pp_why),
		});
	}
	invoices.sort((a, b) => a.id - b.id);
	const missingInvoices: number[] = [];
	for (const inv of store.all('invoice')) {
		const open = inv.values.amountremaining;
		if (typeof open === 'number' && open > 0 && !predicted.has(inv.id)) missingInvoices.push(inv.id);
	}
	missingInvoices.sort((a, b) => a - b);

	const weeksBySub = new Map<number, ForecastWeekBlock[]>();
	for (const w of onDate(store, 'customrecord_o2c_cash_fc_week', 'custrecord_o2c_fw_as_of', asOf)) {
		const v = w.values;
		const sub = Number(v.custrecord_o2c_fw_subsidiary);
		const list = weeksBySub.get(sub) ?? [];
		list.push({
			week: Number(v.custrecord_o2c_fw_week),
			start: text(v.custrecord_o2c_fw_start),
			end: text(v.custrecord_o2c_fw_end),
			expected: money(v.custrecord_o2c_fw_expected),
			low: money(v.custrecord_o2c_fw_low),
			high: money(v.custrecord_o2c_fw_high),
		});
		weeksBySub.set(sub, list);
	}
	const subsidiaries = forecasts
		.map((r) => {
			const v = r.values;
			const id = Number(v.custrecord_o2c_fc_subsidiary);
			const weeks = (weeksBySub.get(id) ?? []).sort((a, b) => Number(a.week) - Number(b.week));
			return {
				id,
				currency: text(v.custrecord_o2c_fc_currency),
				weeks,
				open: money(v.custrecord_o2c_fc_open),
				invoices: Number(v.custrecord_o2c_fc_invoices ?? 0),
				beyondHorizon: money(v.custrecord_o2c_fc_beyond),
				overdueBeyondHorizon: money(v.custrecord_o2c_fc_overdue_beyond),
				next4Weeks: money(v.custrecord_o2c_fc_next4),
				prior4Weeks: money(v.custrecord_o2c_fc_prior4),
				sources: json(v.custrecord_o2c_fc_sources),
			};
		})
		.sort((a, b) => a.id - b.id);
	return { invoices, subsidiaries, missingInvoices };
}
