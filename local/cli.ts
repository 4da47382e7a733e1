/**
 * The local CLI (never deployed):
 *   npm start                                             build, sample account, nightly run, summary
 *   npm run local -- run --data <file> --as-of <date> --out <dir>
 *   npm run local -- generate --size S|M|L --out <file> [--seed N] [--as-of <date>]
 *   npm run local -- import-csv <file> --out <file>
 *   npm run local -- validate <file>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allowOnly, optionalOption, parseArgs, requireOption, UsageError } from './args';
import { DatasetError, loadDataset, writeDataset } from './data/load';
import { DEFAULT_AS_OF, GENERATOR_TOOL, writeGeneratedDataset, type DatasetSize } from './data/generate';
import { CsvImportError, importCsv } from './data/importCsv';
import { RunError, runLocal, type RunResult } from './run';
import { formatSummary } from './summary';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const USAGE = `Usage:
  npm start
      build, generate (or reuse) the sample account, run the nightly pipeline, print a summary, write out/
  npm run local -- run --data <dataset.json> --as-of <YYYY-MM-DD> --out <dir>
  npm run local -- generate --size S|M|L --out <file> [--seed <n>] [--as-of <YYYY-MM-DD>]
  npm run local -- import-csv <file.csv> --out <dataset.json>
  npm run local -- validate <dataset.json>`;

/**
 * On a terminal, progress overwrites one line. In a log (CI, a pipe) a line is kept at most every
 * few seconds, so long runs still show they are alive without flooding the log.
 */
function progressPrinter(): (line: string) => void {
	// Node's types say isTTY is a boolean, but off a terminal (a file, a pipe) stderr has no isTTY at all.
	const stderr: { isTTY?: boolean } = process.stderr;
	const tty = stderr.isTTY === true;
	let last = 0;
	let lastStep = '';
	return (line: string) => {
		if (tty) {
			process.stderr.write(`\r\x1b[2K${line}`);
			return;
		}
		const step = line.split(':')[0] ?? line;
		const now = Date.now();
		if (step !== lastStep || now - last >= 5000) {
			process.stderr.write(`${line}\n`);
			last = now;
			lastStep = step;
		}
	};
}

function endProgress(): void {
	if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
}

function printRun(result: RunResult, projectRoot: string): void {
	endProgress();
	console.log(formatSummary(result, projectRoot));
}

function cmdRun(argv: string[]): void {
	const args = parseArgs(argv);
	allowOnly(args, ['data', 'as-of', 'out']);
	const result = runLocal({
		projectRoot: ROOT,
		data: requireOption(args, 'data'),
		asOf: requireOption(args, 'as-of'),
		out: requireOption(args, 'out'),
		progress: progressPrinter(),
	});
	printRun(result, ROOT);
}

function isSize(s: string): s is DatasetSize {
	return s === 'S' || s === 'M' || s === 'L';
}

function cmdGenerate(argv: string[]): void {
	const args = parseArgs(argv);
	allowOnly(args, ['size', 'out', 'seed', 'as-of']);
	const size = requireOption(args, 'size').toUpperCase();
	if (!isSize(size)) throw new UsageError(`--size must be S, M or L (got ${size})`);
	const out = requireOption(args, 'out');
	const seedText = optionalOption(args, 'seed');
	const seed = seedText === undefined ? undefined : Number(seedText);
	if (seed !== undefined && !Number.isInteger(seed))
		throw new UsageError(`--seed must be an integer (got ${seedText})`);
	const say = progressPrinter();
	const summary = writeGeneratedDataset({
		size,
		out,
		seed,
		asOf: optionalOption(args, 'as-of'),
		onProgress: (p) => {
			say(
				`Generating ${p.size}: ${p.date} (${p.day}/${p.days} days), ${p.invoices.toLocaleString('en-US')} invoices`,
			);
		},
	});
	endProgress();
	console.log(
		`Wrote ${summary.file}${summary.transactionsFile ? ` and ${summary.transactionsFile}` : ''}: ` +
			`${summary.counts.customers.toLocaleString('en-US')} customers, ${summary.counts.invoices.toLocaleString('en-US')} invoices, ` +
			`${summary.counts.transactions.toLocaleString('en-US')} transactions (${(summary.bytes / 1e6).toFixed(1)} MB).`,
	);
	console.log(
		`Story: in ${summary.story.subsidiaryName}, ${summary.story.customerName} stops paying on ${summary.story.stopDate}; ` +
			`run it at ${optionalOption(args, 'as-of') ?? DEFAULT_AS_OF} to see the DSO alert fire.`,
	);
}

function cmdImportCsv(argv: string[]): void {
	const args = parseArgs(argv);
	allowOnly(args, ['out']);
	const [file, ...rest] = args.positionals;
	if (!file || rest.length > 0) throw new UsageError('import-csv takes exactly one CSV file');
	const ds = importCsv(file);
	const written = writeDataset(ds, requireOption(args, 'out'));
	const invoices = ds.transactions.filter((t) => t.type === 'CustInvc').length;
	console.log(
		`Wrote ${written.files.join(', ')}: ${ds.subsidiaries.length} subsidiaries, ${ds.customers.length} customers, ` +
			`${invoices} invoices${ds.suggestedAsOf ? `; suggested as-of date ${ds.suggestedAsOf}` : ''}.`,
	);
}

function cmdValidate(argv: string[]): void {
	const args = parseArgs(argv);
	allowOnly(args, []);
	const [file, ...rest] = args.positionals;
	if (!file || rest.length > 0) throw new UsageError('validate takes exactly one dataset file');
	const ds = loadDataset(file);
	console.log(
		`${file} is a valid o2c-dataset/1: ${ds.subsidiaries.length} subsidiaries, ${ds.customers.length} customers, ` +
			`${ds.transactions.length} transactions.`,
	);
}

/** The sample account is generated once and reused while the generator is unchanged. */
function sampleDataset(say: (line: string) => void): string {
	const dir = path.join(ROOT, 'out', 'sample');
	const file = path.join(dir, 'dataset.json');
	const stamp = path.join(dir, 'generator.txt');
	if (fs.existsSync(file) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === GENERATOR_TOOL) return file;
	fs.mkdirSync(dir, { recursive: true });
	writeGeneratedDataset({
		size: 'S',
		out: file,
		onProgress: (p) => {
			say(`Generating the sample account: ${p.date} (${p.day}/${p.days} days)`);
		},
	});
	fs.writeFileSync(stamp, GENERATOR_TOOL);
	return file;
}

function cmdStart(argv: string[]): void {
	const args = parseArgs(argv);
	allowOnly(args, []);
	const say = progressPrinter();
	const data = sampleDataset(say);
	const result = runLocal({
		projectRoot: ROOT,
		data,
		asOf: DEFAULT_AS_OF,
		out: path.join(ROOT, 'out', 'run'),
		progress: say,
	});
	printRun(result, ROOT);
}

function main(argv: string[]): number {
	const [command, ...rest] = argv;
	try {
		switch (command) {
			case 'run':
				cmdRun(rest);
				return 0;
			case 'generate':
				cmdGenerate(rest);
				return 0;
			case 'import-csv':
				cmdImportCsv(rest);
				return 0;
			case 'validate':
				cmdValidate(rest);
				return 0;
			case 'start':
				cmdStart(rest);
				return 0;
			case undefined:
			case 'help':
			case '--help':
				console.log(USAGE);
				return command === undefined ? 2 : 0;
			default:
				throw new UsageError(`unknown command ${command}`);
		}
	} catch (e) {
		endProgress();
		if (e instanceof UsageError) {
			console.error(`${e.message}\n\n${USAGE}`);
			return 2;
		}
		if (e instanceof DatasetError || e instanceof CsvImportError) {
			console.error(`The dataset was refused; nothing was written.\n${e.message}`);
			return 1;
		}
		if (e instanceof RunError) {
			console.error(e.message);
			return 1;
		}
		console.error(`The run failed; nothing was written to the output folder.\n${(e as Error).stack ?? String(e)}`);
		return 1;
	}
}

process.exitCode = main(process.argv.slice(2));
