/**
 * Benchmark, not part of `npm test` (about 3 minutes on 2 cores): the generated M dataset (5
 * subsidiaries, 5,000 customers, ~550,000 transactions) through the nightly snapshot (first run:
 * 90-day backfill; second run: the nightly day only) and the customer metrics map/reduce,
 * compared with the oracle at the as-of date, with wall time and governance per script.
 *
 *   npx tsc -p tsconfig.build.json && npx jest --testMatch '**\/*.bench.ts' __tests__/snapshot/bench
 */
import { generateDataset } from '../../../local/data/generate';
import { oracleReport } from '../../support/oracle';
import {
	customerDiffs,
	emulatorFor,
	METRICS_SCRIPT,
	recordsBy,
	SNAPSHOT_SCRIPT,
	subsidiaryDiffs,
} from '../support/harness';

const AS_OF = '2026-05-04';

it('M: nightly snapshot and customer metrics within governance, equal to the oracle', () => {
	const lines: string[] = [];
	const time = <T>(label: string, f: () => T): T => {
		const t = Date.now();
		const out = f();
		lines.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
		return out;
	};
	const ds = time('generate M', () => generateDataset({ size: 'M' }));
	lines.push(
		`M: ${ds.subsidiaries.length} subsidiaries, ${ds.customers.length} customers, ${ds.transactions.length} transactions`,
	);
	const emu = time('build the account', () => emulatorFor(ds, AS_OF));
	const first = time('snapshot, first run (90-day backfill)', () => emu.runScheduled(SNAPSHOT_SCRIPT));
	expect(first.status).toBe('COMPLETE');
	lines.push(`  units ${first.unitsUsed} of ${first.unitsLimit}, rescheduled executions ${first.tasks.length}`);
	const nightly = time('snapshot, next run (the day only)', () => emu.runScheduled(SNAPSHOT_SCRIPT));
	expect(nightly.status).toBe('COMPLETE');
	lines.push(`  units ${nightly.unitsUsed} of ${nightly.unitsLimit}`);
	const mr = time('customer metrics map/reduce', () => emu.runMapReduce(METRICS_SCRIPT));
	expect(mr.status).toBe('COMPLETE');
	for (const g of mr.governance)
		lines.push(
			`  ${g.stage}: ${g.unitsUsed} units${g.invocations ? ` over ${g.invocations} invocations, max ${g.maxInvocationUnits} of ${g.unitsLimit}` : ` of ${g.unitsLimit}`}`,
		);
	const o = time('oracle', () => oracleReport(ds, AS_OF));
	const snaps = recordsBy(emu, 'customrecord_o2c_sub_snapshot', 'custrecord_o2c_ss_key');
	expect(o.subsidiaries.flatMap((s) => subsidiaryDiffs(snaps.get(`${s.id}:${AS_OF}`), s))).toEqual([]);
	expect(
		customerDiffs(recordsBy(emu, 'customrecord_o2c_cust_metrics', 'custrecord_o2c_cm_key'), o.customers, AS_OF),
	).toEqual([]);
	expect(first.unitsUsed).toBeLessThan(5000);
	expect(nightly.unitsUsed).toBeLessThan(1000);
	console.log(lines.join('\n'));
}, 900000);
