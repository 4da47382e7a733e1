/**
 * getInputData of the DSO-increase alert: one job per active subsidiary, each carrying what the
 * run reads once for every subsidiary, so a reduce only writes its evaluation (and, when the rule
 * fires, reads its investigation):
 * - the configuration: alert settings, seasonality calendar (one search each);
 * - the currency codes (one search: the subsidiaries' and the customers' currencies, which the
 *   investigation's credit figures need);
 * - the stored snapshots at D, D − W and D − 2W of every subsidiary (one search, W from each
 *   subsidiary's settings);
 * - the period's evaluation records of every subsidiary (one search; a restarted reduce reads its
 *   own again, see dso_alert_mr.ts).
 * A restarted getInputData reads the same data again. Costs ≈ 55 units on a few subsidiaries:
 * 5 searches of one page (10 each) and the subsidiaries' saved search (15).
 */
import * as log from 'N/log';
import { addDays, CalendarDate } from '../../domain/calendarDate';
import { alertPeriodKey } from '../../domain/alertPeriod';
import { resolveAlertSettings } from '../../domain/alertSettings';
import { loadCurrencyCodes } from '../searches/subsidiaries';
import { readAlertSettingRows, readSeasonality } from './configReaders';
import { loadAlertSnapshotsOf, readPeriodEvaluations, readSubsidiaries } from './nsPorts';
import { SubsidiaryJob } from '../../app/alert/ports';

/** A job with the currency codes getInputData read (the reduce hands them to the ports). */
export type AlertJob = SubsidiaryJob & { readonly currencyCodes: Readonly<Record<string, string>> };

/**
 * The snapshot dates each subsidiary's evaluation will ask for (D, D − W, D − 2W). A subsidiary
 * whose settings do not resolve is left out: its reduce records that error before it reads any
 * snapshot.
 */
function snapshotDates(
	asOf: CalendarDate,
	subsidiaryIds: readonly number[],
	rows: ReturnType<typeof readAlertSettingRows>,
): Map<number, CalendarDate[]> {
	const out = new Map<number, CalendarDate[]>();
	for (const id of subsidiaryIds) {
		let w: number;
		try {
			w = resolveAlertSettings(rows, id).windowDays;
		} catch {
			continue;
		}
		out.set(id, [asOf, addDays(asOf, -w), addDays(asOf, -2 * w)]);
	}
	return out;
}

/**
 * The jobs of one run at `asOf`.
 * @example buildAlertJobs(d('2026-05-04')).map((j) => j.subsidiary.id) // [1, 2, 3]
 */
export function buildAlertJobs(asOf: CalendarDate): AlertJob[] {
	const codes = loadCurrencyCodes();
	const subsidiaries = readSubsidiaries(codes);
	const settingsRows = readAlertSettingRows();
	const seasonality = readSeasonality();
	for (const e of seasonality.errors) log.error({ title: 'DSO alert: invalid seasonality row', details: e.message });
	const ids = subsidiaries.map((s) => s.id);
	const dates = snapshotDates(asOf, ids, settingsRows);
	const snapshots = loadAlertSnapshotsOf(dates);
	const evaluations = readPeriodEvaluations(ids, alertPeriodKey(asOf));
	const currencyCodes = Object.fromEntries(codes);
	return subsidiaries.map((subsidiary) => {
		const own = dates.get(subsidiary.id);
		return {
			subsidiary,
			asOf,
			settingsRows,
			seasonalityRows: seasonality.rows,
			seasonalityErrors: seasonality.errors
				.filter((e) => e.subsidiaryId === null || e.subsidiaryId === subsidiary.id)
				.map((e) => e.message),
			...(own === undefined
				? {}
				: {
						preloadedSnapshots: {
							dates: own,
							snapshots: [...(snapshots.get(subsidiary.id)?.values() ?? [])],
						},
					}),
			periodEvaluations: evaluations.get(subsidiary.id) ?? [],
			currencyCodes,
		};
	});
}
