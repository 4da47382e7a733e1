/**
 * Governance: usage-unit limits per execution and the unit cost of every emulated API call,
 * in one place (../shared/reference/netsuite-platform.md §8.1, §8.2). Every emulated module
 * charges from UNIT_COSTS through `charge(meter, api)`; an API missing from the table is an
 * emulator bug and throws, so no call is ever free by accident.
 */
import type { Meter } from './context';
import { nsError } from './errors';

/** Units per execution (platform §8.1). */
export const UNIT_LIMITS = {
	scheduled: 10_000,
	getInputData: 10_000,
	/** each map invocation */
	map: 1_000,
	/** each reduce invocation */
	reduce: 5_000,
	summarize: 10_000,
	restlet: 5_000,
	portlet: 1_000,
	suitelet: 1_000,
	userevent: 1_000,
} as const;

export type LimitKind = keyof typeof UNIT_LIMITS;

/**
 * Seconds one execution may run (Oracle help "Script Execution Time Limits", section_161591009480:
 * "If the time limit is exceeded, an SSS_TIME_LIMIT_EXCEEDED error is thrown and script execution
 * stops"). Map/reduce limits are per function invocation of each stage. Builder plug-ins: the
 * help lists the Dataset Builder Plug-in at 300 s; the workbook plug-in is not listed (300 s, a
 * choice). The emulator measures the host's wall-clock time of the entry point call (the
 * emulator's own clock does not follow work), which only approximates NetSuite's servers: it stops
 * a runaway script, it does not prove that a slow one fits.
 */
export const TIME_LIMITS_SECONDS = {
	scheduled: 3_600,
	getInputData: 3_600,
	map: 300,
	reduce: 900,
	summarize: 3_600,
	restlet: 300,
	portlet: 300,
	suitelet: 300,
	userevent: 300,
	plugin: 300,
} as const;

export type TimeLimitKind = keyof typeof TIME_LIMITS_SECONDS;

/** The error text NetSuite's execution log shows for the time limit (wording unverified beyond public error lists). */
export const TIME_LIMIT_MESSAGE = 'Script Execution Time Exceeded';

/** Unit cost per API (platform §8.2). Record operations are split transaction / custom record / other. */
export const UNIT_COSTS: Readonly<Record<string, number>> = {
	// N/search (charged by modules/search.ts)
	'search.create': 0,
	'search.createColumn': 0,
	'search.createFilter': 0,
	'Search.run': 0,
	'search.load': 5,
	'Search.save': 5,
	'search.delete': 5,
	'Search.runPaged': 5,
	'PagedData.fetch': 5,
	'ResultSet.each': 10,
	'ResultSet.getRange': 10,
	'search.lookupFields': 1,
	// N/record
	'record.load.transaction': 10,
	'record.load.custom': 2,
	'record.load.other': 5,
	'record.create.transaction': 10,
	'record.create.custom': 2,
	'record.create.other': 5,
	'record.copy.transaction': 10,
	'record.copy.custom': 2,
	'record.copy.other': 5,
	'record.submitFields.transaction': 10,
	'record.submitFields.custom': 2,
	'record.submitFields.other': 5,
	'Record.save.transaction': 20,
	'Record.save.custom': 4,
	'Record.save.other': 10,
	'record.delete.transaction': 20,
	'record.delete.custom': 4,
	'record.delete.other': 10,
	// N/cache
	'Cache.put': 1,
	'Cache.remove': 1,
	'Cache.get.hit': 1,
	'Cache.get.miss': 2,
	// N/https, N/http
	'https.request': 10,
	'http.request': 10,
	// N/email
	'email.send': 20,
	'email.sendBulk': 10,
	// N/task
	'task.create': 0,
	'task.checkStatus': 0,
	'ScheduledScriptTask.submit': 20,
	'MapReduceScriptTask.submit': 20,
	// free modules, listed so that every call site names a table entry
	'runtime.*': 0,
	'log.*': 0,
	'format.*': 0,
	'error.create': 0,
	'url.*': 0,
	'config.load': 10,
	// N/dataset, N/workbook (platform §8.2: dataset.load, Dataset.run/runPaged/save, workbook.load 10;
	// Workbook.runPivot 10 per intersection; the create* builders: governance none)
	'dataset.*': 0,
	'dataset.load': 10,
	'Dataset.run': 10,
	'Dataset.runPaged': 10,
	'DatasetPagedData.fetch': 10,
	'workbook.*': 0,
	'workbook.load': 10,
	'Workbook.runPivot.intersection': 10,
	'Workbook.runTable': 10,
};

/** Units an API costs; throws for an API not in the table (an emulator bug, never a free call). */
export function unitCost(api: string): number {
	const c = UNIT_COSTS[api];
	if (c === undefined) throw new Error(`emulator bug: no unit cost for ${api} in governance.UNIT_COSTS`);
	return c;
}

/** Charge the table's cost of `api` to the meter. */
export function charge(meter: Meter, api: string): void {
	meter.charge(unitCost(api), api);
}

/** Record class for the cost split: transaction / custom record / other. */
export function recordClass(type: string): 'transaction' | 'custom' | 'other' {
	if (type.startsWith('customrecord')) return 'custom';
	return TRANSACTION_TYPES.has(type) ? 'transaction' : 'other';
}

export const TRANSACTION_TYPES: ReadonlySet<string> = new Set([
	'invoice',
	'creditmemo',
	'customerpayment',
	'salesorder',
	'cashsale',
	'cashrefund',
	'customerrefund',
	'customerdeposit',
	'depositapplication',
	'estimate',
	'journalentry',
	'vendorbill',
	'vendorpayment',
	'purchaseorder',
	'itemfulfillment',
	'returnauthorization',
	'transaction',
]);

export const USAGE_LIMIT_MESSAGE = 'Script Execution Usage Limit Exceeded';

/**
 * One execution's meter. `charge` throws SSS_USAGE_LIMIT_EXCEEDED at the call whose units would
 * take usage past the limit; that call's units are not added (the operation does not happen), so
 * `used()` never exceeds `limit`. Reaching the limit exactly is allowed (remaining 0).
 *
 * The limit ends the execution: NetSuite stops the script, so a script that catches the error
 * cannot carry on. Once exceeded, every further metered call (whatever its cost, 0 included)
 * throws the same error again, and the runners treat an execution whose meter was exceeded as
 * failed with SSS_USAGE_LIMIT_EXCEEDED even when the script caught the error and returned
 * (`limitError`).
 */
export class UsageMeter implements Meter {
	private usedUnits = 0;
	/** units per API, for reports */
	readonly byApi = new Map<string, { calls: number; units: number }>();
	exceeded = false;
	/** the SSS_USAGE_LIMIT_EXCEEDED error the execution ended with (set once the limit is crossed) */
	limitError: Error | null = null;

	/** host clock (performance.now(), ms) when the execution's meter was made: the benchmark's wall time */
	readonly hostStartMs = performance.now();

	/**
	 * Called at the start of every metered call, before it happens (tests: another request runs
	 * completely at that point, as NetSuite may run concurrent RESTlet calls; see callRestlet's
	 * `interleave`).
	 */
	onCharge: ((api: string) => void) | null = null;

	constructor(readonly limit: number) {}

	charge(units: number, api: string): void {
		if (!(units >= 0)) throw new Error(`emulator bug: negative or NaN units for ${api}`);
		if (this.onCharge) {
			const hook = this.onCharge;
			this.onCharge = null; // a nested request's calls are its own
			try {
				hook(api);
			} finally {
				this.onCharge = hook;
			}
		}
		if (this.limitError) throw this.limitError;
		if (this.usedUnits + units > this.limit) {
			this.exceeded = true;
			this.limitError = nsError('SSS_USAGE_LIMIT_EXCEEDED', USAGE_LIMIT_MESSAGE, api);
			throw this.limitError;
		}
		this.usedUnits += units;
		const s = this.byApi.get(api) ?? { calls: 0, units: 0 };
		s.calls += 1;
		s.units += units;
		this.byApi.set(api, s);
	}

	remaining(): number {
		return this.limit - this.usedUnits;
	}

	used(): number {
		return this.usedUnits;
	}
}

/** Calls and units per API, summed over meters (for a stage's governance row); mutates and returns `into`. */
export function addCalls(into: Record<string, ApiCalls>, from: Iterable<[string, ApiCalls]>): Record<string, ApiCalls> {
	for (const [api, c] of from) {
		const t = into[api];
		if (t === undefined) into[api] = { calls: c.calls, units: c.units };
		else {
			t.calls += c.calls;
			t.units += c.units;
		}
	}
	return into;
}

export interface ApiCalls {
	calls: number;
	units: number;
}

/**
 * The meter of an execution the application server kills (map/reduce `interrupt.beforeCall`): at
 * the `occurrence`-th metered call whose API name starts with `api` (`https.request`,
 * `Record.save`, `record.submitFields`, ...) the execution dies before that call happens. The
 * script cannot catch its way past it: every later metered call throws again, and the runner treats
 * the invocation as interrupted whatever it returned (its side effects so far stay, as a process
 * killed half-way leaves them).
 */
export class KillMeter extends UsageMeter {
	killed = false;
	private calls = 0;
	private readonly killError: Error;

	constructor(
		limit: number,
		private readonly api: string,
		private readonly occurrence: number,
	) {
		super(limit);
		this.killError = nsError(
			'SSS_APP_SERVER_RESTART',
			`The application server stopped this execution before ${api} (emulated interrupt)`,
			api,
		);
	}

	override charge(units: number, api: string): void {
		if (this.killed) throw this.killError;
		if (api.startsWith(this.api) && ++this.calls === this.occurrence) {
			this.killed = true;
			throw this.killError;
		}
		super.charge(units, api);
	}
}

/**
 * A meter that forwards to the current target. Modules created once per vm context (one per
 * map/reduce stage) keep this object; the runner points it at a fresh UsageMeter for each
 * invocation, or at an unlimited framework meter when the framework itself runs a search.
 */
export class SwitchMeter implements Meter {
	constructor(private target: Meter) {}
	setTarget(m: Meter): void {
		this.target = m;
	}
	current(): Meter {
		return this.target;
	}
	charge(units: number, api: string): void {
		this.target.charge(units, api);
	}
	remaining(): number {
		return this.target.remaining();
	}
	used(): number {
		return this.target.used();
	}
	get limit(): number {
		return this.target.limit;
	}
}
