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
import type { ReportGovernance } from './report';
import { optionalOption, parseArgs } from './args';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CACHE = path.join(ROOT, '.local-cache');

interface Measure {
	size: DatasetSize;
	invoices: number;
	customers: number;
	seconds: number;
	governance: ReportGovernance[];
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
	fs.rmSync(out, { recursive: true, force: true });
	return {
		size,
		invoices: result.dataset.transactions.filter((t) => t.type === 'CustInvc').length,
		customers: result.dataset.customers.length,
		seconds,
		governance: result.report.governance,
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
