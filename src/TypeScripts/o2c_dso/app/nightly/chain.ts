/**
 * The nightly chain: the jobs of one night, in order, declared once here.
 *
 * **Which day a night covers.** A night covers one calendar day D of the company time zone, the last
 * day that had fully ended when the night's first job started: a night started on D + 1 (local
 * time, whatever the hour) covers D. Every job of the night computes as of D: the first job fixes D
 * and hands it to the next as a task parameter (each step's `nightParam`), so the chain never
 * depends on clock times, time zones or daylight-saving changes. Deployment start times are UTC in
 * SDF and converted to the account's zone when deployed (Oracle help, "Date and Time Formats in SDF
 * Custom Objects"), so two schedules could never order jobs: only the first job
 * (`customscript_o2c_nightly_ss`) has a schedule.
 *
 * **Joining the chain.** A later job (the collections push, the forecast, promise matching) joins
 * by declaration: add a step to NIGHTLY_CHAIN in its place, declare the step's night parameter
 * (TEXT) on its script object with a NOTSCHEDULED deployment, read its day with
 * `adapters/nightlyChain.nightOf()` and call `adapters/nightlyChain.continueNight()` when it ends
 * (summarize for a map/reduce). No other step changes.
 */
import { CalendarDate, addDays } from '../../domain/calendarDate';

/** One job of the night. */
export interface NightlyStep {
	/** Short name, used in parameters and logs. */
	readonly name: string;
	readonly scriptId: string;
	/** The NOTSCHEDULED deployment the chain submits. */
	readonly deploymentId: string;
	readonly taskType: 'SCHEDULED_SCRIPT' | 'MAP_REDUCE';
	/** The script parameter (TEXT, YYYY-MM-DD) carrying the day the night covers. */
	readonly nightParam: string;
}

/** The jobs of every night, in the order they run. */
export const NIGHTLY_CHAIN: readonly NightlyStep[] = [
	{
		name: 'snapshot',
		scriptId: 'customscript_o2c_ar_snapshot_ss',
		deploymentId: 'customdeploy_o2c_ar_snapshot_ss',
		taskType: 'SCHEDULED_SCRIPT',
		nightParam: 'custscript_o2c_ss_night',
	},
	{
		// decides promises to pay before the metrics count kept and broken ones
		name: 'promise-match',
		scriptId: 'customscript_o2c_promise_match_ss',
		deploymentId: 'customdeploy_o2c_promise_match_ss',
		taskType: 'SCHEDULED_SCRIPT',
		nightParam: 'custscript_o2c_pm_night',
	},
	{
		name: 'customer-metrics',
		scriptId: 'customscript_o2c_cust_metrics_mr',
		deploymentId: 'customdeploy_o2c_cust_metrics_mr',
		taskType: 'MAP_REDUCE',
		nightParam: 'custscript_o2c_cm_night',
	},
	{
		// reads the customer metrics' segments; before the alert, whose email shows the night's forecast
		name: 'forecast',
		scriptId: 'customscript_o2c_forecast_mr',
		deploymentId: 'customdeploy_o2c_forecast_mr',
		taskType: 'MAP_REDUCE',
		nightParam: 'custscript_o2c_fc_night',
	},
	{
		name: 'dso-alert',
		scriptId: 'customscript_o2c_dso_alert_mr',
		deploymentId: 'customdeploy_o2c_dso_alert_mr',
		taskType: 'MAP_REDUCE',
		nightParam: 'custscript_o2c_al_night',
	},
	{
		// reads the customer metrics; after the alert, so a slow or failing endpoint never delays the alert email
		name: 'collections-push',
		scriptId: 'customscript_o2c_collections_push_mr',
		deploymentId: 'customdeploy_o2c_collections_push_mr',
		taskType: 'MAP_REDUCE',
		nightParam: 'custscript_o2c_cp_night',
	},
	{
		// reads the night's segments; last, so the AR team's morning email follows everything else
		name: 'digest',
		scriptId: 'customscript_o2c_digest_ss',
		deploymentId: 'customdeploy_o2c_digest_ss',
		taskType: 'SCHEDULED_SCRIPT',
		nightParam: 'custscript_o2c_dg_night',
	},
	{
		// customer reminders (off by default): after the digest, so the AR team's list is out before customers hear
		name: 'reminders',
		scriptId: 'customscript_o2c_reminder_ss',
		deploymentId: 'customdeploy_o2c_reminder_ss',
		taskType: 'SCHEDULED_SCRIPT',
		nightParam: 'custscript_o2c_rm_night',
	},
];

/**
 * The step a script runs as. @example stepOf('customscript_o2c_cust_metrics_mr')?.name // 'customer-metrics'
 */
export function stepOf(scriptId: string, chain: readonly NightlyStep[] = NIGHTLY_CHAIN): NightlyStep | undefined {
	return chain.find((s) => s.scriptId === scriptId);
}

/** The step by name. @example stepNamed('snapshot')?.scriptId // 'customscript_o2c_ar_snapshot_ss' */
export function stepNamed(name: string, chain: readonly NightlyStep[] = NIGHTLY_CHAIN): NightlyStep | undefined {
	return chain.find((s) => s.name === name);
}

/** The step after a script's, or null after the last. @example stepAfter('customscript_o2c_ar_snapshot_ss')?.name // 'customer-metrics' */
export function stepAfter(scriptId: string, chain: readonly NightlyStep[] = NIGHTLY_CHAIN): NightlyStep | null {
	const i = chain.findIndex((s) => s.scriptId === scriptId);
	if (i < 0) throw new Error(`${scriptId} is not a step of the nightly chain`);
	return chain[i + 1] ?? null;
}

/**
 * The day a night started on `today` (the company time zone's date when its first job starts) covers.
 * @example coveredDay(d('2026-05-05')) // '2026-05-04'
 */
export function coveredDay(today: CalendarDate): CalendarDate {
	return addDays(today, -1);
}
