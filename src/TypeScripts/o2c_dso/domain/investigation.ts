/**
 * The investigation chain of a DSO-increase alert, computed rather than left to the reader:
 *
 * 1. the aging table this vs prior and the overdue bucket that grew the most;
 * 2. the top five customers behind that bucket's growth, with their share of it: a customer's
 *    increase ÷ the sum of every customer's increase in the bucket (so shares never exceed 100%;
 *    the bucket's net growth = increases − decreases, both shown, since other customers' amounts
 *    in the bucket may have fallen);
 * 3. whether the payment-terms mix shifted toward longer terms (amount-weighted average terms of
 *    the credit sales, this window vs prior, and each term's share);
 * 4. "triple threat" customers: the subsidiary's DSO is rising (threat 1) and the customer is
 *    both delinquent (open amount more than 30 days past due, threat 2) and at high credit
 *    utilisation (≥ 85% of the credit limit, threat 3);
 * 5. cash application rate (share of the window's receipts applied to invoices) and SO-to-invoice
 *    lead time, this vs prior;
 * 6. recommended actions, each naming the customers it concerns (the renderer links them); a
 *    customer is named in ONE action: a top contributor that is also a triple threat is called
 *    with the credit hold said in the same line, and the credit review lists only the others.
 *
 * "This" is the W-day window ending D, "prior" the one ending D − W. Amounts are integer minor
 * units of the subsidiary's base currency, except the customers' credit limits, which are in each
 * customer's own currency (`credit.ts`). Pure: no `N/*`, no clock.
 */
import { AGING_LABELS, AgingAmounts, DefaultAgingLabel } from './aging';
import { Minor, minus, Money, plus, zeroMinor } from './money';
import { roundTo, toHundredths } from './rounding';
import { TERMS_SHIFT_MIN_DAYS } from './escalation';
import { TermsMix, termsMix, termsMixShift } from './termsMix';

/** Buckets more than 30 days past due ("delinquent"). */
export const DELINQUENT_LABELS: readonly DefaultAgingLabel[] = ['31-60', '61-90', '90+'];
/** Credit utilisation from which a customer counts as highly utilised (ratio, inclusive; Vortex flags 75 / 85 / 100%). */
export const HIGH_UTILISATION = 0.85;
/** Top contributors listed. */
export const TOP_CONTRIBUTORS = 5;
/** Cash application rate fall (percentage points, inclusive) that triggers an action. */
export const CASH_APP_DROP_POINTS = 5;
/** Most customers named in one action or listed in the triple-threat table. */
export const LIST_MAX = 10;
/** Lead-time rise (days, inclusive) that triggers an action. */
export const LEAD_TIME_RISE_DAYS = 2;

/** One payment term's credit sales in a window. */
export interface TermsMixEntry<C extends string = string> {
	/** Display name, e.g. `Net 30`; `(no terms)` for invoices without terms. */
	readonly label: string;
	/** Days until due; null when unknown (excluded from the weighted average). */
	readonly days: number | null;
	readonly amountMinor: Minor<C>;
}

/** One customer as the investigation needs it. */
export interface InvestigationCustomer<C extends string = string> {
	readonly id: number;
	readonly name: string;
	/** Open invoice amounts by bucket at D and at D − W. */
	readonly aging: { readonly this: AgingAmounts<C>; readonly prior: AgingAmounts<C> | null };
	/** (Balance + unbilled orders) ÷ credit limit at D, customer currency (`credit.ts`); null without a credit limit. */
	readonly creditUtilisation: number | null;
	/** The credit limit in the customer's currency; null without one. */
	readonly creditLimit: Money | null;
	readonly maxDaysOverdue: number | null;
}

export interface InvestigationInput<C extends string = string> {
	readonly currency: C;
	readonly aging: { readonly this: AgingAmounts<C>; readonly prior: AgingAmounts<C> | null };
	readonly customers: readonly InvestigationCustomer<C>[];
	readonly termsMix: {
		readonly this: readonly TermsMixEntry<C>[] | null;
		readonly prior: readonly TermsMixEntry<C>[] | null;
	};
	/** Share (0–1) of the window's receipts applied to invoices by the window's end; null when unknown or no receipts. */
	readonly cashApplicationRate: { readonly this: number | null; readonly prior: number | null };
	/** Average days from sales order to invoice; null when unknown. */
	readonly leadTimeDays: { readonly this: number | null; readonly prior: number | null };
}

export interface BucketChange<C extends string = string> {
	readonly label: DefaultAgingLabel;
	readonly thisMinor: Minor<C>;
	readonly priorMinor: Minor<C> | null;
	readonly changeMinor: Minor<C> | null;
	/** Percentage change, null when the prior amount is 0 or unknown. */
	readonly changePercent: number | null;
}

export interface Contributor<C extends string = string> {
	readonly customerId: number;
	readonly name: string;
	readonly thisMinor: Minor<C>;
	readonly priorMinor: Minor<C>;
	readonly growthMinor: Minor<C>;
	/** growth ÷ the sum of all customers' increases in the bucket × 100 (unrounded). */
	readonly sharePercent: number;
}

/** How the bucket's net growth splits into customers' increases and decreases (minor units). */
export interface GrowthBreakdown<C extends string = string> {
	readonly increasesMinor: Minor<C>;
	readonly decreasesMinor: Minor<C>;
	readonly customersUp: number;
	readonly customersDown: number;
}

export interface TermsMixComparison {
	/** Amount-weighted average terms (days) of the credit sales; null when no sale has known terms. */
	readonly weightedDays: { readonly this: number | null; readonly prior: number | null };
	/** this − prior, hundredths; null when either is unknown. */
	readonly shiftDays: number | null;
	/** True when the shift is ≥ {@link TERMS_SHIFT_MIN_DAYS} toward longer terms (the escalation's "structural" cause). */
	readonly shiftedLonger: boolean;
	/** Each term's share of credit sales (percent), sorted by days. */
	readonly rows: readonly {
		readonly label: string;
		readonly days: number | null;
		readonly shareThis: number;
		readonly sharePrior: number | null;
	}[];
}

export interface TripleThreat<C extends string = string> {
	readonly customerId: number;
	readonly name: string;
	/** Open amount more than 30 days past due at D. */
	readonly delinquentMinor: Minor<C>;
	readonly creditUtilisation: number;
	/** In the customer's currency. */
	readonly creditLimit: Money | null;
	readonly maxDaysOverdue: number | null;
}

export interface Comparison {
	readonly this: number | null;
	readonly prior: number | null;
	readonly change: number | null;
}

export type ActionKind =
	'call-top-contributors' | 'review-credit' | 'review-terms' | 'apply-cash' | 'billing-backlog' | 'review-aging';

export interface RecommendedAction {
	readonly kind: ActionKind;
	/** Plain text; the renderer escapes it. */
	readonly text: string;
	/** Customers the action concerns (linked to their records). */
	readonly customerIds: readonly number[];
}

export interface Investigation<C extends string = string> {
	readonly currency: C;
	readonly buckets: readonly BucketChange<C>[];
	/** The overdue bucket (not `current`) with the largest positive growth; null when none grew or no prior aging. */
	readonly grewBucket: BucketChange<C> | null;
	readonly topContributors: readonly Contributor<C>[];
	/** Increases and decreases behind the grown bucket's net change (null when no bucket grew). */
	readonly growthBreakdown: GrowthBreakdown<C> | null;
	readonly termsMix: TermsMixComparison | null;
	readonly tripleThreat: readonly TripleThreat<C>[];
	/** Rates in percent (0–100); change in percentage points. */
	readonly cashApplication: Comparison;
	readonly leadTime: Comparison;
	readonly actions: readonly RecommendedAction[];
}

function compare(thisValue: number | null, prior: number | null): Comparison {
	return {
		this: thisValue,
		prior,
		change: thisValue === null || prior === null ? null : roundTo(thisValue - prior, 2),
	};
}

/** Per-bucket change this vs prior, in contract order. */
function bucketChanges<C extends string>(thisAging: AgingAmounts<C>, prior: AgingAmounts<C> | null): BucketChange<C>[] {
	return AGING_LABELS.map((label) => {
		const t = thisAging[label];
		const p = prior === null ? null : prior[label];
		const change = p === null ? null : minus(t, p);
		return {
			label,
			thisMinor: t,
			priorMinor: p,
			changeMinor: change,
			changePercent: p === null || p === 0 || change === null ? null : (change / p) * 100,
		};
	});
}

/** The overdue bucket with the largest positive growth (ties: the older bucket). */
function bucketThatGrew<C extends string>(changes: readonly BucketChange<C>[]): BucketChange<C> | null {
	let best: BucketChange<C> | null = null;
	for (const c of changes) {
		if (c.label === 'current' || c.changeMinor === null || c.changeMinor <= 0) continue;
		const bestChange = best?.changeMinor ?? null;
		if (bestChange === null || c.changeMinor >= bestChange) best = c;
	}
	return best;
}

/** A customer's growth in one bucket (customers without prior aging count from 0). */
function growthOf<C extends string>(c: InvestigationCustomer<C>, label: DefaultAgingLabel): Minor<C> {
	return minus(c.aging.this[label], c.aging.prior === null ? zeroMinor<C>() : c.aging.prior[label]);
}

/** Customers' increases and decreases in one bucket. */
function growthBreakdown<C extends string>(
	customers: readonly InvestigationCustomer<C>[],
	label: DefaultAgingLabel,
): GrowthBreakdown<C> {
	let increasesMinor = zeroMinor<C>();
	let decreasesMinor = zeroMinor<C>();
	let customersUp = 0;
	let customersDown = 0;
	for (const c of customers) {
		const change = growthOf(c, label);
		if (change > 0) {
			increasesMinor = plus(increasesMinor, change);
			customersUp++;
		} else if (change < 0) {
			decreasesMinor = minus(decreasesMinor, change);
			customersDown++;
		}
	}
	return { increasesMinor, decreasesMinor, customersUp, customersDown };
}

/**
 * Customers whose amount in `label` grew most, top {@link TOP_CONTRIBUTORS}, with their share of
 * the customers' increases in the bucket. Customers without a prior aging count from 0 (new
 * customers). Ties: by name, then id.
 */
function topContributors<C extends string>(
	customers: readonly InvestigationCustomer<C>[],
	label: DefaultAgingLabel,
	increases: Minor<NoInfer<C>>,
): Contributor<C>[] {
	const rows: Contributor<C>[] = [];
	for (const c of customers) {
		const growth = growthOf(c, label);
		if (growth <= 0) continue;
		rows.push({
			customerId: c.id,
			name: c.name,
			thisMinor: c.aging.this[label],
			priorMinor: minus(c.aging.this[label], growth),
			growthMinor: growth,
			sharePercent: (growth / increases) * 100,
		});
	}
	rows.sort(
		(a, b) =>
			b.growthMinor - a.growthMinor ||
			(a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
			a.customerId - b.customerId,
	);
	return rows.slice(0, TOP_CONTRIBUTORS);
}

function mixOf<C extends string>(entries: readonly TermsMixEntry<C>[]): TermsMix<C> {
	return termsMix(entries.map((e) => ({ termsDays: e.days, amountMinor: e.amountMinor })));
}

function shares(entries: readonly TermsMixEntry[]): Map<string, { days: number | null; share: number }> {
	const out = new Map<string, { days: number | null; share: number }>();
	let total = 0;
	for (const e of entries) if (e.amountMinor > 0) total += e.amountMinor;
	for (const e of entries) {
		if (e.amountMinor <= 0) continue;
		const prev = out.get(e.label);
		const share = total === 0 ? 0 : (e.amountMinor / total) * 100;
		out.set(e.label, { days: e.days, share: (prev?.share ?? 0) + share });
	}
	return out;
}

/**
 * Terms mix this vs prior (null when the current mix is unknown): shares by terms label, weighted
 * averages (amount-weighted terms days, entries without terms left out) and the shift by the
 * domain's `termsMix` / `termsMixShift`: compared in hundredths of a day like the alert rule
 * (35.3 − 30.3 = 4.999999999999996 is a shift of 5.00, which counts), the same test as the
 * escalation's "structural" cause.
 */
function compareTermsMix<C extends string>(
	thisMix: readonly TermsMixEntry<C>[] | null,
	prior: readonly TermsMixEntry<C>[] | null,
): TermsMixComparison | null {
	if (thisMix === null) return null;
	const mixThis = mixOf(thisMix);
	const shift = prior === null ? null : termsMixShift(mixOf(prior), mixThis, TERMS_SHIFT_MIN_DAYS);
	const wThis = mixThis.weightedAverageTermsDays;
	const wPrior = shift === null ? null : shift.priorAverageDays;
	const delta = shift?.deltaDays ?? null;
	const shiftDays = delta === null ? null : roundTo(delta, 2);
	const sThis = shares(thisMix);
	const sPrior = prior === null ? null : shares(prior);
	const labels = new Set<string>([...sThis.keys(), ...(sPrior === null ? [] : [...sPrior.keys()])]);
	const rows = [...labels].map((label) => {
		const a = sThis.get(label);
		const b = sPrior?.get(label);
		return {
			label,
			days: a?.days ?? b?.days ?? null,
			shareThis: a?.share ?? 0,
			sharePrior: sPrior === null ? null : (b?.share ?? 0),
		};
	});
	rows.sort(
		(x, y) =>
			(x.days ?? Number.MAX_SAFE_INTEGER) - (y.days ?? Number.MAX_SAFE_INTEGER) ||
			(x.label < y.label ? -1 : x.label > y.label ? 1 : 0),
	);
	return {
		weightedDays: { this: wThis, prior: wPrior },
		shiftDays,
		shiftedLonger: shift?.shiftedLonger ?? false,
		rows,
	};
}

/** Customers both delinquent (> 30 days past due) and at ≥ 85% credit utilisation, largest delinquent amount first. */
function tripleThreatCustomers<C extends string>(customers: readonly InvestigationCustomer<C>[]): TripleThreat<C>[] {
	const out: TripleThreat<C>[] = [];
	for (const c of customers) {
		let delinquent = zeroMinor<C>();
		for (const l of DELINQUENT_LABELS) delinquent = plus(delinquent, c.aging.this[l]);
		if (delinquent <= 0 || c.creditUtilisation === null || !(c.creditUtilisation >= HIGH_UTILISATION)) continue;
		out.push({
			customerId: c.id,
			name: c.name,
			delinquentMinor: delinquent,
			creditUtilisation: c.creditUtilisation,
			creditLimit: c.creditLimit,
			maxDaysOverdue: c.maxDaysOverdue,
		});
	}
	out.sort((a, b) => b.delinquentMinor - a.delinquentMinor || a.customerId - b.customerId);
	return out;
}

function namesList(names: readonly string[]): string {
	const shown = names.slice(0, LIST_MAX).join(', ');
	return names.length > LIST_MAX ? `${shown} and ${String(names.length - LIST_MAX)} more` : shown;
}

function pct(x: number | null): number | null {
	return x === null ? null : x * 100;
}

function oneDecimal(x: number): string {
	return roundTo(x, 1).toFixed(1);
}

/**
 * The actions that name customers, each customer in one of them only: the call (top contributors;
 * a triple threat among them gets its credit hold in the same line) and the credit review (the
 * other triple-threat customers).
 */
function customerActions(
	grewBucket: BucketChange | null,
	top: readonly Contributor[],
	tripleThreat: readonly TripleThreat[],
): RecommendedAction[] {
	const actions: RecommendedAction[] = [];
	const threatOf = new Map(tripleThreat.map((t) => [t.customerId, t]));
	const limitPct = Math.round(HIGH_UTILISATION * 100);
	if (grewBucket !== null && top.length > 0) {
		const named = top.map((c) => {
			const t = threatOf.get(c.customerId);
			const hold =
				t === undefined
					? ''
					: `; also more than 30 days past due at ${Math.round(t.creditUtilisation * 100)}% of its credit limit: hold new orders until it pays`;
			return `${c.name} (${oneDecimal(c.sharePercent)}% of the increases${hold})`;
		});
		actions.push({
			kind: 'call-top-contributors',
			text: `Call the ${top.length === 1 ? 'customer' : `${top.length} customers`} behind the growth of the ${grewBucket.label} days bucket within 24 hours: ${named.join(', ')}.`,
			customerIds: top.map((c) => c.customerId),
		});
	}
	const called = new Set(top.map((c) => c.customerId));
	const others = tripleThreat.filter((t) => !called.has(t.customerId));
	if (others.length > 0) {
		actions.push({
			kind: 'review-credit',
			text: `Review credit for the ${others.length === 1 ? 'customer' : `${others.length} customers`}${called.size > 0 && others.length < tripleThreat.length ? ' not called above' : ''} both more than 30 days past due and at ${limitPct}% or more of their credit limit; consider holding new orders until they pay: ${namesList(others.map((c) => c.name))}.`,
			customerIds: others.slice(0, LIST_MAX).map((c) => c.customerId),
		});
	}
	return actions;
}

/**
 * Runs the whole chain (see the module comment).
 * @example investigate(input).grewBucket?.label // '61-90'
 */
export function investigate<C extends string>(input: InvestigationInput<C>): Investigation<C> {
	const buckets = bucketChanges(input.aging.this, input.aging.prior);
	const grewBucket = bucketThatGrew(buckets);
	const breakdown = grewBucket === null ? null : growthBreakdown(input.customers, grewBucket.label);
	const top =
		grewBucket === null || breakdown === null
			? []
			: topContributors(input.customers, grewBucket.label, breakdown.increasesMinor);
	const termsMix = compareTermsMix(input.termsMix.this, input.termsMix.prior);
	const tripleThreat = tripleThreatCustomers(input.customers);
	const cashApplication = compare(pct(input.cashApplicationRate.this), pct(input.cashApplicationRate.prior));
	const leadTime = compare(input.leadTimeDays.this, input.leadTimeDays.prior);
	return {
		currency: input.currency,
		buckets,
		grewBucket,
		topContributors: top,
		growthBreakdown: breakdown,
		termsMix,
		tripleThreat,
		cashApplication,
		leadTime,
		actions: [
			...customerActions(grewBucket, top, tripleThreat),
			...processActions(termsMix, cashApplication, leadTime),
		],
	};
}

/** The actions about terms, cash application and billing, then the aging search (always). */
function processActions(
	termsMix: TermsMixComparison | null,
	cashApplication: Comparison,
	leadTime: Comparison,
): RecommendedAction[] {
	const actions: RecommendedAction[] = [];
	if (
		termsMix !== null &&
		termsMix.shiftedLonger &&
		termsMix.weightedDays.this !== null &&
		termsMix.weightedDays.prior !== null
	) {
		actions.push({
			kind: 'review-terms',
			text: `Review the payment terms granted: the sales-weighted average terms rose from ${oneDecimal(termsMix.weightedDays.prior)} to ${oneDecimal(
				termsMix.weightedDays.this,
			)} days, so part of the rise is structural (longer terms), not slower payers.`,
			customerIds: [],
		});
	}
	if (
		cashApplication.change !== null &&
		cashApplication.this !== null &&
		cashApplication.prior !== null &&
		toHundredths(-cashApplication.change) >= CASH_APP_DROP_POINTS * 100
	) {
		actions.push({
			kind: 'apply-cash',
			text: `Apply the unapplied cash: ${oneDecimal(cashApplication.this)}% of the receipts of the last window are applied to invoices (prior ${oneDecimal(
				cashApplication.prior,
			)}%); unapplied receipts leave invoices open and make the aging look worse than the ledger.`,
			customerIds: [],
		});
	}
	if (
		leadTime.change !== null &&
		leadTime.this !== null &&
		leadTime.prior !== null &&
		toHundredths(leadTime.change) >= LEAD_TIME_RISE_DAYS * 100
	) {
		actions.push({
			kind: 'billing-backlog',
			text: `Check the billing backlog: sales orders now take ${oneDecimal(leadTime.this)} days on average to be invoiced (prior ${oneDecimal(leadTime.prior)}).`,
			customerIds: [],
		});
	}
	actions.push({
		kind: 'review-aging',
		text: 'Open the A/R aging saved search to review every overdue invoice of the subsidiary.',
		customerIds: [],
	});
	return actions;
}
