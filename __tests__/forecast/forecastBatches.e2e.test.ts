/**
 * The batch estimates of the per-customer jobs against what their reduces really use, on the
 * emulator over generated S (1 subsidiary, 198 customers, 371 invoices open at 2026-05-04): the
 * first night (nothing stored: every prediction and metrics record created) and the next night
 * (the same account a day later: records updated, invoices paid since deleted, new ones created).
 * Both deployments run at log level DEBUG, as an admin would set them to read each batch's units
 * (adapters/customerRun.ts logUsage); every batch must use at most what getInputData estimated,
 * the estimate must stay within its 2,000-unit budget, and the busiest reduce under half of 5,000.
 * The model on an L-shaped input with large pools: __tests__/unit/forecastBatches.unit.test.ts.
 */
import * as path from 'node:path';
import { generateDataset } from '../../local/data/generate';
import { Emulator, MapReduceRunResult } from '../../local/emulator';
import type { LogEntry } from '../../local/emulator/services';
import { accountInfo, buildStore } from '../../local/emulator/account';
import { loadSdfProject } from '../../local/sdf/objects';
import { requireBuilt } from '../snapshot/support/harness';

const ROOT = path.join(__dirname, '..', '..');
const AS_OF = '2026-05-04';
const METRICS = 'customscript_o2c_cust_metrics_mr';
const FORECAST = 'customscript_o2c_forecast_mr';

interface BatchUse {
	title: string;
	used: number;
	estimated: number;
}

/** The batches a run's reduces logged: `<job>: batch of N customers (a to b)` → used, estimated. */
function batchUses(logs: readonly LogEntry[], job: string, from: number): BatchUse[] {
	const out: BatchUse[] = [];
	for (const l of logs.slice(from)) {
		if (!l.title.startsWith(`${job}: batch of `)) continue;
		const m = /^(\d+) units used, (\d+) estimated$/.exec(l.details);
		if (m === null) throw new Error(`unexpected details ${l.details}`);
		out.push({ title: l.title, used: Number(m[1]), estimated: Number(m[2]) });
	}
	return out;
}

function reduceOf(r: MapReduceRunResult): { invocations: number; max: number } {
	const g = r.governance.find((x) => x.stage === 'reduce');
	return { invocations: g?.invocations ?? 0, max: g?.maxInvocationUnits ?? 0 };
}

describe('batch estimates against the units used (generated S, DEBUG logs)', () => {
	requireBuilt();
	const ds = generateDataset({ size: 'S' });
	const project = loadSdfProject(path.join(ROOT, 'src'));
	for (const id of [METRICS, FORECAST]) {
		const script = project.scripts.get(id);
		if (script === undefined) throw new Error(`${id} is not in the project`);
		for (const d of script.deployments) d.loglevel = 'DEBUG';
	}
	const emu = new Emulator({
		projectRoot: ROOT,
		project,
		dataset: ds,
		store: buildStore(ds, AS_OF, project),
		account: accountInfo(ds, AS_OF),
	});
	afterAll(() => {
		emu.close();
	});

	const night = (): Record<'metrics' | 'forecast', { run: MapReduceRunResult; uses: BatchUse[] }> => {
		const from = emu.logs.length;
		const metrics = emu.runMapReduce(METRICS);
		const forecast = emu.runMapReduce(FORECAST);
		return {
			metrics: { run: metrics, uses: batchUses(emu.logs, 'Customer metrics', from) },
			forecast: { run: forecast, uses: batchUses(emu.logs, 'Forecast', from) },
		};
	};
	const first = night();
	emu.advanceDay();
	const next = night();

	it.each([
		['first night', 'forecast', first.forecast],
		['first night', 'customer metrics', first.metrics],
		['next night', 'forecast', next.forecast],
		['next night', 'customer metrics', next.metrics],
	] as const)(
		'%s, %s: every batch within its estimate, every estimate within 2,000',
		(_night, _job, { run, uses }) => {
			expect(run.status).toBe('COMPLETE');
			const reduce = reduceOf(run);
			// one log line per batch, and the busiest is the one the platform metered
			expect(uses).toHaveLength(reduce.invocations);
			expect(Math.max(...uses.map((u) => u.used))).toBe(reduce.max);
			for (const u of uses) {
				expect(u.used).toBeLessThanOrEqual(u.estimated);
				expect(u.estimated).toBeLessThanOrEqual(2000);
			}
			expect(reduce.max).toBeLessThan(2500);
			expect(uses.some((u) => u.title.endsWith('used more units than estimated'))).toBe(false);
		},
	);

	it('the first forecast night creates 371 predictions at 6 units: two batches, the first one full', () => {
		const uses = first.forecast.uses;
		expect(uses).toHaveLength(2);
		// the first batch holds as many customers as 2,000 units allow; 371 × 6 = 2,226 units of writes
		expect(uses.reduce((n, u) => n + u.used, 0)).toBeGreaterThan(2226);
		const plan = emu.logs.find((l) => l.title === 'Forecast: 2 batches of customers');
		expect(plan?.details).toMatch(/^Largest estimate \d+ units \(budget 2000 of a reduce's 5,000\): \d+ customers/);
	});

	it('the next night updates instead of creating: one forecast batch', () => {
		// 2 units an update instead of 6 a create: the whole of S fits one batch's 2,000 units
		expect(next.forecast.uses).toHaveLength(1);
		expect(next.forecast.uses[0]?.used).toBeLessThan(first.forecast.uses.reduce((n, u) => n + u.used, 0));
	});
});
