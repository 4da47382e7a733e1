/**
 * A local run: load a dataset, build the emulated account at the as-of date, run the night that
 * covers it exactly as src/Objects deploys the scripts (and, with `through`, every following night
 * up to that day on the same account), and write report.json (describing the last day) plus the
 * emails the scripts sent into the output folder. Everything is written to a temporary folder first
 * and moved into place only when the run succeeded, so a failed run leaves nothing partial behind.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from './emulator';
import type { BetweenNights, MapReduceRunResult, NightRun, ScheduledRunResult } from './emulator';
import { accountInfo, buildStore } from './emulator/account';
import { loadDataset } from './data/load';
import type { Dataset } from './data/dataset';
import { loadSdfProject } from './sdf/objects';
import { buildReport, type Report } from './report';
import { isCalendarDate } from './data/calendar';
import { checkRunFolder, markRunFolder } from './outputs';
import { writePortletPages } from './dashboard/portletPages';
import { spawnReceiver } from './collectionsReceiver';
import { setDeploymentParam } from './sdf/params';
import * as crypto from 'node:crypto';
import * as os from 'node:os';

export const PUSH_SCRIPT = 'customscript_o2c_collections_push_mr';
export const PUSH_DEPLOYMENT = 'customdeploy_o2c_collections_push_mr';
export const PUSH_URL_PARAM = 'custscript_o2c_cp_url';
export const COLLECTIONS_SECRET_ID = 'custsecret_o2c_collections_token';

/**
 * The emulated API secret's value: O2C_COLLECTIONS_TOKEN, else a random one for this run
 * (../shared/dataset-format.md §4). Never printed or written.
 */
export function collectionsToken(): string {
	const env = process.env.O2C_COLLECTIONS_TOKEN;
	return env !== undefined && env !== '' ? env : crypto.randomBytes(24).toString('base64url');
}

/**
 * A local run with the collections endpoint of §4: `collectionsUrl` when given, else the run's own
 * receiver on 127.0.0.1 (a child process: the emulated N/https blocks this thread) whose requests
 * end up in <out>/collections/received.ndjson.
 */
export async function runWithCollections(opts: RunOptions & { collectionsUrl?: string }): Promise<RunResult> {
	const token = collectionsToken();
	const { collectionsUrl, ...rest } = opts;
	if (collectionsUrl !== undefined) {
		if (!/^https?:\/\/[^\s/]+/i.test(collectionsUrl))
			throw new RunError(`--collections-url ${collectionsUrl} is not an http(s) URL`);
		return runLocal({ ...rest, collections: { url: collectionsUrl, token } });
	}
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-receiver-'));
	const receiver = await spawnReceiver(path.join(tmp, 'received.ndjson'), 'ok', token);
	try {
		return runLocal({ ...rest, collections: { url: receiver.url, token, receivedFile: receiver.file } });
	} finally {
		receiver.stop();
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

export interface RunOptions {
	/** repository root (holds src/) */
	projectRoot: string;
	/** dataset file, or an already loaded dataset */
	data: string | Dataset;
	asOf: string;
	/** the last day of a multi-day run (default: asOf, one night) */
	through?: string;
	/** output folder: new, empty or written by an earlier run (local/outputs.ts); replaced when the run succeeds */
	out: string;
	progress?: (line: string) => void;
	/** the business day between two nights (Emulator.runDays): RESTlet calls, outside submissions */
	betweenNights?: BetweenNights;
	/** the emulator's start-time conversion day (default: asOf, the project deployed on the first day) */
	deployedOn?: string;
	/**
	 * The collections endpoint the push deployment is pointed at (its URL parameter, as an admin sets
	 * it) and the value of the API secret custsecret_o2c_collections_token; `receivedFile`: what the
	 * local receiver wrote, copied to <out>/collections/received.ndjson. Without it the push has no
	 * endpoint (it stops with that error if it has anything to send). runWithCollections sets it.
	 */
	collections?: { url: string; token: string; receivedFile?: string };
}

export interface RunResult {
	report: Report;
	dataset: Dataset;
	runs: (ScheduledRunResult | MapReduceRunResult)[];
	/** the nights run, in order (one without `through`) */
	nights: NightRun[];
	emails: { subject: string; to: string[]; file?: string }[];
	/** the portlet pages written to <out>/portlets/ */
	portlets: { scriptId: string; file: string; unitsUsed: number; error?: string }[];
	out: string;
	/** the emulated account after the run (still usable: serve keeps rendering from it) */
	emulator: Emulator;
	/** things the user should know before trusting the figures (an as-of date outside the data) */
	warnings: string[];
	/** subsidiaries whose DSO alert fired without its email going out (config-error, failed, ...) */
	unsentAlerts: { subsidiary: number; name: string; emailStatus: string }[];
}

/** Email statuses of a fired alert that mean the email did not go out (or may not have). */
const NOT_SENT = new Set(['config-error', 'failed', 'unconfirmed', 'sending']);

/** Warnings in words when the as-of date is outside the dataset's transactions. */
export function asOfWarnings(dataset: Dataset, asOf: string): string[] {
	let first: string | null = null;
	let last: string | null = null;
	for (const t of dataset.transactions) {
		const d = t.tranDate;
		if (first === null || d < first) first = d;
		if (last === null || d > last) last = d;
	}
	if (first === null || last === null) return [`the dataset has no transactions: every figure will be zero`];
	if (asOf < first)
		return [
			`--as-of ${asOf} is before the dataset's first transaction (${first}): the account holds nothing yet, so every figure is zero and no alert can fire`,
		];
	if (asOf > last)
		return [
			`--as-of ${asOf} is after the dataset's last transaction (${last}): nothing is invoiced or paid after ${last}, so DSO and aging describe an account that stopped trading`,
		];
	return [];
}

export class RunError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RunError';
	}
}

function builtScripts(projectRoot: string): string {
	const dir = path.join(projectRoot, 'src', 'FileCabinet', 'SuiteScripts', 'o2c_dso');
	if (!fs.existsSync(dir)) throw new RunError(`${path.relative(projectRoot, dir)} is empty: run npm run build first`);
	return dir;
}

/** Replace `target` by `staged` (both folders) as one step from the user's point of view. */
function moveIntoPlace(staged: string, target: string): void {
	const old = `${target}.old-${process.pid}`;
	if (fs.existsSync(target)) fs.renameSync(target, old);
	try {
		fs.renameSync(staged, target);
	} catch (e) {
		if (fs.existsSync(old)) fs.renameSync(old, target);
		throw e;
	}
	fs.rmSync(old, { recursive: true, force: true });
}

export function runLocal(opts: RunOptions): RunResult {
	const say = opts.progress ?? (() => undefined);
	if (!isCalendarDate(opts.asOf)) throw new RunError(`--as-of ${opts.asOf} is not a calendar date (YYYY-MM-DD)`);
	const through = opts.through ?? opts.asOf;
	if (!isCalendarDate(through)) throw new RunError(`--through ${through} is not a calendar date (YYYY-MM-DD)`);
	if (through < opts.asOf) throw new RunError(`--through ${through} is before --as-of ${opts.asOf}`);
	builtScripts(opts.projectRoot);
	const out = path.resolve(opts.out);
	const keep = [{ path: opts.projectRoot, what: 'the project' }];
	// the dataset's folder holds the dataset (and an L dataset's .ndjson transactions beside it)
	if (typeof opts.data === 'string')
		keep.push({ path: path.dirname(path.resolve(opts.data)), what: "the dataset's folder" });
	checkRunFolder(opts.out, { keep }); // before any work: a refused folder costs nothing

	let dataset: Dataset;
	if (typeof opts.data === 'string') {
		say(`Loading ${opts.data} ...`);
		dataset = loadDataset(opts.data);
	} else {
		dataset = opts.data;
	}
	const warnings = [
		...asOfWarnings(dataset, opts.asOf),
		...(through !== opts.asOf ? asOfWarnings(dataset, through).map((w) => w.replace('--as-of', '--through')) : []),
	];
	const project = loadSdfProject(path.join(opts.projectRoot, 'src'));
	if (opts.collections)
		setDeploymentParam(project, PUSH_SCRIPT, PUSH_DEPLOYMENT, PUSH_URL_PARAM, opts.collections.url);
	say(`Building the account "${dataset.account.name}" as it stands on ${opts.asOf} ...`);

	fs.mkdirSync(path.dirname(out), { recursive: true });
	const staged = fs.mkdtempSync(`${out}.tmp-`);
	const emu = new Emulator({
		projectRoot: opts.projectRoot,
		project,
		// built in place, never held here: this frame lasts the whole run, and a local would keep the
		// first day's account alive beside each later day's (on M a third of the heap)
		store: buildStore(dataset, opts.asOf, project),
		dataset,
		account: accountInfo(dataset, opts.asOf),
		...(opts.deployedOn !== undefined ? { deployedOn: opts.deployedOn } : {}),
		...(opts.collections ? { secrets: { [COLLECTIONS_SECRET_ID]: opts.collections.token } } : {}),
		outDir: staged,
		onProgress: (p) => {
			say(
				`Running ${p.script}${p.stage ? ` [${p.stage}]` : ''}` +
					(p.done !== undefined && p.total !== undefined
						? `: ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} keys`
						: ''),
			);
		},
	});
	try {
		say('Running the nightly pipeline as deployed in src/Objects ...');
		const nights = emu.runDays({
			through,
			...(opts.betweenNights ? { betweenNights: opts.betweenNights } : {}),
			afterNight: (_e, night) => {
				if (night.runs.length === 0) {
					throw new RunError(
						`no scheduled deployment in src/Objects fires in the night after ${night.night} (check each deployment's status and recurrence start date)`,
					);
				}
				if (night.night < through) say(`Night of ${night.night} done; the account moves to the next day ...`);
			},
		});
		const runs = nights.flatMap((n) => n.runs);
		say('Rendering the dashboard portlets ...');
		const portlets = writePortletPages(emu, staged);
		const received = opts.collections?.receivedFile;
		if (received !== undefined && fs.existsSync(received)) {
			fs.mkdirSync(path.join(staged, 'collections'), { recursive: true });
			fs.copyFileSync(received, path.join(staged, 'collections', 'received.ndjson'));
		}
		const report = buildReport(emu, through);
		fs.writeFileSync(path.join(staged, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
		markRunFolder(staged, {
			asOf: opts.asOf,
			through,
			dataset: typeof opts.data === 'string' ? path.resolve(opts.data) : null,
		});
		checkRunFolder(opts.out, { keep }); // still ours to replace (nothing appeared there meanwhile)
		moveIntoPlace(staged, out);
		const unsentAlerts = report.subsidiaries.flatMap((sub) => {
			const status = sub.alert.emailStatus;
			return sub.alert.fired && typeof status === 'string' && NOT_SENT.has(status)
				? [{ subsidiary: sub.id, name: sub.name, emailStatus: status }]
				: [];
		});
		const emails = emu.emails.map((e) => ({
			subject: e.subject,
			to: [...e.to, ...e.cc],
			file: e.files ? path.join(out, path.relative(staged, e.files.html)) : undefined,
		}));
		return {
			report,
			dataset,
			runs,
			nights,
			emails,
			portlets: portlets.map((p) => ({
				scriptId: p.scriptId,
				file: path.join(out, path.relative(staged, p.file)),
				unitsUsed: p.render.unitsUsed,
				...(p.render.error
					? { error: `${String(p.render.error.name)}: ${String(p.render.error.message)}` }
					: {}),
			})),
			out,
			warnings,
			unsentAlerts,
			emulator: emu,
		};
	} catch (e) {
		fs.rmSync(staged, { recursive: true, force: true });
		throw e;
	} finally {
		emu.close();
	}
}
