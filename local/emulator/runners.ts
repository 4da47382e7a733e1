/**
 * Script runners: scheduled, map/reduce, RESTlet, portlet, the nightly schedule and the N/task
 * queue. Each execution gets a fresh vm context (loader.ts) with its own N/* module instances
 * over the shared RecordStore, a governance Meter with its script type's limit, and the run's
 * clock. See README.md for the platform fact behind each behaviour.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AccountInfo, Meter, SavedSearchDef } from './context';
import type { RecordStore } from './store';
import { carryOver, type ReleasedRecords } from './account';
import type { SdfDeployment, SdfProject, SdfRecurrence, SdfScript } from '../sdf/types';
import { loadSdfProject } from '../sdf/objects';
import { Sandbox, ScriptLoadError, TimeLimitExceeded } from './loader';
import {
	addCalls,
	KillMeter,
	SwitchMeter,
	TIME_LIMIT_MESSAGE,
	TIME_LIMITS_SECONDS,
	UNIT_LIMITS,
	UsageMeter,
	type ApiCalls,
	type TimeLimitKind,
} from './governance';
import {
	SuiteScriptError,
	errorJson,
	errorNameMessage,
	missingArg,
	nsError,
	serializeError,
	unsupported,
} from './errors';
import { checkAccess, type AccessDecision } from './roles';
import { accountHost } from './modules/url';
import { escapeText } from './htmlText';
import { datasets, specOf, wbOf, type WbSpec } from './modules/analytics/registry';
import type { DatasetSpec } from './modules/analytics/datasetEngine';

/** Which time limit (governance TIME_LIMITS_SECONDS) an entry point call runs under. */
const ENTRY_TIME_LIMIT: Readonly<Record<string, TimeLimitKind>> = {
	execute: 'scheduled',
	getInputData: 'getInputData',
	map: 'map',
	reduce: 'reduce',
	summarize: 'summarize',
	get: 'restlet',
	post: 'restlet',
	put: 'restlet',
	delete: 'restlet',
	onRequest: 'suitelet',
	render: 'portlet',
	beforeLoad: 'userevent',
	beforeSubmit: 'userevent',
	afterSubmit: 'userevent',
	createDataset: 'plugin',
	createWorkbook: 'plugin',
};

/** Units of a builder plug-in execution: not in Oracle's table (platform §8.1); the emulator uses 1,000, as for Suitelets and portlets. */
const PLUGIN_UNIT_LIMIT = 1_000;
import { Clock, parseIsoDate, parseStartTime, zonedParts, zonedToUtc } from './time';
import { defaultModuleFactories, defaultSearchFactory, searchModuleFile } from './modules';
import { guard, jsonText, opts as opts2, scriptText } from './modules/guard';
import { WorkerHttpClient } from './modules/httpClient';
import { buildEml, emailHtml } from './modules/email';
import type {
	CapturedEmail,
	EmulatorServices,
	LogEntry,
	MapReduceStage,
	ModuleFactory,
	RuntimeContext,
	SyncHttp,
	TaskKind,
	TaskRecord,
	TaskService,
	UserInfo,
} from './services';

/** N/* modules NetSuite has but the emulator does not: loading works, any use throws EMULATOR_UNSUPPORTED. */
export const KNOWN_UNEMULATED_MODULES = [
	'N/search',
	'N/query',
	'N/file',
	'N/render',
	'N/ui/serverWidget',
	'N/ui/message',
	'N/ui/dialog',
	'N/xml',
	'N/encode',
	'N/crypto',
	'N/crypto/random',
	'N/crypto/certificate',
	'N/currentRecord',
	'N/redirect',
	'N/workflow',
	'N/transaction',
	'N/util',
	'N/sftp',
	'N/portlet',
	'N/plugin',
	'N/auth',
	'N/compress',
	'N/currency',
	'N/datasetLink',
	'N/llm',
	'N/action',
	'N/scriptTypes/restlet',
	'N/recordContext',
	'N/keyControl',
	'N/pgp',
	'N/suiteAppInfo',
	'N/translation',
	'N/machineTranslation',
	'N/documentCapture',
	'N/certificateControl',
	'N/sso',
	'N/commerce/recordView',
	'N/commerce/webstore/shopper',
	'N/piremoval',
	'N/https/clientCertificate',
];

export interface EmulatorOptions {
	/** repository root: the SDF project is `<projectRoot>/<srcDir>` (default `src`) */
	projectRoot: string;
	store: RecordStore;
	account: AccountInfo;
	/** where emails (and nothing else) are written; nothing is written without it */
	outDir?: string;
	srcDir?: string;
	/** add or replace N/* module factories (e.g. a fake N/search in tests) */
	modules?: Record<string, ModuleFactory>;
	/** N/https timeouts; NetSuite's are 5 s to connect and 45 s for the request */
	https?: { connectTimeoutMs?: number; requestTimeoutMs?: number };
	/** API secrets (Setup > Company > API Secrets) by script id, e.g. custsecret_o2c_collections_token */
	secrets?: Record<string, string>;
	/**
	 * Time limits per execution in milliseconds, replacing NetSuite's (governance TIME_LIMITS_SECONDS:
	 * map 300 s, scheduled 3,600 s, ...), so that a test can show a runaway script stopped
	 */
	timeLimitsMs?: Partial<Record<TimeLimitKind, number>>;
	/** runtime.accountId (default: derived from the account name, e.g. ACME_WHOLESALE) */
	accountId?: string;
	/** runtime.envType (default PRODUCTION) */
	envType?: string;
	/** the user scripts run as (default employee 1 "O2C Admin", Administrator) */
	user?: Partial<UserInfo>;
	/** a pre-parsed project (otherwise loaded from projectRoot/srcDir) */
	project?: SdfProject;
	/** told when an execution or map/reduce stage starts and, in map and reduce, every 500 keys */
	onProgress?: (p: EmulatorProgress) => void;
	/**
	 * The day the project was deployed (YYYY-MM-DD, default: the account's as-of date): SDF start times
	 * are UTC and the deploy converts them into the account's time zone with that day's offset, after
	 * which a deployment runs at that local time (README "The clock").
	 */
	deployedOn?: string;
}

/** Where a run is, for a progress line on the terminal. */
export interface EmulatorProgress {
	script: string;
	deployment: string;
	stage?: MapReduceStage;
	/** map and reduce: keys done of all keys */
	done?: number;
	total?: number;
}

export interface GovernanceEntry {
	script: string;
	deployment: string;
	/** the day the account's data stood at (the night that covers it) when the execution ran */
	night?: string;
	stage?: MapReduceStage;
	/** units used (map/reduce map and reduce: the total over all invocations of the stage) */
	unitsUsed: number;
	/** the limit of one execution (map/reduce map and reduce: of one invocation) */
	unitsLimit: number;
	startedAt?: string;
	/** map/reduce map and reduce: invocations run, and the most units any single one used */
	invocations?: number;
	maxInvocationUnits?: number;
	/** true when an execution hit SSS_USAGE_LIMIT_EXCEEDED */
	limitExceeded?: boolean;
	/** calls and units per API (map and reduce: summed over the stage's invocations), for benchmarks */
	calls?: Record<string, ApiCalls>;
	/** host wall time of the execution or stage (ms; map and reduce: also the slowest invocation) */
	wallMs?: number;
	maxInvocationMs?: number;
	/** getInputData: key/value pairs the input produced (a search input is paged outside governance) */
	inputPairs?: number;
}

export interface ScheduledRunResult {
	scriptId: string;
	deploymentId: string;
	status: 'COMPLETE' | 'FAILED';
	/** the uncaught error, serialised as NetSuite does (errorJson) */
	error?: Record<string, unknown>;
	unitsUsed: number;
	unitsLimit: number;
	startedAt: string;
	/** runs of tasks submitted during this run (and by those), drained after it */
	tasks: TaskRunResult[];
}

export interface MapReduceKeyState {
	key: string;
	executionCount: number;
	state: 'COMPLETE' | 'FAILED' | 'PENDING';
	/** every error recorded for the key, in order: serialised error and the attempt it happened in */
	errors: { error: string; executionNo: number }[];
}

export interface MapReduceRunResult {
	scriptId: string;
	deploymentId: string;
	status: 'COMPLETE' | 'FAILED';
	inputError: string | null;
	/** map stage keys (null when the script has no map) */
	map: MapReduceKeyState[] | null;
	/** reduce stage keys, in shuffle order (null when the script has no reduce) */
	reduce: MapReduceKeyState[] | null;
	/** what summary.output iterates: reduce writes, or map writes when there is no reduce */
	output: { key: string; value: string }[];
	summarizeError: string | null;
	/** the stage an interrupt restarted, if any */
	restarted: MapReduceStage | null;
	/**
	 * Persisted data (UTF-8 bytes of keys and values not yet processed, plus reduce output; Oracle help
	 * "Map/Reduce Governance"): the most the job held at any one time, and the stage that crossed the
	 * 200 MB limit, if one did (that stage ended there; summarize ran).
	 */
	persistedPeakBytes: number;
	persistedLimitExceeded: MapReduceStage | null;
	governance: GovernanceEntry[];
	startedAt: string;
	tasks: TaskRunResult[];
}

/** What runHostScript used. */
export interface HostScriptRun {
	unitsUsed: number;
	calls: Record<string, ApiCalls>;
	wallMs: number;
}

/** What one night did: the day it covers, its scheduled runs (with the tasks they queued), and what it logged. */
export interface NightRun {
	/** the as-of date the night covers (the account's data stands at the end of it) */
	night: string;
	runs: (ScheduledRunResult | MapReduceRunResult)[];
	governance: GovernanceEntry[];
	emails: CapturedEmail[];
	logs: LogEntry[];
}

export type TaskRunResult = { task: TaskRecord } & (
	{ kind: 'SCHEDULED_SCRIPT'; result: ScheduledRunResult } | { kind: 'MAP_REDUCE'; result: MapReduceRunResult }
);

export interface RestletResponse {
	code: number;
	body: string;
	contentType: string;
	tasks: TaskRunResult[];
}

export interface PortletRender {
	scriptId: string;
	deploymentId: string;
	portletType: string;
	title: string;
	html?: string;
	columns?: { id: string; label: string; type: string; align?: string }[];
	rows?: Record<string, string>[];
	lines?: { text: string; url?: string; align?: number }[];
	error?: Record<string, unknown>;
	/** the user may not see this portlet (audience, status): nothing ran */
	refused?: { kind: 'NOT_DEPLOYED' | 'DENIED'; reason: string };
	unitsUsed: number;
	unitsLimit: number;
}

/** A request to a Suitelet (`/app/site/hosting/scriptlet.nl?script=…&deploy=…`). */
export interface SuiteletRequest {
	/** GET (default) or POST */
	method?: string;
	/** URL (and form) parameters; `script` and `deploy` are added as NetSuite's URL carries them */
	params?: Record<string, string>;
	headers?: Record<string, string>;
	body?: string;
}

export interface SuiteletResponse {
	code: number;
	headers: Record<string, string>;
	body: string;
	/** the uncaught error, serialised as NetSuite does */
	error?: Record<string, unknown>;
	unitsUsed: number;
	unitsLimit: number;
	tasks: TaskRunResult[];
}

/** The page NetSuite-like error responses show (escaped). */
function errorPage(code: string, message: string): string {
	return (
		'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Error</title></head>' +
		'<body style="font-family:Arial,Helvetica,sans-serif;margin:24px;color:#1f2a37">' +
		`<h1 style="font-size:18px">${escapeText(code)}</h1><p>${escapeText(message)}</p></body></html>`
	);
}

/** Options of a scheduled run started by hand (runScheduled). */
export interface ScheduledOptions {
	params?: Record<string, unknown>;
	/**
	 * The application server kills the execution before the `occurrence`-th (default 1st) metered call
	 * whose API starts with `beforeCall` (KillMeter): the run ends FAILED (SSS_APP_SERVER_RESTART) with
	 * its side effects so far kept; the test then runs it again, as NetSuite restarts an interrupted
	 * scheduled script (its InvocationType ABORTED is not emulated).
	 */
	interrupt?: { beforeCall: string; occurrence?: number };
}

export interface MapReduceOptions {
	params?: Record<string, unknown>;
	/**
	 * simulate an application-server restart: the given stage restarts after this many completed
	 * invocations; with `beforeCall`, the next invocation dies at its `occurrence`-th (default 1st)
	 * metered call of that API (by prefix: 'https.request', 'Record.save', 'record.submitFields'),
	 * before the call happens, instead of after it ran to its end
	 */
	interrupt?: { stage: MapReduceStage; afterInvocations: number; beforeCall?: string; occurrence?: number };
}

const STAGE_TASK_NAMES: Record<MapReduceStage, string> = {
	getInputData: 'GET_INPUT',
	map: 'MAP',
	reduce: 'REDUCE',
	summarize: 'SUMMARIZE',
};

/**
 * Keys are limited in UTF-8 bytes: 3,000 per the limits chapter (error KEY_LENGTH_IS_OVER_3000_BYTES),
 * 4,000 per the mapContext.key page; the stricter figure applies (platform §9).
 */
export const KEY_MAX_BYTES = 3000;
/** the mapContext.value page's 1 MB per value (stricter than the 10 MB of the limits chapter; platform §9) */
export const VALUE_MAX_BYTES = 1024 * 1024;
/**
 * "The total persisted data used by a map/reduce script cannot exceed 200MB at any one time"
 * (Oracle help, "Map/Reduce Governance"); read as 200,000,000 bytes, the stricter of the two readings.
 */
export const PERSISTED_LIMIT_BYTES = 200_000_000;

/** Persisted data of one map/reduce job as it runs. */
interface PersistedData {
	bytes: number;
	peak: number;
	/** the stage that crossed the limit */
	exceeded: MapReduceStage | null;
}

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

function persistedError(stage: MapReduceStage, bytes: number): SuiteScriptError {
	return nsError(
		'PERSISTED_DATA_LIMIT_FOR_MAPREDUCE_SCRIPT_EXCEEDED',
		`The map/reduce script's persisted data (keys and values not yet processed, plus reduce output) reached ${bytes.toLocaleString('en-US')} bytes in the ${stage} stage; the limit is 200 MB at any one time. The stage ended and summarize ran.`,
		'map/reduce framework',
	);
}
const MAX_TASK_RUNS_PER_DRAIN = 500;

/**
 * A job yields after `yieldaftermins` minutes of processing (platform §2.2); the emulator's clock does
 * not follow work, so how many times a real job would have yielded is unknown: reading it is refused
 * rather than answered with 0.
 */
function yieldsUnsupported(what: string): Error {
	return unsupported(
		`${what}.yields (a job yields after yieldaftermins of processing time, which the emulator does not model: its clock does not follow work)`,
	);
}

/**
 * scheduledContext.type, the reason a scheduled script runs (Oracle help, "context.InvocationType"):
 * SCHEDULED (its deployment's schedule), ON_DEMAND (ScheduledScriptTask.submit), USER_INTERFACE
 * (Save & Execute; the emulator's runScheduled). ABORTED and SKIPPED (restarts after downtime) never
 * happen in the emulator.
 */
export type InvocationType = 'SCHEDULED' | 'ON_DEMAND' | 'USER_INTERFACE' | 'ABORTED' | 'SKIPPED';
const INVOCATION_TYPES: Record<InvocationType, InvocationType> = {
	SCHEDULED: 'SCHEDULED',
	ON_DEMAND: 'ON_DEMAND',
	USER_INTERFACE: 'USER_INTERFACE',
	ABORTED: 'ABORTED',
	SKIPPED: 'SKIPPED',
};

const APP_SERVER_RESTART = (): string =>
	serializeError(
		nsError(
			'SSS_APP_SERVER_RESTART',
			'The application server was restarted while processing this key.',
			'map/reduce framework',
		),
	);

/** The meter of one invocation: a KillMeter when the interrupt kills this one before a call. */
function invocationMeter(limit: number, interrupt: MapReduceOptions['interrupt'], killHere: boolean): UsageMeter {
	if (killHere && interrupt?.beforeCall !== undefined)
		return new KillMeter(limit, interrupt.beforeCall, interrupt.occurrence ?? 1);
	return new UsageMeter(limit);
}

/** Throws when an interrupt before a call was set for this invocation and the call never came. */
function checkKilled(meter: UsageMeter, interrupt: MapReduceOptions['interrupt'], where: string): void {
	if (meter instanceof KillMeter && !meter.killed)
		throw new Error(
			`interrupt before ${String(interrupt?.beforeCall)} (occurrence ${String(interrupt?.occurrence ?? 1)}) in ${where} never happened: the invocation made fewer such calls`,
		);
}

function iterator<T extends unknown[]>(rows: T[]): { iterator: () => { each: (fn: (...a: T) => unknown) => void } } {
	return {
		iterator: () => ({
			each(fn: (...a: T) => unknown): void {
				if (typeof fn !== 'function')
					throw nsError('SSS_MISSING_REQD_ARGUMENT', 'each: Missing a required argument: callback', 'each');
				for (const r of rows) {
					if (fn(...r) !== true) break;
				}
			},
		}),
	};
}

function isThenable(v: unknown): boolean {
	return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

function slug(s: string): string {
	const x = s
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return x || 'email';
}

function deriveAccountId(name: string): string {
	const id = name
		.toUpperCase()
		.replace(/[^A-Z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
	return id || 'EMULATED';
}

interface Exec {
	sandbox: Sandbox;
	ctx: RuntimeContext;
	meter: SwitchMeter;
	svc: EmulatorServices;
	entry(): Record<string, unknown>;
}

interface ExecSetup {
	script: SdfScript;
	deployment: SdfDeployment;
	params: Record<string, unknown>;
	executionContext: string;
	stage?: MapReduceStage;
	meter: Meter;
	/** who runs it (default: the emulator's user, the administrator who owns the scripts) */
	user?: UserInfo;
}

export class EmulatorRuntime implements TaskService {
	readonly project: SdfProject;
	private readonly onProgress?: (p: EmulatorProgress) => void;
	/** the account's records; replaced by the next day's when the account advances (advanceDay) */
	store: RecordStore;
	readonly account: AccountInfo;
	/** the day the project was deployed: fixes the local start time of each deployment */
	readonly deployedOn: string;
	readonly outDir: string | undefined;
	readonly logs: LogEntry[] = [];
	readonly emails: CapturedEmail[] = [];
	readonly governanceLog: GovernanceEntry[] = [];
	readonly savedSearches = new Map<string, SavedSearchDef>();
	/** every task ever submitted, in submission order */
	readonly tasks: TaskRecord[] = [];
	readonly accountId: string;
	readonly envType: string;
	readonly user: UserInfo;
	private readonly factories: Record<string, ModuleFactory>;
	private readonly caches = new Map<string, Map<string, { value: string; expires: number }>>();
	private readonly httpsTimeouts: { connectTimeoutMs: number; requestTimeoutMs: number };
	private readonly timeLimitsMs: Record<TimeLimitKind, number>;
	private httpClient: SyncHttp | null = null;
	private readonly secrets: ReadonlyMap<string, string>;
	private clock: Clock;
	/** deployments with an instance executing now */
	private readonly executing = new Set<string>();
	private taskCounter = 0;
	private emailSeq = 0;
	private draining = false;

	constructor(opts: EmulatorOptions) {
		this.project = opts.project ?? loadSdfProject(path.join(opts.projectRoot, opts.srcDir ?? 'src'));
		this.store = opts.store;
		this.account = { ...opts.account, dateFormat: opts.account.dateFormat || 'M/D/YYYY' };
		parseIsoDate(this.account.asOf);
		this.deployedOn = opts.deployedOn ?? this.account.asOf;
		parseIsoDate(this.deployedOn);
		this.outDir = opts.outDir;
		this.onProgress = opts.onProgress;
		this.factories = { ...defaultModuleFactories(), ...(opts.modules ?? {}) };
		this.httpsTimeouts = {
			connectTimeoutMs: opts.https?.connectTimeoutMs ?? 5_000,
			requestTimeoutMs: opts.https?.requestTimeoutMs ?? 45_000,
		};
		this.secrets = new Map(Object.entries(opts.secrets ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
		const limits = { ...TIME_LIMITS_SECONDS } as Record<TimeLimitKind, number>;
		for (const k of Object.keys(limits) as TimeLimitKind[]) limits[k] = opts.timeLimitsMs?.[k] ?? limits[k] * 1000;
		this.timeLimitsMs = limits;
		this.accountId = opts.accountId ?? deriveAccountId(this.account.name);
		this.envType = opts.envType ?? 'PRODUCTION';
		const emp = this.store.get('employee', opts.user?.id ?? 1);
		let firstSub = 1;
		for (const s of this.store.all('subsidiary')) {
			firstSub = s.id;
			break;
		}
		this.user = {
			id: 1,
			name: typeof emp?.values.entityid === 'string' ? emp.values.entityid : 'O2C Admin',
			email:
				typeof emp?.values.email === 'string'
					? emp.values.email
					: `admin@${this.accountId.toLowerCase()}.invalid`,
			role: 3,
			roleId: 'administrator',
			roleCenter: 'BASIC',
			subsidiary: typeof emp?.values.subsidiary === 'number' ? emp.values.subsidiary : firstSub,
			department: 0,
			location: 0,
			...(opts.user ?? {}),
		};
		this.clock = new Clock(this.nightStartMs(undefined));
	}

	/** Stop the HTTP worker (if one was started). The emulator stays usable; a new worker starts on demand. */
	close(): void {
		this.httpClient?.close();
		this.httpClient = null;
	}

	/**
	 * Benchmarks only (nothing deployed runs this): a host function gets the N/* modules a scheduled
	 * script would get (this account, the same unit costs and search limits) on a meter without a
	 * limit, and the units, calls and wall time it used are returned (not added to governanceLog).
	 * For baselines that are not part of the project, e.g. local/bench/naive.ts.
	 */
	runHostScript(name: string, fn: (nModule: (id: string) => unknown) => void): HostScriptRun {
		const meter = new UsageMeter(Number.POSITIVE_INFINITY);
		const deployment: SdfDeployment = {
			scriptid: `customdeploy_${name}`,
			title: name,
			status: 'TESTING',
			loglevel: 'ERROR',
			params: {},
			extra: {},
		};
		const script: SdfScript = {
			scriptid: `customscript_${name}`,
			objectType: 'scheduledscript',
			name,
			scriptfile: '',
			parameters: [],
			deployments: [deployment],
			file: '',
		};
		this.clock = new Clock(this.nightStartMs(undefined));
		const exec = this.makeExec({ script, deployment, params: {}, executionContext: 'SCHEDULED', meter });
		const modules = new Map<string, unknown>();
		fn((id) => {
			if (!modules.has(id)) {
				const f = this.factories[id];
				if (!f) throw new Error(`runHostScript: no emulated module ${id}`);
				modules.set(id, f(exec.ctx));
			}
			return modules.get(id);
		});
		return {
			unitsUsed: meter.used(),
			calls: addCalls({}, meter.byApi),
			wallMs: performance.now() - meter.hostStartMs,
		};
	}

	/* ------------------------------------------------------------------ lookup */

	script(scriptId: string, objectType?: string): SdfScript {
		const s = this.project.scripts.get(scriptId);
		if (!s) throw new Error(`no script ${scriptId} in ${path.join(this.project.root, 'Objects')}`);
		if (objectType && s.objectType !== objectType)
			throw new Error(`${scriptId} is a ${s.objectType}, not a ${objectType}`);
		return s;
	}

	deployment(script: SdfScript, deploymentId?: string): SdfDeployment {
		const d = deploymentId ? script.deployments.find((x) => x.scriptid === deploymentId) : script.deployments[0];
		if (!d)
			throw new Error(
				deploymentId
					? `${script.scriptid} has no deployment ${deploymentId}`
					: `${script.scriptid} has no deployment`,
			);
		return d;
	}

	/**
	 * The local wall-clock time a deployment runs at, and how its start date moved, once deployed.
	 * SDF writes `starttime` as `HH:mm:ssZ`, UTC: "When a Time With Time Zone value is deployed to an
	 * account, the time is converted from the UTC standard to the time zone preference of the
	 * account" (Oracle help, "Date and Time Formats in SDF Custom Objects"), which can move the start
	 * date across midnight (suitecloud-sdk issue #645). The conversion uses the offset on `deployedOn`;
	 * the deployment then keeps that local time (through daylight-saving changes). Without a start
	 * time: 02:00 local.
	 */
	localStart(rec: SdfRecurrence | undefined): { hour: number; minute: number; second: number; dayShift: number } {
		if (!rec?.starttime) return { hour: 2, minute: 0, second: 0, dayShift: 0 };
		const t = parseStartTime(rec.starttime);
		const d = parseIsoDate(this.deployedOn);
		const utc = Date.UTC(d.year, d.month - 1, d.day, t.hour, t.minute, t.second);
		const local = zonedParts(utc, this.account.timezone);
		const dayShift = Math.round(
			(Date.UTC(local.year, local.month - 1, local.day) - Date.UTC(d.year, d.month - 1, d.day)) / 864e5,
		);
		return { hour: local.hour, minute: local.minute, second: local.second, dayShift };
	}

	/**
	 * When a deployment starts in the night that covers the as-of date D: at its local start time on
	 * D + 1, the first calendar day after the one the account's data stands at (README "The clock").
	 * Runs started by hand (runScheduled, runMapReduce) start there too.
	 */
	nightStartMs(rec: SdfRecurrence | undefined): number {
		const { hour, minute, second } = this.localStart(rec);
		return zonedToUtc({ ...parseIsoDate(this.nightDate()), hour, minute, second }, this.account.timezone);
	}

	/** The calendar day the night after the as-of date falls on (D + 1). */
	nightDate(): string {
		return new Date(Date.parse(`${this.account.asOf}T00:00:00Z`) + 864e5).toISOString().slice(0, 10);
	}

	/** Noon on D + 1 in the account: when RESTlets are called and portlets looked at after the night of D. */
	dayTimeMs(): number {
		return zonedToUtc({ ...parseIsoDate(this.nightDate()), hour: 12 }, this.account.timezone);
	}

	private now(): string {
		return new Date(this.clock.peek()).toISOString();
	}

	/* ------------------------------------------------------------------ executions */

	private makeExec(setup: ExecSetup): Exec {
		const { script, deployment } = setup;
		const meter = new SwitchMeter(setup.meter);
		const moduleCache = new Map<string, unknown>();
		// eslint-disable-next-line prefer-const -- assigned below, once the sandbox its closures capture exists
		let ctx: RuntimeContext;
		const sandbox = new Sandbox({
			fileCabinetRoot: path.join(this.project.root, 'FileCabinet'),
			...(this.project.deploy ? { deployedFiles: this.project.deploy.files } : {}),
			clock: this.clock,
			name: `${script.scriptid}/${deployment.scriptid}${setup.stage ? `/${setup.stage}` : ''}`,
			nModule: (id: string): unknown => {
				if (moduleCache.has(id)) return moduleCache.get(id);
				const f = this.factories[id];
				let m: unknown;
				if (f) m = f(ctx);
				else if (KNOWN_UNEMULATED_MODULES.includes(id)) {
					m = guard(id, {});
				} else return undefined;
				moduleCache.set(id, m);
				return m;
			},
		});
		// the HTTP worker thread starts on first use and is shared by every execution
		const httpClient = (): SyncHttp => (this.httpClient ??= new WorkerHttpClient());
		const svc: EmulatorServices = {
			executionContext: setup.executionContext,
			clock: this.clock,
			newDate: (ms) => sandbox.newDate(ms),
			isDate: (v): v is Date => sandbox.isDate(v),
			log: (e) => {
				this.logs.push({
					...e,
					script: script.scriptid,
					deployment: deployment.scriptid,
					...(svc.stage ? { stage: svc.stage } : {}),
					...(svc.currentKey !== undefined ? { key: svc.currentKey } : {}),
					at: new Date(this.clock.peek()).toISOString(),
				});
			},
			email: (e) => this.captureEmail(e, script.scriptid, deployment.scriptid),
			tasks: this,
			caches: this.caches,
			user: setup.user ?? this.user,
			accountId: this.accountId,
			envType: this.envType,
			https: this.httpsTimeouts,
			secrets: this.secrets,
			get httpClient(): SyncHttp {
				return httpClient();
			},
			meterSwitch: meter,
			analytics: { loadDataset: (id: string) => this.buildDataset(id, setup.user) },
		};
		if (setup.stage) svc.stage = setup.stage;
		// the store is read through the runtime, not held: node keeps a finished execution's vm context
		// (and so this ctx) reachable for a while, which kept the previous day's whole store alive
		const currentStore = (): RecordStore => this.store;
		ctx = {
			get store(): RecordStore {
				return currentStore();
			},
			objects: this.project,
			meter,
			account: this.account,
			script: {
				scriptId: script.scriptid,
				deploymentId: deployment.scriptid,
				objectType: script.objectType,
				params: { ...deployment.params, ...setup.params },
				logLevel: deployment.loglevel || 'DEBUG',
			},
			savedSearches: this.savedSearches,
			svc,
		};
		let entry: Record<string, unknown> | null = null;
		return {
			sandbox,
			ctx,
			meter,
			svc,
			entry: () => {
				entry ??= sandbox.loadEntry(script.scriptfile, script.objectType);
				return entry;
			},
		};
	}

	private systemError(exec: Exec, e: unknown): void {
		const { name, message } = errorNameMessage(e);
		exec.svc.log({ level: 'ERROR', title: name, details: message, system: true });
	}

	private captureEmail(
		e: Omit<CapturedEmail, 'seq' | 'script' | 'deployment' | 'at' | 'files'>,
		script: string,
		deployment: string,
	): CapturedEmail {
		const seq = ++this.emailSeq;
		const atMs = this.clock.now();
		const mail: CapturedEmail = { ...e, seq, script, deployment, at: new Date(atMs).toISOString() };
		if (this.outDir) {
			const dir = path.join(this.outDir, 'emails');
			fs.mkdirSync(dir, { recursive: true });
			const base = `${String(seq).padStart(3, '0')}-${slug(mail.subject)}`;
			const eml = path.join(dir, `${base}.eml`);
			const html = path.join(dir, `${base}.html`);
			fs.writeFileSync(eml, buildEml(mail, this.accountId, atMs));
			fs.writeFileSync(html, emailHtml(mail));
			mail.files = { eml, html };
		}
		this.emails.push(mail);
		return mail;
	}

	/** Run one entry point call; a Promise result is refused (server entry points are synchronous). */
	private invoke(exec: Exec, name: string, arg: unknown): unknown {
		const fn = exec.entry()[name];
		if (typeof fn !== 'function') throw unsupported(`calling missing entry point ${name}`);
		const kind = ENTRY_TIME_LIMIT[name];
		if (kind === undefined) throw new Error(`emulator bug: no time limit for entry point ${name}`);
		let ret: unknown;
		try {
			ret = exec.sandbox.callTimed(fn as (a: unknown) => unknown, arg, this.timeLimitsMs[kind]);
		} catch (e) {
			// Oracle help "Script Execution Time Limits": the error is thrown and script execution stops
			if (e instanceof TimeLimitExceeded) throw nsError('SSS_TIME_LIMIT_EXCEEDED', TIME_LIMIT_MESSAGE, name);
			throw e;
		}
		// SSS_USAGE_LIMIT_EXCEEDED ends the execution: a script that caught it and returned still failed
		const meter = exec.meter.current();
		if (meter instanceof UsageMeter && meter.limitError) throw meter.limitError;
		if (isThenable(ret)) {
			throw unsupported(
				`${name} returning a Promise (NetSuite server entry points are synchronous; async is limited to some modules)`,
			);
		}
		return ret;
	}

	private key(scriptId: string, deploymentId: string): string {
		return `${scriptId}|${deploymentId}`;
	}

	/* ------------------------------------------------------------------ scheduled */

	runScheduled(scriptId: string, deploymentId?: string, opts: ScheduledOptions = {}): ScheduledRunResult {
		const script = this.script(scriptId, 'scheduledscript');
		const dep = this.deployment(script, deploymentId);
		this.clock = new Clock(this.nightStartMs(dep.recurrence));
		const r = this.scheduledRun(script, dep, opts.params ?? {}, 'USER_INTERFACE', opts.interrupt);
		r.tasks = this.drainTasks();
		return r;
	}

	/** One governance row for a single execution (scheduled, RESTlet call, portlet render). */
	private logExecution(script: SdfScript, dep: SdfDeployment, meter: UsageMeter, startedAt: string): void {
		this.governanceLog.push({
			script: script.scriptid,
			deployment: dep.scriptid,
			night: this.account.asOf,
			unitsUsed: meter.used(),
			unitsLimit: meter.limit,
			startedAt,
			...(meter.exceeded ? { limitExceeded: true } : {}),
			calls: addCalls({}, meter.byApi),
			wallMs: performance.now() - meter.hostStartMs,
		});
	}

	private scheduledRun(
		script: SdfScript,
		dep: SdfDeployment,
		params: Record<string, unknown>,
		invocation: InvocationType,
		interrupt?: ScheduledOptions['interrupt'],
	): ScheduledRunResult {
		const k = this.key(script.scriptid, dep.scriptid);
		this.executing.add(k);
		const startedAt = this.now();
		const meter =
			interrupt === undefined
				? new UsageMeter(UNIT_LIMITS.scheduled)
				: new KillMeter(UNIT_LIMITS.scheduled, interrupt.beforeCall, interrupt.occurrence ?? 1);
		this.onProgress?.({ script: script.scriptid, deployment: dep.scriptid });
		const exec = this.makeExec({ script, deployment: dep, params, executionContext: 'SCHEDULED', meter });
		let error: Record<string, unknown> | undefined;
		try {
			this.invoke(
				exec,
				'execute',
				guard('scheduledContext', {
					type: invocation,
					InvocationType: guard('scheduledContext.InvocationType', { ...INVOCATION_TYPES }),
				}),
			);
		} catch (e) {
			if (e instanceof ScriptLoadError) {
				this.executing.delete(k);
				throw e;
			}
			error = errorJson(e);
			this.systemError(exec, e);
		} finally {
			this.executing.delete(k);
		}
		if (meter instanceof KillMeter) {
			// killed: FAILED whatever the script caught and returned; an interrupt that never came is the test's mistake
			if (!meter.killed)
				throw new Error(
					`interrupt before ${String(interrupt?.beforeCall)} (occurrence ${String(interrupt?.occurrence ?? 1)}) of ${script.scriptid} never happened: the execution made fewer such calls`,
				);
			error ??= { name: 'SSS_APP_SERVER_RESTART', message: 'The application server stopped this execution' };
		}
		this.logExecution(script, dep, meter, startedAt);
		return {
			scriptId: script.scriptid,
			deploymentId: dep.scriptid,
			status: error ? 'FAILED' : 'COMPLETE',
			...(error ? { error } : {}),
			unitsUsed: meter.used(),
			unitsLimit: meter.limit,
			startedAt,
			tasks: [],
		};
	}

	/* ------------------------------------------------------------------ map/reduce */

	runMapReduce(scriptId: string, deploymentId?: string, opts: MapReduceOptions = {}): MapReduceRunResult {
		const script = this.script(scriptId, 'mapreducescript');
		const dep = this.deployment(script, deploymentId);
		this.clock = new Clock(this.nightStartMs(dep.recurrence));
		const r = this.mapReduceRun(script, dep, opts, undefined);
		r.tasks = this.drainTasks();
		return r;
	}

	private mapReduceRun(
		script: SdfScript,
		dep: SdfDeployment,
		opts: MapReduceOptions,
		task: TaskRecord | undefined,
	): MapReduceRunResult {
		const interrupt = opts.interrupt;
		if (interrupt) {
			if (!['getInputData', 'map', 'reduce', 'summarize'].includes(interrupt.stage))
				throw new Error(`bad interrupt stage ${interrupt.stage}`);
			if (!Number.isInteger(interrupt.afterInvocations) || interrupt.afterInvocations < 0)
				throw new Error('interrupt.afterInvocations must be an integer >= 0');
			if (
				(interrupt.stage === 'getInputData' || interrupt.stage === 'summarize') &&
				interrupt.afterInvocations !== 0
			) {
				throw new Error(`${interrupt.stage} runs once: interrupt.afterInvocations must be 0`);
			}
		}
		const k = this.key(script.scriptid, dep.scriptid);
		this.executing.add(k);
		try {
			return this.mapReduceStages(script, dep, opts, task);
		} finally {
			this.executing.delete(k);
		}
	}

	private mapReduceStages(
		script: SdfScript,
		dep: SdfDeployment,
		opts: MapReduceOptions,
		task: TaskRecord | undefined,
	): MapReduceRunResult {
		const params = opts.params ?? {};
		const interrupt = opts.interrupt;
		let restarted: MapReduceStage | null = null;
		const startMs = this.clock.now();
		const startedAt = new Date(startMs).toISOString();
		const gov: GovernanceEntry[] = [];
		const setStage = (s: MapReduceStage | 'SHUFFLE'): void => {
			if (task) task.stage = s === 'SHUFFLE' ? s : STAGE_TASK_NAMES[s];
			if (s !== 'SHUFFLE') this.onProgress?.({ script: script.scriptid, deployment: dep.scriptid, stage: s });
		};
		const newExec = (stage: MapReduceStage, limit: number): Exec =>
			this.makeExec({
				script,
				deployment: dep,
				params,
				executionContext: 'MAPREDUCE',
				stage,
				meter: new UsageMeter(limit),
			});

		/* ---- getInputData ---- */
		setStage('getInputData');
		const stageClock: Record<string, { start: number; end: number }> = {};
		stageClock.input = { start: this.clock.peek(), end: 0 };
		let inputError: string | null = null;
		let pairs: { key: string; value: string }[] = [];
		let config: { retryCount?: number; exitOnError: boolean } = { exitOnError: false };
		let hasMap = false;
		let hasReduce = false;
		let inputUnits = 0;
		let inputExceeded = false;
		const inputCalls: Record<string, ApiCalls> = {};
		const inputHostStart = performance.now();
		const inputStartedAt = this.now();
		for (let attempt = 1; attempt <= 2; attempt++) {
			const exec = newExec('getInputData', UNIT_LIMITS.getInputData);
			const meter = invocationMeter(
				UNIT_LIMITS.getInputData,
				interrupt,
				interrupt?.stage === 'getInputData' && attempt === 1,
			);
			exec.meter.setTarget(meter);
			let input: unknown;
			let err: unknown;
			let failed = false;
			try {
				const entry = exec.entry();
				hasMap = typeof entry.map === 'function';
				hasReduce = typeof entry.reduce === 'function';
				const c = entry.config;
				if (c && typeof c === 'object') {
					const rc = (c as { retryCount?: unknown }).retryCount;
					config = {
						...(typeof rc === 'number' && Number.isInteger(rc)
							? { retryCount: Math.max(0, Math.min(3, rc)) }
							: {}),
						exitOnError: (c as { exitOnError?: unknown }).exitOnError === true,
					};
				}
				input = this.invoke(
					exec,
					'getInputData',
					guard('inputContext', { isRestarted: attempt > 1, ObjectRef: guard('ObjectRef', {}) }),
				);
			} catch (e) {
				if (e instanceof ScriptLoadError) throw e;
				err = e;
				failed = true;
			}
			inputUnits += meter.used();
			inputExceeded ||= meter.exceeded;
			addCalls(inputCalls, meter.byApi);
			if (interrupt?.stage === 'getInputData' && attempt === 1) {
				checkKilled(meter, interrupt, 'getInputData');
				restarted = 'getInputData';
				continue; // the server died before the stage finished: rerun it, isRestarted true
			}
			if (failed) {
				inputError = serializeError(err);
				this.systemError(exec, err);
			} else {
				try {
					pairs = this.inputPairs(exec, input);
				} catch (e) {
					if (e instanceof ScriptLoadError) throw e;
					inputError = serializeError(e);
					this.systemError(exec, e);
				}
			}
			break;
		}
		const persisted: PersistedData = { bytes: 0, peak: 0, exceeded: null };
		for (const p of pairs) persisted.bytes += utf8(p.key) + utf8(p.value);
		persisted.peak = persisted.bytes;
		if (inputError === null && persisted.bytes > PERSISTED_LIMIT_BYTES) {
			// the input stage ends with the error and the job goes to summarize (nothing is mapped)
			inputError = serializeError(persistedError('getInputData', persisted.bytes));
			persisted.exceeded = 'getInputData';
			pairs = [];
		}
		stageClock.input.end = this.clock.peek();
		gov.push({
			script: script.scriptid,
			deployment: dep.scriptid,
			stage: 'getInputData',
			unitsUsed: inputUnits,
			unitsLimit: UNIT_LIMITS.getInputData,
			startedAt: inputStartedAt,
			...(inputExceeded ? { limitExceeded: true } : {}),
			calls: inputCalls,
			wallMs: performance.now() - inputHostStart,
			inputPairs: pairs.length,
		});

		/* ---- map ---- */
		let mapKeys: MapReduceKeyState[] | null = null;
		let reduceKeys: MapReduceKeyState[] | null = null;
		let output: { key: string; value: string }[] = [];
		let exited = false;
		let mapUnits = 0;
		let reduceUnits = 0;
		let reduceInput: { key: string; values: string[] }[] = [];
		const stageSeconds = { map: 0, reduce: 0 };
		if (inputError === null) {
			let mapOut: { key: string; value: string }[] = pairs;
			if (hasMap) {
				setStage('map');
				const start = this.clock.peek();
				const r = this.keyedStage(
					'map',
					script,
					dep,
					params,
					pairs.map((p) => ({ key: p.key, value: p.value })),
					config,
					interrupt,
					gov,
					persisted,
				);
				stageSeconds.map = Math.round((this.clock.peek() - start) / 1000);
				mapKeys = r.keys;
				mapOut = r.outputs;
				exited = r.exited;
				mapUnits = r.units;
				if (r.restarted) restarted = 'map';
			}
			if (!exited) {
				// shuffle: group by key; keys in lexicographical order (docs: reduceSummary.keys "listed in lexicographical order")
				setStage('SHUFFLE');
				const groups = new Map<string, string[]>();
				for (const w of mapOut) {
					const g = groups.get(w.key);
					if (g) g.push(w.value);
					else groups.set(w.key, [w.value]);
				}
				reduceInput = [...groups.entries()]
					.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
					.map(([key, values]) => ({ key, values }));
				if (hasReduce) {
					// after the shuffle the job holds each key once with its values
					persisted.bytes = reduceInput.reduce(
						(n, g) => n + utf8(g.key) + g.values.reduce((m, v) => m + utf8(v), 0),
						0,
					);
				}
				if (hasReduce) {
					setStage('reduce');
					const start = this.clock.peek();
					const r = this.keyedStage(
						'reduce',
						script,
						dep,
						params,
						reduceInput,
						config,
						interrupt,
						gov,
						persisted,
					);
					stageSeconds.reduce = Math.round((this.clock.peek() - start) / 1000);
					reduceKeys = r.keys;
					output = r.outputs;
					reduceUnits = r.units;
					if (r.restarted) restarted = 'reduce';
				} else {
					output = mapOut;
				}
			}
		}
		if (interrupt && (interrupt.stage === 'map' || interrupt.stage === 'reduce') && restarted !== interrupt.stage) {
			throw new Error(
				`interrupt at ${interrupt.stage} after ${interrupt.afterInvocations} invocations never happened: the stage ran fewer invocations (or did not run)`,
			);
		}

		/* ---- summarize ---- */
		let summarizeError: string | null = null;
		const totalUsage = inputUnits + mapUnits + reduceUnits;
		for (let attempt = 1; attempt <= 2; attempt++) {
			const exec = newExec('summarize', UNIT_LIMITS.summarize);
			const meter = invocationMeter(
				UNIT_LIMITS.summarize,
				interrupt,
				interrupt?.stage === 'summarize' && attempt === 1,
			);
			exec.meter.setTarget(meter);
			const sumStartedAt = this.now();
			let ran = false;
			try {
				const entry = exec.entry();
				if (typeof entry.summarize === 'function') {
					setStage('summarize');
					ran = true;
					const dateCreated = exec.sandbox.newDate(startMs);
					const keysRows = (ks: MapReduceKeyState[] | null): [string, number, string][] =>
						(ks ?? []).map((x) => [x.key, x.executionCount, x.state]);
					const errorRows = (ks: MapReduceKeyState[] | null): [string, string, number][] =>
						(ks ?? []).flatMap((x) =>
							x.errors.map((e) => [x.key, e.error, e.executionNo] as [string, string, number]),
						);
					const summary = guard('summaryContext', {
						isRestarted: attempt > 1,
						dateCreated,
						seconds: Math.round((this.clock.peek() - startMs) / 1000),
						usage: totalUsage,
						concurrency: 1,
						get yields(): never {
							throw yieldsUnsupported('summary');
						},
						inputSummary: guard('inputSummary', {
							dateCreated: exec.sandbox.newDate(stageClock.input.start),
							seconds: Math.round((stageClock.input.end - stageClock.input.start) / 1000),
							usage: inputUnits,
							error: inputError,
						}),
						mapSummary: guard('mapSummary', {
							dateCreated,
							seconds: stageSeconds.map,
							usage: mapUnits,
							concurrency: 1,
							get yields(): never {
								throw yieldsUnsupported('mapSummary');
							},
							keys: iterator(keysRows(mapKeys)),
							errors: iterator(errorRows(mapKeys)),
						}),
						reduceSummary: guard('reduceSummary', {
							dateCreated,
							seconds: stageSeconds.reduce,
							usage: reduceUnits,
							concurrency: 1,
							get yields(): never {
								throw yieldsUnsupported('reduceSummary');
							},
							keys: iterator(keysRows(reduceKeys)),
							errors: iterator(errorRows(reduceKeys)),
						}),
						output: iterator(output.map((o) => [o.key, o.value] as [string, string])),
					});
					this.invoke(exec, 'summarize', summary);
				}
			} catch (e) {
				if (e instanceof ScriptLoadError) throw e;
				if (!(interrupt?.stage === 'summarize' && attempt === 1)) {
					summarizeError = serializeError(e);
					this.systemError(exec, e);
				}
			}
			if (ran || attempt > 1) {
				gov.push({
					script: script.scriptid,
					deployment: dep.scriptid,
					stage: 'summarize',
					unitsUsed: meter.used(),
					unitsLimit: UNIT_LIMITS.summarize,
					startedAt: sumStartedAt,
					...(meter.exceeded ? { limitExceeded: true } : {}),
					calls: addCalls({}, meter.byApi),
					wallMs: performance.now() - meter.hostStartMs,
				});
			}
			if (interrupt?.stage === 'summarize' && attempt === 1) {
				if (!ran) throw new Error('interrupt at summarize never happened: the script has no summarize');
				checkKilled(meter, interrupt, 'summarize');
				restarted = 'summarize';
				summarizeError = null;
				continue;
			}
			break;
		}
		if (interrupt?.stage === 'getInputData' && restarted !== 'getInputData')
			throw new Error('interrupt at getInputData never happened');

		for (const g of gov) g.night = this.account.asOf;
		this.governanceLog.push(...gov);
		return {
			scriptId: script.scriptid,
			deploymentId: dep.scriptid,
			status:
				inputError !== null || summarizeError !== null || persisted.exceeded !== null ? 'FAILED' : 'COMPLETE',
			inputError,
			map: mapKeys,
			reduce: reduceKeys,
			output,
			summarizeError,
			restarted,
			persistedPeakBytes: persisted.peak,
			persistedLimitExceeded: persisted.exceeded,
			governance: gov,
			startedAt,
			tasks: [],
		};
	}

	/** getInputData's return value as key/value pairs (NetSuite's input forms, platform §9). */
	private inputPairs(exec: Exec, input: unknown): { key: string; value: string }[] {
		const str = (v: unknown): string => (typeof v === 'string' ? v : (jsonText(v) ?? String(v)));
		const check = (key: string, value: string): { key: string; value: string } => {
			checkKeyValue(key, value);
			return { key, value };
		};
		if (input === undefined || input === null) {
			throw nsError(
				'SSS_INVALID_INPUT_DATA',
				'getInputData returned no input (an array, object, search or reference is required).',
				'map/reduce framework',
			);
		}
		if (Array.isArray(input)) return input.map((v, i) => check(String(i), str(v)));
		const o = input as Record<string, unknown>;
		const file = this.factories['N/search'] === defaultSearchFactory ? searchModuleFile() : null;
		const isSearch =
			(typeof file?.isSearchObject === 'function' && file.isSearchObject(o)) ||
			(typeof o.runPaged === 'function' && ('searchType' in o || 'columns' in o));
		if (
			isSearch ||
			(typeof o.type === 'string' && Object.keys(o).length <= 2 && 'id' in o && o.type === 'search')
		) {
			return this.searchPairs(exec, o, isSearch).map((p) => check(p.key, p.value));
		}
		if (
			typeof o.type === 'string' &&
			['query', 'file', 'suiteql', 'dataset'].includes(o.type) &&
			Object.keys(o).length <= 3
		) {
			throw unsupported(`map/reduce input {type: '${o.type}'}`);
		}
		if (typeof o.run === 'function' || typeof o.runPaged === 'function') {
			throw unsupported(
				'map/reduce input of this object type (only arrays, plain objects and searches are emulated)',
			);
		}
		return Object.keys(o).map((k) => check(k, str(o[k])));
	}

	/**
	 * Run an input search for the framework (NetSuite runs it outside the script's governance) and
	 * serialise each result as map receives it: JSON.stringify(search.Result), key = result id.
	 * Uses modules/search.ts's runForMapReduceInput when this emulator's N/search is that module;
	 * otherwise the module's public API (load, runPaged, fetch) on an unlimited meter.
	 */
	private searchPairs(
		exec: Exec,
		o: Record<string, unknown>,
		isSearchObject: boolean,
	): { key: string; value: string }[] {
		const usesFileModule = this.factories['N/search'] === defaultSearchFactory;
		const file = usesFileModule ? searchModuleFile() : null;
		const framework = new UsageMeter(Number.POSITIVE_INFINITY);
		const previous = exec.meter.current();
		exec.meter.setTarget(framework);
		try {
			if (usesFileModule && typeof file?.runForMapReduceInput === 'function') {
				// mapContext.key: "the internal ID of the result. If the search result has no internal ID, the key
				// is the index of the search result" (Oracle help, mapContext.key): grouped rows are numbered
				return file.runForMapReduceInput(exec.ctx, o).map((json, index) => {
					const id = (JSON.parse(json) as { id?: unknown }).id;
					return {
						key: id === undefined || id === null || id === '' ? String(index) : scriptText(id),
						value: json,
					};
				});
			}
			let s: Record<string, unknown> = o;
			if (!isSearchObject) {
				const mod = exec.sandbox.require('N/search') as {
					load: (opt: { id: unknown }) => Record<string, unknown>;
				};
				s = mod.load({ id: o.id });
			}
			const paged = (s.runPaged as (opt: { pageSize: number }) => Record<string, unknown>)({ pageSize: 1000 });
			const out: { key: string; value: string }[] = [];
			const ranges = (paged.pageRanges as { index: number }[] | undefined) ?? [];
			for (const r of ranges) {
				const page = (paged.fetch as (opt: { index: number }) => { data: { id?: unknown }[] })({
					index: r.index,
				});
				for (const result of page.data) {
					const id = result.id;
					out.push({
						key: id === undefined || id === null || id === '' ? String(out.length) : scriptText(id),
						value: JSON.stringify(result),
					});
				}
			}
			return out;
		} finally {
			exec.meter.setTarget(previous);
		}
	}

	/**
	 * The map or reduce stage: one invocation per key, each with its own meter (map 1,000, reduce
	 * 5,000 units). Uncaught errors are recorded for the key and do not stop other keys; retryCount
	 * re-invokes the key; exitOnError ends the stage. An interrupt restarts the job: the interrupted
	 * invocation's writes are discarded, SSS_APP_SERVER_RESTART is recorded for its key and the key
	 * runs again (isRestarted true) unless retryCount is 0; completed keys are not redone.
	 */
	private keyedStage(
		stage: 'map' | 'reduce',
		script: SdfScript,
		dep: SdfDeployment,
		params: Record<string, unknown>,
		items: ({ key: string; value: string } | { key: string; values: string[] })[],
		config: { retryCount?: number; exitOnError: boolean },
		interrupt: MapReduceOptions['interrupt'],
		gov: GovernanceEntry[],
		persisted: PersistedData,
	): {
		keys: MapReduceKeyState[];
		outputs: { key: string; value: string }[];
		exited: boolean;
		units: number;
		restarted: boolean;
	} {
		const limit = stage === 'map' ? UNIT_LIMITS.map : UNIT_LIMITS.reduce;
		const newExec = (): Exec =>
			this.makeExec({
				script,
				deployment: dep,
				params,
				executionContext: 'MAPREDUCE',
				stage,
				meter: new UsageMeter(limit),
			});
		let exec = newExec();
		const keys: MapReduceKeyState[] = items.map((it) => ({
			key: it.key,
			executionCount: 0,
			state: 'PENDING',
			errors: [],
		}));
		const outputs: { key: string; value: string }[] = [];
		let invocations = 0;
		let units = 0;
		let maxUnits = 0;
		let exceeded = false;
		let restarted = false;
		let exited = false;
		const calls: Record<string, ApiCalls> = {};
		let maxMs = 0;
		const hostStart = performance.now();
		const startedAt = this.now();
		outer: for (let i = 0; i < items.length; i++) {
			const item = items[i];
			const ks = keys[i]; // keys is items.map(...)
			if (item === undefined || ks === undefined) throw new Error(`emulator bug: no ${stage} item ${i}`);
			const itemBytes =
				utf8(item.key) + ('value' in item ? utf8(item.value) : item.values.reduce((n, v) => n + utf8(v), 0));
			if (this.onProgress && i > 0 && i % 500 === 0) {
				this.onProgress({
					script: script.scriptid,
					deployment: dep.scriptid,
					stage,
					done: i,
					total: items.length,
				});
			}
			for (;;) {
				const executionNo = ++ks.executionCount;
				const meter = invocationMeter(
					limit,
					interrupt,
					interrupt?.stage === stage && !restarted && invocations === interrupt.afterInvocations,
				);
				exec.meter.setTarget(meter);
				const writes: { key: string; value: string }[] = [];
				let writtenBytes = 0;
				const previousErrors = ks.errors.map(
					(e) => [ks.key, e.error, e.executionNo] as [string, string, number],
				);
				const write = (argc: number, a: unknown, b: unknown): void => {
					let k: unknown = a;
					let v: unknown = b;
					if (argc < 2) {
						const o = (typeof a === 'object' && a !== null ? a : {}) as { key?: unknown; value?: unknown };
						k = o.key;
						v = o.value;
					}
					if (k === undefined || k === null)
						throw nsError('SSS_MISSING_REQD_ARGUMENT', 'write: Missing a required argument: key', 'write');
					if (v === undefined)
						throw nsError(
							'SSS_MISSING_REQD_ARGUMENT',
							'write: Missing a required argument: value',
							'write',
						);
					const key = typeof k === 'string' ? k : JSON.stringify(k);
					const value = typeof v === 'string' ? v : (jsonText(v) ?? scriptText(v));
					checkKeyValue(key, value);
					const bytes = utf8(key) + utf8(value);
					if (persisted.bytes + writtenBytes + bytes > PERSISTED_LIMIT_BYTES) {
						persisted.exceeded = stage;
						throw persistedError(stage, persisted.bytes + writtenBytes + bytes);
					}
					writtenBytes += bytes;
					writes.push({ key, value });
				};
				const base = {
					key: item.key,
					isRestarted: executionNo > 1,
					executionNo,
					errors: iterator(previousErrors),
					// write(key, value) or write({key, value})
					write: function (a: unknown, b?: unknown): void {
						write(arguments.length, a, b);
					},
				};
				const context = guard(
					stage === 'map' ? 'mapContext' : 'reduceContext',
					'value' in item ? { ...base, value: item.value } : { ...base, values: [...item.values] },
				);
				let err: unknown;
				let failed = false;
				exec.svc.currentKey = item.key;
				try {
					this.invoke(exec, stage, context);
				} catch (e) {
					if (e instanceof ScriptLoadError) throw e;
					err = e;
					failed = true;
				} finally {
					delete exec.svc.currentKey;
				}
				invocations++;
				units += meter.used();
				maxUnits = Math.max(maxUnits, meter.used());
				addCalls(calls, meter.byApi);
				maxMs = Math.max(maxMs, performance.now() - meter.hostStartMs);
				exceeded ||= meter.exceeded;
				persisted.peak = Math.max(persisted.peak, persisted.bytes + writtenBytes);
				if (interrupt?.stage === stage && !restarted && invocations === interrupt.afterInvocations + 1) {
					// the application server died during this invocation: its writes are lost, the job restarts
					checkKilled(meter, interrupt, `${stage} invocation ${String(invocations)}`);
					restarted = true;
					ks.errors.push({ error: APP_SERVER_RESTART(), executionNo });
					exec = newExec();
					if (config.retryCount === 0) {
						ks.state = 'FAILED';
						persisted.bytes -= itemBytes;
						break;
					}
					continue;
				}
				if (persisted.exceeded === stage) {
					// the write that crossed 200 MB ended the invocation and the stage (even if the script
					// caught the error); summarize runs next
					const e = persistedError(stage, persisted.bytes + writtenBytes);
					ks.errors.push({ error: serializeError(e), executionNo });
					exec.svc.currentKey = item.key;
					this.systemError(exec, e);
					delete exec.svc.currentKey;
					ks.state = 'FAILED';
					exited = true;
					break outer;
				}
				if (!failed) {
					outputs.push(...writes);
					// the item is processed: it no longer counts; what it wrote does (until reduced, or as output)
					persisted.bytes += writtenBytes - itemBytes;
					ks.state = 'COMPLETE';
					break;
				}
				ks.errors.push({ error: serializeError(err), executionNo });
				exec.svc.currentKey = item.key;
				this.systemError(exec, err);
				delete exec.svc.currentKey;
				if (config.retryCount !== undefined && executionNo <= config.retryCount) continue;
				ks.state = 'FAILED';
				persisted.bytes -= itemBytes;
				if (config.exitOnError) {
					exited = true;
					break outer;
				}
				break;
			}
		}
		gov.push({
			script: script.scriptid,
			deployment: dep.scriptid,
			stage,
			unitsUsed: units,
			unitsLimit: limit,
			startedAt,
			invocations,
			maxInvocationUnits: maxUnits,
			...(exceeded ? { limitExceeded: true } : {}),
			calls,
			wallMs: performance.now() - hostStart,
			maxInvocationMs: maxMs,
		});
		return { keys, outputs, exited, units, restarted };
	}

	/* ------------------------------------------------------------------ access */

	/** Whether `user` (default: the emulator's user) may run the deployment; see roles.ts. */
	access(script: SdfScript, dep: SdfDeployment, user?: UserInfo): AccessDecision {
		return checkAccess(script, dep, user ?? this.user);
	}

	/* ------------------------------------------------------------------ RESTlet */

	callRestlet(
		scriptId: string,
		deploymentId: string | undefined,
		method: string,
		bodyOrQuery?: unknown,
		opts: {
			contentType?: string | null;
			user?: UserInfo;
			/**
			 * Called before each metered N/* call of this request (tests: run another request
			 * completely at that point, as NetSuite runs RESTlet calls concurrently)
			 */
			interleave?: (api: string) => void;
		} = {},
	): RestletResponse {
		const outerClock = this.clock; // a request interleaved into another leaves that one's clock alone
		const nested = this.restletDepth > 0;
		this.restletDepth++;
		try {
			return this.restletRequest(scriptId, deploymentId, method, bodyOrQuery, opts);
		} finally {
			this.restletDepth--;
			if (nested) this.clock = outerClock;
		}
	}

	private restletDepth = 0;

	private restletRequest(
		scriptId: string,
		deploymentId: string | undefined,
		method: string,
		bodyOrQuery: unknown,
		opts: { contentType?: string | null; user?: UserInfo; interleave?: (api: string) => void },
	): RestletResponse {
		const script = this.script(scriptId, 'restlet');
		const dep = this.deployment(script, deploymentId);
		this.clock = new Clock(this.dayTimeMs());
		const m = method.toUpperCase();
		const hasBody = m === 'POST' || m === 'PUT';
		// No Content-Type: a request with a body is refused (415); one without gets plain text back
		// (docs "Creating a Content-Type Header"). Undefined keeps the API's default, JSON.
		const contentType = opts.contentType === undefined ? 'application/json' : (opts.contentType ?? 'text/plain');
		const json = /json/i.test(contentType);
		const errorBody = (name: string, message: string): string =>
			json
				? JSON.stringify({ error: { code: name, message } })
				: `error code: ${name}\nerror message: ${message}`;
		const refuse = (code: number, name: string, message: string): RestletResponse => ({
			code,
			body: errorBody(name, message),
			contentType,
			tasks: [],
		});
		const decision = this.access(script, dep, opts.user);
		if (!decision.ok) {
			return decision.kind === 'NOT_DEPLOYED'
				? refuse(404, 'SSS_INVALID_SCRIPTLET_ID', 'That Suitelet is invalid, disabled, or no longer exists.')
				: refuse(403, 'INSUFFICIENT_PERMISSION', `You do not have access to this RESTlet: ${decision.reason}.`);
		}
		if (hasBody && opts.contentType === null) {
			return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'A request with a body needs a Content-Type header.');
		}
		const fnName = ({ GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete' } as Record<string, string>)[m];
		const meter = new UsageMeter(UNIT_LIMITS.restlet);
		if (opts.interleave) meter.onCharge = opts.interleave;
		const exec = this.makeExec({
			script,
			deployment: dep,
			params: {},
			executionContext: 'RESTLET',
			meter,
			...(opts.user ? { user: opts.user } : {}),
		});
		const startedAt = this.now();
		let res: { code: number; body: string } = { code: 500, body: '' };
		try {
			const entry = exec.entry();
			if (!fnName || typeof entry[fnName] !== 'function') {
				res = {
					code: 405,
					body: errorBody('METHOD_NOT_ALLOWED', `The RESTlet does not define ${fnName ?? m} (HTTP ${m}).`),
				};
			} else {
				let arg: unknown;
				if (!hasBody) {
					const q = exec.sandbox.newObject();
					q.script = script.scriptid;
					q.deploy = dep.scriptid;
					if (bodyOrQuery && typeof bodyOrQuery === 'object') {
						for (const [k, v] of Object.entries(bodyOrQuery as Record<string, unknown>)) q[k] = String(v);
					}
					arg = q;
				} else {
					const text =
						bodyOrQuery === undefined
							? ''
							: typeof bodyOrQuery === 'string'
								? bodyOrQuery
								: JSON.stringify(bodyOrQuery);
					arg = text;
					if (json) {
						try {
							arg = exec.sandbox.parseJson(text === '' ? '{}' : text);
						} catch (e) {
							arg = undefined;
							res = {
								code: 400,
								body: errorBody(
									'SYNTAX_ERROR',
									`The request body is not valid JSON: ${errorNameMessage(e).message}`,
								),
							};
						}
					}
				}
				if (arg !== undefined) {
					const ret = this.invoke(exec, fnName, arg);
					if (ret === undefined || ret === null) res = { code: 200, body: '' };
					else if (typeof ret === 'string') res = { code: 200, body: ret };
					else if (json) res = { code: 200, body: JSON.stringify(ret) };
					else
						res = {
							code: 400,
							body: errorBody(
								'INVALID_RETURN_DATA_FORMAT',
								'Invalid data format. You should return text.',
							),
						};
				}
			}
		} catch (e) {
			if (e instanceof ScriptLoadError) throw e;
			this.systemError(exec, e);
			const isSuiteScript =
				e instanceof SuiteScriptError ||
				(typeof e === 'object' && e !== null && (e as { type?: unknown }).type === 'error.SuiteScriptError');
			const { name, message } = errorNameMessage(e);
			res = isSuiteScript
				? { code: 400, body: errorBody(name, message) }
				: { code: 400, body: errorBody('JS_EXCEPTION', `${name}: ${message}`) };
		}
		this.logExecution(script, dep, meter, startedAt);
		return { ...res, contentType, tasks: this.drainTasks() };
	}

	/* ------------------------------------------------------------------ Suitelet */

	/**
	 * One Suitelet request: `onRequest({request, response})` with 1,000 units, executionContext
	 * SUITELET. The response is what the script wrote (`write`, `writeLine`, headers); by default
	 * `text/html; charset=utf-8`. An uncaught error is an HTTP 500 error page naming the error.
	 */
	callSuitelet(
		scriptId: string,
		deploymentId: string | undefined,
		request: SuiteletRequest = {},
		opts: { user?: UserInfo } = {},
	): SuiteletResponse {
		const script = this.script(scriptId, 'suitelet');
		const dep = this.deployment(script, deploymentId);
		this.clock = new Clock(this.dayTimeMs());
		const decision = this.access(script, dep, opts.user);
		if (!decision.ok) {
			const notFound = decision.kind === 'NOT_DEPLOYED';
			return {
				code: notFound ? 404 : 403,
				headers: { 'Content-Type': 'text/html; charset=utf-8' },
				body: errorPage(
					notFound ? 'SSS_INVALID_SCRIPTLET_ID' : 'INSUFFICIENT_PERMISSION',
					notFound
						? 'That Suitelet is invalid, disabled, or no longer exists.'
						: `You do not have access to this page: ${decision.reason}.`,
				),
				unitsUsed: 0,
				unitsLimit: UNIT_LIMITS.suitelet,
				tasks: [],
			};
		}
		const meter = new UsageMeter(UNIT_LIMITS.suitelet);
		const exec = this.makeExec({
			script,
			deployment: dep,
			params: {},
			executionContext: 'SUITELET',
			meter,
			...(opts.user ? { user: opts.user } : {}),
		});
		const startedAt = this.now();
		const method = (request.method ?? 'GET').toUpperCase();
		const params = exec.sandbox.newObject();
		for (const [k, v] of Object.entries(request.params ?? {})) params[k] = v;
		params.script = script.scriptid;
		params.deploy = dep.scriptid;
		const reqHeaders = exec.sandbox.newObject();
		for (const [k, v] of Object.entries(request.headers ?? {})) reqHeaders[k] = v;
		const query = Object.entries(params as Record<string, string>)
			.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
			.join('&');
		const serverRequest = guard('http.ServerRequest', {
			method,
			parameters: params,
			headers: reqHeaders,
			body: request.body ?? '',
			url: `https://${accountHost(this.accountId)}.app.netsuite.com/app/site/hosting/scriptlet.nl?${query}`,
			clientIpAddress: '127.0.0.1',
		});
		const headers = new Map<string, string>([['Content-Type', 'text/html; charset=utf-8']]);
		const chunks: string[] = [];
		const text = (what: string, v: unknown): string => {
			const output = typeof v === 'string' ? v : opts2(v).output;
			if (typeof output !== 'string')
				throw nsError('WRONG_PARAMETER_TYPE', `${what}: output must be a string.`, `${what}(ServerResponse)`);
			return output;
		};
		const headerArgs = (what: string, v: unknown): { name: string; value: string } => {
			const o = opts2(v);
			if (typeof o.name !== 'string' || o.name === '') throw missingArg(`ServerResponse.${what}`, 'name');
			if (o.value === undefined || o.value === null) throw missingArg(`ServerResponse.${what}`, 'value');
			return { name: o.name, value: scriptText(o.value) };
		};
		const setHeader = (name: string, value: string, append: boolean): void => {
			const existing = [...headers.keys()].find((h) => h.toLowerCase() === name.toLowerCase());
			if (existing !== undefined && append) headers.set(existing, `${headers.get(existing) ?? ''}, ${value}`);
			else {
				if (existing !== undefined) headers.delete(existing);
				headers.set(name, value);
			}
		};
		const serverResponse = guard('http.ServerResponse', {
			get headers(): Record<string, string> {
				return Object.fromEntries(headers);
			},
			write(v?: unknown): void {
				chunks.push(text('write', v));
			},
			writeLine(v?: unknown): void {
				chunks.push(`${text('writeLine', v)}\n`);
			},
			setHeader(v?: unknown): void {
				const { name, value } = headerArgs('setHeader', v);
				setHeader(name, value, false);
			},
			addHeader(v?: unknown): void {
				const { name, value } = headerArgs('addHeader', v);
				setHeader(name, value, true);
			},
			getHeader(v?: unknown): string | null {
				const name = scriptText(opts2(v).name ?? '').toLowerCase();
				const key = [...headers.keys()].find((h) => h.toLowerCase() === name);
				return key === undefined ? null : (headers.get(key) ?? null);
			},
		});
		let code = 200;
		let error: Record<string, unknown> | undefined;
		try {
			this.invoke(
				exec,
				'onRequest',
				guard('suiteletContext', { request: serverRequest, response: serverResponse }),
			);
		} catch (e) {
			if (e instanceof ScriptLoadError) throw e;
			this.systemError(exec, e);
			error = errorJson(e);
			const { name, message } = errorNameMessage(e);
			code = 500;
			chunks.length = 0;
			headers.clear();
			headers.set('Content-Type', 'text/html; charset=utf-8');
			chunks.push(errorPage(name, message));
		}
		this.logExecution(script, dep, meter, startedAt);
		return {
			code,
			headers: Object.fromEntries(headers),
			body: chunks.join(''),
			...(error ? { error } : {}),
			unitsUsed: meter.used(),
			unitsLimit: meter.limit,
			tasks: this.drainTasks(),
		};
	}

	/* ------------------------------------------------------------------ portlet */

	renderPortlet(
		scriptId: string,
		deploymentId?: string,
		opts: { column?: number | string; entity?: string; user?: UserInfo } = {},
	): PortletRender {
		const script = this.script(scriptId, 'portlet');
		const dep = this.deployment(script, deploymentId);
		this.clock = new Clock(this.dayTimeMs());
		const type = (script.portlettype ?? 'HTML').toUpperCase();
		const user = opts.user ?? this.user;
		const decision = this.access(script, dep, user);
		if (!decision.ok) {
			return {
				scriptId,
				deploymentId: dep.scriptid,
				portletType: type,
				title: '',
				refused: { kind: decision.kind, reason: decision.reason },
				unitsUsed: 0,
				unitsLimit: UNIT_LIMITS.portlet,
			};
		}
		const meter = new UsageMeter(UNIT_LIMITS.portlet);
		const exec = this.makeExec({
			script,
			deployment: dep,
			params: {},
			executionContext: 'PORTLET',
			meter,
			...(opts.user ? { user: opts.user } : {}),
		});
		const startedAt = this.now();
		const out: PortletRender = {
			scriptId,
			deploymentId: dep.scriptid,
			portletType: type,
			title: '',
			unitsUsed: 0,
			unitsLimit: meter.limit,
		};
		const only = (t: string, what: string): void => {
			if (type !== t)
				throw nsError(
					'SSS_INVALID_UI_OBJECT_TYPE',
					`${what} is not available on a ${type} portlet.`,
					'portlet',
				);
		};
		const columns: NonNullable<PortletRender['columns']> = [];
		const rows: Record<string, string>[] = [];
		const lines: NonNullable<PortletRender['lines']> = [];
		let html: string | undefined;
		const rowOf = (row: unknown): Record<string, string> => {
			const r: Record<string, string> = {};
			const result = row as { getValue?: (c: unknown) => unknown };
			for (const c of columns) {
				const v =
					typeof result.getValue === 'function'
						? result.getValue({ name: c.id })
						: (row as Record<string, unknown>)[c.id];
				r[c.id] = v === undefined || v === null ? '' : scriptText(v);
			}
			return r;
		};
		const portlet = guard('portlet.Portlet', {
			title: '',
			get html(): string {
				return html ?? '';
			},
			set html(v: unknown) {
				only('HTML', 'html');
				html = scriptText(v); // a script may assign anything
			},
			addColumn(o?: unknown) {
				only('LIST', 'addColumn');
				const c = (o ?? {}) as Record<string, unknown>;
				if (!c.id)
					throw nsError(
						'SSS_MISSING_REQD_ARGUMENT',
						'Portlet.addColumn: Missing a required argument: id',
						'addColumn',
					);
				columns.push({
					id: scriptText(c.id),
					label: scriptText(c.label ?? ''),
					type: scriptText(c.type ?? 'text'),
					...(c.align ? { align: scriptText(c.align) } : {}),
				});
				return guard('portlet.ListColumn', { id: scriptText(c.id) });
			},
			addRow(o?: unknown) {
				only('LIST', 'addRow');
				const row = (o as { row?: unknown } | null | undefined)?.row ?? o;
				rows.push(rowOf(row));
				return {};
			},
			addRows(o?: unknown) {
				only('LIST', 'addRows');
				const rs = (o as { rows?: unknown[] } | null | undefined)?.rows ?? [];
				for (const row of rs) rows.push(rowOf(row));
				return {};
			},
			addLine(o?: unknown) {
				only('LINKS', 'addLine');
				const l = (o ?? {}) as Record<string, unknown>;
				lines.push({
					text: scriptText(l.text ?? ''),
					...(l.url ? { url: scriptText(l.url) } : {}),
					...(typeof l.align === 'number' ? { align: l.align } : {}),
				});
				return {};
			},
		});
		try {
			this.invoke(
				exec,
				'render',
				guard('renderContext', {
					portlet,
					column: String(opts.column ?? 2),
					entity: opts.entity ?? String(user.id),
				}),
			);
		} catch (e) {
			if (e instanceof ScriptLoadError) throw e;
			out.error = errorJson(e);
			this.systemError(exec, e);
		}
		out.title = scriptText((portlet as { title: unknown }).title ?? '');
		if (type === 'HTML') out.html = html ?? '';
		if (type === 'LIST') {
			out.columns = columns;
			out.rows = rows;
		}
		if (type === 'LINKS') out.lines = lines;
		out.unitsUsed = meter.used();
		this.logExecution(script, dep, meter, startedAt);
		return out;
	}

	/* ------------------------------------------------------------------ builder plug-ins */

	/** A plug-in script's pseudo deployment (plug-ins have none in SDF; status and loglevel sit on the script). */
	private pluginDeployment(script: SdfScript): SdfDeployment {
		return {
			scriptid: script.scriptid,
			title: script.name,
			status: script.extra?.status ?? 'RELEASED',
			loglevel: script.extra?.loglevel ?? 'ERROR',
			params: {},
			extra: {},
		};
	}

	/**
	 * Runs a builder plug-in's entry point (`createDataset` / `createWorkbook`) with its context
	 * (`name`, `description`, `owner`, `role`, and the write-only `dataset` / `workbook` the
	 * plug-in must set: docs article_160131125829) and gives what it set.
	 */
	private runPlugin<T>(
		scriptId: string,
		objectType: string,
		entry: string,
		prop: string,
		read: (v: unknown) => T,
		user?: UserInfo,
	): T {
		const script = this.script(scriptId, objectType);
		const dep = this.pluginDeployment(script);
		const meter = new UsageMeter(PLUGIN_UNIT_LIMIT);
		const exec = this.makeExec({
			script,
			deployment: dep,
			params: {},
			executionContext: 'USERINTERFACE',
			meter,
			...(user ? { user } : {}),
		});
		const startedAt = this.now();
		// what the plug-in assigned (a holder: TypeScript does not see the setter's assignment)
		const assigned: { value?: unknown; set: boolean } = { set: false };
		const who = user ?? this.user;
		const context = guard(`${entry}Context`, {
			name: script.name,
			description: script.description ?? '',
			owner: who.id,
			role: who.role,
			get [prop](): never {
				throw nsError('READ_ONLY_PROPERTY', `context.${prop} is write-only`, entry);
			},
			set [prop](v: unknown) {
				assigned.value = v;
				assigned.set = true;
			},
		});
		try {
			this.invoke(exec, entry, context);
		} catch (e) {
			if (e instanceof ScriptLoadError) throw e;
			this.systemError(exec, e);
			this.logExecution(script, dep, meter, startedAt);
			throw e;
		}
		this.logExecution(script, dep, meter, startedAt);
		if (!assigned.set)
			throw nsError(`MISSING_${prop.toUpperCase()}`, `${scriptId}: ${entry} did not set context.${prop}`, entry);
		return read(assigned.value);
	}

	/** The dataset a Dataset Builder plug-in builds (`dataset.load({id: scriptId})` runs this). */
	buildDataset(scriptId: string, user?: UserInfo): DatasetSpec {
		return this.runPlugin(
			scriptId,
			'datasetbuilderplugin',
			'createDataset',
			'dataset',
			(v) => specOf(datasets, v, 'dataset.Dataset', 'context.dataset'),
			user,
		);
	}

	/** The workbook a Workbook Builder plug-in builds (tables, pivots, charts). */
	buildWorkbook(scriptId: string, user?: UserInfo): Extract<WbSpec, { kind: 'workbook' }> {
		return this.runPlugin(
			scriptId,
			'workbookbuilderplugin',
			'createWorkbook',
			'workbook',
			(v) => wbOf(v, ['workbook'], 'context.workbook'),
			user,
		);
	}

	/* ------------------------------------------------------------------ nightly */

	/**
	 * The night that covers the as-of date D: every SCHEDULED deployment (of a scheduled or
	 * map/reduce script, `isdeployed` not F) whose schedule fires on D + 1 in the account's zone, at
	 * its local start time (localStart), in start order (ties: script id, deployment id); the task
	 * queue is drained after each run, so what a run submits (the nightly chain) runs before the next
	 * scheduled deployment. Nothing scheduled that day: an empty night.
	 */
	runNight(): NightRun {
		const night = this.account.asOf;
		const day = this.nightDate();
		const marks = { governance: this.governanceLog.length, emails: this.emails.length, logs: this.logs.length };
		const due: { script: SdfScript; dep: SdfDeployment; start: number }[] = [];
		for (const s of this.project.scripts.values()) {
			if (s.objectType !== 'scheduledscript' && s.objectType !== 'mapreducescript') continue;
			for (const d of s.deployments) {
				if (d.status !== 'SCHEDULED') continue;
				if ((d.extra.isdeployed ?? 'T').toUpperCase() === 'F') continue;
				if (!firesOn(this.deployedRecurrence(d.recurrence), day)) continue;
				due.push({ script: s, dep: d, start: this.nightStartMs(d.recurrence) });
			}
		}
		due.sort(
			(a, b) =>
				a.start - b.start ||
				(a.script.scriptid < b.script.scriptid ? -1 : a.script.scriptid > b.script.scriptid ? 1 : 0) ||
				(a.dep.scriptid < b.dep.scriptid ? -1 : 1),
		);
		const runs: (ScheduledRunResult | MapReduceRunResult)[] = [];
		this.clock = new Clock(due[0]?.start ?? this.nightStartMs(undefined));
		for (const { script, dep, start } of due) {
			this.clock.advanceTo(start);
			const r =
				script.objectType === 'scheduledscript'
					? this.scheduledRun(script, dep, {}, 'SCHEDULED')
					: this.mapReduceRun(script, dep, {}, undefined);
			r.tasks = this.drainTasks();
			runs.push(r);
		}
		return {
			night,
			runs,
			governance: this.governanceLog.slice(marks.governance),
			emails: this.emails.slice(marks.emails),
			logs: this.logs.slice(marks.logs),
		};
	}

	/** The recurrence as the account holds it once deployed: the start date moved with the time (localStart). */
	private deployedRecurrence(rec: SdfRecurrence | undefined): SdfRecurrence | undefined {
		if (!rec?.startdate) return rec;
		const { dayShift } = this.localStart(rec);
		if (dayShift === 0) return rec;
		const startdate = new Date(Date.parse(`${rec.startdate}T00:00:00Z`) + dayShift * 864e5)
			.toISOString()
			.slice(0, 10);
		return { ...rec, startdate };
	}

	/**
	 * Moves the account to the next day: `next` is the account as it stands at the end of D + 1 (its
	 * standard records), and the project's own records of the current account (every custom record a
	 * script wrote, changed or deleted) carry over into it (account.ts carryOver); saved searches,
	 * caches, the task queue, logs and emails stay as they are. Returns the new as-of date.
	 */
	advanceDay(next: RecordStore, released: ReleasedRecords | null = null): string {
		this.assertNoQueuedTasks();
		const day = this.nightDate();
		carryOver(this.store, next, released);
		this.store = next;
		this.account.asOf = day;
		return day;
	}

	/** advanceDay's precondition: the account moves only with no task queued or running. */
	assertNoQueuedTasks(): void {
		if (this.tasks.some((t) => t.status === 'PENDING' || t.status === 'PROCESSING'))
			throw new Error(
				`advanceDay: tasks are still queued; drain them before the account moves to ${this.nightDate()}`,
			);
	}

	/* ------------------------------------------------------------------ task queue */

	submit(
		kind: TaskKind,
		req: { scriptId: unknown; deploymentId: unknown; params: unknown },
		from: { scriptId: string; deploymentId: string },
	): string | null {
		const origin =
			kind === 'MAP_REDUCE' ? 'submit(N/task MapReduceScriptTask)' : 'submit(N/task ScheduledScriptTask)';
		const scriptId = String(req.scriptId);
		const script = this.project.scripts.get(scriptId);
		if (!script) throw nsError('SSS_INVALID_SCRIPT_ID_1', `Invalid script id: ${scriptId}`, origin);
		const wanted = kind === 'MAP_REDUCE' ? 'mapreducescript' : 'scheduledscript';
		if (script.objectType !== wanted) {
			throw nsError(
				'INVALID_TASK_TYPE',
				`${scriptId} is a ${script.objectType}; a ${kind} task needs a ${wanted}.`,
				origin,
			);
		}
		const unfinished = (depId: string): boolean =>
			this.executing.has(this.key(scriptId, depId)) ||
			this.tasks.some(
				(t) =>
					t.scriptId === scriptId &&
					t.deploymentId === depId &&
					(t.status === 'PENDING' || t.status === 'PROCESSING'),
			);
		let dep: SdfDeployment | undefined;
		if (req.deploymentId === undefined || req.deploymentId === null || req.deploymentId === '') {
			dep = script.deployments.find((d) => d.status === 'NOTSCHEDULED' && !unfinished(d.scriptid));
			if (!dep)
				throw nsError(
					'NO_DEPLOYMENTS_AVAILABLE',
					`No available idle script deployments of ${scriptId}.`,
					origin,
				);
		} else {
			dep = script.deployments.find((d) => d.scriptid === scriptText(req.deploymentId));
			if (!dep)
				throw nsError(
					'SSS_INVALID_DEPLOYMENT_ID_1',
					`Invalid deployment id ${scriptText(req.deploymentId)} for ${scriptId}.`,
					origin,
				);
		}
		if (dep.status !== 'NOTSCHEDULED') {
			throw nsError(
				'FAILED_TO_SUBMIT_JOB_REQUEST_1',
				`Failed to submit job request: the deployment ${dep.scriptid} has status ${dep.status}; on-demand submission needs Not Scheduled.`,
				origin,
			);
		}
		const depId = dep.scriptid;
		const self = from.scriptId === scriptId && from.deploymentId === depId;
		const pending = this.tasks.some(
			(t) => t.scriptId === scriptId && t.deploymentId === depId && t.status === 'PENDING',
		);
		if ((!self && unfinished(dep.scriptid)) || (self && pending)) {
			if (kind === 'MAP_REDUCE') {
				throw nsError(
					'MAP_REDUCE_ALREADY_RUNNING',
					`Map/reduce deployment ${dep.scriptid} of ${scriptId} is already submitted and not finished.`,
					origin,
				);
			}
			throw nsError(
				'FAILED_TO_SUBMIT_JOB_REQUEST_1',
				`Failed to submit job request: the deployment ${dep.scriptid} of ${scriptId} is already queued or running.`,
				origin,
			);
		}
		let params: Record<string, unknown> = {};
		if (req.params !== undefined && req.params !== null) {
			if (typeof req.params !== 'object')
				throw nsError('WRONG_PARAMETER_TYPE', 'params must be an object', origin);
			params = { ...(req.params as Record<string, unknown>) };
		}
		const n = ++this.taskCounter;
		const taskId = `${kind === 'MAP_REDUCE' ? 'MAPREDUCETASK' : 'SCHEDSCRIPT'}_${String(n).padStart(10, '0')}`;
		this.tasks.push({
			taskId,
			kind,
			scriptId,
			deploymentId: dep.scriptid,
			params,
			status: 'PENDING',
			submittedBy: { ...from },
		});
		// a script resubmitting its own running deployment: queued behind itself, and no task id is returned
		return self ? null : taskId;
	}

	status(taskId: string): TaskRecord | undefined {
		return this.tasks.find((t) => t.taskId === taskId);
	}

	/** Run queued tasks in submission order (including tasks they submit) until the queue is empty. */
	drainTasks(): TaskRunResult[] {
		if (this.draining) return [];
		this.draining = true;
		const results: TaskRunResult[] = [];
		try {
			for (let runs = 0; ; runs++) {
				const t = this.tasks.find((x) => x.status === 'PENDING');
				if (!t) break;
				if (runs >= MAX_TASK_RUNS_PER_DRAIN) {
					throw new Error(
						`more than ${MAX_TASK_RUNS_PER_DRAIN} task runs in one drain: a script keeps resubmitting tasks`,
					);
				}
				t.status = 'PROCESSING';
				const script = this.script(t.scriptId);
				const dep = this.deployment(script, t.deploymentId);
				if (t.kind === 'SCHEDULED_SCRIPT') {
					const r = this.scheduledRun(script, dep, t.params, 'ON_DEMAND');
					t.status = r.status;
					results.push({ task: t, kind: 'SCHEDULED_SCRIPT', result: r });
				} else {
					const r = this.mapReduceRun(script, dep, { params: t.params }, t);
					t.status = r.status;
					delete t.stage;
					results.push({ task: t, kind: 'MAP_REDUCE', result: r });
				}
			}
		} finally {
			this.draining = false;
		}
		return results;
	}
}

/** Limits on what map/reduce keys and values may hold (platform §9). */
export function checkKeyValue(key: string, value: string): void {
	const keyBytes = Buffer.byteLength(key, 'utf8');
	if (keyBytes > KEY_MAX_BYTES) {
		throw nsError(
			'KEY_LENGTH_IS_OVER_3000_BYTES',
			`The key is ${keyBytes} bytes long in UTF-8; keys cannot exceed 3,000 bytes.`,
			'write',
		);
	}
	const bytes = Buffer.byteLength(value, 'utf8');
	if (bytes > VALUE_MAX_BYTES) {
		throw nsError(
			'VALUE_LENGTH_IS_OVER_1_MB',
			`The value is ${bytes} bytes long; the emulator enforces 1 MB per value.`,
			'write',
		);
	}
}

/** Whether a deployment's recurrence fires on an as-of date (the kinds the project uses). */
export function firesOn(rec: SdfRecurrence | undefined, asOf: string): boolean {
	if (!rec) return false;
	const day = Date.parse(`${asOf}T00:00:00Z`);
	const start = rec.startdate ? Date.parse(`${rec.startdate}T00:00:00Z`) : Number.NEGATIVE_INFINITY;
	const end = rec.enddate ? Date.parse(`${rec.enddate}T00:00:00Z`) : Number.POSITIVE_INFINITY;
	if (day < start || day > end) return false;
	const raw = rec.raw ?? {};
	const weekday = new Date(day).getUTCDay();
	const names = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
	switch (rec.kind) {
		case 'single':
			return rec.startdate === asOf;
		case 'daily': {
			const every = rec.everyxdays ?? 1;
			return Number.isFinite(start) ? Math.round((day - start) / 864e5) % every === 0 : true;
		}
		case 'everyweekday':
			return weekday >= 1 && weekday <= 5;
		case 'weekly': {
			const every = Number(raw.everyxweeks ?? 1);
			const dayName = names[weekday]; // undefined only for an invalid date
			if (dayName === undefined || (raw[dayName] ?? 'F').toUpperCase() !== 'T') return false;
			if (!Number.isFinite(start)) return true;
			return Math.floor(Math.round((day - start) / 864e5) / 7) % every === 0;
		}
		case 'monthly': {
			const dom = Number(raw.dayofmonth ?? new Date(start).getUTCDate());
			return new Date(day).getUTCDate() === dom;
		}
		case 'yearly': {
			const d = new Date(day);
			const s = new Date(start);
			return d.getUTCMonth() === s.getUTCMonth() && d.getUTCDate() === s.getUTCDate();
		}
		default:
			throw unsupported(`recurrence <${rec.kind}> in the nightly schedule`);
	}
}
