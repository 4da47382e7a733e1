/**
 * Per-customer payment behaviour at an as-of date D: the contract's days to pay / days late, the
 * customer's usual lateness and its spread, the share paid late, the trend, promises kept, credit
 * utilisation, and a 0–100 score with a collector-facing segment. The rules are written in plain
 * words in `SCORING.md` next to this file; {@link SCORING_RULES} holds every threshold both use.
 *
 * Contract (shared/dataset-format.md §2): days to pay = closeDate − tranDate; days late =
 * max(0, closeDate − dueDate), dueDate missing → tranDate; `avgDaysToPay` / `avgDaysLate` are
 * amount-weighted over the invoices closed BY A PAYMENT in the 365 days ending D, null when there
 * are none. An invoice a credit memo closed was returned, not paid: it is left out of both
 * averages and of every behaviour measure, and counted as a return (`returnedCount`).
 * The behaviour measures behind the score and the segment leave disputed invoices out (a dispute's
 * delay is the time to resolve it, not how the customer pays) and use amount-weighted quantiles
 * (median, quartiles), so one odd invoice does not decide a customer's segment.
 * Amounts are minor units of the customer's currency. Pure: no `N/*`, no clock.
 */
import { AgingResult, dueDayOf, OpenPosition, openPosition } from './aging';
import { assertMinorUnits, Minor, plus, zeroMinor } from './money';
import { CalendarDate, toEpochDay } from './calendarDate';

/** What brought an invoice's open amount to zero: a payment, or a credit memo (a return). */
export type ClosedBy = 'payment' | 'credit';

/** An invoice fully paid (or credited) by D; `closeDate` is the application that brought it to zero. */
export interface ClosedInvoice<C extends string = string> {
	readonly amountMinor: Minor<C>;
	readonly tranDate: CalendarDate;
	readonly dueDate?: CalendarDate | null;
	readonly closeDate: CalendarDate;
	/** Default `payment`. A payment and a credit memo on the close date: the payment closed it. */
	readonly closedBy?: ClosedBy;
	/** Flagged as disputed: counted in the contract averages, left out of the behaviour measures. */
	readonly disputed?: boolean;
}

/** An invoice still open at D. */
export interface OpenInvoice<C extends string = string> {
	readonly openMinor: Minor<C>;
	readonly amountMinor: Minor<C>;
	readonly tranDate: CalendarDate;
	readonly dueDate?: CalendarDate | null;
	/** Flagged as disputed: counted in open/overdue, left to the dispute process by the segment rules. */
	readonly disputed?: boolean;
}

/** A promise to pay and its status at D (amount in the customer's currency `K`). */
export interface PaymentPromise<K extends string = string> {
	readonly promisedDate: CalendarDate;
	readonly amountMinor: Minor<K>;
	readonly status: 'pending' | 'kept' | 'broken' | 'cancelled';
}

/** Everything known about one customer at D. */
export interface PaymentBehaviourInput<C extends string = string> {
	readonly asOf: CalendarDate;
	readonly closedInvoices: readonly ClosedInvoice<C>[];
	readonly openInvoices: readonly OpenInvoice<C>[];
	readonly promises?: readonly PaymentPromise[];
	/** Credit utilisation by `credit.ts` (one definition everywhere); null/undefined = no limit. */
	readonly creditUtilisation?: number | null;
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

/** One-line explanations of {@link SegmentReason}: the collections push sends them beside the codes. */
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
export interface PaymentBehaviour<C extends string = string> {
	/** Invoices (amount > 0) closed by a payment in the history window, disputed or not (the contract's count). */
	readonly closedCount: number;
	/** Contract averages over those {@link closedCount} invoices. */
	readonly avgDaysToPay: number | null;
	readonly avgDaysLate: number | null;
	/** Invoices (amount > 0) a credit memo closed in the history window (returns), and their amount. */
	readonly returnedCount: number;
	readonly returnedMinor: Minor<C>;
	/** Of the paid ones, the undisputed: what the behaviour measures below use. */
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
	/** As given (credit.ts), null without a limit. */
	readonly creditUtilisation: number | null;
	/** All open invoices at D, disputed or not (the report's figures). */
	readonly openMinor: Minor<C>;
	readonly overdueMinor: Minor<C>;
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
	return quantileOfSorted(byValue(list), q);
}

/** A copy of `list` in ascending order of value (stable: equal values keep their order). */
function byValue<T extends Weighted>(list: readonly T[]): T[] {
	return [...list].sort((a, b) => a.value - b.value);
}

/** {@link weightedQuantile} of a list already in ascending order of value. */
function quantileOfSorted(sorted: readonly Weighted[], q: number): number | null {
	if (sorted.length === 0) return null;
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
interface ScoreInputs {
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
function paymentScore(m: ScoreInputs): number {
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

// ---------------------------------------------------------------------------------------------
// The steps of paymentBehaviour
// ---------------------------------------------------------------------------------------------

/** A paid invoice's days late, its weight and close day (behaviour measures). */
interface PaidInvoice extends Weighted {
	readonly closeDay: number;
}

/** Step 1: the invoices closed in the window, split into the contract set, the behaviour set and the returns. */
interface ClosedSets<C extends string> {
	/** Contract: every invoice a payment closed (days to pay, days late). */
	readonly toPay: readonly Weighted[];
	readonly late: readonly Weighted[];
	/** Behaviour: the undisputed ones among them (value = days late). */
	readonly behaviour: readonly PaidInvoice[];
	readonly returnedCount: number;
	readonly returnedMinor: Minor<C>;
}

function closedSets<C extends string>(input: PaymentBehaviourInput<C>, asOfDay: number): ClosedSets<C> {
	const windowStart = asOfDay - SCORING_RULES.historyDays + 1;
	const toPay: Weighted[] = [];
	const late: Weighted[] = [];
	const behaviour: PaidInvoice[] = [];
	let returnedCount = 0;
	let returnedMinor = zeroMinor<C>();
	for (const inv of input.closedInvoices) {
		assertMinorUnits(inv.amountMinor, 'closed invoice amountMinor');
		const closeDay = toEpochDay(inv.closeDate);
		if (inv.amountMinor <= 0 || closeDay < windowStart || closeDay > asOfDay) continue;
		if (inv.closedBy === 'credit') {
			returnedCount++;
			returnedMinor = plus(returnedMinor, inv.amountMinor);
			continue;
		}
		const daysLate = Math.max(0, closeDay - dueDayOf(inv));
		const weight = inv.amountMinor;
		toPay.push({ weight, value: closeDay - toEpochDay(inv.tranDate) });
		late.push({ weight, value: daysLate });
		if (inv.disputed !== true) behaviour.push({ weight, value: daysLate, closeDay });
	}
	return { toPay, late, behaviour, returnedCount, returnedMinor };
}

/** Step 2: how late the customer usually pays, how spread out, how often late. */
interface Lateness {
	readonly usualDaysLate: number | null;
	readonly spreadDaysLate: number | null;
	readonly behaviourAvgDaysLate: number | null;
	readonly lateShareByCount: number | null;
	readonly lateShareByAmount: number | null;
}

function lateness(behaviour: readonly PaidInvoice[]): Lateness {
	let lateCount = 0;
	let lateAmount = 0;
	let totalAmount = 0;
	for (const x of behaviour) {
		totalAmount += x.weight;
		if (x.value > 0) {
			lateCount++;
			lateAmount += x.weight;
		}
	}
	// one sort for the three quantiles (the same stable order each would sort into)
	const sorted = byValue(behaviour);
	const q1 = quantileOfSorted(sorted, 0.25);
	const q3 = quantileOfSorted(sorted, 0.75);
	return {
		usualDaysLate: quantileOfSorted(sorted, 0.5),
		spreadDaysLate: q1 === null || q3 === null ? null : q3 - q1,
		behaviourAvgDaysLate: weightedMean(behaviour),
		lateShareByCount: behaviour.length > 0 ? lateCount / behaviour.length : null,
		lateShareByAmount: totalAmount > 0 ? lateAmount / totalAmount : null,
	};
}

/** Step 3: the trend: the last 90 days (or the latest invoices when fewer closed in them) against the rest. */
interface Trend {
	readonly recentUsualDaysLate: number | null;
	readonly priorUsualDaysLate: number | null;
	readonly trendDaysLate: number | null;
}

const NO_TREND: Trend = { recentUsualDaysLate: null, priorUsualDaysLate: null, trendDaysLate: null };

function trend(behaviour: readonly PaidInvoice[], asOfDay: number): Trend {
	const R = SCORING_RULES;
	if (behaviour.length === 0) return NO_TREND;
	const recentStart = asOfDay - R.recentDays + 1;
	const byClose = [...behaviour].sort((a, b) => a.closeDay - b.closeDay);
	let recentCount = byClose.filter((x) => x.closeDay >= recentStart).length;
	if (recentCount < R.trendMinRecentInvoices) recentCount = Math.min(byClose.length, R.trendMinRecentInvoices);
	const recent = byClose.slice(byClose.length - recentCount);
	const prior = byClose.slice(0, byClose.length - recentCount);
	const recentUsualDaysLate = weightedQuantile(recent, 0.5);
	const priorUsualDaysLate = weightedQuantile(prior, 0.5);
	const trendDaysLate =
		recentUsualDaysLate !== null &&
		priorUsualDaysLate !== null &&
		recent.length >= R.trendMinRecentInvoices &&
		prior.length >= R.trendMinPriorInvoices
			? recentUsualDaysLate - priorUsualDaysLate
			: null;
	return { recentUsualDaysLate, priorUsualDaysLate, trendDaysLate };
}

/** Step 4: promises kept and broken in the window. */
interface PromiseRecord {
	readonly promisesKept: number;
	readonly promisesBroken: number;
	readonly promiseKeptRate: number | null;
}

function promiseRecord(input: PaymentBehaviourInput, asOfDay: number): PromiseRecord {
	const windowStart = asOfDay - SCORING_RULES.historyDays + 1;
	let promisesKept = 0;
	let promisesBroken = 0;
	for (const p of input.promises ?? []) {
		if (toEpochDay(p.promisedDate) < windowStart) continue;
		if (p.status === 'kept') promisesKept++;
		else if (p.status === 'broken') promisesBroken++;
	}
	const decided = promisesKept + promisesBroken;
	return { promisesKept, promisesBroken, promiseKeptRate: decided > 0 ? promisesKept / decided : null };
}

/**
 * Step 5: what is open at D (every open invoice: the report's figures), from aging.ts's one pass
 * over the open amounts' days overdue ({@link openPosition}); this names the amounts in its errors.
 */
const OPEN_AMOUNT = 'open invoice openMinor';

/** What the segment rules read, for a customer with enough history. */
interface SegmentFacts {
	readonly usual: number;
	readonly spread: number;
	readonly behaviourAvgDaysLate: number;
	readonly score: number;
	readonly trend: Trend;
	readonly promises: PromiseRecord;
	readonly creditUtilisation: number | null;
	/** Oldest undisputed open invoice, days past due (0 when none). */
	readonly maxOverdue: number;
	/** Whether an undisputed open invoice is overdue by more than usual + the over-limit grace. */
	readonly overdueBeyondGrace: boolean;
}

/** Step 6: the segment and its reasons (SCORING.md §4, rules 2-8 in order). */
function segmentOf(f: SegmentFacts): { segment: PaymentSegment; reasons: SegmentReason[] } {
	const R = SCORING_RULES;
	// Truly alarming: money already at risk, promises not kept, exposure beyond the limit unpaid.
	const alarming: SegmentReason[] = [];
	if (f.maxOverdue > R.atRiskOpenDaysOverdue) alarming.push('open-over-90');
	if (
		f.promises.promiseKeptRate !== null &&
		f.promises.promisesBroken >= R.atRiskBrokenPromises &&
		f.promises.promiseKeptRate < R.atRiskKeptRateBelow
	)
		alarming.push('promises-broken');
	if (f.creditUtilisation !== null && f.creditUtilisation > 1 && f.overdueBeyondGrace)
		alarming.push('over-credit-limit');
	// Late as a habit: at-risk, unless it comes from a slide that started from within the limits.
	const habit: SegmentReason[] = [];
	if (f.usual > R.atRiskMinDaysLate) habit.push('very-late');
	if (f.spread > R.steadyMaxSpreadDays && f.behaviourAvgDaysLate > R.erraticMinAvgDaysLate) habit.push('erratic');
	if (f.score < R.atRiskScoreBelow) habit.push('low-score');
	// Getting later.
	const { trendDaysLate, recentUsualDaysLate, priorUsualDaysLate } = f.trend;
	const laterTrend =
		trendDaysLate !== null &&
		recentUsualDaysLate !== null &&
		trendDaysLate >= R.deterioratingTrendDays &&
		recentUsualDaysLate > R.reliableMaxDaysLate;
	const worsening: SegmentReason[] = [];
	if (laterTrend) worsening.push('later-trend');
	if (f.maxOverdue > f.usual + R.openBeyondUsualDays) worsening.push('open-beyond-usual');

	if (alarming.length > 0) return { segment: 'at-risk', reasons: [...alarming, ...habit, ...worsening] };
	if (laterTrend && priorUsualDaysLate !== null && priorUsualDaysLate <= R.atRiskMinDaysLate)
		return { segment: 'deteriorating', reasons: [...worsening, ...habit] };
	if (habit.length > 0) return { segment: 'at-risk', reasons: [...habit, ...worsening] };
	if (worsening.length > 0) return { segment: 'deteriorating', reasons: worsening };
	if (f.spread > R.steadyMaxSpreadDays) return { segment: 'slow-but-reliable', reasons: ['irregular'] };
	if (f.usual <= R.reliableMaxDaysLate) return { segment: 'reliable', reasons: ['on-time'] };
	return { segment: 'slow-but-reliable', reasons: ['steady-late'] };
}

/**
 * Payment behaviour of one customer at `input.asOf`: contract metrics (always), and a score and
 * segment when at least 3 undisputed invoices were paid in the 365 days ending D (else
 * `insufficient-history`, score null). Invoices with amount ≤ 0 carry no weight and are ignored;
 * invoices closed after D are ignored; invoices a credit memo closed are returns, counted apart;
 * days to pay may be negative (prepayment applied), days late never are.
 * @example paymentBehaviour({ asOf, closedInvoices, openInvoices, promises, creditUtilisation: 0.4 }).segment // 'slow-but-reliable'
 */
export function paymentBehaviour<C extends string>(input: PaymentBehaviourInput<C>): PaymentBehaviour<C> {
	return behaviourOf(input, () => openPosition(input.openInvoices, input.asOf, OPEN_AMOUNT));
}

/** The aging of a customer's open invoices at D and its payment behaviour ({@link agedBehaviour}). */
export interface AgedBehaviour<C extends string = string> {
	/** `ageOpenItems(input.openInvoices, input.asOf)` */
	readonly aging: AgingResult<C>;
	/** `paymentBehaviour(input)` */
	readonly behaviour: PaymentBehaviour<C>;
}

/**
 * The aging of the open invoices and the payment behaviour of one customer at `input.asOf`, the
 * same figures as `ageOpenItems` and {@link paymentBehaviour}, from one pass over the open
 * invoices instead of two (each due date converted once): what the customer metrics compute for
 * every customer every night. The open invoices are read first, so a bad open invoice decides
 * the error before a bad closed one (as aging then scoring them would).
 * @example agedBehaviour({ asOf, closedInvoices, openInvoices }).aging.buckets['1-30']
 */
export function agedBehaviour<C extends string>(input: PaymentBehaviourInput<C>): AgedBehaviour<C> {
	const position = openPosition(input.openInvoices, input.asOf, OPEN_AMOUNT);
	return {
		aging: { buckets: position.buckets, counts: position.counts, totalMinor: position.totalMinor },
		behaviour: behaviourOf(input, () => position),
	};
}

/** {@link paymentBehaviour} with the open position from `positionOf` (called after the closed invoices are read). */
function behaviourOf<C extends string>(
	input: PaymentBehaviourInput<C>,
	positionOf: () => OpenPosition<C>,
): PaymentBehaviour<C> {
	const asOfDay = toEpochDay(input.asOf);
	const sets = closedSets(input, asOfDay);
	const late = lateness(sets.behaviour);
	const trendOf = trend(sets.behaviour, asOfDay);
	const promises = promiseRecord(input, asOfDay);
	const position = positionOf();
	const creditUtilisation = input.creditUtilisation ?? null;
	const result = (
		score: number | null,
		segment: PaymentSegment,
		reasons: readonly SegmentReason[],
	): PaymentBehaviour<C> => ({
		closedCount: sets.late.length,
		avgDaysToPay: weightedMean(sets.toPay),
		avgDaysLate: weightedMean(sets.late),
		returnedCount: sets.returnedCount,
		returnedMinor: sets.returnedMinor,
		behaviourCount: sets.behaviour.length,
		usualDaysLate: late.usualDaysLate,
		spreadDaysLate: late.spreadDaysLate,
		behaviourAvgDaysLate: late.behaviourAvgDaysLate,
		lateShareByCount: late.lateShareByCount,
		lateShareByAmount: late.lateShareByAmount,
		recentUsualDaysLate: trendOf.recentUsualDaysLate,
		priorUsualDaysLate: trendOf.priorUsualDaysLate,
		trendDaysLate: trendOf.trendDaysLate,
		promisesKept: promises.promisesKept,
		promisesBroken: promises.promisesBroken,
		promiseKeptRate: promises.promiseKeptRate,
		creditUtilisation,
		openMinor: position.totalMinor,
		overdueMinor: position.overdueMinor,
		maxDaysOverdue: position.maxDaysOverdue,
		score,
		segment,
		reasons,
	});
	const usual = late.usualDaysLate;
	if (
		sets.behaviour.length < SCORING_RULES.minClosedInvoices ||
		usual === null ||
		late.spreadDaysLate === null ||
		late.lateShareByAmount === null ||
		late.behaviourAvgDaysLate === null
	) {
		return result(null, 'insufficient-history', ['too-few-invoices']);
	}
	// Disputed open invoices are left to the dispute process: the call-now rules read the others.
	const undisputedMax = position.undisputedMaxDaysOverdue;
	const maxOverdue = Math.max(0, undisputedMax);
	const score = paymentScore({
		usualDaysLate: usual,
		lateShareByAmount: late.lateShareByAmount,
		spreadDaysLate: late.spreadDaysLate,
		trendDaysLate: trendOf.trendDaysLate,
		maxDaysOverdue: maxOverdue,
		promiseKeptRate: promises.promiseKeptRate,
		creditUtilisation,
	});
	const { segment, reasons } = segmentOf({
		usual,
		spread: late.spreadDaysLate,
		behaviourAvgDaysLate: late.behaviourAvgDaysLate,
		score,
		trend: trendOf,
		promises,
		creditUtilisation,
		maxOverdue,
		// some undisputed open invoice is overdue beyond usual + grace (its most days overdue is)
		overdueBeyondGrace: undisputedMax > usual + SCORING_RULES.overLimitGraceDays,
	});
	return result(score, segment, reasons);
}
