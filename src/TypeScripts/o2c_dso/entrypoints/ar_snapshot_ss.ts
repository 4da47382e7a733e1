/**
 * Nightly A/R snapshot (scheduled; the nightly chain's first job): per subsidiary and day, A/R, DSO
 * family, CEI, aging and week-over-week change, terms mix, cash application and lead time, stored
 * in customrecord_o2c_sub_snapshot. Fills missing days of the backfill range; reschedules itself
 * with a cursor before governance runs out; when done, starts the next job of the night.
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
import { SNAPSHOT_SCRIPT, snapshotControl, snapshotOptions, snapshotSources } from '../adapters/snapshotJob';
import { chainNight, thenContinue } from '../adapters/nightlyChain';

export const execute: EntryPoints.Scheduled.execute = () => {
	const script = runtime.getCurrentScript();
	const start = script.getRemainingUsage();
	thenContinue(SNAPSHOT_SCRIPT, chainNight(), () => {
		const result = runSnapshotJob(snapshotOptions(), snapshotSources(), subSnapshotRepository, snapshotControl());
		log.audit({
			title: `A/R snapshot ${result.asOf}: ${result.status}`,
			details: `written ${result.written}, remaining ${result.remaining}, units used ${start - script.getRemainingUsage()}`,
		});
		return result.status === 'checkpointed' ? 'later' : 'done';
	});
};
