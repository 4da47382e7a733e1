/**
 * Loads built AMD SuiteScript files into a fresh `vm` context, as NetSuite's module loader would
 * (../shared/reference/toolchain.md §5, platform §7):
 * - the context's globals are the ECMAScript built-ins plus `define` (Node's vm adds `console` and
 *   `WebAssembly`, which are removed): no require, process, module, setTimeout, Buffer, console;
 * - `N/*` ids come from the emulated modules; `./` and `../` resolve against the importing file;
 *   `/SuiteScripts/...` against the File Cabinet root; pseudo-deps `require`, `exports`, `module`;
 *   any other id (npm names, `fs`) fails with MODULE_DOES_NOT_EXIST, as does a file outside the
 *   paths deploy.xml deploys;
 * - a file must call `define` exactly once;
 * - the entry file starts with a `/** ... *\/` header holding `@NApiVersion 2.1` (or 2.x) and an
 *   `@NScriptType` matching the script object, and exports that type's entry points;
 * - `Date` is the execution clock (time.ts Clock): `new Date()`/`Date.now()` read it, every other
 *   use of Date is the built-in.
 *
 * The vm is a fidelity boundary, not a security boundary: host objects (the emulated modules) are
 * reachable from the script, so a deliberately hostile script could escape.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { nsError } from './errors';
import type { Clock } from './time';

/** A structural problem with a script file (header, entry points, define): the deploy itself would fail. */
export class ScriptLoadError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly file?: string,
	) {
		super(`${code}: ${message}`);
		this.name = 'ScriptLoadError';
	}
}

/** SDF object type -> @NScriptType and the entry points a script of that type must export. */
export const SCRIPT_TYPES: Readonly<
	Record<string, { scriptType: string; check: (exp: Record<string, unknown>) => string | null }>
> = {
	scheduledscript: { scriptType: 'ScheduledScript', check: (e) => (fn(e.execute) ? null : 'execute') },
	mapreducescript: {
		scriptType: 'MapReduceScript',
		check: (e) => (!fn(e.getInputData) ? 'getInputData' : !fn(e.map) && !fn(e.reduce) ? 'map or reduce' : null),
	},
	restlet: {
		scriptType: 'Restlet',
		check: (e) => (['get', 'post', 'put', 'delete'].some((k) => fn(e[k])) ? null : 'get, post, put or delete'),
	},
	portlet: { scriptType: 'Portlet', check: (e) => (fn(e.render) ? null : 'render') },
	suitelet: { scriptType: 'Suitelet', check: (e) => (fn(e.onRequest) ? null : 'onRequest') },
	usereventscript: {
		scriptType: 'UserEventScript',
		check: (e) =>
			['beforeLoad', 'beforeSubmit', 'afterSubmit'].some((k) => fn(e[k]))
				? null
				: 'beforeLoad, beforeSubmit or afterSubmit',
	},
	clientscript: { scriptType: 'ClientScript', check: () => null },
	// Oracle's samples write the plug-in types in lower case (`@NScriptType workbookbuilderplugin`)
	datasetbuilderplugin: {
		scriptType: 'datasetbuilderplugin',
		check: (e) => (fn(e.createDataset) ? null : 'createDataset'),
	},
	workbookbuilderplugin: {
		scriptType: 'workbookbuilderplugin',
		check: (e) => (fn(e.createWorkbook) ? null : 'createWorkbook'),
	},
};

function fn(v: unknown): boolean {
	return typeof v === 'function';
}

export interface ScriptHeader {
	apiVersion: string;
	scriptType?: string;
	moduleScope?: string;
}

/** Parse the leading JSDoc header; null when the file does not start with a `/** ... *\/` block. */
export function parseHeader(source: string): ScriptHeader | null {
	let s = source.replace(/^\uFEFF/, '');
	// allow leading whitespace and `//` line comments before the header block
	for (;;) {
		const t = s.replace(/^\s+/, '');
		if (t.startsWith('//')) {
			const nl = t.indexOf('\n');
			s = nl < 0 ? '' : t.slice(nl + 1);
			continue;
		}
		s = t;
		break;
	}
	if (!s.startsWith('/**')) return null;
	const end = s.indexOf('*/');
	if (end < 0) return null;
	const block = s.slice(0, end);
	const tag = (name: string): string | undefined => new RegExp(`@${name}\\s+([^\\s*]+)`, 'i').exec(block)?.[1];
	const h: ScriptHeader = { apiVersion: tag('NApiVersion') ?? '' };
	const st = tag('NScriptType');
	if (st !== undefined) h.scriptType = st;
	const ms = tag('NModuleScope');
	if (ms !== undefined) h.moduleScope = ms;
	return h;
}

/* ------------------------------------------------------------------ compiled-script cache */

const compiled = new Map<string, { mtimeMs: number; size: number; source: string; script: vm.Script }>();

function compile(file: string, displayName: string): { source: string; script: vm.Script } {
	const st = fs.statSync(file);
	const hit = compiled.get(file);
	if (hit?.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
	const source = fs.readFileSync(file, 'utf8');
	let script: vm.Script;
	try {
		script = new vm.Script(source, { filename: displayName });
	} catch (e) {
		// a syntax error: NetSuite refuses the file
		throw nsError('SSS_INVALID_SCRIPT_SYNTAX', `${displayName}: ${(e as Error).message}`, `load(${displayName})`);
	}
	const entry = { mtimeMs: st.mtimeMs, size: st.size, source, script };
	compiled.set(file, entry);
	return entry;
}

/* ------------------------------------------------------------------ sandbox */

const DATE_BOOTSTRAP = `(function (tick) {
  'use strict';
  var RealDate = globalThis.Date;
  function EmuDate() {
    var args = Array.prototype.slice.call(arguments);
    if (!new.target) return new RealDate(tick()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [tick()] : args, new.target);
  }
  Object.setPrototypeOf(EmuDate, RealDate);
  EmuDate.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: EmuDate, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(EmuDate, 'now', { value: function now() { return tick(); }, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(EmuDate, 'name', { value: 'Date' });
  Object.defineProperty(globalThis, 'Date', { value: EmuDate, writable: true, configurable: true, enumerable: false });
  return RealDate;
})`;

interface DefineCall {
	deps: string[] | undefined;
	factory: unknown;
}

interface ModuleRecord {
	id: string;
	state: 'loading' | 'loaded';
	exports: Record<string, unknown>;
	module: { id: string; uri: string; exports: unknown; config: () => object };
	value: unknown;
}

export interface SandboxOptions {
	/** absolute path of the File Cabinet root (the folder holding SuiteScripts/) */
	fileCabinetRoot: string;
	/** deploy.xml `<files>` paths (e.g. `~/FileCabinet/SuiteScripts/o2c_dso/*`); files outside them do not exist in the account */
	deployedFiles?: string[];
	/** the emulated module for an `N/...` id, created lazily; undefined when NetSuite has no such module */
	nModule: (id: string) => unknown;
	clock: Clock;
	/** label for the vm context */
	name?: string;
}

/** Thrown by `Sandbox.callTimed` when a call ran past its limit (the runners turn it into SSS_TIME_LIMIT_EXCEEDED). */
export class TimeLimitExceeded extends Error {
	constructor(readonly limitMs: number) {
		super(`the call ran longer than ${String(limitMs)} ms`);
		this.name = 'TimeLimitExceeded';
	}
}

/** The non-enumerable global through which `callTimed` runs an entry point under vm's timeout. */
const CALL_GLOBAL = '__o2cEmulatorCall';
const CALL_PENDING = new vm.Script(`${CALL_GLOBAL}()`, { filename: 'emulator:entry-point-call' });

export class Sandbox {
	readonly context: vm.Context;
	private pendingCall: (() => unknown) | null = null;
	private readonly modules = new Map<string, ModuleRecord>();
	private defineCalls: DefineCall[] | null = null;
	private readonly realDate: DateConstructor;
	private readonly vmObject: ObjectConstructor;
	private readonly vmJSON: JSON;
	private readonly deployedPrefixes: string[] | undefined;

	constructor(private readonly opts: SandboxOptions) {
		this.context = vm.createContext(
			{},
			{ name: opts.name ?? 'SuiteScript', codeGeneration: { strings: true, wasm: false } },
		);
		vm.runInContext('delete globalThis.console; delete globalThis.WebAssembly;', this.context);
		const install = vm.runInContext(DATE_BOOTSTRAP, this.context) as (tick: () => number) => DateConstructor;
		const clock = opts.clock;
		this.realDate = install(() => clock.now());
		this.vmObject = vm.runInContext('Object', this.context) as ObjectConstructor;
		this.vmJSON = vm.runInContext('JSON', this.context) as JSON;
		const define = (...args: unknown[]): void => {
			this.define(args);
		};
		(define as unknown as { amd: object }).amd = {};
		Object.defineProperty(this.context, 'define', {
			value: define,
			writable: false,
			enumerable: false,
			configurable: false,
		});
		Object.defineProperty(this.context, CALL_GLOBAL, {
			value: (): unknown => {
				const call = this.pendingCall;
				this.pendingCall = null;
				if (!call) throw new Error('emulator bug: no entry point call pending');
				return call();
			},
			writable: false,
			enumerable: false,
			configurable: false,
		});
		this.deployedPrefixes = opts.deployedFiles?.map((p) => p.replace(/^~\/FileCabinet/, '').replace(/\*$/, ''));
	}

	/**
	 * Calls `fn(arg)` (an entry point of this sandbox) with a wall-clock limit of `timeoutMs`: vm's
	 * watchdog terminates the call when it runs longer, which no `try`/`catch` in the script can
	 * intercept, as NetSuite stops a script past its time limit. Throws TimeLimitExceeded then.
	 */
	callTimed(fn: (a: unknown) => unknown, arg: unknown, timeoutMs: number): unknown {
		this.pendingCall = () => fn(arg);
		try {
			return CALL_PENDING.runInContext(this.context, { timeout: timeoutMs });
		} catch (e) {
			if ((e as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
				throw new TimeLimitExceeded(timeoutMs);
			throw e;
		} finally {
			this.pendingCall = null;
		}
	}

	/** A Date of the script's realm for instant `ms` (does not read the clock). */
	newDate(ms: number): Date {
		return new this.realDate(ms);
	}

	/** Whether v is a Date (of any realm). */
	isDate(v: unknown): v is Date {
		return Object.prototype.toString.call(v) === '[object Date]';
	}

	/** Parse JSON into objects of the script's realm. */
	parseJson(text: string): unknown {
		return this.vmJSON.parse(text);
	}

	/** A plain object of the script's realm. */
	newObject(): Record<string, unknown> {
		return new this.vmObject() as Record<string, unknown>;
	}

	private define(args: unknown[]): void {
		if (!this.defineCalls) {
			throw nsError(
				'SSS_INVALID_API_USAGE',
				'define() may only be called while a module file is being loaded',
				'define',
			);
		}
		const a = [...args];
		if (typeof a[0] === 'string') a.shift(); // named module: the file path decides its id
		let deps: string[] | undefined;
		if (Array.isArray(a[0])) deps = (a.shift() as unknown[]).map((d) => String(d));
		this.defineCalls.push({ deps, factory: a[0] });
	}

	/** Resolve a dependency id as requested from module `fromId` (canonical id, no .js). */
	resolveId(id: string, fromId: string | undefined): string {
		if (id === 'require' || id === 'exports' || id === 'module') return id;
		if (id.startsWith('N/') || id === 'N') return id;
		let abs: string;
		if (id.startsWith('./') || id.startsWith('../')) {
			if (!fromId) throw this.notFound(id);
			abs = path.posix.normalize(path.posix.join(path.posix.dirname(fromId), id));
		} else if (id.startsWith('/')) {
			abs = path.posix.normalize(id);
		} else {
			throw this.notFound(id);
		}
		if (abs.startsWith('/..') || !abs.startsWith('/')) throw this.notFound(id);
		return abs.replace(/\.js$/, '');
	}

	private notFound(id: string): Error {
		return nsError(
			'MODULE_DOES_NOT_EXIST',
			`Module does not exist: ${id.endsWith('.js') || id.startsWith('N/') ? id : `${id}.js`}`,
			'require',
		);
	}

	/** Absolute disk path of a canonical module id, or an error when it does not exist in the account. */
	private fileOf(id: string): string {
		const rel = `${id}.js`;
		if (
			this.deployedPrefixes &&
			!this.deployedPrefixes.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p))
		) {
			throw this.notFound(rel);
		}
		const file = path.join(this.opts.fileCabinetRoot, ...rel.split('/').filter(Boolean));
		if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw this.notFound(rel);
		return file;
	}

	/** require() a module by id as the script would (relative ids need `fromId`). */
	require(id: string, fromId?: string): unknown {
		const canonical = this.resolveId(id, fromId);
		if (canonical === 'require' || canonical === 'exports' || canonical === 'module') {
			throw this.notFound(id);
		}
		if (canonical.startsWith('N/') || canonical === 'N') {
			const m = this.opts.nModule(canonical);
			if (m === undefined) throw this.notFound(canonical);
			return m;
		}
		return this.load(canonical).value;
	}

	private localRequire(fromId: string): unknown {
		const req = (ids: unknown, cb?: unknown): unknown => {
			if (typeof ids === 'string') return this.require(ids, fromId);
			if (Array.isArray(ids)) {
				const values = ids.map((d) => this.require(String(d), fromId));
				if (typeof cb === 'function') (cb as (...a: unknown[]) => unknown)(...values);
				return undefined;
			}
			throw nsError('SSS_INVALID_API_USAGE', 'require() takes a module id or an array of ids', 'require');
		};
		return req;
	}

	/** Load (once per sandbox) the module with this canonical id. */
	private load(id: string): ModuleRecord {
		const existing = this.modules.get(id);
		if (existing) return existing; // a cycle sees the partial exports, as in RequireJS
		const file = this.fileOf(id);
		const { script } = compile(file, `${id}.js`);
		const exportsObj = this.newObject();
		const rec: ModuleRecord = {
			id,
			state: 'loading',
			exports: exportsObj,
			module: { id, uri: `${id}.js`, exports: exportsObj, config: () => ({}) },
			value: exportsObj,
		};
		this.modules.set(id, rec);
		const outer = this.defineCalls;
		const calls: DefineCall[] = [];
		this.defineCalls = calls;
		try {
			script.runInContext(this.context);
		} catch (e) {
			this.modules.delete(id);
			throw e;
		} finally {
			this.defineCalls = outer;
		}
		const call = calls[0];
		if (calls.length !== 1 || call === undefined) {
			this.modules.delete(id);
			throw new ScriptLoadError(
				'INVALID_AMD_MODULE',
				`${id}.js calls define() ${calls.length} times; a SuiteScript file must call it exactly once`,
				file,
			);
		}
		if (typeof call.factory === 'function') {
			const factory = call.factory as (...a: unknown[]) => unknown;
			const deps = call.deps ?? ['require', 'exports', 'module'].slice(0, factory.length);
			const values = deps.map((d) => {
				if (d === 'require') return this.localRequire(id);
				if (d === 'exports') return rec.exports;
				if (d === 'module') return rec.module;
				return this.require(d, id);
			});
			const ret = factory(...values);
			rec.value = ret !== undefined ? ret : rec.module.exports;
		} else {
			rec.value = call.factory;
		}
		rec.state = 'loaded';
		return rec;
	}

	/**
	 * Load a script's entry file (`/SuiteScripts/...js` from its scriptfile) and check its header
	 * and entry points against the SDF object type. Structural problems throw ScriptLoadError;
	 * errors the script raises while loading (a missing module, a ReferenceError at top level)
	 * propagate as they are.
	 */
	loadEntry(scriptfile: string, objectType: string): Record<string, unknown> {
		const spec = SCRIPT_TYPES[objectType];
		if (!spec)
			throw new ScriptLoadError('UNSUPPORTED_SCRIPT_TYPE', `the emulator does not run ${objectType} scripts`);
		if (!scriptfile.endsWith('.js')) {
			throw new ScriptLoadError('INVALID_SCRIPT_FILE', `scriptfile ${scriptfile} is not a .js file`);
		}
		const id = this.resolveId(scriptfile, undefined);
		let file: string;
		try {
			file = this.fileOf(id);
		} catch (e) {
			throw new ScriptLoadError(
				'SCRIPT_FILE_NOT_FOUND',
				`${scriptfile} is not in the File Cabinet (built and deployed): ${(e as Error).message}`,
			);
		}
		const { source } = compile(file, `${id}.js`);
		const header = parseHeader(source);
		if (!header) {
			throw new ScriptLoadError(
				'INVALID_SCRIPT_HEADER',
				`${scriptfile} does not start with a /** ... */ block holding @NApiVersion and @NScriptType`,
				file,
			);
		}
		if (header.apiVersion !== '2.1' && header.apiVersion.toLowerCase() !== '2.x') {
			throw new ScriptLoadError(
				'INVALID_SCRIPT_HEADER',
				`${scriptfile}: @NApiVersion is "${header.apiVersion || '(missing)'}"; the project's scripts must declare 2.1 (or 2.x)`,
				file,
			);
		}
		if (header.scriptType?.toLowerCase() !== spec.scriptType.toLowerCase()) {
			throw new ScriptLoadError(
				'INVALID_SCRIPT_HEADER',
				`${scriptfile}: @NScriptType is "${header.scriptType ?? '(missing)'}" but the ${objectType} object needs ${spec.scriptType}`,
				file,
			);
		}
		const value = this.load(id).value;
		if (typeof value !== 'object' || value === null) {
			throw new ScriptLoadError('MISSING_ENTRY_POINT', `${scriptfile} exports no object of entry points`, file);
		}
		const missing = spec.check(value as Record<string, unknown>);
		if (missing) {
			throw new ScriptLoadError(
				'MISSING_ENTRY_POINT',
				`${scriptfile} (${spec.scriptType}) does not export ${missing}`,
				file,
			);
		}
		return value as Record<string, unknown>;
	}
}
