/**
 * Per-customer payment behaviour at an as-of date D: the contract's days to pay / days late, the
 * customer's usual lateness and its spread, the share paid late, the trend, promises kept, credit
 * utilisation, and a 0–100 score with a collector-facing segment. The rules are written in plain
 * words in `SCORING.md` next to this file; {@link SCORING_RULES} holds every threshold both use.
 *
 * Contract (shared/dataset-format.md §2): days to pay = closeDate − tranDate; days late =
 * max(0, closeDate − dueDate), dueDate missing → tranDate; `avgDaysToPay` / `avgDaysLate` are
 * amount-weighted over ALL invoices closed in the 365 days ending D, null when there are none.
 * The behaviour measures behind the score and the segment leave disputed invoices out (a dispute's
 * delay is the time to resolve it, not how the customer pays) and use amount-weighted quantiles
 * (median, quartiles), so one odd invoice does not decide a customer's segment.
 * Amounts are minor units of the customer's currency. Pure: no `N/*`, no clock.
 */
import { daysOverdue, maxDaysOverdue, overdueMinor } from './aging';
import { CalendarDate, toEpochDay } from './calendarDate';

/** An invoice fully paid (or credited) by D; `closeDate` is the application that brought it to zero. */
export interface ClosedInvoice {
	readonly amountMinor: number;
	readonly tranDate: CalendarDate;
	readonly dueDate?: CalendarDate | null;
	readonly closeDate: CalendarDate;
	/** Flagged as disputed: counted in the contract averages, left out of the behaviour measures. */
	readonly disputed?: boolean;
}

/** An invoice still open at D. */
export interface OpenInvoice {
	readonly openMinor: number;
	readonly amountMinor: number;
	readonly tranDate: CalendarDate;
	readonly dueDate?: CalendarDate | null;
	/** Flagged as disputed: counted in open/overdue, left to the dispute process by the segment rules. */
	readonly disputed?: boolean;
}

/** A promise to pay and its status at D. */
export interface PaymentPromise {
	readonly promisedDate: CalendarDate;
	readonly amountMinor: number;
	readonly status: 'pending' | 'kept' | 'broken' | 'cancelled';
}

/** Everything known about one customer at D. */
export interface PaymentBehaviourInput {
	readonly asOf: CalendarDate;
	readonly closedInvoices: readonly ClosedInvoice[];
	readonly openInvoices: readonly OpenInvoice[];
	readonly promises?: readonly PaymentPromise[];
	/** Credit limit; null/undefined/≤ 0 = no limit. */
	readonly creditLimitMinor?: number | null;
	/** Customer A/R balance at D (open invoices − unapplied payments and credits); default Σ open invoices. */
	readonly balanceMinor?: number;
}

/** Collector-facing segment; see SCORING.md. */
export type PaymentSegment = 'reliable' | 'slow-but-reliable' | 'deteriorating' | 'at-risk' | 'insufficient-history';

/** Why a customer got its segment (several may apply; the first decided it). */
export type SegmentReason =
	| 'too-few-invoices'
	| 'open-over-90'
	| 'very-late'
	| 'promises-broken'
	| 'over-credit-limit'
	| 'low-score'
	| 'erratic'
	| 'later-trend'
	| 'open-beyond-usual'
	| 'on-time'
	| 'steady-late'
	| 'irregular';

/** One-line explanations of {@link SegmentReason} for emails and portlets. */
export const SEGMENT_REASON_TEXT: Readonly<Record<SegmentReason, string>> = {
	'too-few-invoices': 'fewer than 3 undisputed invoices closed in the last 365 days',
	'open-over-90': 'an undisputed open invoice is more than 90 days overdue',
	'very-late': 'usually pays more than 30 days late',
	'promises-broken': 'broke 2 or more promises to pay and kept fewer than half',
	'over-credit-limit': 'over the credit limit with invoices overdue beyond the usual lateness',
	'low-score': 'score below 25: several problems at once',
	erratic: 'pays late by an unpredictable margin, more than 15 days late on average',
	'later-trend': 'usually paid at least 5 days later in the last 90 days than before, and is now late',
	'open-beyond-usual': 'an undisputed open invoice is 20+ days more overdue than the usual lateness',
	'on-time': 'usually pays on time or within 5 days of the due date, steadily',
	'steady-late': 'pays late by a steady, predictable margin',
	irregular: 'pays by an irregular margin, but 15 days late or less on average',
};

/** Every threshold of the score and the segments (documented in SCORING.md). */
export const SCORING_RULES = {
	/** Undisputed closed invoices in the history window needed for a score. */
	minClosedInvoices: 3,
	/** History window (days ending D). */
	historyDays: 365,
	/** Recent part of the window for the trend (days ending D); the prior part is the rest. */
	recentDays: 90,
	/** Undisputed invoices needed on the recent side of the trend (the latest ones when the 90 days have fewer). */
	trendMinRecentInvoices: 3,
	/** Undisputed invoices needed on the prior side of the trend. */
	trendMinPriorInvoices: 2,
	/** reliable: usual (median) days late at most this; also the trend's "now late" floor. */
	reliableMaxDaysLate: 5,
	/** above this usual (median) days late: at-risk. */
	atRiskMinDaysLate: 30,
	/** steady: spread (interquartile range) of days late at most this. */
	steadyMaxSpreadDays: 10,
	/** erratic (spread above steady) is at-risk only above this average days late. */
	erraticMinAvgDaysLate: 15,
	/** deteriorating: recent usual days late at least this much above the prior. */
	deterioratingTrendDays: 5,
	/** deteriorating: an open invoice overdue by more than usual days late + this. */
	openBeyondUsualDays: 20,
	/** at-risk: an open invoice overdue by more than this. */
	atRiskOpenDaysOverdue: 90,
	/** at-risk: at least this many broken promises … */
	atRiskBrokenPromises: 2,
	/** … with a kept rate below this. */
	atRiskKeptRateBelow: 0.5,
	/** over the limit counts when an invoice is overdue by more than usual days late + this. */
	overLimitGraceDays: 10,
	/** at-risk: score below this. */
	atRiskScoreBelow: 25,
	/** Score penalties (points) and where each reaches its maximum. */
	penalty: {
		lateness: { points: 40, fullAtDaysLate: 30 },
		lateShare: { points: 15 },
		spread: { points: 10, fullAtSpreadDays: 20 },
		trend: { points: 10, fullAtDays: 20 },
		openOverdue: { points: 15, fullAtDaysOverdue: 90 },
		promises: { points: 10 },
		creditUse: { points: 10, fromUtilisation: 0.75, fullAtUtilisation: 1 },
	},
} as const;

/** The metrics, score and segment of one customer at D. */
export interface PaymentBehaviour {
	/** Invoices (amount > 0) closed in the history window, disputed or not (the contract's count). */
	readonly closedCount: number;
	/** Contract averages over all {@link closedCount} invoices. */
	readonly avgDaysToPay: number | null;
	readonly avgDaysLate: number | null;
	/** Of those, the undisputed ones: what the behaviour measures below use. */
	readonly behaviourCount: number;
	/** Amount-weighted average days late of the undisputed invoices. */
	readonly behaviourAvgDaysLate: number | null;
	/** Amount-weighted median days late of the undisputed invoices: half the amount was paid no later. */
	readonly usualDaysLate: number | null;
	/** Amount-weighted interquartile range of days late (third − first quartile) of the undisputed invoices. */
	readonly spreadDaysLate: number | null;
	/** Share of the undisputed invoices paid ≥ 1 day late, by count and by amount. */
	readonly lateShareByCount: number | null;
	readonly lateShareByAmount: number | null;
	/** Usual (median) days late of undisputed invoices closed in the last 90 days / the 275 days before. */
	readonly recentUsualDaysLate: number | null;
	readonly priorUsualDaysLate: number | null;
	/** recent − prior, null unless the recent side has ≥ 3 undisputed invoices and the prior ≥ 2; positive = paying later. */
	readonly trendDaysLate: number | null;
	readonly promisesKept: number;
	readonly promisesBroken: number;
	/** kept ÷ (kept + broken), null when none. */
	readonly promiseKeptRate: number | null;
	/** balance ÷ credit limit, null without a limit. */
	readonly creditUtilisation: number | null;
	/** All open invoices at D, disputed or not (the report's figures). */
	readonly openMinor: number;
	readonly overdueMinor: number;
	readonly maxDaysOverdue: number;
	/** 0–100 (integer), null with insufficient history. */
	readonly score: number | null;
	readonly segment: PaymentSegment;
	/** Reasons that apply, the deciding one first. */
	readonly reasons: readonly SegmentReason[];
}

interface Weighted {
	readonly weight: number;
	readonly value: number;
}

function weightedMean(list: readonly Weighted[]): number | null {
	let w = 0;
	let s = 0;
	for (const x of list) {
		w += x.weight;
		s += x.weight * x.value;
	}
	return w > 0 ? s / w : null;
}

/**
 * Amount-weighted quantile q (0 < q < 1): the smallest value with at least q of the weight at or
 * below it; when exactly q of the weight is at or below a value, the midpoint with the next one
 * (so the median of 0 and 10 with equal weights is 5). Null for an empty list.
 */
function weightedQuantile(list: readonly Weighted[], q: number): number | null {
	if (list.length === 0) return null;
	const sorted = [...list].sort((a, b) => a.value - b.value);
	let total = 0;
	for (const x of sorted) total += x.weight;
	const target = q * total;
	let cum = 0;
	for (let i = 0; i < sorted.length; i++) {
		const x = sorted[i] as Weighted;
		cum += x.weight;
		if (cum === target && i + 1 < sorted.length) return (x.value + (sorted[i + 1] as Weighted).value) / 2;
		if (cum >= target) return x.value;
	}
	return (sorted[sorted.length - 1] as Weighted).value;
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Inputs of {@link paymentScore}: the behaviour measures it penalises (null = not known, no penalty). */
export interface ScoreInputs {
	readonly usualDaysLate: number;
	readonly lateShareByAmount: number;
	readonly spreadDaysLate: number;
	readonly trendDaysLate: number | null;
	/** Oldest undisputed open invoice, days past due. */
	readonly maxDaysOverdue: number;
	readonly promiseKeptRate: number | null;
	readonly creditUtilisation: number | null;
}

/**
 * Score 0–100 (integer, higher is better): 100 minus capped penalties for usual lateness, share
 * paid late, spread, worsening trend, current overdue, broken promises and credit use (SCORING.md).
 * @example paymentScore({ usualDaysLate: 0, lateShareByAmount: 0, spreadDaysLate: 0, trendDaysLate: null, maxDaysOverdue: 0, promiseKeptRate: null, creditUtilisation: null }) // 100
 */
export function paymentScore(m: ScoreInputs): number {
	const p = SCORING_RULES.penalty;
	let penalty = 0;
	penalty += p.lateness.points * clamp01(m.usualDaysLate / p.lateness.fullAtDaysLate);
	penalty += p.lateShare.points * clamp01(m.lateShareByAmount);
	penalty += p.spread.points * clamp01(m.spreadDaysLate / p.spread.fullAtSpreadDays);
	if (m.trendDaysLate !== null) penalty += p.trend.points * clamp01(m.trendDaysLate / p.trend.fullAtDays);
	penalty += p.openOverdue.points * clamp01(m.maxDaysOverdue / p.openOverdue.fullAtDaysOverdue);
	if (m.promiseKeptRate !== null) penalty += p.promises.points * clamp01(1 - m.promiseKeptRate);
	if (m.creditUtilisation !== null) {
		const c = p.creditUse;
		penalty +=
			c.points * clamp01((m.creditUtilisation - c.fromUtilisation) / (c.fullAtUtilisation - c.fromUtilisation));
	}
	const score = Math.round(100 - penalty);
	// NaN from a bad input must not escape as a "score".
	if (!Number.isFinite(score)) throw new RangeError('paymentScore: metrics must be finite numbers');
	return score < 0 ? 0 : score > 100 ? 100 : score;
}

function assertInteger(value: number, what: string): void {
	if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be integer minor units, got ${String(value)}`);
}

/**
 * Payment behaviour of one customer at `input.asOf`: contract metrics (always), and a score and
 * segment when at least 3 undisputed invoices closed in the 365 days ending D (else
 * `insufficient-history`, score null). Invoices with amount ≤ 0 carry no weight and are ignored;
 * invoices closed after D are ignored; days to pay may be negative (prepayment applied), days late
 * never are.
 * @example paymentBehaviour({ asOf, closedInvoices, openInvoices, promises, creditLimitMinor: 50000000 }).segment // 'slow-but-reliable'
 */
export function paymentBehaviour(input: PaymentBehaviourInput): PaymentBehaviour {
	const R = SCORING_RULES;
	const asOfDay = toEpochDay(input.asOf);
	const windowStart = asOfDay - R.historyDays + 1;
	const recentStart = asOfDay - R.recentDays + 1;

	// Contract: every invoice closed in the window.
	const toPay: Weighted[] = [];
	const late: Weighted[] = [];
	// Behaviour: the undisputed ones.
	const behaviour: (Weighted & { readonly closeDay: number })[] = [];
	let lateCount = 0;
	let lateAmount = 0;
	let totalAmount = 0;
	for (const inv of input.closedInvoices) {
		assertInteger(inv.amountMinor, 'closed invoice amountMinor');
		const closeDay = toEpochDay(inv.closeDate);
		if (inv.amountMinor <= 0 || closeDay < windowStart || closeDay > asOfDay) continue;
		const daysLate = Math.max(0, closeDay - toEpochDay(inv.dueDate ?? inv.tranDate));
		const weight = inv.amountMinor;
		toPay.push({ weight, value: closeDay - toEpochDay(inv.tranDate) });
		late.push({ weight, value: daysLate });
		if (inv.disputed === true) continue;
		behaviour.push({ weight, value: daysLate, closeDay });
		totalAmount += weight;
		if (daysLate > 0) {
			lateCount++;
			lateAmount += weight;
		}
	}
	const behaviourCount = behaviour.length;
	const usualDaysLate = weightedQuantile(behaviour, 0.5);
	const q1 = weightedQuantile(behaviour, 0.25);
	const q3 = weightedQuantile(behaviour, 0.75);
	const spreadDaysLate = q1 === null || q3 === null ? null : q3 - q1;
	// Trend: the last 90 days, or the latest invoices when fewer closed in them, against the rest.
	const byClose = [...behaviour].sort((a, b) => a.closeDay - b.closeDay);
	let recentCount = byClose.filter((x) => x.closeDay >= recentStart).length;
	if (recentCount < R.trendMinRecentInvoices) recentCount = Math.min(byClose.length, R.trendMinRecentInvoices);
	const recent = byClose.slice(byClose.length - recentCount);
	const prior = byClose.slice(0, byClose.length - recentCount);
	const recentUsualDaysLate = weightedQuantile(recent, 0.5);
	const priorUsualDaysLate = weightedQuantile(prior, 0.5);
	const trendDaysLate =
		recent.length >= R.trendMinRecentInvoices && prior.length >= R.trendMinPriorInvoices
			? (recentUsualDaysLate as number) - (priorUsualDaysLate as number)
			: null;

	let promisesKept = 0;
	let promisesBroken = 0;
	for (const p of input.promises ?? []) {
		if (toEpochDay(p.promisedDate) < windowStart) continue;
		if (p.status === 'kept') promisesKept++;
		else if (p.status === 'broken') promisesBroken++;
	}
	const promiseKeptRate = promisesKept + promisesBroken > 0 ? promisesKept / (promisesKept + promisesBroken) : null;

	const open = input.openInvoices.filter((i) => i.openMinor > 0);
	let openMinor = 0;
	for (const i of input.openInvoices) {
		assertInteger(i.openMinor, 'open invoice openMinor');
		openMinor += i.openMinor;
	}
	const balance = input.balanceMinor ?? openMinor;
	const limit = input.creditLimitMinor;
	const creditUtilisation = limit !== null && limit !== undefined && limit > 0 ? balance / limit : null;

	const metrics = {
		closedCount: late.length,
		avgDaysToPay: weightedMean(toPay),
		avgDaysLate: weightedMean(late),
		behaviourCount,
		behaviourAvgDaysLate: weightedMean(behaviour),
		usualDaysLate,
		spreadDaysLate,
		lateShareByCount: behaviourCount > 0 ? lateCount / behaviourCount : null,
		lateShareByAmount: totalAmount > 0 ? lateAmount / totalAmount : null,
		recentUsualDaysLate,
		priorUsualDaysLate,
		trendDaysLate,
		promisesKept,
		promisesBroken,
		promiseKeptRate,
		creditUtilisation,
		openMinor,
		overdueMinor: overdueMinor(open, input.asOf),
		maxDaysOverdue: maxDaysOverdue(open, input.asOf),
	};

	if (behaviourCount < R.minClosedInvoices || usualDaysLate === null) {
		return { ...metrics, score: null, segment: 'insufficient-history', reasons: ['too-few-invoices'] };
	}
	const usual = usualDaysLate;
	const spread = spreadDaysLate as number;
	// Disputed open invoices are left to the dispute process: the call-now rules read the others.
	const undisputedOpen = open.filter((i) => i.disputed !== true);
	const maxOverdue = maxDaysOverdue(undisputedOpen, input.asOf);
	const score = paymentScore({
		usualDaysLate: usual,
		lateShareByAmount: metrics.lateShareByAmount as number,
		spreadDaysLate: spread,
		trendDaysLate,
		maxDaysOverdue: maxOverdue,
		promiseKeptRate,
		creditUtilisation,
	});

	// Truly alarming: money already at risk, promises not kept, exposure beyond the limit unpaid.
	const alarming: SegmentReason[] = [];
	if (maxOverdue > R.atRiskOpenDaysOverdue) alarming.push('open-over-90');
	if (promisesBroken >= R.atRiskBrokenPromises && (promiseKeptRate as number) < R.atRiskKeptRateBelow)
		alarming.push('promises-broken');
	if (
		creditUtilisation !== null &&
		creditUtilisation > 1 &&
		undisputedOpen.some((i) => daysOverdue(i, input.asOf) > usual + R.overLimitGraceDays)
	) {
		alarming.push('over-credit-limit');
	}
	// Late as a habit: at-risk, unless it comes from a slide that started from within the limits.
	const lateness: SegmentReason[] = [];
	if (usual > R.atRiskMinDaysLate) lateness.push('very-late');
	if (spread > R.steadyMaxSpreadDays && (metrics.behaviourAvgDaysLate as number) > R.erraticMinAvgDaysLate)
		lateness.push('erratic');
	if (score < R.atRiskScoreBelow) lateness.push('low-score');
	// Getting later.
	const laterTrend =
		trendDaysLate !== null &&
		trendDaysLate >= R.deterioratingTrendDays &&
		(recentUsualDaysLate as number) > R.reliableMaxDaysLate;
	const worsening: SegmentReason[] = [];
	if (laterTrend) worsening.push('later-trend');
	if (maxOverdue > usual + R.openBeyondUsualDays) worsening.push('open-beyond-usual');

	let segment: PaymentSegment;
	let reasons: SegmentReason[];
	if (alarming.length > 0) {
		segment = 'at-risk';
		reasons = [...alarming, ...lateness, ...worsening];
	} else if (laterTrend && (priorUsualDaysLate as number) <= R.atRiskMinDaysLate) {
		segment = 'deteriorating';
		reasons = [...worsening, ...lateness];
	} else if (lateness.length > 0) {
		segment = 'at-risk';
		reasons = [...lateness, ...worsening];
	} else if (worsening.length > 0) {
		segment = 'deteriorating';
		reasons = worsening;
	} else if (spread > R.steadyMaxSpreadDays) {
		segment = 'slow-but-reliable';
		reasons = ['irregular'];
	} else if (usual <= R.reliableMaxDaysLate) {
		segment = 'reliable';
		reasons = ['on-time'];
	} else {
		segment = 'slow-but-reliable';
		reasons = ['steady-late'];
	}
	return { ...metrics, score, segment, reasons };
}
