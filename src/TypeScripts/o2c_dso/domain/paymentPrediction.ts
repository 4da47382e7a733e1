/**
 * Predicted payment date of an invoice open at an as-of date D, with a 20–80 percentile interval
 * and the history it came from. The rules, in order (plain words in `FORECAST.md`, every threshold
 * in {@link PREDICTION_RULES}):
 *
 * 1. **A promise to pay wins** while it stands: a promise covering the invoice that is pending at D
 *    (or kept with its date still ahead) gives the predicted date (never before D + 1). Its
 *    interval is the 20th–80th percentile of "kept: paid by the date, as the history below says;
 *    or broken: paid later, as it says", weighted by the customer's promise record, and always
 *    holds the promised date.
 * 2. Otherwise **the invoice's own customer** if it has at least 3 paid invoices that were still
 *    unpaid at the age the invoice has now ("survival" conditioning: an invoice 12 days past due
 *    can no longer be paid 5 days late, so only past invoices paid more than 12 days late count).
 *    A disputed invoice looks at the customer's disputed invoices; with too few, at its undisputed
 *    ones plus the usual extra delay of disputed invoices in the subsidiary.
 * 3. Otherwise the customers of its **segment** (payment-behaviour segment, same subsidiary), then
 *    the whole **subsidiary**: at least 10 such invoices; then the subsidiary's few (1–9).
 * 4. No paid invoice of the subsidiary was ever paid this late: **no precedent**, expected after the
 *    13-week horizon. No paid invoice in the subsidiary at all: the **terms** (its due date, or
 *    D + 1 when already past due).
 *
 * **Credibility** (source `customer-weighted`, when the subsidiary's history gives a credibility
 * constant k, domain/credibility.ts): a customer with n ≥ 1 such invoices is not taken alone nor
 * dropped at n < 3; its median weighs n / (n + k) against its segment's (else the subsidiary's,
 * either with at least 10), keeping the customer's spread when n ≥ 3, else the pool's. It replaces
 * rule 2's customer history and comes before rule 3; the dispute-delay rule keeps its place.
 *
 * Lateness is counted from the due date (the invoice date when there is none), so the terms of
 * each invoice carry through: the same customer habit gives a Net 60 invoice a later date than a
 * Net 30 one. History is invoices paid in the 365 days ending D (closed by a payment, never by a
 * credit memo: domain/paymentHistory.ts). Every date is ≥ D + 1. Pure: no `N/*`, no clock.
 */
import { CalendarDate, addDays, daysBetween, maxDate, minDate } from './calendarDate';
import {
	EMPTY_SAMPLE,
	LatenessSample,
	mergeSamples,
	paidLaterThan,
	sampleSize,
	samplePercentile,
	shiftSample,
} from './latenessSample';
import { credibilityWeight } from './credibility';
import type { OpenInvoice } from './paymentHistory';

/** Every threshold of the prediction (documented in FORECAST.md). */
export const PREDICTION_RULES = {
	/** Paid invoices of the look-back window that make the history (days ending D). */
	lookbackDays: 365,
	/** Conditioned paid invoices a customer needs for its own history to be used. */
	minCustomerHistory: 3,
	/** Conditioned paid invoices a segment or subsidiary pool needs before its thin fallback. */
	minPoolHistory: 10,
	/** Interval and point: percentiles of the conditioned history. */
	lowPercent: 20,
	midPercent: 50,
	highPercent: 80,
	/** Weeks of the cash-in forecast; a "no precedent" invoice is expected after them. */
	horizonWeeks: 13,
} as const;

/** Where a prediction came from. */
export type PredictionSource =
	| 'promise'
	| 'customer'
	| 'customer-weighted'
	| 'customer-dispute-delay'
	| 'segment'
	| 'subsidiary'
	| 'no-precedent'
	| 'terms';

/** Paid-invoice lateness of one group, split by the invoices' disputed flag. */
export interface PoolSamples {
	readonly undisputed: LatenessSample;
	readonly disputed: LatenessSample;
}

export const EMPTY_POOL: PoolSamples = { undisputed: EMPTY_SAMPLE, disputed: EMPTY_SAMPLE };

/** The histories a prediction may draw on. */
export interface HistoryContext {
	readonly customer: PoolSamples;
	/** The customer's payment-behaviour segment in its subsidiary, null when unknown. */
	readonly segment: { readonly name: string; readonly samples: PoolSamples } | null;
	readonly subsidiary: PoolSamples;
	/**
	 * Credibility constant k of the subsidiary (domain/credibility.ts): a customer with n conditioned
	 * paid invoices weighs n / (n + k) against its segment (else the subsidiary). Null or absent: no
	 * weighting, the fixed thresholds alone choose.
	 */
	readonly credibilityK?: number | null;
}

/** A customer history weighted against a pool's (source `customer-weighted`). */
export interface CredibilityBasis {
	/** The customer's weight n / (n + k), 0–1. */
	readonly weight: number;
	readonly k: number;
	readonly customerSize: number;
	readonly customerMidDays: number;
	readonly pool: 'segment' | 'subsidiary';
	readonly poolSize: number;
	readonly poolMidDays: number;
	/** Whose spread the interval keeps: the customer's (3 or more invoices) or the pool's. */
	readonly spreadFrom: 'customer' | 'pool';
}

/** A promise to pay as known at D (status computed at D). */
export interface PromiseToPay {
	readonly id: string;
	readonly madeOn: CalendarDate | null;
	readonly promisedDate: CalendarDate;
	/** In the customer's currency, minor units. */
	readonly amountMinor: number;
	readonly status: 'pending' | 'kept' | 'broken' | 'cancelled';
	/** Invoices it names; empty = the customer's oldest open invoices up to the amount. */
	readonly invoiceIds: readonly string[];
}

/** One possible payment date and its probability weight (the weights of a prediction sum to 1). */
export interface Outcome {
	readonly date: CalendarDate;
	readonly weight: number;
}

/** The history behind a prediction. */
export interface HistoryBasis {
	readonly source: Exclude<PredictionSource, 'promise'>;
	/** Paid invoices behind it (after conditioning). */
	readonly size: number;
	/** Segment name when source is `segment`. */
	readonly segment: string | null;
	/** Extra days added for a dispute (source `customer-dispute-delay`). */
	readonly disputeDelayDays: number | null;
	/** The thin subsidiary fallback had to mix disputed and undisputed invoices. */
	readonly mixedDisputes: boolean;
	/** Source `customer-weighted`: the two histories and their weights; else null. */
	readonly credibility: CredibilityBasis | null;
	/** Lateness (days after due) at the 20th, 50th and 80th percentile; null for terms / no precedent. */
	readonly lowDays: number | null;
	readonly midDays: number | null;
	readonly highDays: number | null;
	/** The conditioned sample (empty for terms / no precedent). */
	readonly sample: LatenessSample;
}

export interface PaymentPrediction {
	readonly invoiceId: string;
	readonly dueDate: CalendarDate;
	/** D − due date: negative while not yet due. The history was conditioned on "paid later than this". */
	readonly daysPastDue: number;
	readonly disputed: boolean;
	readonly date: CalendarDate;
	readonly low: CalendarDate;
	readonly high: CalendarDate;
	readonly source: PredictionSource;
	readonly history: HistoryBasis;
	readonly promise: {
		readonly id: string;
		readonly promisedDate: CalendarDate;
		readonly madeOn: CalendarDate | null;
		/** The customer's resolved promises known at D. */
		readonly kept: number;
		readonly broken: number;
		/** Weight of "kept": (kept + 1) / (kept + broken + 2). */
		readonly keepWeight: number;
	} | null;
	/** Possible payment dates with weights, for the cash-in forecast. */
	readonly outcomes: readonly Outcome[];
}

/**
 * Extra delay of disputed invoices in a pool: median lateness of disputed − of undisputed paid
 * invoices, when both have at least {@link PREDICTION_RULES.minPoolHistory}; else null.
 * @example disputeDelay({ undisputed: sampleOf([0,0,0,0,0,0,0,0,0,0]), disputed: sampleOf([9,9,9,9,9,9,9,9,9,9]) }) // 9
 */
export function disputeDelay(pool: PoolSamples): number | null {
	const min = PREDICTION_RULES.minPoolHistory;
	if (sampleSize(pool.undisputed) < min || sampleSize(pool.disputed) < min) return null;
	const d = samplePercentile(pool.disputed, 50);
	const u = samplePercentile(pool.undisputed, 50);
	return d === null || u === null ? null : d - u;
}

function basisOf(
	source: HistoryBasis['source'],
	sample: LatenessSample,
	extra: {
		segment?: string;
		disputeDelayDays?: number;
		mixedDisputes?: boolean;
		credibility?: CredibilityBasis;
	} = {},
): HistoryBasis {
	const credibility = extra.credibility ?? null;
	return {
		source,
		size: credibility === null ? sampleSize(sample) : credibility.customerSize + credibility.poolSize,
		segment: extra.segment ?? null,
		disputeDelayDays: extra.disputeDelayDays ?? null,
		mixedDisputes: extra.mixedDisputes ?? false,
		credibility,
		lowDays: samplePercentile(sample, PREDICTION_RULES.lowPercent),
		midDays: samplePercentile(sample, PREDICTION_RULES.midPercent),
		highDays: samplePercentile(sample, PREDICTION_RULES.highPercent),
		sample,
	};
}

/**
 * The history an invoice `daysPastDue` days past due at D draws on (rules 2–4 of the module comment).
 * @example chooseHistory(false, 12, ctx).source // 'customer'
 */
export function chooseHistory(disputed: boolean, daysPastDue: number, ctx: HistoryContext): HistoryBasis {
	const { minCustomerHistory, minPoolHistory } = PREDICTION_RULES;
	const own = (p: PoolSamples): LatenessSample => paidLaterThan(disputed ? p.disputed : p.undisputed, daysPastDue);

	const customer = own(ctx.customer);
	const weighted = (): HistoryBasis | null => {
		const k = ctx.credibilityK ?? null;
		const n = sampleSize(customer);
		if (k === null || n === 0) return null;
		const segment = ctx.segment === null ? EMPTY_SAMPLE : own(ctx.segment.samples);
		const pool: { kind: 'segment' | 'subsidiary'; sample: LatenessSample } | null =
			sampleSize(segment) >= minPoolHistory
				? { kind: 'segment', sample: segment }
				: sampleSize(own(ctx.subsidiary)) >= minPoolHistory
					? { kind: 'subsidiary', sample: own(ctx.subsidiary) }
					: null;
		if (pool === null) return null;
		return weightedBasis(customer, pool, k, ctx.segment?.name);
	};
	if (sampleSize(customer) >= minCustomerHistory) return weighted() ?? basisOf('customer', customer);
	if (disputed) {
		const delay = disputeDelay(ctx.subsidiary);
		if (delay !== null) {
			const shifted = paidLaterThan(shiftSample(ctx.customer.undisputed, delay), daysPastDue);
			if (sampleSize(shifted) >= minCustomerHistory)
				return basisOf('customer-dispute-delay', shifted, { disputeDelayDays: delay });
		}
	}
	const thin = weighted();
	if (thin !== null) return thin;
	if (ctx.segment !== null) {
		const segment = own(ctx.segment.samples);
		if (sampleSize(segment) >= minPoolHistory) return basisOf('segment', segment, { segment: ctx.segment.name });
	}
	const subsidiary = own(ctx.subsidiary);
	if (sampleSize(subsidiary) >= minPoolHistory) return basisOf('subsidiary', subsidiary);
	// Thin: whatever the subsidiary has, first of the invoice's own dispute status, then of all.
	if (sampleSize(subsidiary) > 0) return basisOf('subsidiary', subsidiary);
	const all = mergeSamples(ctx.subsidiary.undisputed, ctx.subsidiary.disputed);
	const later = paidLaterThan(all, daysPastDue);
	if (sampleSize(later) > 0) return basisOf('subsidiary', later, { mixedDisputes: true });
	return basisOf(sampleSize(all) > 0 ? 'no-precedent' : 'terms', EMPTY_SAMPLE);
}

/**
 * The customer's conditioned history weighted against a pool's by credibility: the median lateness
 * is Z × the customer's + (1 − Z) × the pool's (Z = n / (n + k), rounded half up to whole days);
 * the interval and the weekly spread keep the shape of the customer's sample when it has at least
 * {@link PREDICTION_RULES.minCustomerHistory} invoices, else of the pool's, moved to that median.
 */
function weightedBasis(
	customer: LatenessSample,
	pool: { readonly kind: 'segment' | 'subsidiary'; readonly sample: LatenessSample },
	k: number,
	segmentName: string | undefined,
): HistoryBasis {
	const n = sampleSize(customer);
	const weight = credibilityWeight(n, k);
	const customerMid = samplePercentile(customer, 50) ?? 0;
	const poolMid = samplePercentile(pool.sample, 50) ?? 0;
	const mid = Math.floor(weight * customerMid + (1 - weight) * poolMid + 0.5);
	const spreadFrom = n >= PREDICTION_RULES.minCustomerHistory ? 'customer' : 'pool';
	const base = spreadFrom === 'customer' ? customer : pool.sample;
	const shifted = shiftSample(base, mid - (spreadFrom === 'customer' ? customerMid : poolMid));
	return basisOf('customer-weighted', shifted, {
		...(pool.kind === 'segment' && segmentName !== undefined ? { segment: segmentName } : {}),
		credibility: {
			weight,
			k,
			customerSize: n,
			customerMidDays: customerMid,
			pool: pool.kind,
			poolSize: sampleSize(pool.sample),
			poolMidDays: poolMid,
			spreadFrom,
		},
	});
}

/** The promise covering an invoice at D, if one stands (rule 1). */
export function standingPromise(
	invoice: OpenInvoice,
	openInvoices: readonly OpenInvoice[],
	promises: readonly PromiseToPay[],
	asOf: CalendarDate,
): PromiseToPay | null {
	let best: PromiseToPay | null = null;
	for (const p of promises) {
		if (p.madeOn !== null && p.madeOn > asOf) continue;
		const stands = p.status === 'pending' || (p.status === 'kept' && p.promisedDate > asOf);
		if (!stands || !covers(p, invoice, openInvoices)) continue;
		const madeOn = p.madeOn ?? '';
		const bestMade = best?.madeOn ?? '';
		if (
			best === null ||
			madeOn > bestMade ||
			(madeOn === bestMade && p.promisedDate < best.promisedDate) ||
			(madeOn === bestMade && p.promisedDate === best.promisedDate && p.id < best.id)
		)
			best = p;
	}
	return best;
}

/** Whether a promise covers the invoice: named, or (naming none) within its amount, oldest first. */
function covers(p: PromiseToPay, invoice: OpenInvoice, openInvoices: readonly OpenInvoice[]): boolean {
	if (p.invoiceIds.length > 0) return p.invoiceIds.includes(invoice.invoiceId);
	let before = 0;
	for (const o of openInvoices) {
		// openInvoices come oldest due date first (paymentHistory.invoicesAt)
		if (o.invoiceId === invoice.invoiceId) return before < p.amountMinor;
		before += o.fxOpenMinor;
	}
	return false;
}

/** Dates of a conditioned sample for an invoice due `due`, as outcomes (never before D + 1). */
function outcomesOf(sample: LatenessSample, due: CalendarDate, asOf: CalendarDate, weight: number): Outcome[] {
	const n = sampleSize(sample);
	const tomorrow = addDays(asOf, 1);
	return sample.map(([days, count]) => ({
		date: maxDate(addDays(due, days), tomorrow),
		weight: (weight * count) / n,
	}));
}

/** The first date at which the outcomes' cumulative weight reaches `share` (0–1). */
function outcomeQuantile(outcomes: readonly Outcome[], share: number): CalendarDate {
	const sorted = [...outcomes].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	let total = 0;
	for (const o of sorted) total += o.weight;
	let cum = 0;
	for (const o of sorted) {
		cum += o.weight;
		if (cum >= share * total - 1e-12) return o.date;
	}
	const last = sorted[sorted.length - 1];
	if (last === undefined) throw new Error('outcomeQuantile: no outcomes');
	return last.date;
}

/** The customer's resolved promises known at D. */
function promiseRecord(promises: readonly PromiseToPay[], asOf: CalendarDate): { kept: number; broken: number } {
	let kept = 0;
	let broken = 0;
	for (const p of promises) {
		if (p.madeOn !== null && p.madeOn > asOf) continue;
		if (p.status === 'kept') kept++;
		else if (p.status === 'broken') broken++;
	}
	return { kept, broken };
}

/**
 * The prediction of one open invoice at `asOf`.
 * @example predictPayment(invoice, { openInvoices, promises, history, asOf }).date
 */
export function predictPayment(
	invoice: OpenInvoice,
	input: {
		readonly asOf: CalendarDate;
		readonly openInvoices: readonly OpenInvoice[];
		readonly promises: readonly PromiseToPay[];
		readonly history: HistoryContext;
	},
): PaymentPrediction {
	const { asOf } = input;
	const tomorrow = addDays(asOf, 1);
	const daysPastDue = daysBetween(invoice.dueDate, asOf);
	const history = chooseHistory(invoice.disputed, daysPastDue, input.history);
	const base = {
		invoiceId: invoice.invoiceId,
		dueDate: invoice.dueDate,
		daysPastDue,
		disputed: invoice.disputed,
		history,
	};

	const promise = standingPromise(invoice, input.openInvoices, input.promises, asOf);
	if (promise !== null) {
		const date = maxDate(promise.promisedDate, tomorrow);
		const record = promiseRecord(input.promises, asOf);
		const keepWeight = (record.kept + 1) / (record.kept + record.broken + 2);
		// Kept: paid by the promised date, as the history says (nothing before it in it: on the date);
		// broken: paid later than promised, as the history says (nothing later in it: on the date).
		const promisedLateness = daysBetween(invoice.dueDate, date);
		const later = paidLaterThan(history.sample, promisedLateness);
		const byThen = history.sample.filter(([d]) => d <= promisedLateness);
		const keep = sampleSize(later) > 0 ? keepWeight : 1;
		const outcomes: Outcome[] = [
			...(sampleSize(byThen) > 0 ? outcomesOf(byThen, invoice.dueDate, asOf, keep) : [{ date, weight: keep }]),
			...(sampleSize(later) > 0 ? outcomesOf(later, invoice.dueDate, asOf, 1 - keep) : []),
		];
		// The promised date is the prediction: the interval always holds it.
		return {
			...base,
			date,
			low: minDate(date, outcomeQuantile(outcomes, PREDICTION_RULES.lowPercent / 100)),
			high: maxDate(date, outcomeQuantile(outcomes, PREDICTION_RULES.highPercent / 100)),
			source: 'promise',
			promise: {
				id: promise.id,
				promisedDate: promise.promisedDate,
				madeOn: promise.madeOn,
				kept: record.kept,
				broken: record.broken,
				keepWeight,
			},
			outcomes,
		};
	}

	if (history.source === 'terms') {
		const date = maxDate(invoice.dueDate, tomorrow);
		return {
			...base,
			date,
			low: date,
			high: date,
			source: 'terms',
			promise: null,
			outcomes: [{ date, weight: 1 }],
		};
	}
	if (history.source === 'no-precedent') {
		const date = addDays(asOf, 7 * PREDICTION_RULES.horizonWeeks + 1);
		return {
			...base,
			date,
			low: date,
			high: date,
			source: 'no-precedent',
			promise: null,
			outcomes: [{ date, weight: 1 }],
		};
	}
	const at = (days: number | null): CalendarDate =>
		days === null ? tomorrow : maxDate(addDays(invoice.dueDate, days), tomorrow);
	return {
		...base,
		date: at(history.midDays),
		low: at(history.lowDays),
		high: at(history.highDays),
		source: history.source,
		promise: null,
		outcomes: outcomesOf(history.sample, invoice.dueDate, asOf, 1),
	};
}

/** "12 days late", "on the due date", "3 days early". */
export function latenessText(days: number): string {
	if (days === 0) return 'on the due date';
	const n = Math.abs(days);
	return `${String(n)} day${n === 1 ? '' : 's'} ${days > 0 ? 'late' : 'early'}`;
}

function signedDays(days: number): string {
	const n = Math.abs(days);
	return `${days < 0 ? '−' : '+'}${String(n)} day${n === 1 ? '' : 's'}`;
}

function pct(share: number): string {
	return `${String(Math.round(100 * share))} %`;
}

function ageText(daysPastDue: number): string {
	if (daysPastDue === 0) return 'on their due date';
	const n = Math.abs(daysPastDue);
	return `${String(n)} day${n === 1 ? '' : 's'} ${daysPastDue > 0 ? 'past due' : 'before due'}`;
}

function historyText(p: PaymentPrediction): string {
	const h = p.history;
	const still = `still unpaid ${ageText(p.daysPastDue)}`;
	const kind = p.disputed && !h.mixedDisputes ? 'disputed ' : '';
	const range =
		h.lowDays !== null && h.midDays !== null && h.highDays !== null
			? `: paid ${latenessText(h.lowDays)} to ${latenessText(h.highDays)}, median ${latenessText(h.midDays)}`
			: '';
	const n = String(h.size);
	const inv = h.size === 1 ? 'invoice' : 'invoices';
	switch (h.source) {
		case 'customer':
			return `From ${n} paid ${kind}${inv} of this customer ${still}${range}.`;
		case 'customer-weighted': {
			const c = h.credibility;
			if (c === null) return `From ${n} paid ${kind}${inv} ${still}${range}.`;
			const pool = c.pool === 'segment' ? `${h.segment ?? ''} customers in this subsidiary` : 'this subsidiary';
			return `From ${String(c.customerSize)} paid ${kind}invoice${c.customerSize === 1 ? '' : 's'} of this customer ${still} (median ${latenessText(c.customerMidDays)}), weighted ${pct(c.weight)} against ${String(c.poolSize)} of ${pool} (median ${latenessText(c.poolMidDays)}, ${pct(1 - c.weight)})${range}.`;
		}
		case 'customer-dispute-delay':
			return `Disputed: from ${n} undisputed paid ${inv} of this customer ${still}, moved by ${signedDays(h.disputeDelayDays ?? 0)} (the usual extra delay of disputed invoices in this subsidiary)${range}.`;
		case 'segment':
			return `Too little history of this customer; from ${n} paid ${kind}${inv} of ${h.segment ?? ''} customers in this subsidiary ${still}${range}.`;
		case 'subsidiary':
			return `Too little history of this customer; from ${n} paid ${kind}${inv} of this subsidiary${h.mixedDisputes ? ' (disputed or not)' : ''} ${still}${h.size < PREDICTION_RULES.minPoolHistory ? ' (few)' : ''}${range}.`;
		case 'no-precedent':
			return `No invoice of this subsidiary was paid this late in the last ${String(PREDICTION_RULES.lookbackDays)} days: not expected within ${String(PREDICTION_RULES.horizonWeeks)} weeks.`;
		case 'terms':
			return 'No paid invoices in this subsidiary yet: predicted on its due date (tomorrow when already past due).';
	}
}

/**
 * Why the prediction says what it says, in one or two sentences (for the record and the push).
 * @example explainPrediction(p) // 'From 7 paid invoices of this customer still unpaid 12 days past due: paid 15 days late to 31 days late, median 20 days late.'
 */
export function explainPrediction(p: PaymentPrediction): string {
	if (p.promise === null) return historyText(p);
	const pr = p.promise;
	const made = pr.madeOn === null ? '' : ` (made ${pr.madeOn})`;
	const resolved = pr.kept + pr.broken;
	const track =
		resolved === 0
			? 'no earlier promise of this customer is resolved'
			: `this customer kept ${String(pr.kept)} of its ${String(resolved)} resolved promise${resolved === 1 ? '' : 's'}`;
	return `Promised for ${pr.promisedDate}${made}; ${track}. If broken: ${historyText(p)}`;
}
