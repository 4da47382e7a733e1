/**
 * The local NetSuite emulator: runs the built SuiteScripts (src/FileCabinet) of the SDF project
 * (src/Objects) against an emulated account (a RecordStore). See README.md for what is emulated.
 *
 *   const emu = new Emulator({ projectRoot, store, account, outDir, dataset });
 *   emu.runNight();                         // the night covering account.asOf: its scheduled deployments + their tasks
 *   emu.runDays({ through: '2026-05-10', betweenNights: (emu, day) => emu.callRestlet(...) });
 *   emu.advanceDay();                       // the same account, one day later (needs `dataset`)
 *   emu.runScheduled('customscript_x_ss');  // one scheduled run (+ the tasks it submits)
 *   emu.runMapReduce('customscript_x_mr', undefined, { interrupt: { stage: 'map', afterInvocations: 3 } });
 *   emu.callRestlet('customscript_x_rl', 'customdeploy_x_rl', 'POST', { a: 1 });
 *   emu.renderPortlet('customscript_x_pt', undefined, { column: '2' });
 *   emu.callSuitelet('customscript_x_sl', 'customdeploy_x_sl', { params: { page: '2' } }, { user });
 *   emu.governanceLog; emu.logs; emu.emails;
 *   emu.close();                            // stops the HTTP worker thread, if one was started
 */
import {
	EmulatorRuntime,
	type EmulatorOptions,
	type GovernanceEntry,
	type HostScriptRun,
	type MapReduceOptions,
	type MapReduceRunResult,
	type PortletRender,
	type RestletResponse,
	type ScheduledOptions,
	type ScheduledRunResult,
	type SuiteletRequest,
	type SuiteletResponse,
	type TaskRunResult,
} from './runners';
import type { NightRun } from './runners';
import type { CapturedEmail, LogEntry, TaskRecord, UserInfo } from './services';
import type { AccessDecision } from './roles';
import type { DatasetSpec } from './modules/analytics/datasetEngine';
import type { WbSpec } from './modules/analytics/registry';
import { WorkbookEngine } from './modules/analytics/pivot';

export type WorkbookSpec = Extract<WbSpec, { kind: 'workbook' }>;
import type { Dataset } from '../data/dataset';
import { buildStore, releaseBuiltRecords } from './account';
import { forgetStoreIndex } from './modules/search/engine';
import type { SavedSearchDef } from './context';
import type { RecordStore } from './store';
import type { SdfProject } from '../sdf/types';

/** Options of a multi-day account: the dataset its days are built from. */
export interface EmulatorAccountOptions extends EmulatorOptions {
	/** the dataset `store` was built from: advanceDay() builds the next day's records from it */
	dataset?: Dataset;
}

/** One business day between two nights (runDays). */
export type BetweenNights = (emu: Emulator, day: string) => void;

export class Emulator {
	private readonly rt: EmulatorRuntime;
	private readonly dataset: Dataset | undefined;

	constructor(opts: EmulatorAccountOptions) {
		const { dataset, ...rest } = opts;
		this.rt = new EmulatorRuntime(rest);
		this.dataset = dataset;
	}

	/** The day the account's data stands at (the end of it): the day the next night covers. */
	get asOf(): string {
		return this.rt.account.asOf;
	}

	/** the parsed SDF project */
	get project(): SdfProject {
		return this.rt.project;
	}
	get store(): RecordStore {
		return this.rt.store;
	}
	/** every N/log entry that passed its deployment's log level, plus uncaught-error system entries */
	get logs(): readonly LogEntry[] {
		return this.rt.logs;
	}
	/** every email sent (N/email.send), in order */
	get emails(): readonly CapturedEmail[] {
		return this.rt.emails;
	}
	/** one entry per execution (map/reduce: per stage) */
	get governanceLog(): readonly GovernanceEntry[] {
		return this.rt.governanceLog;
	}
	/** every N/task submitted, with its status */
	get tasks(): readonly TaskRecord[] {
		return this.rt.tasks;
	}
	/** saved searches created with Search.save, kept for the emulator's life */
	get savedSearches(): Map<string, SavedSearchDef> {
		return this.rt.savedSearches;
	}
	get accountId(): string {
		return this.rt.accountId;
	}

	runScheduled(scriptId: string, deploymentId?: string, opts: ScheduledOptions = {}): ScheduledRunResult {
		return this.rt.runScheduled(scriptId, deploymentId, opts);
	}

	runMapReduce(scriptId: string, deploymentId?: string, opts: MapReduceOptions = {}): MapReduceRunResult {
		return this.rt.runMapReduce(scriptId, deploymentId, opts);
	}

	/** the user scripts run as unless a call names another (employee 1, Administrator, the scripts' owner) */
	get user(): UserInfo {
		return this.rt.user;
	}

	/**
	 * `method`: GET, POST, PUT or DELETE, in any case (another method is answered 405 METHOD_NOT_ALLOWED).
	 * `contentType`: the request's Content-Type (default application/json; null = the header is missing).
	 * `user`: who calls (default the emulator's user); a role outside the audience is answered 403.
	 */
	callRestlet(
		scriptId: string,
		deploymentId: string | undefined,
		method: string,
		bodyOrQuery?: unknown,
		opts: {
			contentType?: string | null;
			user?: UserInfo;
			/** before each metered N/* call of the request: run another request there (concurrency tests) */
			interleave?: (api: string) => void;
		} = {},
	): RestletResponse {
		return this.rt.callRestlet(scriptId, deploymentId, method, bodyOrQuery, opts);
	}

	/** One Suitelet request (GET by default) as `user` (default the emulator's user). */
	callSuitelet(
		scriptId: string,
		deploymentId?: string,
		request: SuiteletRequest = {},
		opts: { user?: UserInfo } = {},
	): SuiteletResponse {
		return this.rt.callSuitelet(scriptId, deploymentId, request, opts);
	}

	/** `column`: '1' left, '2' centre (default), '3' right, as params.column carries it (a string). */
	renderPortlet(
		scriptId: string,
		deploymentId?: string,
		opts: { column?: number | string; entity?: string; user?: UserInfo } = {},
	): PortletRender {
		return this.rt.renderPortlet(scriptId, deploymentId, opts);
	}

	/** Whether `user` (default the emulator's user) may run a deployment (audience, status, isdeployed). */
	access(scriptId: string, deploymentId: string, user?: UserInfo): AccessDecision {
		const script = this.rt.script(scriptId);
		return this.rt.access(script, this.rt.deployment(script, deploymentId), user);
	}

	/** The dataset a Dataset Builder plug-in builds (runs its createDataset). */
	buildDataset(scriptId: string, user?: UserInfo): DatasetSpec {
		return this.rt.buildDataset(scriptId, user);
	}

	/** The workbook a Workbook Builder plug-in builds (runs its createWorkbook, and the datasets it loads). */
	buildWorkbook(scriptId: string, user?: UserInfo): WorkbookSpec {
		return this.rt.buildWorkbook(scriptId, user);
	}

	/** Evaluates workbook pivots, charts and tables over the account, as the Workbook UI shows them (no governance). */
	workbookEngine(): WorkbookEngine {
		return new WorkbookEngine(this.rt.store, this.rt.project, this.rt.account.dateFormat || 'M/D/YYYY');
	}

	/**
	 * The night that covers `asOf` (D): every SCHEDULED deployment whose schedule fires on D + 1 in
	 * the account's time zone runs at its local start time, each followed by the tasks it queued
	 * (the nightly chain). README "Nights and days".
	 */
	runNight(): NightRun {
		return this.rt.runNight();
	}

	/** runNight()'s runs (the single-day API of earlier versions). */
	runNightly(): (ScheduledRunResult | MapReduceRunResult)[] {
		return this.rt.runNight().runs;
	}

	/**
	 * Moves the same account to the next day: the standard records as they stand at the end of
	 * `asOf + 1` (built from the `dataset` option, or given as `next`), with every custom record the
	 * project's scripts wrote carried over, and saved searches, caches, logs and emails kept. Each
	 * transaction appears on its own date; derived fields (amountremaining, closedate, daysoverdue,
	 * promise status) are as of the new day. Refused while tasks are queued. Returns the new as-of date.
	 */
	advanceDay(next?: RecordStore): string {
		if (next !== undefined) return this.rt.advanceDay(next);
		if (this.dataset === undefined)
			throw new Error('advanceDay: the Emulator was created without `dataset`; pass the next day’s store');
		this.rt.assertNoQueuedTasks();
		// the current day's dataset records go before the next day's are built: never both days in memory
		// (account.ts releaseBuiltRecords); what scripts wrote stays and carries over
		forgetStoreIndex(this.rt.store);
		const released = releaseBuiltRecords(this.rt.store);
		return this.rt.advanceDay(buildStore(this.dataset, this.rt.nightDate(), this.rt.project), released);
	}

	/**
	 * Runs every night from `asOf` to `through` (inclusive) on this one account:
	 * night(asOf); then for each later day d: `betweenNights(emu, d)` (the business day d, before its
	 * night: RESTlet calls and portlet renders default to noon of d, the account still as it stood at
	 * the end of d − 1), advanceDay(), night(d). `afterNight(emu, night)` follows every night.
	 * Returns the nights in order.
	 */
	runDays(opts: {
		through: string;
		betweenNights?: BetweenNights;
		afterNight?: (emu: Emulator, night: NightRun) => void;
	}): NightRun[] {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.through) || opts.through < this.asOf)
			throw new Error(`runDays: through ${opts.through} must be a date on or after ${this.asOf}`);
		const nights: NightRun[] = [];
		for (;;) {
			const night = this.runNight();
			nights.push(night);
			opts.afterNight?.(this, night);
			if (this.asOf >= opts.through) return nights;
			opts.betweenNights?.(this, this.rt.nightDate());
			this.drainTasks();
			this.advanceDay();
		}
	}

	/**
	 * Queue an on-demand run as someone outside the scripts would (an admin's Save & Execute on a Not
	 * Scheduled deployment, another integration): the N/task submission rules apply (a busy deployment
	 * is refused with MAP_REDUCE_ALREADY_RUNNING / FAILED_TO_SUBMIT_JOB_REQUEST_1). It runs at the next
	 * drain: `drainTasks()`, or after the next top-level run. Returns the task id.
	 */
	submitTask(
		kind: 'SCHEDULED_SCRIPT' | 'MAP_REDUCE',
		scriptId: string,
		deploymentId?: string,
		params: Record<string, unknown> = {},
	): string {
		const id = this.rt.submit(
			kind,
			{ scriptId, deploymentId, params },
			{ scriptId: 'emulator', deploymentId: 'admin' },
		);
		if (id === null) throw new Error('emulator bug: an outside submission got no task id');
		return id;
	}

	/** run queued N/task submissions now (the runners do this after each top-level run) */
	drainTasks(): TaskRunResult[] {
		return this.rt.drainTasks();
	}

	/** Benchmarks only: a host function run with this account's N/* modules, metered without a limit (runners.ts). */
	runHostScript(name: string, fn: (nModule: (id: string) => unknown) => void): HostScriptRun {
		return this.rt.runHostScript(name, fn);
	}

	close(): void {
		this.rt.close();
	}
}

export type {
	HostScriptRun,
	EmulatorOptions,
	EmulatorProgress,
	NightRun,
	GovernanceEntry,
	MapReduceOptions,
	MapReduceRunResult,
	PortletRender,
	RestletResponse,
	ScheduledRunResult,
	SuiteletRequest,
	SuiteletResponse,
	TaskRunResult,
} from './runners';
export type { MapReduceKeyState } from './runners';
export type { AccessDecision, RoleDef } from './roles';
export {
	STANDARD_ROLES,
	SCRIPT_OWNER_ID,
	audienceRoles,
	checkAccess,
	roleById,
	roleBySdf,
	userWithRole,
} from './roles';
export type { CapturedEmail, LogEntry, TaskRecord, ModuleFactory, RuntimeContext, UserInfo } from './services';
export { SuiteScriptError } from './errors';
export { ScriptLoadError } from './loader';
export { UNIT_COSTS, UNIT_LIMITS } from './governance';
export type { DatasetSpec } from './modules/analytics/datasetEngine';
export type { WbSpec } from './modules/analytics/registry';
export { WorkbookEngine } from './modules/analytics/pivot';
