/**
 * One customer's forecast at D: a predicted payment date for each invoice open at D (domain
 * paymentPrediction) with its explanation and, when NetSuite's own prediction is on the invoice,
 * how far apart the two are; and the customer's part of its subsidiary's 13-week cash-in forecast
 * (domain cashForecast). Also the per-subsidiary tallies the summarize stage adds up.
 */
import { CalendarDate, daysBetween } from '../../domain/calendarDate';
import { ForecastPart, forecastPart } from '../../domain/cashForecast';
import { invoicesAt, InvoiceRow, OpenInvoice } from '../../domain/paymentHistory';
import {
	explainPrediction,
	PaymentPrediction,
	predictPayment,
	PredictionSource,
	PREDICTION_RULES,
	PromiseToPay,
} from '../../domain/paymentPrediction';
import { poolOf, SubsidiaryPools } from './pools';

export interface CustomerForecastInput {
	readonly asOf: CalendarDate;
	readonly customerId: string;
	readonly subsidiaryId: string;
	/** Payment-behaviour segment from the customer metrics, null when the customer has no record yet. */
	readonly segment: string | null;
	readonly rows: readonly InvoiceRow[];
	readonly promises: readonly PromiseToPay[];
	readonly pools: SubsidiaryPools;
}

export interface InvoiceForecast {
	readonly invoice: OpenInvoice;
	readonly prediction: PaymentPrediction;
	readonly explanation: string;
	/** Our date − NetSuite's predicted payment date, in days; null when the invoice has none. */
	readonly nativeDifferenceDays: number | null;
}

/** How our dates compare with NetSuite's on the invoices that carry both. */
export interface NativeComparison {
	readonly compared: number;
	/** Σ |ours − NetSuite's| in days. */
	readonly absDaysSum: number;
	/** Invoices where the two are at most 7 days apart. */
	readonly within7: number;
}

export interface CustomerForecast {
	readonly customerId: string;
	readonly subsidiaryId: string;
	readonly asOf: CalendarDate;
	readonly predictions: readonly InvoiceForecast[];
	readonly part: ForecastPart;
	/** Predictions by source. */
	readonly sources: Readonly<Partial<Record<PredictionSource, number>>>;
	readonly native: NativeComparison;
	/** Paid invoices of the customer in the look-back, and invoices closed by credit memos (left out). */
	readonly paidInLookback: number;
	readonly returned: number;
}

/**
 * The customer's predictions and forecast part at `input.asOf`.
 * @example forecastCustomer({ asOf, customerId: '100', subsidiaryId: '1', segment: 'reliable', rows, promises, pools })
 */
export function forecastCustomer(input: CustomerForecastInput): CustomerForecast {
	const { asOf } = input;
	const at = invoicesAt(input.rows, asOf, PREDICTION_RULES.lookbackDays);
	const segmentPool = input.segment === null ? undefined : input.pools.segments[input.segment];
	const history = {
		customer: poolOf(at.paid),
		segment:
			input.segment === null || segmentPool === undefined ? null : { name: input.segment, samples: segmentPool },
		subsidiary: input.pools.subsidiary,
		credibilityK: input.pools.credibilityK,
	};
	const predictions: InvoiceForecast[] = [];
	const sources: Partial<Record<PredictionSource, number>> = {};
	let compared = 0;
	let absDaysSum = 0;
	let within7 = 0;
	for (const invoice of at.open) {
		const prediction = predictPayment(invoice, { asOf, openInvoices: at.open, promises: input.promises, history });
		const diff = invoice.nativePrediction === null ? null : daysBetween(invoice.nativePrediction, prediction.date);
		if (diff !== null) {
			compared++;
			absDaysSum += Math.abs(diff);
			if (Math.abs(diff) <= 7) within7++;
		}
		sources[prediction.source] = (sources[prediction.source] ?? 0) + 1;
		predictions.push({
			invoice,
			prediction,
			explanation: explainPrediction(prediction),
			nativeDifferenceDays: diff,
		});
	}
	const part = forecastPart(
		predictions.map((p) => ({
			openMinor: p.invoice.openMinor,
			overdue: p.prediction.daysPastDue > 0,
			outcomes: p.prediction.outcomes,
		})),
		asOf,
	);
	return {
		customerId: input.customerId,
		subsidiaryId: input.subsidiaryId,
		asOf,
		predictions,
		part,
		sources,
		native: { compared, absDaysSum, within7 },
		paidInLookback: at.paid.length,
		returned: at.returned,
	};
}

/** What a customer's reduce hands to the summarize stage for its subsidiary (JSON, plain numbers). */
export interface SubsidiaryTally {
	readonly part: ForecastPart;
	readonly sources: Readonly<Partial<Record<PredictionSource, number>>>;
	readonly native: NativeComparison;
}

/** The tally of a customer forecast. @example JSON.stringify(tallyOf(forecast)) */
export function tallyOf(f: CustomerForecast): SubsidiaryTally {
	return { part: f.part, sources: f.sources, native: f.native };
}

/** Sources and native comparisons of several tallies added up (the parts are combined by the domain). */
export function addTallies(tallies: readonly SubsidiaryTally[]): {
	sources: Partial<Record<PredictionSource, number>>;
	native: NativeComparison;
} {
	const sources: Partial<Record<PredictionSource, number>> = {};
	let compared = 0;
	let absDaysSum = 0;
	let within7 = 0;
	for (const t of tallies) {
		for (const [k, v] of Object.entries(t.sources) as [PredictionSource, number][])
			sources[k] = (sources[k] ?? 0) + v;
		compared += t.native.compared;
		absDaysSum += t.native.absDaysSum;
		within7 += t.native.within7;
	}
	return { sources, native: { compared, absDaysSum, within7 } };
}

/**
 * Reads a tally written by a reduce (JSON); throws naming what is wrong.
 * @example decodeTally(value)
 */
export function decodeTally(text: string): SubsidiaryTally {
	const o = JSON.parse(text) as Partial<SubsidiaryTally>;
	const part = o.part;
	if (
		part === undefined ||
		!Array.isArray(part.expected) ||
		!Array.isArray(part.spread) ||
		!part.expected.every((x) => Number.isSafeInteger(x)) ||
		!part.spread.every((x) => typeof x === 'number' && Number.isFinite(x))
	)
		throw new Error(`Forecast tally without a valid part: ${text.slice(0, 200)}`);
	return {
		part,
		sources: o.sources ?? {},
		native: o.native ?? { compared: 0, absDaysSum: 0, within7: 0 },
	};
}
