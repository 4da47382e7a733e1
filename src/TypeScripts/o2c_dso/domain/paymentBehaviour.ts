/**
 * Per-customer payment behaviour at an as-of date D: the contract's days to pay / days late, the
 * share paid late, the trend, the consistency, promises kept, credit utilisation, and a 0–100
 * score with a collector-facing segment. The rules are written in plain words in `SCORING.md`
 * next to this file; {@link SCORING_RULES} holds every threshold both use.
 *
 * Contract (shared/dataset-format.md §2): days to pay = closeDate − tranDate; days late =
 * max(0, closeDate − dueDate), dueDate missing → tranDate; `avgDaysToPay` / `avgDaysLate` are
 * amount-weighted over invoices closed in the 365 days ending D, null when there are none.
 * Amounts are minor units of the customer's currency. Pure: no `N/*`, no clock.
 */
import { maxDaysOverdue, overdueMinor } from './aging';
import { CalendarDate, toEpochDay } from './calendarDate';

/** An invoice fully paid (or credited) by D; `closeDate` is the application that brought it to zero. */
export interface ClosedInvoice {
	readonly amountMinor: number;
	readonly tranDate: CalendarDate;
	readonly dueDate?: CalendarDate | null;
	readonly closeDate: CalendarDate;
}

/** An invoice still open at D. */
export interface OpenInvoice {
	readonly openMinor: number;
	readonly amountMinor: number;
	readonly tranDate: CalendarDate;
	readonly dueDate?: CalendarDate | null;
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
	| 'steady-late';

/** One-line explanations of {@link SegmentReason} for emails and portlets. */
export const SEGMENT_REASON_TEXT: Readonly<Record<SegmentReason, string>> = {
	'too-few-invoices': 'fewer than 3 invoices closed in the last 365 days',
	'open-over-90': 'an open invoice is more than 90 days overdue',
	'very-late': 'pays more than 30 days late on average',
	'promises-broken': 'broke 2 or more promises to pay and kept fewer than half',
	'over-credit-limit': 'over the credit limit with an overdue balance',
	'low-score': 'score below 40',
	erratic: 'pays late by an unpredictable margin',
	'later-trend': 'paid at least 5 days later in the last 90 days than before',
	'open-beyond-usual': 'an open invoice is 30+ days more overdue than the usual lateness',
	'on-time': 'pays on time or within 5 days of the due date',
	'steady-late': 'pays late by a steady, predictable margin',
};

/** Every threshold of the score and the segments (documented in SCORING.md). */
export const SCORING_RULES = {
	/** Closed invoices in the history window needed for a score. */
	minClosedInvoices: 3,
	/** History window (days ending D). */
	historyDays: 365,
	/** Recent part of the window for the trend (days ending D); the prior part is the rest. */
	recentDays: 90,
	/** Invoices needed on each side of the trend. */
	trendMinInvoicesEachSide: 2,
	/** reliable: average days late at most this. */
	reliableMaxDaysLate: 5,
	/** above this average days late: at-risk. */
	atRiskMinDaysLate: 30,
	/** slow-but-reliable: standard deviation of days late at most this. */
	steadyMaxStdDevDays: 10,
	/** deteriorating: recent average days late at least this much above the prior. */
	deterioratingTrendDays: 5,
	/** deteriorating: an open invoice overdue by more than average days late + this. */
	openBeyondUsualDays: 30,
	/** at-risk: an open invoice overdue by more than this. */
	atRiskOpenDaysOverdue: 90,
	/** at-risk: at least this many broken promises … */
	atRiskBrokenPromises: 2,
	/** … with a kept rate below this. */
	atRiskKeptRateBelow: 0.5,
	/** at-risk: score below this. */
	atRiskScoreBelow: 40,
	/** Score penalties (points) and where each reaches its maximum. */
	penalty: {
		lateness: { points: 40, fullAtDaysLate: 30 },
		lateShare: { points: 15 },
		spread: { points: 10, fullAtStdDevDays: 20 },
		trend: { points: 10, fullAtDays: 20 },
		openOverdue: { points: 15, fullAtDaysOverdue: 90 },
		promises: { points: 10 },
		creditUse: { points: 10, fromUtilisation: 0.75, fullAtUtilisation: 1 },
	},
} as const;

/** The metrics, score and segment of one customer at D. */
export interface PaymentBehaviour {
	/** Invoices (amount > 0) closed in the history window. */
	readonly closedCount: number;
	readonly avgDaysToPay: number | null;
	readonly avgDaysLate: number | null;
	readonly lateShareByCount: number | null;
	readonly lateShareByAmount: number | null;
	/** Amount-weighted average days late, last 90 days / the 275 days before (null when none). */
	readonly recentAvgDaysLate: number | null;
	readonly priorAvgDaysLate: number | null;
	/** recent − prior, null unless both sides have ≥ 2 invoices; positive = paying later. */
	readonly trendDaysLate: number | null;
	/** Amount-weighted standard deviation of days late (population). */
	readonly stdDevDaysLate: number | null;
	readonly promisesKept: number;
	readonly promisesBroken: number;
	/** kept ÷ (kept + broken), null when none. */
	readonly promiseKeptRate: number | null;
	/** balance ÷ credit limit, null without a limit. */
	readonly creditUtilisation: number | null;
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

function weightedStdDev(list: readonly Weighted[]): number | null {
	const mean = weightedMean(list);
	if (mean === null) return null;
	let w = 0;
	let s = 0;
	for (const x of list) {
		w += x.weight;
		s += x.weight * (x.value - mean) ** 2;
	}
	return Math.sqrt(s / w);
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Inputs of {@link paymentScore}: the metrics it penalises (null = not known, no penalty). */
export interface ScoreInputs {
	readonly avgDaysLate: number;
	readonly lateShareByAmount: number;
	readonly stdDevDaysLate: number;
	readonly trendDaysLate: number | null;
	readonly maxDaysOverdue: number;
	readonly promiseKeptRate: number | null;
	readonly creditUtilisation: number | null;
}

/**
 * Score 0–100 (integer, higher is better): 100 minus capped penalties for lateness, share paid
 * late, spread, worsening trend, current overdue, broken promises and credit use (SCORING.md).
 * @example paymentScore({ avgDaysLate: 0, lateShareByAmount: 0, stdDevDaysLate: 0, trendDaysLate: null, maxDaysOverdue: 0, promiseKeptRate: null, creditUtilisation: null }) // 100
 */
export function paymentScore(m: ScoreInputs): number {
	const p = SCORING_RULES.penalty;
	let penalty = 0;
	penalty += p.lateness.points * clamp01(m.avgDaysLate / p.lateness.fullAtDaysLate);
	penalty += p.lateShare.points * clamp01(m.lateShareByAmount);
	penalty += p.spread.points * clamp01(m.stdDevDaysLate / p.spread.fullAtStdDevDays);
	if (m.trendDaysLate !== null) penalty += p.trend.points * clamp01(m.trendDaysLate / p.trend.fullAtDays);
	penalty += p.openOverdue.points * clamp01(m.maxDaysOverdue / p.openOverdue.fullAtDaysOverdue);
	if (m.promiseKeptRate !== null) penalty += p.promises.points * clamp01(1 - m.promiseKeptRate);
	if (m.creditUtilisation !== null) {
		const c = p.creditUse;
		penalty += c.points * clamp01((m.creditUtilisation - c.fromUtilisation) / (c.fullAtUtilisation - c.fromUtilisation));
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
 * segment when at least 3 invoices closed in the 365 days ending D (else `insufficient-history`,
 * score null). Invoices with amount ≤ 0 carry no weight and are ignored; invoices closed after D
 * are ignored; days to pay may be negative (prepayment applied), days late never are.
 * @example paymentBehaviour({ asOf, closedInvoices, openInvoices, promises, creditLimitMinor: 50000000 }).segment // 'slow-but-reliable'
 */
export function paymentBehaviour(input: PaymentBehaviourInput): PaymentBehaviour {
	const R = SCORING_RULES;
	const asOfDay = toEpochDay(input.asOf);
	const windowStart = asOfDay - R.historyDays + 1;
	const recentStart = asOfDay - R.recentDays + 1;

	const toPay: Weighted[] = [];
	const late: Weighted[] = [];
	const recent: Weighted[] = [];
	const prior: Weighted[] = [];
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
		(closeDay >= recentStart ? recent : prior).push({ weight, value: daysLate });
		totalAmount += weight;
		if (daysLate > 0) {
			lateCount++;
			lateAmount += weight;
		}
	}
	const closedCount = late.length;
	const avgDaysLate = weightedMean(late);
	const recentAvgDaysLate = weightedMean(recent);
	const priorAvgDaysLate = weightedMean(prior);
	const trendDaysLate =
		recent.length >= R.trendMinInvoicesEachSide && prior.length >= R.trendMinInvoicesEachSide
			? (recentAvgDaysLate as number) - (priorAvgDaysLate as number)
			: null;
	const stdDevDaysLate = weightedStdDev(late);

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
	const overdue = overdueMinor(open, input.asOf);
	const maxOverdue = maxDaysOverdue(open, input.asOf);
	const balance = input.balanceMinor ?? openMinor;
	const limit = input.creditLimitMinor;
	const creditUtilisation = limit !== null && limit !== undefined && limit > 0 ? balance / limit : null;

	const metrics = {
		closedCount,
		avgDaysToPay: weightedMean(toPay),
		avgDaysLate,
		lateShareByCount: closedCount > 0 ? lateCount / closedCount : null,
		lateShareByAmount: totalAmount > 0 ? lateAmount / totalAmount : null,
		recentAvgDaysLate,
		priorAvgDaysLate,
		trendDaysLate,
		stdDevDaysLate,
		promisesKept,
		promisesBroken,
		promiseKeptRate,
		creditUtilisation,
		openMinor,
		overdueMinor: overdue,
		maxDaysOverdue: maxOverdue,
	};

	if (closedCount < R.minClosedInvoices || avgDaysLate === null) {
		return { ...metrics, score: null, segment: 'insufficient-history', reasons: ['too-few-invoices'] };
	}
	const stdDev = stdDevDaysLate as number;
	const score = paymentScore({
		avgDaysLate,
		lateShareByAmount: metrics.lateShareByAmount as number,
		stdDevDaysLate: stdDev,
		trendDaysLate,
		maxDaysOverdue: maxOverdue,
		promiseKeptRate,
		creditUtilisation,
	});

	const atRisk: SegmentReason[] = [];
	if (maxOverdue > R.atRiskOpenDaysOverdue) atRisk.push('open-over-90');
	if (avgDaysLate > R.atRiskMinDaysLate) atRisk.push('very-late');
	if (promisesBroken >= R.atRiskBrokenPromises && (promiseKeptRate as number) < R.atRiskKeptRateBelow) atRisk.push('promises-broken');
	if (creditUtilisation !== null && creditUtilisation > 1 && overdue > 0) atRisk.push('over-credit-limit');
	if (score < R.atRiskScoreBelow) atRisk.push('low-score');

	const worsening: SegmentReason[] = [];
	if (trendDaysLate !== null && trendDaysLate >= R.deterioratingTrendDays) worsening.push('later-trend');
	if (maxOverdue > avgDaysLate + R.openBeyondUsualDays) worsening.push('open-beyond-usual');

	let segment: PaymentSegment;
	let reasons: SegmentReason[];
	if (atRisk.length > 0) {
		segment = 'at-risk';
		reasons = [...atRisk, ...worsening];
	} else if (worsening.length > 0) {
		segment = 'deteriorating';
		reasons = worsening;
	} else if (avgDaysLate <= R.reliableMaxDaysLate) {
		segment = 'reliable';
		reasons = ['on-time'];
	} else if (stdDev <= R.steadyMaxStdDevDays) {
		segment = 'slow-but-reliable';
		reasons = ['steady-late'];
	} else {
		segment = 'at-risk';
		reasons = ['erratic'];
	}
	return { ...metrics, score, segment, reasons };
}
