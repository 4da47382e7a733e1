/**
 * Nightly A/R snapshot (scheduled, daily 02:00 account time): per subsidiary and day, A/R, DSO
 * family, CEI, aging and week-over-week change, terms mix, cash application and lead time, stored
 * in customrecord_o2c_sub_snapshot. Fills missing days of the backfill range; reschedules itself
 * with a cursor before governance runs out.
 *
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */

import * as log from 'N/log';
import * as runtime from 'N/runtime';
import type { EntryPoints } from 'N/types';
import { runSnapshotJob } from '../app/snapshot/runSnapshot';
import { subSnapshotRepository } from '../adapters/records/subSnapshotRecords';
import { snapshotControl, snapshotOptions, snapshotSources } from '../adapters/snapshotJob';

export const execute: EntryPoints.Scheduled.execute = () => {
	const script = runtime.getCurrentScript();
	const start = script.getRemainingUsage();
	const result = runSnapshotJob(snapshotOptions(), snapshotSources(), subSnapshotRepository, snapshotControl());
	log.audit({
		title: `A/R snapshot ${result.asOf}: ${result.status}`,
		details: `written ${result.written}, remaining ${result.remaining}, units used ${start - script.getRemainingUsage()}`,
	});
};
