/**
 * Whether a promise to pay was kept, as of the day D a night covers.
 *
 * What counts toward a promise: the payments (customer payments and deposit applications, not
 * credit memos) applied to the promise's invoices, dated from the day the promise was made through
 * its promised date plus the grace days (and not after D), in the invoices' own currency. A
 * promise that names no invoice (one entered by hand, or an older record) counts the customer's
 * payments dated in the same window, their full amount in the customer's currency.
 *
 * The outcome, decided once (a decided promise is never matched again):
 * - `kept`: what was paid reaches the promised amount (possibly before the promised date);
 * - `cancelled`: before that, nothing is left to pay: every invoice of the promise was closed
 *   (a credit memo, a write-off) without the payments reaching the amount;
 * - once the window has ended (D after the promised date + grace) and neither of those: `partial`
 *   when something was paid (the amount is kept on the record), `broken` when nothing was;
 * - otherwise still `pending` (what was paid so far is kept on the record).
 *
 * Worked example (promise of 700.00 made 2026-05-04 for 2026-05-08, grace 0, invoices 1 and 3 with
 * 1,200.00 open): a payment of 700.00 applied on 05-06 → kept on night 05-06; 300.00 on 05-07 and
 * nothing more → pending through night 05-08, partial (300.00) on night 05-09; nothing paid →
 * broken on night 05-09, and so is a promise whose only payment is dated 05-09 (a day late: outside the
 * window).
 */
import { addDays, type CalendarDate } from '../calendarDate';

export const PROMISE_OUTCOMES = ['pending', 'kept', 'partial', 'broken', 'cancelled'] as const;
export type PromiseOutcome = (typeof PROMISE_OUTCOMES)[number];

/** A pending promise, as the matcher needs it. */
export interface PendingPromise {
	readonly id: number;
	readonly customerId: number;
	readonly madeOn: CalendarDate;
	readonly promisedDate: CalendarDate;
	/** in the promise's (the customer's) currency */
	readonly amountMinor: number;
	readonly currency: string;
	/** empty: the promise names no invoice */
	readonly invoiceIds: readonly number[];
}

/** A payment toward a promise: its date and amount in the promise's currency. */
export interface DatedPayment {
	readonly date: CalendarDate;
	readonly amountMinor: number;
}

/** What the account says about a promise at D. */
export interface PromiseFacts {
	/** payments applied to its invoices (or, with no invoice, the customer's payments), any date */
	readonly payments: readonly DatedPayment[];
	/** Σ open amounts of its invoices now; null when it names no invoice */
	readonly openMinor: number | null;
}

export interface PromiseDecision {
	readonly status: PromiseOutcome;
	/** paid toward the promise inside its window */
	readonly paidMinor: number;
	/** the last day a payment counts */
	readonly windowEnd: CalendarDate;
}

/**
 * The promise's outcome at night D.
 * @example decidePromise(p, { payments: [{ date: d('2026-05-06'), amountMinor: 70000 }], openMinor: 50000 }, d('2026-05-06'), 0).status // 'kept'
 */
export function decidePromise(
	p: PendingPromise,
	facts: PromiseFacts,
	night: CalendarDate,
	graceDays: number,
): PromiseDecision {
	const windowEnd = addDays(p.promisedDate, graceDays);
	const until = windowEnd < night ? windowEnd : night;
	let paidMinor = 0;
	for (const pay of facts.payments) if (pay.date >= p.madeOn && pay.date <= until) paidMinor += pay.amountMinor;
	const decided = (status: PromiseOutcome): PromiseDecision => ({ status, paidMinor, windowEnd });
	if (paidMinor >= p.amountMinor) return decided('kept');
	if (p.invoiceIds.length > 0 && facts.openMinor !== null && facts.openMinor <= 0) return decided('cancelled');
	if (night > windowEnd) return decided(paidMinor > 0 ? 'partial' : 'broken');
	return decided('pending');
}

/**
 * The last promised date whose window has ended by night D (D − grace − 1): every pending promise
 * promised on or before it is decided that night (kept, cancelled, partial or broken, never still
 * pending), whatever its payments.
 * @example lastEndedPromiseDate(d('2026-05-09'), 0) // '2026-05-08'
 */
export function lastEndedPromiseDate(night: CalendarDate, graceDays: number): CalendarDate {
	return addDays(night, -graceDays - 1);
}

/**
 * Whether night D decides the promise (its outcome is anything but `pending`). A promise whose
 * window is still open (promised after {@link lastEndedPromiseDate}) is decided only by what its
 * facts say: its payments in the window reach the amount (kept) or its invoices are closed
 * (cancelled); so a night need only examine those, and the ones whose window has ended.
 * @example decisionDue(p, { payments: [], openMinor: 50000 }, d('2026-05-06'), 0) // false
 */
export function decisionDue(p: PendingPromise, facts: PromiseFacts, night: CalendarDate, graceDays: number): boolean {
	return decidePromise(p, facts, night, graceDays).status !== 'pending';
}
