/**
 * `npm run bench`: the nightly pipeline on generated accounts of growing size, measured, never
 * asserted. For each size, two nights on one account: the **first run** (nothing stored yet: the
 * 90-day backfill) and the **steady-state night** (the next day). Per script and stage: units
 * against the limit, search pages, records written, executions, wall time; per size: peak memory.
 * Two ratios on the same data: against the floor (local/bench/floor.ts, computed from the dataset)
 * and against a naive baseline (local/bench/naive.ts, run through the same emulator). Then the pure
 * domain core on one million open invoices against a read-only pass (local/bench/core.ts).
 * Writes out/bench/results.json and prints the tables (the README carries them).
 *
 *   node build/local/local/bench.js [--sizes S,M,L | --sizes none] [--no-core] [--heap-mb 8192]
 *   node build/local/local/bench.js --readme out/bench/results.json   (the README's tables again)
 *
 * Each size runs in two processes, one after the other (heap: childHeapMb): the naive baselines on their own
 * emulated account first (`--one <size> --part naive`), then the pipeline's two nights, the dashboard and the
 * RESTlet (`--one <size> --naive <file>`), so a size's peak memory is one emulated account's, never the
 * pipeline's and the baselines' records together. Datasets are generated into .local-cache/ once and reused
 * while the generator is unchanged.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { GENERATOR_TOOL, writeGeneratedDataset, DEFAULT_AS_OF, type DatasetSize } from './data/generate';
import { runWithCollections } from './run';
import { Emulator } from './emulator';
import { accountInfo, buildStore } from './emulator/account';
import { loadDataset } from './data/load';
import { loadSdfProject } from './sdf/objects';
import type { GovernanceEntry, HostScriptRun, MapReduceRunResult, ScheduledRunResult } from './emulator';
import type { ReportGovernance } from './report';
import { optionalOption, parseArgs } from './args';
import { portletColumns } from './dashboard/portletPages';
import { COLUMN_PARAM } from './sdf/publishedDashboard';
import {
	dayFacts,
	FLOOR_SCRIPTS,
	investigatedCustomers,
	nightFloors,
	type AlertNight,
	type Floor,
} from './bench/floor';
import { declareNaiveRecord, runNaiveNight, type NaiveJob } from './bench/naive';
import { floorRatio, limitShare, naiveRatio, scriptTotals, stageStats, type StageStats } from './bench/stages';
import { timeCore, type CoreTiming } from './bench/core';
import { readmeTables, type ReadmeResults } from './bench/readme';
import { CHILD_HEAP_GROWING_PERCENT, childHeapMb } from './bench/heap';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CACHE = path.join(ROOT, '.local-cache');
const RESULTS = path.join(ROOT, 'out', 'bench', 'results.json');

/** Which naive job stands for which script. */
const NAIVE_OF: Record<keyof typeof FLOOR_SCRIPTS, NaiveJob> = {
	customscript_o2c_ar_snapshot_ss: 'snapshot',
	customscript_o2c_cust_metrics_mr: 'customer metrics',
	customscript_o2c_forecast_mr: 'forecast',
	customscript_o2c_dso_alert_mr: 'DSO alert',
};

interface ScriptFigures {
	script: string;
	units: number;
	pages: number;
	records: number;
	executions: number;
	wallMs: number;
	floor?: Floor;
	/** units / floor units */
	vsFloor?: number;
	naive?: { units: number; pages: number; records: number; wallMs: number };
	/** naive units / units */
	belowNaive?: number;
	/** naive wall time / wall time (host time in the emulator, the same run) */
	fasterThanNaive?: number;
	/** map/reduce: the most persisted data its job held (bytes; limit 200 MB) */
	persistedPeakBytes?: number;
}

interface NightFigures {
	night: 'first run' | 'steady state';
	day: string;
	stages: StageStats[];
	scripts: ScriptFigures[];
	pipeline: { units: number; floor: number; naive: number; vsFloor: number; belowNaive: number };
	/** the stage whose busiest execution or invocation used the largest share of its limit */
	busiest: { script: string; stage?: string; share: number };
}

/** What one of a size's processes cost the machine: wall time, CPU time (user + system), peak resident memory. */
interface ProcessFigures {
	seconds: number;
	cpuSeconds: number;
	peakRssBytes: number;
}

interface SizeFigures {
	size: DatasetSize;
	subsidiaries: number;
	customers: number;
	invoices: number;
	transactions: number;
	/** the whole local run: both processes, one after the other (both nights, the naive baselines, the dashboard requests) */
	seconds: number;
	/** the larger of the two processes' peak memory (they never run at the same time) */
	peakRssBytes: number;
	/** each process on its own: the pipeline's nights with the dashboard and RESTlet, and the naive baselines */
	processes: { pipeline: ProcessFigures; naive: ProcessFigures };
	nights: NightFigures[];
	dashboard: DashboardFigures;
}

/** The naive baselines' two nights, measured in their own process (measureNaive). */
interface NaiveFigures {
	first: Record<NaiveJob, HostScriptRun>;
	steady: Record<NaiveJob, HostScriptRun>;
	process: ProcessFigures;
}

/** The process's memory as a progress line's tail: where a size's peak comes from. */
function memoryNow(): string {
	const m = process.memoryUsage();
	return ` [rss ${(m.rss / 2 ** 30).toFixed(2)} GB, heap ${(m.heapUsed / 2 ** 30).toFixed(2)} GB]`;
}

function processFigures(startedNs: bigint, cpu: NodeJS.CpuUsage): ProcessFigures {
	const used = process.cpuUsage(cpu);
	return {
		seconds: Number(process.hrtime.bigint() - startedNs) / 1e9,
		cpuSeconds: (used.user + used.system) / 1e6,
		peakRssBytes: process.resourceUsage().maxRSS * 1024,
	};
}

interface DashboardFigures {
	portlets: Record<string, { miss: number; hit: number }>;
	drilldownFirstPage: number;
	csv: { units: number; rows: number };
	workbooks: Record<string, number>;
	/** the collections RESTlet, one request each (limit 5,000 a request) */
	restlet?: RestletFigures;
}
const DRILLDOWN = 'customscript_o2c_drilldown_sl';
const RESTLET = 'customscript_o2c_collections_rl';
const RESTLET_DEPLOYMENT = 'customdeploy_o2c_collections_rl';

/** Units of one RESTlet request, the limit, and what it answered (HTTP code, rows listed). */
interface RestletCall {
	units: number;
	limit: number;
	code: number;
	rows?: number;
}
interface RestletFigures {
	/** GET, default page (50 rows), and the largest page (page_size=200) */
	worklistPage: RestletCall;
	worklistLargestPage: RestletCall;
	/** GET customer_id= the worklist's first customer (the one the caller opens next) */
	customerDetail: RestletCall;
	/** GET customer_id= the customer with the most invoices (the largest detail) */
	largestCustomerDetail: RestletCall & { customer: number; invoices: number };
	/** POST one promise to pay (on the first customer's oldest open item) and one contact attempt */
	postPromise: RestletCall;
	postContactAttempt: RestletCall;
}

type Json = Record<string, unknown>;

function restletUnits(
	emu: Emulator,
	ds: { transactions: readonly { type: string; entity: number }[] },
	day: string,
): RestletFigures {
	const call = (method: 'GET' | 'POST', body: Json | Record<string, string>): { r: RestletCall; json: Json } => {
		const before = emu.governanceLog.length;
		const res = emu.callRestlet(RESTLET, RESTLET_DEPLOYMENT, method, body);
		const rows = emu.governanceLog.slice(before).filter((g) => g.script === RESTLET);
		const json = JSON.parse(res.body) as Json;
		const listed = Array.isArray(json.rows)
			? json.rows.length
			: Array.isArray(json.open_items)
				? json.open_items.length
				: undefined;
		return {
			r: {
				units: rows.reduce((n, g) => n + g.unitsUsed, 0),
				limit: rows[0]?.unitsLimit ?? Number.NaN,
				code: res.code,
				...(listed !== undefined ? { rows: listed } : {}),
			},
			json,
		};
	};
	const page = call('GET', {});
	const largest = call('GET', { page_size: '200' });
	const first = (page.json.rows as Json[] | undefined)?.[0];
	const firstId = typeof first?.customer_id === 'number' ? first.customer_id : Number.NaN;
	const detail = call('GET', { customer_id: String(firstId) });
	const invoicesOf = new Map<number, number>();
	for (const t of ds.transactions)
		if (t.type === 'CustInvc') invoicesOf.set(t.entity, (invoicesOf.get(t.entity) ?? 0) + 1);
	const [biggest, count] = [...invoicesOf].reduce((a, b) => (b[1] > a[1] ? b : a), [Number.NaN, 0]);
	const big = call('GET', { customer_id: String(biggest) });
	const item = (detail.json.open_items as Json[] | undefined)?.[0];
	const promisedDate = new Date(Date.parse(`${day}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
	const promise = call('POST', {
		type: 'promise',
		external_id: 'bench-promise-1',
		customer_id: firstId,
		amount: item?.open_amount,
		currency: item?.currency,
		promised_date: promisedDate,
		invoice_ids: [item?.invoice_id],
	});
	const attempt = call('POST', {
		type: 'contact_attempt',
		external_id: 'bench-contact-1',
		customer_id: firstId,
		outcome: 'no_answer',
	});
	for (const [what, c] of [
		['worklist page', page],
		['worklist page_size=200', largest],
		['customer detail', detail],
		['largest customer detail', big],
		['POST promise', promise],
		['POST contact attempt', attempt],
	] as const)
		if (c.r.code !== 200)
			throw new Error(
				`bench: RESTlet ${what} answered ${String(c.r.code)}: ${JSON.stringify(c.json).slice(0, 300)}`,
			);
	return {
		worklistPage: page.r,
		worklistLargestPage: largest.r,
		customerDetail: detail.r,
		largestCustomerDetail: { ...big.r, customer: biggest, invoices: count },
		postPromise: promise.r,
		postContactAttempt: attempt.r,
	};
}

function dashboardUnits(emu: Emulator, governance: readonly ReportGovernance[]): DashboardFigures {
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
		portlets: Object.fromEntries(portlets),
		drilldownFirstPage: first.unitsUsed,
		csv: { units: csv.unitsUsed, rows: Math.max(0, csv.body.split('\r\n').length - 2) },
		workbooks: Object.fromEntries(workbooks),
	};
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

function nextDay(iso: string): string {
	return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function hostFigures(r: HostScriptRun): { units: number; pages: number; records: number; wallMs: number } {
	const calls = (re: RegExp): number =>
		Object.entries(r.calls).reduce((n, [api, c]) => (re.test(api) ? n + c.calls : n), 0);
	return {
		units: r.unitsUsed,
		pages: calls(/^(PagedData\.fetch|ResultSet\.getRange|ResultSet\.each)$/),
		records: calls(/^(Record\.save|record\.submitFields|record\.delete)\./),
		wallMs: r.wallMs,
	};
}

function nightFigures(
	kind: NightFigures['night'],
	day: string,
	governance: readonly GovernanceEntry[],
	runs: readonly (ScheduledRunResult | MapReduceRunResult)[],
	floors: Record<string, Floor>,
	naive: Record<NaiveJob, HostScriptRun>,
): NightFigures {
	// the nightly jobs (scheduled and map/reduce scripts); the dashboard requests are reported apart
	const stages = stageStats(governance.filter((g) => g.night === day && /_(ss|mr)$/.test(g.script)));
	const persisted = new Map<string, number>();
	for (const r of mapReduceRuns(runs))
		persisted.set(r.scriptId, Math.max(persisted.get(r.scriptId) ?? 0, r.persistedPeakBytes));
	const scripts: ScriptFigures[] = scriptTotals(stages).map((t) => {
		const f: ScriptFigures = { ...t };
		const floor = floors[t.script];
		if (floor) {
			f.floor = floor;
			f.vsFloor = floorRatio(t.units, floor);
		}
		const job = NAIVE_OF[t.script as keyof typeof NAIVE_OF] as NaiveJob | undefined;
		if (job) {
			f.naive = hostFigures(naive[job]);
			f.belowNaive = naiveRatio(f.naive.units, t.units);
			f.fasterThanNaive = naiveRatio(f.naive.wallMs, t.wallMs);
		}
		const p = persisted.get(t.script);
		if (p !== undefined) f.persistedPeakBytes = p;
		return f;
	});
	const units = scripts.reduce((n, s) => n + s.units, 0);
	const floor = scripts.reduce((n, s) => n + (s.floor?.units ?? 0), 0);
	const naiveUnits = Object.values(naive).reduce((n, r) => n + r.unitsUsed, 0);
	const top = stages.reduce<StageStats | undefined>(
		(a, b) => (a === undefined || limitShare(b) > limitShare(a) ? b : a),
		undefined,
	);
	return {
		night: kind,
		day,
		stages,
		scripts,
		pipeline: { units, floor, naive: naiveUnits, vsFloor: units / floor, belowNaive: naiveUnits / units },
		busiest: {
			script: top?.script ?? '-',
			...(top?.stage !== undefined ? { stage: top.stage } : {}),
			share: top ? limitShare(top) : 0,
		},
	};
}

/**
 * The naive baselines on their own emulated account, built from the same dataset: the first run on
 * the account as it stands on the first day, then the account moves to the next day (the baselines'
 * records carry over, as the pipeline's do) and the steady night. The baselines read only the
 * dataset's records and write only their bench-only record type, so the pipeline's nights on
 * another account change none of their figures (and theirs none of the pipeline's).
 */
function measureNaive(size: DatasetSize): NaiveFigures {
	const started = process.hrtime.bigint();
	const cpu = process.cpuUsage();
	const first = DEFAULT_AS_OF;
	const second = nextDay(first);
	const say = (line: string): void => {
		process.stderr.write(`  ${size}: ${line}${memoryNow()}\n`);
	};
	say('naive baselines: loading the dataset ...');
	const ds = loadDataset(dataset(size));
	const project = loadSdfProject(path.join(ROOT, 'src'));
	const emu = new Emulator({
		projectRoot: ROOT,
		project,
		store: buildStore(ds, first, project),
		dataset: ds,
		account: accountInfo(ds, first),
	});
	try {
		declareNaiveRecord(emu);
		say('naive baseline, first run ...');
		const firstRun = runNaiveNight(emu, first, true);
		emu.advanceDay();
		say('naive baseline, steady state ...');
		const steady = runNaiveNight(emu, second, false);
		return { first: firstRun, steady, process: processFigures(started, cpu) };
	} finally {
		emu.close();
	}
}

async function measure(size: DatasetSize, naive: NaiveFigures): Promise<SizeFigures> {
	const file = dataset(size);
	const out = fs.mkdtempSync(path.join(os.tmpdir(), `o2c-bench-${size}-`));
	const first = DEFAULT_AS_OF;
	const second = nextDay(first);
	const started = process.hrtime.bigint();
	const cpu = process.cpuUsage();
	// the push delivers to the run's own local receiver (a child process), as `npm run local` does
	const result = await runWithCollections({
		projectRoot: ROOT,
		data: file,
		asOf: first,
		through: second,
		out: path.join(out, 'run'),
		progress: (line) => process.stderr.write(`  ${size}: ${line}${memoryNow()}\n`),
	});
	const emu = result.emulator;
	const dashboard = dashboardUnits(emu, result.report.governance);
	dashboard.restlet = restletUnits(emu, result.dataset, second);
	const pipeline = processFigures(started, cpu);
	emu.close();
	fs.rmSync(out, { recursive: true, force: true });
	const ds = result.dataset;
	const factsFirst = dayFacts(ds, first);
	const factsSecond = dayFacts(ds, second);
	const alertEmails = (day: string): number =>
		result.nights
			.filter((n) => n.night === day)
			.flatMap((n) => n.emails)
			.filter((e) => e.script === 'customscript_o2c_dso_alert_mr').length;
	// the subsidiaries whose rule fired that night (the evaluation records say), and their customers
	const alertNight = (day: string): AlertNight => ({
		emails: alertEmails(day),
		investigated: [...emu.store.all('customrecord_o2c_alert_eval')]
			.filter(
				(r) =>
					r.values.custrecord_o2c_ae_fired === true &&
					String(r.values.custrecord_o2c_ae_key).endsWith(`:${day}`),
			)
			.map((r) => investigatedCustomers(ds, day, Number(r.values.custrecord_o2c_ae_subsidiary))),
	});
	const runsOf = (day: string): (ScheduledRunResult | MapReduceRunResult)[] =>
		result.nights.filter((n) => n.night === day).flatMap((n) => n.runs);
	const governance = emu.governanceLog;
	pipeline.peakRssBytes = process.resourceUsage().maxRSS * 1024; // the floors' facts included
	return {
		size,
		subsidiaries: ds.subsidiaries.length,
		customers: ds.customers.length,
		invoices: ds.transactions.filter((t) => t.type === 'CustInvc').length,
		transactions: ds.transactions.length,
		seconds: pipeline.seconds + naive.process.seconds,
		peakRssBytes: Math.max(pipeline.peakRssBytes, naive.process.peakRssBytes),
		processes: { pipeline, naive: naive.process },
		nights: [
			nightFigures(
				'first run',
				first,
				governance,
				runsOf(first),
				nightFloors({ day: factsFirst, previous: null }, alertNight(first)),
				naive.first,
			),
			nightFigures(
				'steady state',
				second,
				governance,
				runsOf(second),
				nightFloors({ day: factsSecond, previous: factsFirst }, alertNight(second)),
				naive.steady,
			),
		],
		dashboard,
	};
}

/* ------------------------------------------------------------------ output */

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const ratio = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '-' : `${x.toFixed(2)}x`);
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const short = (script: string): string => script.replace(/^customscript_o2c_/, '');

function table(head: string[], rows: string[][]): string {
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (r: string[]): string =>
		`  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}`;
	return [line(head), ...rows.map(line)].join('\n');
}

function printSize(s: SizeFigures): void {
	console.log(
		`\n== ${s.size}: ${int(s.subsidiaries)} subsidiaries, ${int(s.customers)} customers, ${int(s.invoices)} invoices ` +
			`(${int(s.transactions)} transactions); run ${s.seconds.toFixed(1)} s, peak RSS ${(s.peakRssBytes / 2 ** 30).toFixed(2)} GB`,
	);
	const proc = (name: string, p: ProcessFigures): string =>
		`${name} ${p.seconds.toFixed(1)} s wall, ${p.cpuSeconds.toFixed(1)} s CPU, peak RSS ${(p.peakRssBytes / 2 ** 30).toFixed(2)} GB`;
	console.log(
		`  processes: ${proc('pipeline', s.processes.pipeline)}; ${proc('naive baselines', s.processes.naive)}`,
	);
	for (const n of s.nights) {
		console.log(`\n${s.size}, ${n.night} (night of ${n.day}): per stage, the most one execution/invocation used`);
		console.log(
			table(
				[
					'script [stage]',
					'max units',
					'of limit',
					'all units',
					'execs',
					'pages',
					'records',
					'wall',
					'slowest',
				],
				n.stages.map((g) => [
					`${short(g.script)}${g.stage ? ` [${g.stage}]` : ''}`,
					int(g.maxUnits),
					`${pct(limitShare(g))} of ${int(g.limit)}`,
					int(g.units),
					int(g.executions),
					int(g.pages),
					int(g.records),
					secs(g.wallMs),
					secs(g.maxExecutionMs),
				]),
			),
		);
		console.log(`\n${s.size}, ${n.night}: per script against the floor and the naive baseline`);
		console.log(
			table(
				[
					'script',
					'units',
					'floor',
					'vs floor',
					'naive',
					'below naive',
					'wall',
					'naive wall',
					'faster',
					'execs (floor)',
					'persisted',
				],
				n.scripts.map((f) => [
					short(f.script),
					int(f.units),
					f.floor ? int(f.floor.units) : '-',
					ratio(f.vsFloor),
					f.naive ? int(f.naive.units) : '-',
					ratio(f.belowNaive),
					secs(f.wallMs),
					f.naive ? secs(f.naive.wallMs) : '-',
					ratio(f.fasterThanNaive),
					`${int(f.executions)} (${f.floor ? int(f.floor.executions) : '-'})`,
					f.persistedPeakBytes !== undefined ? `${(f.persistedPeakBytes / 1e6).toFixed(2)} MB` : '-',
				]),
			),
		);
		console.log(
			`  pipeline: ${int(n.pipeline.units)} units, floor ${int(n.pipeline.floor)} (${ratio(n.pipeline.vsFloor)}), ` +
				`naive ${int(n.pipeline.naive)} (${ratio(n.pipeline.belowNaive)} below); busiest: ` +
				`${short(n.busiest.script)}${n.busiest.stage ? ` [${n.busiest.stage}]` : ''} at ${pct(n.busiest.share)} of its limit`,
		);
		const top = n.stages
			.flatMap((g) =>
				Object.entries(g.calls).map(([api, c]) => ({
					where: `${short(g.script)}${g.stage ? ` [${g.stage}]` : ''}`,
					api,
					...c,
				})),
			)
			.sort((a, b) => b.units - a.units)
			.slice(0, 6);
		console.log(
			`  where the units went: ${top.map((c) => `${c.where} ${c.api} ${int(c.calls)} calls ${int(c.units)} u`).join('; ')}`,
		);
	}
}

function printDashboard(all: SizeFigures[]): void {
	console.log("\nDashboard: units per request (a portlet's limit is 1,000, a Suitelet's 1,000)");
	const first = all[0];
	if (!first) return;
	const rows: string[][] = [];
	for (const id of Object.keys(first.dashboard.portlets))
		rows.push([
			`${short(id)} render (built / cached)`,
			...all.map((r) => {
				const u = r.dashboard.portlets[id];
				return u ? `${int(u.miss)} / ${int(u.hit)}` : '-';
			}),
		]);
	rows.push(['drill-down, first page', ...all.map((r) => int(r.dashboard.drilldownFirstPage))]);
	rows.push([
		'drill-down, CSV of every open invoice',
		...all.map((r) => `${int(r.dashboard.csv.units)} (${int(r.dashboard.csv.rows)} rows)`),
	]);
	for (const id of Object.keys(first.dashboard.workbooks))
		rows.push([`${short(id)} build`, ...all.map((r) => int(r.dashboard.workbooks[id] ?? Number.NaN))]);
	console.log(table(['request', ...all.map((r) => r.size)], rows));
	console.log('\nCollections RESTlet: units per request (limit 5,000), after the steady night');
	const calls: [keyof RestletFigures, string][] = [
		['worklistPage', 'GET worklist, first page'],
		['worklistLargestPage', 'GET worklist, page_size=200'],
		['customerDetail', "GET detail, worklist's first customer"],
		['largestCustomerDetail', 'GET detail, customer with most invoices'],
		['postPromise', 'POST promise'],
		['postContactAttempt', 'POST contact attempt'],
	];
	console.log(
		table(
			['request', ...all.map((r) => r.size)],
			calls.map(([key, label]) => [
				label,
				...all.map((r) => {
					const c = r.dashboard.restlet?.[key];
					return c
						? `${int(c.units)} (${pct(c.units / c.limit)})${c.rows !== undefined ? ` ${int(c.rows)} rows` : ''}`
						: '-';
				}),
			]),
		),
	);
}

function printGrowth(all: SizeFigures[]): void {
	const base = all[0];
	if (!base || all.length < 2) return;
	console.log('\nCost growth (against the first size; steady-state night units, first-run units, run time)');
	const units = (s: SizeFigures, i: number): number => s.nights[i]?.pipeline.units ?? Number.NaN;
	console.log(
		table(
			['size', 'subsidiaries', 'customers', 'invoices', 'steady units', 'first-run units', 'run time'],
			all.map((s) => [
				s.size,
				`x${(s.subsidiaries / base.subsidiaries).toFixed(1)}`,
				`x${(s.customers / base.customers).toFixed(1)}`,
				`x${(s.invoices / base.invoices).toFixed(1)}`,
				`x${(units(s, 1) / units(base, 1)).toFixed(1)}`,
				`x${(units(s, 0) / units(base, 0)).toFixed(1)}`,
				`x${(s.seconds / base.seconds).toFixed(1)}`,
			]),
		),
	);
}

/** The machine and how busy it was (a shared machine: times are only comparable within one run). */
function machine(loadBefore: number[]): ReadmeResults['machine'] & {
	platform: string;
	loadAverage: { before: number[]; after: number[] };
} {
	return {
		cores: os.cpus().length,
		cpu: os.cpus()[0]?.model ?? 'unknown',
		memoryBytes: os.totalmem(),
		node: process.version,
		platform: `${os.platform()} ${os.release()}`,
		loadAverage: { before: loadBefore, after: os.loadavg() },
	};
}

/** One of a size's processes (`--one <size> ...`), its heap capped at heapMb; returns the JSON it wrote. */
function runChild(size: DatasetSize, heapMb: number, what: string, extra: string[]): unknown {
	const tmp = path.join(os.tmpdir(), `o2c-bench-${size}-${what}-${String(process.pid)}.json`);
	const execArgv = process.execArgv.filter(
		(a) => !a.startsWith('--max-old-space-size') && !a.startsWith('--heap-growing-percent'),
	);
	const args = [
		`--max-old-space-size=${String(heapMb)}`,
		`--heap-growing-percent=${String(CHILD_HEAP_GROWING_PERCENT)}`,
		...execArgv,
		__filename,
		'--one',
		size,
		...extra,
		'--json',
		tmp,
	];
	const r = spawnSync(process.execPath, args, {
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (r.status !== 0) throw new Error(`bench: size ${size}, ${what}, failed (exit ${String(r.status ?? r.signal)})`);
	const figures: unknown = JSON.parse(fs.readFileSync(tmp, 'utf8'));
	fs.rmSync(tmp, { force: true });
	return figures;
}

/** A size: the naive baselines' process, then the pipeline's (which reads the baselines' figures). */
function runSize(size: DatasetSize, heapMb: number): SizeFigures {
	const naiveFile = path.join(os.tmpdir(), `o2c-bench-${size}-naive-figures-${String(process.pid)}.json`);
	const naive = runChild(size, heapMb, 'naive', ['--part', 'naive']) as NaiveFigures;
	fs.writeFileSync(naiveFile, JSON.stringify(naive));
	try {
		return runChild(size, heapMb, 'pipeline', ['--naive', naiveFile]) as SizeFigures;
	} finally {
		fs.rmSync(naiveFile, { force: true });
	}
}

function main(): void {
	const args = parseArgs(process.argv.slice(2), ['no-core']);
	const readme = optionalOption(args, 'readme');
	if (readme !== undefined) {
		// the README's tables again from a results file, without rerunning
		console.log(readmeTables(JSON.parse(fs.readFileSync(readme, 'utf8')) as ReadmeResults));
		return;
	}
	const one = optionalOption(args, 'one');
	if (one !== undefined) {
		const json = optionalOption(args, 'json');
		if (json === undefined) throw new Error('--one needs --json <file>');
		const size = one as DatasetSize;
		if (optionalOption(args, 'part') === 'naive') {
			fs.writeFileSync(json, JSON.stringify(measureNaive(size)));
			return;
		}
		const naiveFile = optionalOption(args, 'naive');
		if (naiveFile === undefined) throw new Error('--one needs --part naive, or --naive <file> (its figures)');
		const naive = JSON.parse(fs.readFileSync(naiveFile, 'utf8')) as NaiveFigures;
		void measure(size, naive).then(
			(figures) => {
				fs.writeFileSync(json, JSON.stringify(figures));
			},
			(e: unknown) => {
				process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
				process.exitCode = 1;
			},
		);
		return;
	}
	// --sizes none: only the domain core timing
	const sizes = (optionalOption(args, 'sizes') ?? 'S,M')
		.split(',')
		.map((s) => s.trim().toUpperCase())
		.filter((s) => s !== 'NONE') as DatasetSize[];
	const loadBefore = os.loadavg();
	const all: SizeFigures[] = [];
	const write = (core: CoreTiming | null): ReadmeResults => {
		const results: ReadmeResults = {
			generatedAt: new Date().toISOString(),
			machine: machine(loadBefore),
			sizes: all,
			core,
		};
		fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
		fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
		return results;
	};
	const heapMb = childHeapMb(os.totalmem(), optionalOption(args, 'heap-mb'));
	for (const size of sizes) {
		process.stderr.write(
			`${size}: the naive baselines, then the pipeline, each its own process, heap up to ${String(heapMb)} MB\n`,
		);
		all.push(runSize(size, heapMb));
		write(null); // after every size: a long L run stopped half-way keeps S and M
		process.stderr.write(`${size} done: ${path.relative(ROOT, RESULTS)} written\n`);
	}
	for (const s of all) printSize(s);
	printDashboard(all);
	printGrowth(all);
	let core: CoreTiming | null = null;
	if (!args.options.has('no-core')) {
		process.stderr.write('timing the domain core on 1,000,000 open invoices ...\n');
		core = timeCore();
		console.log(
			`\nDomain core on ${int(core.invoices)} open invoices (${int(core.customers)} customers): ${core.coreMs.toFixed(0)} ms CPU; ` +
				`a read-only pass over the same rows ${core.readOnlyMs.toFixed(0)} ms CPU: ${ratio(core.ratio)} (best of ${String(core.repeats)}; ` +
				`wall ${core.coreWallMs.toFixed(0)} / ${core.readOnlyWallMs.toFixed(0)} ms)`,
		);
	}
	const results = write(core);
	console.log(`\nFor the README ("Performance at scale"):\n\n${readmeTables(results)}`);
	const m = results.machine;
	console.log(
		`\nmachine: ${String(m.cores)} cores (${m.cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; ` +
			`load average ${loadBefore[0]?.toFixed(1) ?? '?'} before, ${os.loadavg()[0]?.toFixed(1) ?? '?'} after (a shared machine: times compare only within one run)`,
	);
	console.log(`wrote ${path.relative(ROOT, RESULTS)}`);
}

main();
