/**
 * `npm run bench`: the nightly pipeline on generated accounts of growing size, reported as ratios
 * (units used / NetSuite's limit, and how cost and time grow between sizes), never asserted.
 *
 *   node build/local/local/bench.js [--sizes S,M] [--keep]
 *
 * Datasets are generated into .local-cache/ once and reused while the generator is unchanged.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GENERATOR_TOOL, writeGeneratedDataset, DEFAULT_AS_OF, type DatasetSize } from './data/generate';
import { runLocal } from './run';
import type { MapReduceRunResult, ScheduledRunResult } from './emulator';
import type { ReportGovernance } from './report';
import { optionalOption, parseArgs } from './args';
import type { Emulator } from './emulator';
import { portletColumns } from './dashboard/portletPages';
import { COLUMN_PARAM } from './sdf/publishedDashboard';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CACHE = path.join(ROOT, '.local-cache');

interface Measure {
	size: DatasetSize;
	invoices: number;
	customers: number;
	seconds: number;
	governance: ReportGovernance[];
	dashboard: DashboardUnits;
	/** per map/reduce script: the most persisted data (bytes) its job held, against the 200 MB limit */
	persisted: Map<string, number>;
	/** the process's peak resident memory so far (bytes) */
	maxRss: number;
}

/** Units of each dashboard request on the account after its nightly run. */
interface DashboardUnits {
	/** portlet script → units of a render that builds its view, and of one the 15-minute cache serves */
	portlets: Map<string, { miss: number; hit: number }>;
	drilldownFirstPage: number;
	csv: { units: number; rows: number };
	workbooks: Map<string, number>;
}

const DRILLDOWN = 'customscript_o2c_drilldown_sl';

function dashboardUnits(emu: Emulator, governance: ReportGovernance[]): DashboardUnits {
	const portlets = new Map<string, { miss: number; hit: number }>();
	const columns = portletColumns(emu);
	for (const s of emu.project.scripts.values()) {
		if (s.objectType !== 'portlet') continue;
		const column = COLUMN_PARAM[columns.get(`${s.scriptid}.${s.deployments[0]?.scriptid ?? ''}`) ?? 'centercolumn'];
		// the run rendered each portlet once (a miss: the view was built); render again for a hit
		const miss = governance.find((g) => g.script === s.scriptid)?.unitsUsed ?? Number.NaN;
		portlets.set(s.scriptid, { miss, hit: emu.renderPortlet(s.scriptid, undefined, { column }).unitsUsed });
	}
	const first = emu.callSuitelet(DRILLDOWN, undefined, {});
	const csv = emu.callSuitelet(DRILLDOWN, undefined, { params: { format: 'csv' } });
	const workbooks = new Map<string, number>();
	for (const s of emu.project.scripts.values()) {
		if (s.objectType !== 'workbookbuilderplugin') continue;
		const before = emu.governanceLog.length;
		emu.buildWorkbook(s.scriptid);
		workbooks.set(
			s.scriptid,
			emu.governanceLog.slice(before).reduce((t, g) => t + g.unitsUsed, 0),
		);
	}
	return {
		portlets,
		drilldownFirstPage: first.unitsUsed,
		csv: { units: csv.unitsUsed, rows: Math.max(0, csv.body.split('\r\n').length - 2) },
		workbooks,
	};
}

/** Every map/reduce run of a night, the chain's tasks included. */
function mapReduceRuns(runs: readonly (ScheduledRunResult | MapReduceRunResult)[]): MapReduceRunResult[] {
	const out: MapReduceRunResult[] = [];
	const walk = (r: ScheduledRunResult | MapReduceRunResult): void => {
		if ('persistedPeakBytes' in r) out.push(r);
		for (const t of r.tasks) walk(t.result);
	};
	for (const r of runs) walk(r);
	return out;
}

function dataset(size: DatasetSize): string {
	const file = path.join(CACHE, `bench-${size}.json`);
	const stamp = `${file}.generator`;
	if (fs.existsSync(file) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === GENERATOR_TOOL) return file;
	fs.mkdirSync(CACHE, { recursive: true });
	process.stderr.write(`generating ${size} ...\n`);
	writeGeneratedDataset({ size, out: file });
	fs.writeFileSync(stamp, GENERATOR_TOOL);
	return file;
}

/** Per script and stage: the worst execution against its limit. */
function worst(rows: ReportGovernance[]): Map<string, ReportGovernance> {
	const out = new Map<string, ReportGovernance>();
	for (const r of rows) {
		const key = r.stage ? `${r.script} [${r.stage}]` : r.script;
		const prev = out.get(key);
		if (!prev || r.unitsUsed > prev.unitsUsed) out.set(key, r);
	}
	return out;
}

function measure(size: DatasetSize): Measure {
	const file = dataset(size);
	const out = fs.mkdtempSync(path.join(os.tmpdir(), `o2c-bench-${size}-`));
	const started = process.hrtime.bigint();
	const result = runLocal({
		projectRoot: ROOT,
		data: file,
		asOf: DEFAULT_AS_OF,
		out: path.join(out, 'run'),
		progress: (line) => process.stderr.write(`  ${size}: ${line}\n`),
	});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const dashboard = dashboardUnits(result.emulator, result.report.governance);
	result.emulator.close();
	fs.rmSync(out, { recursive: true, force: true });
	const persisted = new Map<string, number>();
	for (const r of mapReduceRuns(result.runs))
		persisted.set(r.scriptId, Math.max(persisted.get(r.scriptId) ?? 0, r.persistedPeakBytes));
	return {
		size,
		invoices: result.dataset.transactions.filter((t) => t.type === 'CustInvc').length,
		customers: result.dataset.customers.length,
		seconds,
		governance: result.report.governance,
		dashboard,
		persisted,
		maxRss: process.resourceUsage().maxRSS * 1024,
	};
}

function main(): void {
	const args = parseArgs(process.argv.slice(2));
	const sizes = (optionalOption(args, 'sizes') ?? 'S,M')
		.split(',')
		.map((s) => s.trim().toUpperCase()) as DatasetSize[];
	const results = sizes.map(measure);
	console.log('\nGovernance: the most any single execution used, as a share of its NetSuite limit');
	const keys = new Set<string>();
	for (const r of results) for (const k of worst(r.governance).keys()) keys.add(k);
	console.log(`  ${'script [stage]'.padEnd(50)}${results.map((r) => r.size.padStart(16)).join('')}`);
	for (const k of keys) {
		const cells = results.map((r) => {
			const g = worst(r.governance).get(k);
			return (g ? `${((100 * g.unitsUsed) / g.unitsLimit).toFixed(1)}% of ${g.unitsLimit}` : '-').padStart(16);
		});
		console.log(`  ${k.padEnd(50)}${cells.join('')}`);
	}
	console.log("\nDashboard: units per request (a portlet's limit is 1,000, a Suitelet's 1,000)");
	console.log(`  ${'request'.padEnd(50)}${results.map((r) => r.size.padStart(16)).join('')}`);
	const first = results[0];
	if (first) {
		for (const id of first.dashboard.portlets.keys()) {
			const cells = results.map((r) => {
				const u = r.dashboard.portlets.get(id);
				return (u ? `${String(u.miss)} / ${String(u.hit)} cached` : '-').padStart(16);
			});
			console.log(`  ${`${id} render`.padEnd(50)}${cells.join('')}`);
		}
		console.log(
			`  ${'drill-down, first page'.padEnd(50)}${results.map((r) => String(r.dashboard.drilldownFirstPage).padStart(16)).join('')}`,
		);
		console.log(
			`  ${'drill-down, CSV of every open invoice'.padEnd(50)}${results.map((r) => `${String(r.dashboard.csv.units)} (${String(r.dashboard.csv.rows)} rows)`.padStart(20)).join('')}`,
		);
		for (const id of first.dashboard.workbooks.keys()) {
			console.log(
				`  ${`${id} build`.padEnd(50)}${results.map((r) => String(r.dashboard.workbooks.get(id) ?? '-').padStart(16)).join('')}`,
			);
		}
	}
	console.log('\nMap/reduce persisted data (the most a job held at once; limit 200 MB)');
	for (const r of results) {
		const cells = [...r.persisted]
			.map(
				([script, bytes]) =>
					`${script} ${(bytes / 1e6).toFixed(2)} MB (${Math.round(bytes).toLocaleString('en-US')} bytes)`,
			)
			.join(', ');
		console.log(`  ${r.size}: ${cells}`);
	}
	console.log('\nRun time and peak memory of this process');
	for (const r of results)
		console.log(`  ${r.size}: ${r.seconds.toFixed(1)} s, peak RSS ${(r.maxRss / 2 ** 30).toFixed(1)} GB`);
	console.log('\nScale (each size against the first)');
	const base = results[0];
	if (!base) return;
	for (const r of results) {
		const units = (m: Measure): number => m.governance.reduce((s, g) => s + (g.totalUnits ?? g.unitsUsed), 0);
		console.log(
			`  ${r.size}: ${r.customers} customers (x${(r.customers / base.customers).toFixed(1)}), ${r.invoices} invoices ` +
				`(x${(r.invoices / base.invoices).toFixed(1)}); all units x${(units(r) / units(base)).toFixed(1)}; ` +
				`run time x${(r.seconds / base.seconds).toFixed(1)} (${(r.seconds / (r.invoices / 1000)).toFixed(3)} s per 1,000 invoices)`,
		);
	}
}

main();
