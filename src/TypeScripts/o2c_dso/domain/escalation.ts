/**
 * Escalation of a fired DSO-increase alert to the CFO. Without escalation the alert goes to the AR
 * clerk and the controller only. A fired alert escalates when ANY of these holds (README
 * "DSO-increase alert", thresholds below):
 *
 * 1. `persistence` — the rise persists for more than two consecutive periods: the rule's
 *    condition (rise above the applied threshold, DSO above the floor; a seasonality suppress row
 *    does not break the run, the rise was there) held for the window ending D and for BOTH windows
 *    before it, ending D − W and D − 2W. Unknown earlier periods (no stored snapshot) count as
 *    "did not hold", so missing history never escalates.
 * 2. `terms-mix` — the cause is structural: the amount-weighted average payment terms of the
 *    credit sales in the window ending D is at least {@link TERMS_SHIFT_MIN_DAYS} days longer than
 *    in the prior window (e.g. a third of sales moving from Net 30 to Net 45 is +5 days).
 * 3. `impact` — the dollar impact exceeds {@link IMPACT_SHARE_PERCENT}% of monthly revenue.
 *    Dollar impact = growth of past-due A/R (open invoice amounts more than 0 days overdue) from
 *    D − W to D; monthly revenue = credit sales of the window ending D × 30 ÷ W. (The textbook
 *    "ΔDSO × daily sales" would make this test vacuous: any rise of more than 1.5 days is more
 *    than 5% of a month's sales, so every fired alert would escalate.)
 *
 * Comparisons, as in the rule, are made on hundredths: terms shift rounded to 0.01 day (5.00
 * escalates, 4.99 does not); the impact share in percent rounded to 0.01 and compared strictly
 * (5.00% does not escalate, 5.01% does).
 *
 * Pure: no `N/*`.
 */
import { Minor, minus, scaledBy } from './money';
import { roundTo, toHundredths } from './rounding';
import { TERMS_SHIFT_THRESHOLD_DAYS } from './termsMix';

/** More than this many consecutive periods (the current one included) is persistent. */
export const PERSISTENCE_MORE_THAN_PERIODS = 2;
/** Weighted-average terms shift (days, inclusive) that makes the cause structural: the domain's terms-mix threshold. */
export const TERMS_SHIFT_MIN_DAYS = TERMS_SHIFT_THRESHOLD_DAYS;
/** Share of monthly revenue (percent, strict) the dollar impact must exceed. */
export const IMPACT_SHARE_PERCENT = 5;

export type EscalationCause = 'persistence' | 'terms-mix' | 'impact';

export interface EscalationInput<C extends string = string> {
	/** Did the alert fire (reason `threshold`) at D? Only a fired alert escalates. */
	readonly fired: boolean;
	/**
	 * Whether the rule's condition held in the previous periods, most recent first (window ending
	 * D − W, then D − 2W, ...); `null` = unknown (no snapshot).
	 */
	readonly previousPeriods: readonly (boolean | null)[];
	/** Amount-weighted average terms (days) of the credit sales: window ending D and prior window; null when unknown. */
	readonly termsDays: { readonly this: number | null; readonly prior: number | null };
	/** Past-due A/R (minor units) at D and at D − W; null when unknown. */
	readonly overdueMinor: { readonly this: Minor<C> | null; readonly prior: Minor<C> | null };
	/** Credit sales of the window ending D (minor units). */
	readonly creditSalesThisMinor: Minor<C>;
	readonly windowDays: number;
}

export interface EscalationResult<C extends string = string> {
	readonly escalated: boolean;
	/** Every cause that holds, in the order persistence, terms-mix, impact (empty when not escalated). */
	readonly causes: readonly EscalationCause[];
	/** Consecutive periods (the current one included) in which the condition held. */
	readonly consecutivePeriods: number;
	/** Weighted terms this − prior (days, hundredths), null when unknown. */
	readonly termsShiftDays: number | null;
	/** Growth of past-due A/R (minor units), null when unknown. */
	readonly impactMinor: Minor<C> | null;
	/** Credit sales scaled to 30 days (minor units, rounded). */
	readonly monthlyRevenueMinor: Minor<C>;
	/** impact ÷ monthly revenue in percent (hundredths), null when either is unknown or revenue ≤ 0. */
	readonly impactSharePercent: number | null;
	/** One line per cause that holds, for the email and the evaluation record. */
	readonly why: readonly string[];
}

/**
 * Decides the escalation of one evaluation (see the module comment for the three definitions).
 * @example decideEscalation({ fired: true, previousPeriods: [true, true], termsDays: { this: 30, prior: 30 },
 *   overdueMinor: { this: 0, prior: 0 }, creditSalesThisMinor: 400000000, windowDays: 30 }).causes // ['persistence']
 */
export function decideEscalation<C extends string>(input: EscalationInput<C>): EscalationResult<C> {
	let consecutive = input.fired ? 1 : 0;
	if (input.fired) {
		for (const held of input.previousPeriods) {
			if (held !== true) break;
			consecutive++;
		}
	}
	const termsShiftDays =
		input.termsDays.this === null || input.termsDays.prior === null
			? null
			: roundTo(input.termsDays.this - input.termsDays.prior, 2);
	const impactMinor =
		input.overdueMinor.this === null || input.overdueMinor.prior === null
			? null
			: minus(input.overdueMinor.this, input.overdueMinor.prior);
	const monthlyRevenueMinor = scaledBy(input.creditSalesThisMinor, 30, input.windowDays);
	const impactSharePercent =
		impactMinor === null || monthlyRevenueMinor <= 0 ? null : roundTo((impactMinor / monthlyRevenueMinor) * 100, 2);

	const causes: EscalationCause[] = [];
	const why: string[] = [];
	if (input.fired) {
		if (consecutive > PERSISTENCE_MORE_THAN_PERIODS) {
			causes.push('persistence');
			why.push(
				`the rise has persisted for ${consecutive} consecutive periods (more than ${PERSISTENCE_MORE_THAN_PERIODS})`,
			);
		}
		if (termsShiftDays !== null && toHundredths(termsShiftDays) >= TERMS_SHIFT_MIN_DAYS * 100) {
			causes.push('terms-mix');
			why.push(
				`structural: the payment-terms mix shifted ${termsShiftDays.toFixed(2)} days toward longer terms (at least ${TERMS_SHIFT_MIN_DAYS})`,
			);
		}
		if (impactSharePercent !== null && toHundredths(impactSharePercent) > IMPACT_SHARE_PERCENT * 100) {
			causes.push('impact');
			why.push(
				`past-due A/R grew by ${impactSharePercent.toFixed(2)}% of monthly revenue (more than ${IMPACT_SHARE_PERCENT}%)`,
			);
		}
	}
	return {
		escalated: causes.length > 0,
		causes,
		consecutivePeriods: consecutive,
		termsShiftDays,
		impactMinor,
		monthlyRevenueMinor,
		impactSharePercent,
		why,
	};
}
