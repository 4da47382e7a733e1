/**
 * The DSO-increase alert rule (shared/dataset-format.md §2, reason precedence §3; binding).
 *
 * Fires for a subsidiary at D when `dso.this − dso.prior > threshold` and `dso.this > floor`,
 * unless a seasonality `suppress` row covers D; a `raise` row adds its days to the threshold.
 * "More than" is strict: a rise of exactly the threshold does not fire.
 *
 * Reason precedence (first that applies wins):
 * 1. `disabled`  — the setting is off;
 * 2. `no-sales`  — `dso.this` or `dso.prior` is null (no credit sales in a window);
 * 3. the rule would fire (delta > threshold + raise, and dso.this > floor):
 *    `seasonality` when a suppress row covers D, else `threshold` (the only reason with fired = true);
 * 4. otherwise `below-floor` when dso.this ≤ floor, else `below-threshold`.
 *
 * Precision (documented in the README): the comparison is made in whole HUNDREDTHS of a day.
 * `delta` is `dso.this − dso.prior` rounded half away from zero to 2 decimals (on its shortest
 * decimal text, never `x * 100`), `dso.this`, the threshold (+ raise) and the floor likewise, and
 * the comparison is between integers. So float noise never decides (32.2 − 22.2 is
 * 10.000000000000004 in binary floating point: that is a rise of 10.00, which does not fire), a
 * rise of 10.00 does not fire and 10.01 does. The literal contract (unrounded ratios) and this rule
 * can disagree only when the true rise is less than 0.005 day above the threshold.
 *
 * Pure: no `N/*`, no clock.
 */
import { CalendarDate } from './calendarDate';
import { fromHundredths, toHundredths } from './rounding';
import { resolveSeasonality, SeasonalityResolution, SeasonalityRow } from './seasonality';

/** Every `alert.reason` of the report contract. */
export type AlertReason = 'threshold' | 'below-threshold' | 'below-floor' | 'no-sales' | 'seasonality' | 'disabled';

/** The reasons in the contract's order of precedence. */
export const ALERT_REASONS: readonly AlertReason[] = [
	'disabled',
	'no-sales',
	'seasonality',
	'threshold',
	'below-floor',
	'below-threshold',
];

/** Inputs of {@link evaluateAlertRule}. */
export interface AlertRuleInput {
	readonly subsidiaryId: number;
	readonly asOf: CalendarDate;
	/** DSO of the window ending D and of the window ending D − W; null when that window had no sales. */
	readonly dso: { readonly this: number | null; readonly prior: number | null };
	readonly settings: { readonly enabled: boolean; readonly thresholdDays: number; readonly floorDays: number };
	/** Every active seasonality row (all subsidiaries); the rule picks those in force. */
	readonly seasonality: readonly SeasonalityRow[];
}

/** Outcome of one evaluation (what the evaluation record stores). */
export interface AlertEvaluation {
	readonly fired: boolean;
	readonly reason: AlertReason;
	/** True when delta > threshold applied and dso.this > floor, whatever the suppress rows and the enabled flag. */
	readonly conditionMet: boolean;
	/** `dso.this − dso.prior` rounded to hundredths; null when either is null. */
	readonly delta: number | null;
	/** Threshold in force: the setting plus the raise row's days, in days (hundredths). */
	readonly thresholdApplied: number;
	readonly floorDays: number;
	/** The seasonality rows in force at D for the subsidiary. */
	readonly seasonality: SeasonalityResolution;
	/**
	 * The row that changed the outcome or the threshold: the suppress row when the reason is
	 * `seasonality`, else the raise row when one raised the threshold, else null.
	 */
	readonly seasonalityRow: SeasonalityRow | null;
}

/**
 * Evaluates the rule for one subsidiary at D (see the module comment for precedence and precision).
 * @example
 * evaluateAlertRule({ subsidiaryId: 1, asOf: d('2026-05-04'), dso: { this: 58.36, prior: 47.23 },
 *   settings: { enabled: true, thresholdDays: 10, floorDays: 30 }, seasonality: [] })
 * // { fired: true, reason: 'threshold', delta: 11.13, thresholdApplied: 10, ... }
 */
export function evaluateAlertRule(input: AlertRuleInput): AlertEvaluation {
	const { dso, settings } = input;
	const seasonality = resolveSeasonality(input.seasonality, input.subsidiaryId, input.asOf);
	const thresholdH = toHundredths(settings.thresholdDays) + toHundredths(seasonality.raiseDays);
	const floorH = toHundredths(settings.floorDays);
	const thresholdApplied = fromHundredths(thresholdH);
	const floorDays = fromHundredths(floorH);
	const raiseRow = seasonality.raise;

	const delta = dso.this === null || dso.prior === null ? null : fromHundredths(toHundredths(dso.this - dso.prior));
	const conditionMet =
		dso.this !== null && delta !== null && toHundredths(delta) > thresholdH && toHundredths(dso.this) > floorH;
	const base = { conditionMet, delta, thresholdApplied, floorDays, seasonality };

	if (!settings.enabled) return { ...base, fired: false, reason: 'disabled', seasonalityRow: raiseRow };
	if (dso.this === null || dso.prior === null)
		return { ...base, fired: false, reason: 'no-sales', seasonalityRow: raiseRow };
	if (conditionMet) {
		if (seasonality.suppress !== null)
			return { ...base, fired: false, reason: 'seasonality', seasonalityRow: seasonality.suppress };
		return { ...base, fired: true, reason: 'threshold', seasonalityRow: raiseRow };
	}
	const reason: AlertReason = toHundredths(dso.this) <= floorH ? 'below-floor' : 'below-threshold';
	return { ...base, fired: false, reason, seasonalityRow: raiseRow };
}
