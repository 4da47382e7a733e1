/** Shared fixtures for the emulator tests: the fixture SDF project, a small store, a fake N/search. */
import * as path from 'path';
import { RecordStore } from '../../local/emulator/store';
import type { AccountInfo } from '../../local/emulator/context';
import { Emulator, type EmulatorOptions } from '../../local/emulator';
import type { LogEntry, ModuleFactory, RuntimeContext } from '../../local/emulator/services';

export const FIXTURE_ROOT = path.join(__dirname, 'fixtures', 'project');

/** 2026-01-15 is a Thursday; New York is UTC-5 then, so 02:00 there is 07:00Z. */
export const ACCOUNT: AccountInfo = {
	name: 'Acme Wholesale',
	timezone: 'America/New_York',
	dateFormat: 'M/D/YYYY',
	features: ['SUBSIDIARIES', 'MULTICURRENCY'],
	asOf: '2026-01-15',
};

export function makeStore(): RecordStore {
	const s = new RecordStore();
	s.put({
		type: 'employee',
		id: 1,
		values: { internalid: 1, entityid: 'O2C Admin', email: 'admin@acme.example', subsidiary: 1 },
		texts: {},
	});
	s.put({
		type: 'subsidiary',
		id: 1,
		values: { internalid: 1, name: 'US Wholesale', currency: 1, parent: null, isinactive: false },
		texts: { currency: 'USD' },
	});
	s.put({
		type: 'customer',
		id: 100,
		values: {
			internalid: 100,
			entityid: 'CUST-100',
			companyname: 'Premier Construction Inc',
			email: 'ap@premier.example',
			subsidiary: 1,
			isinactive: false,
		},
		texts: { subsidiary: 'US Wholesale' },
	});
	s.put({
		type: 'customer',
		id: 101,
		values: {
			internalid: 101,
			entityid: 'CUST-101',
			companyname: 'Acme Retail',
			email: '',
			subsidiary: 1,
			isinactive: false,
		},
		texts: { subsidiary: 'US Wholesale' },
	});
	for (const [id, entity, amount] of [
		[12, 100, 1200],
		[13, 101, 300.5],
		[14, 100, 50],
	] as const) {
		s.put({
			type: 'invoice',
			id,
			values: {
				internalid: id,
				tranid: `INV-${id}`,
				type: 'CustInvc',
				entity,
				trandate: '2026-01-05',
				amount,
				fxamount: amount,
				custbody_t_disputed: false,
				mainline: '*',
			},
			texts: { entity: entity === 100 ? 'Premier Construction Inc' : 'Acme Retail', type: 'Invoice' },
		});
	}
	return s;
}

/** A tiny N/search: create / load('customsearch_t_open') over the store's invoices, runPaged / fetch, Result.toJSON. */
export const fakeSearch: ModuleFactory = (ctx: RuntimeContext) => {
	const searchObj = (type: string, columns: unknown) => ({
		searchType: type,
		columns,
		runPaged(o?: { pageSize?: number }) {
			ctx.meter.charge(5, 'Search.runPaged');
			const rows = [...ctx.store.all('invoice')];
			const size = o?.pageSize ?? 50;
			const pages = Math.ceil(rows.length / size);
			return {
				count: rows.length,
				pageRanges: Array.from({ length: pages }, (_, i) => ({ index: i })),
				fetch(f: { index: number }) {
					ctx.meter.charge(5, 'PagedData.fetch');
					return {
						data: rows.slice(f.index * size, (f.index + 1) * size).map((r) => ({
							id: String(r.id),
							recordType: 'invoice',
							toJSON: () => ({
								recordType: 'invoice',
								id: String(r.id),
								values: {
									entity: { value: String(r.values.entity), text: r.texts.entity },
									amount: String(r.values.amount),
								},
							}),
						})),
					};
				},
			};
		},
	});
	return {
		create: (o: { type: string; columns?: unknown }) => {
			ctx.meter.charge(0, 'search.create');
			return searchObj(o.type, o.columns);
		},
		load: (o: { id: string }) => {
			ctx.meter.charge(5, 'search.load');
			if (o.id !== 'customsearch_t_open') throw new Error(`fake search: no saved search ${o.id}`);
			return searchObj('invoice', ['entity', 'amount']);
		},
	};
};

export function newEmulator(extra: Partial<EmulatorOptions> = {}): Emulator {
	return new Emulator({
		projectRoot: FIXTURE_ROOT,
		store: makeStore(),
		account: ACCOUNT,
		modules: { 'N/search': fakeSearch },
		...extra,
	});
}

/** Parsed details of the log entries with this title (the probes log JSON). */
export function logged(logs: readonly LogEntry[], title: string): unknown[] {
	return logs.filter((l) => l.title === title && !l.system).map((l): unknown => JSON.parse(l.details));
}

export function lastLogged(logs: readonly LogEntry[], title = 'result'): unknown {
	const all = logged(logs, title);
	if (all.length === 0)
		throw new Error(
			`no log entry titled ${title}: ${JSON.stringify(logs.map((l) => [l.level, l.title, l.details]))}`,
		);
	return all[all.length - 1];
}

/** expect.stringContaining, typed: @types/jest declares the asymmetric matchers as returning `any`. */
export function stringContaining(text: string): jest.AsymmetricMatcher {
	return expect.stringContaining(text) as jest.AsymmetricMatcher;
}

/** A SuiteScriptError as JSON.stringify writes it (map/reduce errors, inputSummary.error). */
export interface SerializedError {
	type?: string;
	name: string;
	message: string;
}

export function parseError(json: string): SerializedError {
	return JSON.parse(json) as SerializedError;
}

/**
 * What probe_ss.js's attempt(fn) logs: `ok` is fn's value (absent when undefined), or the thrown
 * error's name, message and type (type absent for a JavaScript error).
 */
export interface Attempt<T = unknown> {
	ok?: T;
	name?: string;
	message?: string;
	type?: string;
}

/** What the fixture HTTP server's /echo answers. */
export interface EchoedRequest {
	method: string;
	contentType: string | null;
	body: string;
}

/** What probe_ss.js logs as 'result', by custscript_t_mode (see the fixture for how each is made). */
export interface ProbeResults {
	params: {
		int: number;
		float: number;
		money: number;
		pct: number;
		flag: boolean;
		date: string;
		url: string;
		search: string;
		empty: string;
		unknown: null;
		mode: string;
		types: string[];
	};
	usage: {
		remaining: number[];
		hit: string | null;
		miss: string | null;
		loaded: string | null;
		taskId: string;
	};
	burn: { count: number; name: string; message: string; remaining: number };
	clock: { a: string; b: number; c: string; fn: string; instance: boolean; explicit: string; ctx: string };
	email11: { eleven: Attempt; ten: Attempt; charged: number };
	emailErrors: Record<'noAuthor' | 'notEmployee' | 'badTo' | 'badCc' | 'noBody', Attempt>;
	recordErrors: Record<
		| 'badType'
		| 'loadBadType'
		| 'missing'
		| 'badField'
		| 'getBadField'
		| 'currencyString'
		| 'floatString'
		| 'intFraction'
		| 'dateString'
		| 'checkboxString'
		| 'badRef'
		| 'longText'
		| 'mandatory'
		| 'standardWrite'
		| 'standardUnknown'
		| 'bodyFieldUndeclared'
		| 'sublist'
		| 'transform',
		Attempt
	>;
	recordRoundTrip: {
		id: number;
		idType: string;
		amount: number;
		days: number;
		date: string;
		dateText: string;
		customer: string;
		customerText: string;
		flag: boolean;
		note: string;
		name: string;
		invTranid: string;
		invEntity: string;
		invEntityText: string;
		invAmount: number;
		invDisputed: boolean;
		invDate: string;
	};
	errorShape: {
		json: {
			type: string;
			name: string;
			message: string;
			id: string;
			stack: string[];
			cause: { name: string; message: string };
			notifyOff: boolean;
		};
		str: string;
		name: string;
		message: string;
		type: string;
		stackIsArray: boolean;
		idType: string;
		missing: Attempt;
	};
	format: {
		parsedIso: string;
		isDate: boolean;
		back: string;
		dateNY: string;
		dateTokyo: string;
		datetimeNY: string;
		datetimeLA: string;
		tzValue: string;
		parsedDt: string;
		currency: string;
		integer: string;
		float: string;
		/** format.parse gives a number, or the text unchanged when it does not parse */
		pCurrency: number | string;
		pInteger: number | string;
		pBad: number | string;
		pBadDate: string;
		typeDate: string;
		unsupported: Attempt<string>;
	};
	dateFormat: { parsed: string; usFormat: string; formatted: string; pref: string };
	runtime: {
		id: string;
		deploymentId: string;
		logLevel: string;
		ctx: string;
		isScheduled: boolean;
		accountId: string;
		envType: string;
		prod: string;
		user: { id: number; email: string; role: number; roleId: string; subsidiary: number };
		multi: boolean;
		subs: boolean;
		scripting: boolean;
		advanced: boolean;
		version: Attempt;
		session: Attempt;
		unknownMember: Attempt;
		searchModule: Attempt;
		helper: number;
	};
	urls: {
		rec: string;
		inv: string;
		rl: string;
		rlExternal: string;
		formatted: string;
		domain: string;
		bad: Attempt<string>;
		company: string;
		tz: string;
	};
	tasks: {
		first: Attempt<string>;
		second: Attempt<string>;
		scheduledDep: Attempt<string>;
		badScript: Attempt<string>;
		wrongKind: Attempt<string>;
		/** a self-resubmission is deferred: its id is null */
		self: Attempt<string | null>;
		selfAgain: Attempt<string | null>;
		status: string | null;
		csv: Attempt;
	};
	https: {
		code: number;
		body: string;
		headers: Record<string, string>;
		post: EchoedRequest;
		form: EchoedRequest;
		nf: number;
		remaining: number;
		promise: Attempt;
	};
	httpsFail: { err: Attempt; remaining: number };
}

/** Run the probe scheduled script in a mode and return what it logged as 'result'. */
export function probe<M extends keyof ProbeResults>(
	emu: Emulator,
	mode: M,
	params: Record<string, unknown> = {},
): ProbeResults[M] {
	const r = emu.runScheduled('customscript_t_probe_ss', 'customdeploy_t_probe_ss', {
		params: { custscript_t_mode: mode, ...params },
	});
	if (r.status !== 'COMPLETE') throw new Error(`probe ${mode} failed: ${JSON.stringify(r.error)}`);
	return lastLogged(emu.logs) as ProbeResults[M];
}

/** What the fixture map/reduce script (mr.js, with lib/mrcore.js) logs, by title. */
export interface MapReduceLogs {
	/** getInputData, each time it runs */
	input: { isRestarted: boolean; ctx: string; remaining: number };
	/** map / reduce in mode 'restart'; errors are [key, error name, execution number] */
	trace: {
		stage: string;
		key: string;
		isRestarted: boolean;
		executionNo: number;
		errors: [string, string, number][];
	};
	/** map in mode 'burnMap' */
	burned: { n: number; remaining: number };
	/** what summarize sees; keys are [key, executionCount, completionState], output [key, value] */
	summary: {
		isRestarted: boolean;
		usage: number;
		concurrency: number;
		/** the error name reading summary.yields threw (the emulator refuses it) */
		yields: number | string;
		dateCreated: string;
		seconds: string;
		inputError: string | null;
		inputUsage: number;
		mapUsage: number;
		reduceUsage: number;
		mapKeys: [string, number, string][];
		reduceKeys: [string, number, string][];
		/** [key, error name, execution number, error type] */
		mapErrors: [string, string, number, string][];
		/** [key, error name, execution number] */
		reduceErrors: [string, string, number][];
		output: [string, string][];
		firstOnly: string[];
	};
	/** getRemainingUsage at the end of summarize */
	summaryRemaining: number;
}

/** The entries mr.js logged with this title, parsed. */
export function mrLogged<K extends keyof MapReduceLogs>(logs: readonly LogEntry[], title: K): MapReduceLogs[K][] {
	return logged(logs, title) as MapReduceLogs[K][];
}

export function mrLastLogged<K extends keyof MapReduceLogs>(logs: readonly LogEntry[], title: K): MapReduceLogs[K] {
	return lastLogged(logs, title) as MapReduceLogs[K];
}
