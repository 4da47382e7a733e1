/**
 * getInputData of the DSO-increase alert: one job per active subsidiary, each carrying the
 * configuration read once for the whole run (alert settings, seasonality calendar, the aging
 * saved-search link), so every reduce works from the same inputs and a restarted getInputData
 * returns the same data. Costs ≈ 35 units (+10 the first time, when the aging search is saved).
 */
import * as log from 'N/log';
import { CalendarDate } from '../../domain/calendarDate';
import { readAlertSettingRows, readSeasonality } from './configReaders';
import { agingSearchUrl, readSubsidiaries } from './nsPorts';
import { SubsidiaryJob } from '../../app/alert/ports';

/**
 * The jobs of one run at `asOf`.
 * @example buildAlertJobs(d('2026-05-04')).map((j) => j.subsidiary.id) // [1, 2, 3]
 */
export function buildAlertJobs(asOf: CalendarDate): SubsidiaryJob[] {
	const subsidiaries = readSubsidiaries();
	const settingsRows = readAlertSettingRows();
	const seasonality = readSeasonality();
	for (const e of seasonality.errors) log.error({ title: 'DSO alert: invalid seasonality row', details: e.message });
	let aging: string | null = null;
	try {
		aging = agingSearchUrl();
	} catch (e) {
		// The link is a convenience: the alert goes out without it rather than not at all.
		log.error({
			title: 'DSO alert: the A/R aging saved search could not be prepared',
			details: e instanceof Error ? e.message : String(e),
		});
	}
	return subsidiaries.map((subsidiary) => ({
		subsidiary,
		asOf,
		settingsRows,
		seasonalityRows: seasonality.rows,
		seasonalityErrors: seasonality.errors
			.filter((e) => e.subsidiaryId === null || e.subsidiaryId === subsidiary.id)
			.map((e) => e.message),
		agingSearchUrl: aging,
	}));
}
