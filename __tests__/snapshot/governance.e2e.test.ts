/**
 * Governance on the emulator: the nightly snapshot is forced to checkpoint at several points (a
 * high reschedule margin, the platform's 10,000-unit limit unchanged) and the rescheduled runs on
 * the on-demand deployment produce exactly the records of an uninterrupted run, without
 * duplicates. A run killed outright (the usage limit thrown mid-run) is completed by the next run,
 * and a map/reduce restarted mid-stage does not duplicate customer records or predictions.
 */
import type { Dataset } from '../../local/data/dataset';
import { generateDataset } from '../../local/data/generate';
import type { Emulator, ScheduledRunResult, TaskRunResult } from '../../local/emulator';
import { accountInfo, buildStore } from '../../local/emulator/account';
import { Emulator as EmulatorClass } from '../../local/emulator';
import { createRecordModule } from '../../local/emulator/modules/record';
import { nsError } from '../../local/emulator/errors';
import type { RuntimeContext } from '../../local/emulator/services';
import { loadSdfProject } from '../../local/sdf/objects';
import * as path from 'path';
import {
	emulatorFor,
	figuresOnly,
	METRICS_SCRIPT,
	recordsBy,
	requireBuilt,
	ROOT,
	SNAPSHOT_SCRIPT,
} from './support/harness';

const SS = 'customrecord_o2c_sub_snapshot';
const CM = 'customrecord_o2c_cust_metrics';
const FORECAST_SCRIPT = 'customscript_o2c_forecast_mr';
const AS_OF = '2026-05-04';

/** Every scheduled execution of a run: the run itself and the rescheduled ones it queued. */
function executions(r: ScheduledRunResult): ScheduledRunResult[] {
	const out: ScheduledRunResult[] = [r];
	const walk = (tasks: readonly TaskRunResult[]): void => {
		for (const t of tasks) {
			if (t.kind === 'SCHEDULED_SCRIPT') {
				out.push(t.result);
				walk(t.result.tasks);
			}
		}
	};
	walk(r.tasks);
	return out;
}

function snapshotFigures(emu: Emulator): Map<string, Record<string, unknown>> {
	return new Map([...recordsBy(emu, SS, 'custrecord_o2c_ss_key')].map(([k, v]) => [k, figuresOnly(v)]));
}

describe('snapshot checkpoints and resumes (generated S)', () => {
	let ds: Dataset;
	let reference: Map<string, Record<string, unknown>>;
	beforeAll(() => {
		ds = generateDataset({ size: 'S' });
		const emu = emulatorFor(ds, AS_OF);
		const r = emu.runScheduled(SNAPSHOT_SCRIPT);
		expect(executions(r)).toHaveLength(1); // the default margin never triggers on S
		reference = snapshotFigures(emu);
		expect(reference.size).toBe(90);
	});

	it.each([9500, 9700, 9790])('margin %i units: several executions, same records as one run', (margin) => {
		const emu = emulatorFor(ds, AS_OF);
		const run = emu.runScheduled(SNAPSHOT_SCRIPT, undefined, { params: { custscript_o2c_margin_units: margin } });
		const all = executions(run);
		expect(all.every((e) => e.status === 'COMPLETE')).toBe(true);
		expect(all.length).toBeGreaterThan(1);
		// each execution stopped at its margin: at most one snapshot (6 units) past it, plus the reschedule (20)
		for (const e of all) expect(e.unitsUsed).toBeLessThanOrEqual(10000 - margin + 6 + 20);
		expect(all.slice(1).every((e) => e.deploymentId === 'customdeploy_o2c_ar_snapshot_od')).toBe(true);
		expect(snapshotFigures(emu)).toEqual(reference);
		console.log(`margin ${margin}: ${all.length} executions, units ${all.map((e) => e.unitsUsed).join(', ')}`);
	});

	it('a run killed by the usage limit half-way is completed by the next run', () => {
		requireBuilt();
		const objects = loadSdfProject(path.join(ROOT, 'src'));
		let creates = 0;
		const killAfter = 40;
		// Test setup only: N/record whose 41st create throws SSS_USAGE_LIMIT_EXCEEDED, as a run that
		// ran out of units would (the product code is unchanged).
		const killing = (ctx: RuntimeContext): object => {
			const real = createRecordModule(ctx) as Record<string, unknown>;
			return new Proxy(real, {
				get(target, prop, receiver) {
					if (prop !== 'create') {
						const value: unknown = Reflect.get(target, prop, receiver);
						return value;
					}
					return (options: unknown) => {
						if (++creates > killAfter)
							throw nsError('SSS_USAGE_LIMIT_EXCEEDED', 'Script Execution Usage Limit Exceeded', 'test');
						return (target.create as (o: unknown) => unknown)(options);
					};
				},
			});
		};
		const store = buildStore(ds, AS_OF, objects);
		const dying = new EmulatorClass({
			projectRoot: ROOT,
			store,
			account: accountInfo(ds, AS_OF),
			modules: { 'N/record': killing },
		});
		expect(dying.runScheduled(SNAPSHOT_SCRIPT).status).toBe('FAILED');
		expect(recordsBy(dying, SS, 'custrecord_o2c_ss_key').size).toBe(killAfter);
		// the next night (same data, same day) fills the gap: the same 90 records, none twice
		const next = new EmulatorClass({ projectRoot: ROOT, store, account: accountInfo(ds, AS_OF) });
		expect(next.runScheduled(SNAPSHOT_SCRIPT).status).toBe('COMPLETE');
		expect(snapshotFigures(next)).toEqual(reference);
	});
});

describe('customer metrics map/reduce restarts', () => {
	// The job has no map stage: getInputData cuts the customers into batches, one reduce each. S's
	// 198 customers make one batch, so the reduce is killed inside it, before its 50th record save
	// (49 customers written), and the restarted batch redoes every customer.
	it.each([
		['getInputData', { stage: 'getInputData', afterInvocations: 0 }],
		['reduce', { stage: 'reduce', afterInvocations: 0, beforeCall: 'Record.save', occurrence: 50 }],
	] as const)('a %s stage restarted mid-way writes each customer once, with the same figures', (stage, interrupt) => {
		const ds = generateDataset({ size: 'S' });
		const plain = emulatorFor(ds, AS_OF);
		expect(plain.runMapReduce(METRICS_SCRIPT).status).toBe('COMPLETE');
		const expected = new Map(
			[...recordsBy(plain, CM, 'custrecord_o2c_cm_key')].map(([k, v]) => [k, figuresOnly(v)]),
		);
		expect(expected.size).toBe(198);
		const emu = emulatorFor(ds, AS_OF);
		const r = emu.runMapReduce(METRICS_SCRIPT, undefined, { interrupt });
		expect(r.status).toBe('COMPLETE');
		expect(r.restarted).toBe(stage);
		expect([...emu.store.all(CM)]).toHaveLength(198);
		const got = new Map([...recordsBy(emu, CM, 'custrecord_o2c_cm_key')].map(([k, v]) => [k, figuresOnly(v)]));
		expect(got).toEqual(expected);
	});
});

describe('payment forecast map/reduce restarts', () => {
	// Generated S: 371 open invoices make two forecast batches (at most 250 open invoices' rows each).
	// The first batch is killed before its 50th record save; its restart must find the predictions
	// saved before the kill and update them, not create them again.
	it('a reduce killed inside a batch writes each prediction once, with the same values', () => {
		const ds = generateDataset({ size: 'S' });
		const predictions = (emu: Emulator): Map<string, Record<string, unknown>> =>
			new Map(
				[...recordsBy(emu, 'customrecord_o2c_pay_pred', 'custrecord_o2c_pp_key')].map(([k, v]) => [
					k,
					figuresOnly(v),
				]),
			);
		const plain = emulatorFor(ds, AS_OF);
		expect(plain.runMapReduce(METRICS_SCRIPT).status).toBe('COMPLETE');
		const first = plain.runMapReduce(FORECAST_SCRIPT);
		expect(first.status).toBe('COMPLETE');
		expect(first.reduce?.length).toBe(2);
		const expected = predictions(plain);
		expect(expected.size).toBe(371);

		const emu = emulatorFor(ds, AS_OF);
		expect(emu.runMapReduce(METRICS_SCRIPT).status).toBe('COMPLETE');
		const r = emu.runMapReduce(FORECAST_SCRIPT, undefined, {
			interrupt: { stage: 'reduce', afterInvocations: 0, beforeCall: 'Record.save', occurrence: 50 },
		});
		expect([r.status, r.restarted]).toEqual(['COMPLETE', 'reduce']);
		expect([...emu.store.all('customrecord_o2c_pay_pred')]).toHaveLength(371);
		expect(predictions(emu)).toEqual(expected);
	});
});
