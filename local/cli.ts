/**
 * The local CLI (never deployed): `npm start`, and `npm run local -- <command>` with the commands of
 * COMMANDS below (each explains itself with --help). `npm run local` goes through local/launch.js,
 * which builds first when the build is missing or older than the sources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allowOnly, optionalOption, parseArgs, requireOption, UsageError, type ParsedArgs } from './args';
import { DatasetError, loadDataset, writeDataset } from './data/load';
import { DEFAULT_AS_OF, GENERATOR_TOOL, SIZES, writeGeneratedDataset, type DatasetSize } from './data/generate';
import { CsvImportError, importCsv } from './data/importCsv';
import { ndjsonNameFor } from './data/serialize';
import { checkDatasetFile, OutputError } from './outputs';
import { RunError, runWithCollections, type RunResult } from './run';
import { formatSummary } from './summary';
import { storyHint } from './storyHint';
import { startServe } from './serve';
import {
	BacktestError,
	DISPUTE_VISIBILITIES,
	backtest,
	checkBacktestFile,
	formatBacktest,
	isDisputeVisibility,
} from './backtest';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Exit statuses: the run worked; it was refused or failed; the command line was wrong; the run worked but a fired alert's email did not go out. */
export const EXIT = { ok: 0, failed: 1, usage: 2, alertNotSent: 3 } as const;

const COMMANDS: Record<string, { usage: string; help: string }> = {
	start: {
		usage: 'npm start',
		help: 'Builds, generates (or reuses) the sample account out/sample/dataset.json, runs the nightly pipeline at 2026-05-04 with the local collections receiver, prints a summary (with what was pushed) and writes out/run/.',
	},
	run: {
		usage: 'npm run local -- run --data <dataset.json> --as-of <YYYY-MM-DD> [--through <YYYY-MM-DD>] [--collections-url <url>] --out <dir>',
		help: [
			'Runs every deployment src/Objects schedules against the dataset on one emulated account and writes <dir>/report.json and <dir>/emails/.',
			'--as-of: the day the night covers (the account holds every transaction dated up to it; the night runs the next day).',
			'--through: run every night from --as-of to this day on the same account (records and saved searches carry over, each transaction appears on its own date); report.json describes the last day.',
			'--out: a new folder, an empty one or one an earlier run wrote; anything else is refused and nothing is deleted.',
			'--collections-url: the endpoint the collections push posts to. Without it the run starts its own receiver on 127.0.0.1 (it answers 200 and writes each request to <dir>/collections/received.ndjson). The bearer token is the environment variable O2C_COLLECTIONS_TOKEN (a random one when unset); it is never printed or written.',
			`Exit status ${EXIT.ok} on success, ${EXIT.failed} when refused or failed, ${EXIT.usage} for a wrong command line, ${EXIT.alertNotSent} when a DSO alert fired but its email did not go out.`,
		].join('\n'),
	},
	generate: {
		usage: 'npm run local -- generate --size S|M|L --out <file.json> [--seed <n>] [--as-of <YYYY-MM-DD>]',
		help: 'Writes a synthetic dataset (two years ending --as-of, default 2026-05-04); L keeps its transactions in <file>.transactions.ndjson beside it. --out must be a new file or a dataset written earlier.',
	},
	'import-csv': {
		usage: 'npm run local -- import-csv <file.csv> --out <dataset.json>',
		help: 'Turns the public A/R history CSV into a dataset. --out must be a new file or a dataset written earlier, never the CSV itself.',
	},
	validate: {
		usage: 'npm run local -- validate <dataset.json>',
		help: 'Checks a dataset and names every bad record and field; writes nothing.',
	},
	serve: {
		usage: 'npm run local -- serve --data <dataset.json> --as-of <YYYY-MM-DD> --out <dir> [--port <n>] [--collections-url <url>]',
		help: [
			'Runs as `run` does (the collections push included: --collections-url, else its own receiver writing <dir>/collections/received.ndjson), then serves the emulated account on 127.0.0.1 until SIGINT or SIGTERM (Ctrl-C), which writes <dir>/report.json.',
			'<dir>/serve.json: the URL and one token per role (administrator, each role of a deployment audience, an outsider).',
			"/ is the published dashboard of the caller's role; Suitelets answer at /app/site/hosting/scriptlet.nl?script=…&deploy=…, RESTlets at /app/site/hosting/restlet.nl?script=…&deploy=…",
			'Authorization: Bearer <token>, or in a browser open <url>/login?token=<token>. --port: 0 or absent for a free port.',
		].join('\n'),
	},
	backtest: {
		usage: 'npm run local -- backtest --data <dataset.json> --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--step <days>] [--disputes closed|as-dataset] [--json <file.json>]',
		help: [
			'Replays the history: at each date from --from to --to, every --step days (default 30), builds the account as it stood that day, runs the customer metrics and the payment forecast, and compares the predicted payment dates and weekly receipts with what followed, against the due-date baseline.',
			'Prints one table row per date and overall (Markdown). --json also writes every figure to a new file (or one an earlier backtest wrote).',
			"--disputes: a dataset's disputed flag has no date, so by default (closed) an invoice still open at a date shows no dispute then (it may be raised later); as-dataset shows every flag at every date (it leaks the future: an upper bound).",
		].join('\n'),
	},
};

const USAGE = `Usage:\n${Object.values(COMMANDS)
	.map((c) => `  ${c.usage}`)
	.join('\n')}\n\nnpm run local -- <command> --help explains a command.`;

/** Parses a command's arguments; true when it asked for --help (printed here). */
function commandArgs(command: string, argv: string[]): { args: ParsedArgs; help: boolean } {
	const args = parseArgs(argv, ['help']);
	if (args.options.has('help') || argv.includes('-h')) {
		const c = COMMANDS[command];
		console.log(c ? `${c.usage}\n\n${c.help}` : USAGE);
		return { args, help: true };
	}
	return { args, help: false };
}
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

/** Prints the summary, the warnings and any fired alert whose email did not go out; returns the exit status. */
function printRun(result: RunResult, projectRoot: string): number {
	endProgress();
	console.log(formatSummary(result, projectRoot));
	for (const w of result.warnings) console.error(`Warning: ${w}`);
	for (const a of result.unsentAlerts) {
		console.error(
			`ALERT NOT SENT: the DSO alert fired for ${a.name} (subsidiary ${a.subsidiary}) but its email status is ${a.emailStatus}` +
				(a.emailStatus === 'config-error'
					? ': the alert setting names neither an AR clerk nor a controller address.'
					: a.emailStatus === 'failed'
						? ': email.send failed (see the evaluation record); the next run of the month tries again.'
						: ': the email may not have gone out (see the evaluation record).'),
		);
	}
	return result.unsentAlerts.length > 0 ? EXIT.alertNotSent : EXIT.ok;
}

async function cmdRun(argv: string[]): Promise<number> {
	const { args, help } = commandArgs('run', argv);
	if (help) return EXIT.ok;
	allowOnly(args, ['data', 'as-of', 'through', 'out', 'collections-url']);
	if (args.positionals.length > 0)
		throw new UsageError(`run takes no file argument (got ${args.positionals.join(' ')}): use --data`);
	const collectionsUrl = optionalOption(args, 'collections-url');
	const result = await runWithCollections({
		...(collectionsUrl !== undefined ? { collectionsUrl } : {}),
		projectRoot: ROOT,
		data: requireOption(args, 'data'),
		asOf: requireOption(args, 'as-of'),
		...(optionalOption(args, 'through') !== undefined ? { through: optionalOption(args, 'through') } : {}),
		out: requireOption(args, 'out'),
		progress: progressPrinter(),
	});
	return printRun(result, ROOT);
}

function isSize(s: string): s is DatasetSize {
	return s === 'S' || s === 'M' || s === 'L';
}

function cmdGenerate(argv: string[]): number {
	const { args, help } = commandArgs('generate', argv);
	if (help) return EXIT.ok;
	allowOnly(args, ['size', 'out', 'seed', 'as-of']);
	if (args.positionals.length > 0)
		throw new UsageError(`generate takes no file argument (got ${args.positionals.join(' ')}): use --out`);
	const size = requireOption(args, 'size').toUpperCase();
	if (!isSize(size)) throw new UsageError(`--size must be S, M or L (got ${size})`);
	const out = requireOption(args, 'out');
	checkDatasetFile(out, { inputs: [], ...(SIZES[size].ndjson ? { companion: ndjsonNameFor(out) } : {}) });
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
	console.log(storyHint(summary.story, summary.settings, optionalOption(args, 'as-of') ?? DEFAULT_AS_OF));
	return EXIT.ok;
}

function cmdImportCsv(argv: string[]): number {
	const { args, help } = commandArgs('import-csv', argv);
	if (help) return EXIT.ok;
	allowOnly(args, ['out']);
	const [file, ...rest] = args.positionals;
	if (!file || rest.length > 0) throw new UsageError('import-csv takes exactly one CSV file');
	const out = requireOption(args, 'out');
	checkDatasetFile(out, { inputs: [file] });
	const ds = importCsv(file);
	const written = writeDataset(ds, out);
	const invoices = ds.transactions.filter((t) => t.type === 'CustInvc').length;
	console.log(
		`Wrote ${written.files.join(', ')}: ${ds.subsidiaries.length} subsidiaries, ${ds.customers.length} customers, ` +
			`${invoices} invoices${ds.suggestedAsOf ? `; suggested as-of date ${ds.suggestedAsOf}` : ''}.`,
	);
	return EXIT.ok;
}

function cmdValidate(argv: string[]): number {
	const { args, help } = commandArgs('validate', argv);
	if (help) return EXIT.ok;
	allowOnly(args, []);
	const [file, ...rest] = args.positionals;
	if (!file || rest.length > 0) throw new UsageError('validate takes exactly one dataset file');
	const ds = loadDataset(file);
	console.log(
		`${file} is a valid o2c-dataset/1: ${ds.subsidiaries.length} subsidiaries, ${ds.customers.length} customers, ` +
			`${ds.transactions.length} transactions.`,
	);
	return EXIT.ok;
}

function cmdBacktest(argv: string[]): number {
	const { args, help } = commandArgs('backtest', argv);
	if (help) return EXIT.ok;
	allowOnly(args, ['data', 'from', 'to', 'step', 'disputes', 'json']);
	if (args.positionals.length > 0)
		throw new UsageError(`backtest takes no file argument (got ${args.positionals.join(' ')}): use --data`);
	const stepText = optionalOption(args, 'step');
	const step = stepText === undefined ? 30 : Number(stepText);
	if (!Number.isInteger(step) || step < 1)
		throw new UsageError(`--step must be a whole number of days ≥ 1 (got ${String(stepText)})`);
	const data = requireOption(args, 'data');
	const disputes = optionalOption(args, 'disputes') ?? 'closed';
	if (!isDisputeVisibility(disputes))
		throw new UsageError(`--disputes must be ${DISPUTE_VISIBILITIES.join(' or ')} (got ${disputes})`);
	const json = optionalOption(args, 'json');
	if (json !== undefined) checkBacktestFile(json, [data]);
	const result = backtest({
		projectRoot: ROOT,
		data,
		from: requireOption(args, 'from'),
		to: requireOption(args, 'to'),
		step,
		disputes,
		progress: progressPrinter(),
	});
	endProgress();
	if (json !== undefined) fs.writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
	console.log(formatBacktest(result));
	return EXIT.ok;
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

async function cmdStart(argv: string[]): Promise<number> {
	const { args, help } = commandArgs('start', argv);
	if (help) return EXIT.ok;
	allowOnly(args, []);
	const say = progressPrinter();
	const data = sampleDataset(say);
	const result = await runWithCollections({
		projectRoot: ROOT,
		data,
		asOf: DEFAULT_AS_OF,
		out: path.join(ROOT, 'out', 'run'),
		progress: say,
	});
	return printRun(result, ROOT);
}

async function cmdServe(argv: string[]): Promise<number> {
	const { args, help } = commandArgs('serve', argv);
	if (help) return EXIT.ok;
	allowOnly(args, ['data', 'as-of', 'out', 'port', 'collections-url']);
	if (args.positionals.length > 0)
		throw new UsageError(`serve takes no file argument (got ${args.positionals.join(' ')}): use --data`);
	const portText = optionalOption(args, 'port');
	const port = portText === undefined ? 0 : Number(portText);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new UsageError(`--port must be a port number 0-65535 (got ${String(portText)})`);
	const out = requireOption(args, 'out');
	const collectionsUrl = optionalOption(args, 'collections-url');
	const handle = await startServe({
		projectRoot: ROOT,
		data: requireOption(args, 'data'),
		asOf: requireOption(args, 'as-of'),
		out,
		port,
		...(collectionsUrl !== undefined ? { collectionsUrl } : {}),
		progress: progressPrinter(),
	});
	printRun(handle.run, ROOT);
	console.log(
		`\nServing the emulated account at ${handle.url} (127.0.0.1 only). Tokens per role: ${path.join(out, 'serve.json')}.\n` +
			`In a browser, open ${handle.url}/login?token=<a token from serve.json>; Ctrl-C stops and writes report.json.`,
	);
	await new Promise<void>((resolve) => {
		const stop = (): void => {
			void handle.stop().then(resolve);
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
	console.log(`Stopped; wrote ${path.join(out, 'report.json')}.`);
	return EXIT.ok;
}

/** The message and exit status of a failed command. */
function failure(command: string | undefined, e: unknown): number {
	endProgress();
	if (e instanceof UsageError) {
		console.error(`${e.message}\n\n${command && COMMANDS[command] ? COMMANDS[command].usage : USAGE}`);
		return EXIT.usage;
	}
	if (e instanceof DatasetError || e instanceof CsvImportError) {
		console.error(`The dataset was refused; nothing was written.\n${e.message}`);
		return EXIT.failed;
	}
	if (e instanceof RunError || e instanceof OutputError || e instanceof BacktestError) {
		console.error(e.message);
		return EXIT.failed;
	}
	console.error(`The run failed; nothing was written to the output folder.\n${(e as Error).stack ?? String(e)}`);
	return EXIT.failed;
}

/** An asynchronous command: the exit status is set when it ends. */
function later(command: string, p: Promise<number>): number {
	p.then(
		(code) => {
			process.exitCode = code;
		},
		(e: unknown) => {
			process.exitCode = failure(command, e);
		},
	);
	return EXIT.ok;
}

function main(argv: string[]): number {
	const [command, ...rest] = argv;
	try {
		switch (command) {
			case 'run':
				return later(command, cmdRun(rest));
			case 'generate':
				return cmdGenerate(rest);
			case 'import-csv':
				return cmdImportCsv(rest);
			case 'validate':
				return cmdValidate(rest);
			case 'start':
				return later(command, cmdStart(rest));
			case 'backtest':
				return cmdBacktest(rest);
			case 'serve':
				// asynchronous: the exit status is set when it stops
				return later(command, cmdServe(rest));
			case undefined:
			case 'help':
			case '--help':
			case '-h':
				console.log(USAGE);
				return command === undefined ? EXIT.usage : EXIT.ok;
			default:
				throw new UsageError(`unknown command ${command}`);
		}
	} catch (e) {
		return failure(command, e);
	}
}

process.exitCode = main(process.argv.slice(2));
