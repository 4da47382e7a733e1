/**
 * The README's bench tables (Markdown) from out/bench/results.json, so the README carries exactly
 * what a run measured: `node build/local/local/bench.js --readme out/bench/results.json` prints
 * them again without rerunning. Reads only the figures it shows (structural types: bench.ts
 * writes more).
 */

export interface ReadmeScript {
	script: string;
	units: number;
	executions: number;
	wallMs: number;
	floor?: { units: number; executions: number };
	vsFloor?: number;
	naive?: { units: number; wallMs: number };
	belowNaive?: number;
}

/** A stage's busiest execution or invocation (bench's StageStats, the fields shown). */
export interface ReadmeStage {
	script: string;
	stage?: string;
	maxUnits: number;
	limit: number;
	executions: number;
}

export interface ReadmeNight {
	night: string;
	day: string;
	scripts: ReadmeScript[];
	stages?: ReadmeStage[];
	pipeline: { units: number; floor: number; naive: number; vsFloor: number; belowNaive: number };
	busiest: { script: string; stage?: string; share: number };
}

export interface ReadmeSize {
	size: string;
	subsidiaries: number;
	customers: number;
	invoices: number;
	seconds: number;
	peakRssBytes: number;
	nights: ReadmeNight[];
	dashboard?: { restlet?: Partial<Record<RequestKey, ReadmeRequest>> };
}

export type RequestKey =
	| 'worklistPage'
	| 'worklistLargestPage'
	| 'customerDetail'
	| 'largestCustomerDetail'
	| 'postPromise'
	| 'postContactAttempt';

/** One RESTlet request: its units against the limit of a request, and how many rows it listed. */
export interface ReadmeRequest {
	units: number;
	limit: number;
	rows?: number;
}

export interface ReadmeResults {
	generatedAt: string;
	machine: { cores: number; cpu: string; memoryBytes: number; node: string; loadAverage?: { before: number[] } };
	sizes: ReadmeSize[];
	core: { invoices: number; coreMs: number; readOnlyMs: number; ratio: number } | null;
}

const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const times = (x: number | undefined): string =>
	x === undefined || !Number.isFinite(x) ? '-' : `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}x`;
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const short = (script: string): string => script.replace(/^customscript_o2c_/, '');
const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;

function account(s: ReadmeSize): string {
	return `${s.size} (${int(s.subsidiaries)} subs, ${int(s.customers)} customers, ${int(s.invoices)} invoices)`;
}

/** The pipeline per size and night: units against the floor and the naive baseline, the busiest stage. */
export function pipelineTable(r: ReadmeResults): string {
	const lines = [
		row(['Account', 'Night', 'Units', 'Floor', 'Units / floor', 'Naive', 'Naive / units', 'Busiest execution']),
		row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---']),
	];
	for (const s of r.sizes)
		for (const n of s.nights) {
			const stage = n.busiest.stage !== undefined ? ` [${n.busiest.stage}]` : '';
			lines.push(
				row([
					account(s),
					n.night,
					int(n.pipeline.units),
					int(n.pipeline.floor),
					times(n.pipeline.vsFloor),
					int(n.pipeline.naive),
					times(n.pipeline.belowNaive),
					`${short(n.busiest.script)}${stage}: ${pct(n.busiest.share)} of its limit`,
				]),
			);
		}
	return lines.join('\n');
}

/** One size's scripts on both nights: units, floor, naive, executions, wall time against the naive one. */
export function scriptTable(s: ReadmeSize): string {
	const lines = [
		row(['Script', 'Night', 'Units', 'Units / floor', 'Naive / units', 'Executions (floor)', 'Wall', 'Naive wall']),
		row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:']),
	];
	for (const n of s.nights)
		for (const f of n.scripts) {
			if (f.floor === undefined) continue; // the chain's starter: nothing to compare
			lines.push(
				row([
					short(f.script),
					n.night,
					int(f.units),
					times(f.vsFloor),
					times(f.belowNaive),
					`${int(f.executions)} (${int(f.floor.executions)})`,
					`${(f.wallMs / 1000).toFixed(1)} s`,
					f.naive ? `${(f.naive.wallMs / 1000).toFixed(1)} s` : '-',
				]),
			);
		}
	return lines.join('\n');
}

/**
 * The nightly scripts the bench has no floor or naive baseline for (the promise matching, the
 * collections push, the digest, the chain's starter): per stage, the busiest execution or
 * invocation against its limit, each size and night a column.
 */
export function unmodelledTable(r: ReadmeResults): string {
	const columns = r.sizes.flatMap((s) => s.nights.map((n) => ({ s, n })));
	const modelled = new Set(
		r.sizes.flatMap((s) => s.nights.flatMap((n) => n.scripts.filter((f) => f.floor).map((f) => f.script))),
	);
	const keys: string[] = [];
	for (const { n } of columns)
		for (const g of n.stages ?? []) {
			const key = `${g.script}|${g.stage ?? ''}`;
			if (!modelled.has(g.script) && !keys.includes(key)) keys.push(key);
		}
	const lines = [
		row(['Script [stage]', ...columns.map(({ s, n }) => `${s.size} ${n.night}`)]),
		row(['---', ...columns.map(() => '---:')]),
	];
	for (const key of keys) {
		const [script = '', stage = ''] = key.split('|');
		const cells = columns.map(({ n }) => {
			const g = n.stages?.find((x) => x.script === script && (x.stage ?? '') === stage);
			if (!g) return '-';
			const per = g.stage === 'map' || g.stage === 'reduce' ? 'invocation' : 'execution';
			return `${int(g.maxUnits)} of ${int(g.limit)} (${pct(g.maxUnits / g.limit)}); ${int(g.executions)} ${per}${g.executions === 1 ? '' : 's'}`;
		});
		lines.push(row([`${short(script)}${stage ? ` [${stage}]` : ''}`, ...cells]));
	}
	return lines.join('\n');
}

const REQUESTS: [RequestKey, string][] = [
	['worklistPage', 'GET worklist, first page (50 rows)'],
	['worklistLargestPage', 'GET worklist, page_size=200'],
	['customerDetail', "GET customer detail (the worklist's first customer)"],
	['largestCustomerDetail', 'GET customer detail (the customer with the most invoices)'],
	['postPromise', 'POST a promise to pay'],
	['postContactAttempt', 'POST a contact attempt'],
];

/** The collections RESTlet: units of one request against its limit, per size. */
export function restletTable(r: ReadmeResults): string {
	const sizes = r.sizes.filter((s) => s.dashboard?.restlet);
	const lines = [row(['Request', ...sizes.map((s) => s.size)]), row(['---', ...sizes.map(() => '---:')])];
	for (const [key, label] of REQUESTS)
		lines.push(
			row([
				label,
				...sizes.map((s) => {
					const q = s.dashboard?.restlet?.[key];
					if (!q) return '-';
					const listed = q.rows !== undefined ? `, ${int(q.rows)} rows` : '';
					return `${int(q.units)} of ${int(q.limit)} (${pct(q.units / q.limit)}${listed})`;
				}),
			]),
		);
	return lines.join('\n');
}

/** Run time and memory per size, and the domain core line. */
export function runTable(r: ReadmeResults): string {
	const lines = [
		row(['Account', 'Local run (both nights, baselines, dashboard)', 'Peak memory (RSS)']),
		row(['---', '---:', '---:']),
		...r.sizes.map((s) =>
			row([account(s), `${s.seconds.toFixed(0)} s`, `${(s.peakRssBytes / 2 ** 30).toFixed(2)} GB`]),
		),
	];
	return lines.join('\n');
}

export function machineLine(r: ReadmeResults): string {
	const m = r.machine;
	const load = m.loadAverage?.before[0];
	return (
		`Measured ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC on ${String(m.cores)} cores (${m.cpu}), ` +
		`${(m.memoryBytes / 2 ** 30).toFixed(0)} GB, Node ${m.node}` +
		(load !== undefined ? `, load average ${load.toFixed(1)} when it started (a shared machine)` : '')
	);
}

export function coreLine(r: ReadmeResults): string {
	const c = r.core;
	if (c === null) return 'Domain core: not timed in this run (--no-core).';
	return (
		`Domain core on ${int(c.invoices)} open invoices: ${c.coreMs.toFixed(0)} ms of CPU against ${c.readOnlyMs.toFixed(0)} ms ` +
		`for a pass that only reads the same rows: ${times(c.ratio)}.`
	);
}

/** Everything the README's "Performance at scale" shows, in order. */
export function readmeTables(r: ReadmeResults): string {
	const largest = r.sizes[r.sizes.length - 1];
	return [
		machineLine(r),
		'',
		pipelineTable(r),
		'',
		...(largest ? [`Per script on ${largest.size}:`, '', scriptTable(largest), ''] : []),
		'Scripts without a floor or naive baseline (the busiest execution or invocation against its limit; how many ran):',
		'',
		unmodelledTable(r),
		'',
		'The collections RESTlet, one request each after the steady night:',
		'',
		restletTable(r),
		'',
		runTable(r),
		'',
		coreLine(r),
	].join('\n');
}
