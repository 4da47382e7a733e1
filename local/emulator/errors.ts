/**
 * SuiteScriptError as NetSuite throws it (N/error, and every error an emulated module raises),
 * plus the serialisation map/reduce summaries and RESTlet responses use.
 *
 * Shape of a serialised error (what `JSON.stringify(e)` gives in NetSuite and what
 * mapSummary.errors iterators hand out):
 *   {"type":"error.SuiteScriptError","name":"MY_CODE","message":"...","id":"","stack":["createError(N/error)",
 *    "execute(/SuiteScripts/o2c_dso/x.js:12)"],"cause":{"name":"MY_CODE","message":"..."},"notifyOff":false,"userFacing":true}
 */
import { createHash } from 'crypto';

let errorCounter = 0;

/** Stack frames of the script (files under /SuiteScripts), NetSuite style: `fn(/SuiteScripts/x.js:12)`. */
export function scriptFrames(stack: string | undefined): string[] {
	const out: string[] = [];
	for (const line of (stack ?? '').split('\n')) {
		const m = /^\s*at (?:(.*?) \()?(\/Suite(?:Scripts|Apps)\/[^:()]+):(\d+)(?::\d+)?\)?$/.exec(line);
		if (m) out.push(`${m[1] && m[1] !== 'Object.<anonymous>' ? m[1] : '<anonymous>'}(${m[2]}:${m[3]})`);
	}
	return out;
}

export class SuiteScriptError extends Error {
	readonly type = 'error.SuiteScriptError';
	readonly id: string;
	readonly cause: { name: string; message: string };
	notifyOff: boolean;
	readonly userFacing: boolean;
	declare stack: string;
	/** NetSuite's `stack`: an array of frames (the most recent first). Node's string stack stays in `nodeStack`. */
	readonly frames: string[];

	constructor(
		name: string,
		message: string,
		opts: { origin?: string; notifyOff?: boolean; userFacing?: boolean; id?: string } = {},
	) {
		super(message);
		const nodeStack = new Error().stack;
		Object.defineProperty(this, 'name', { value: name, enumerable: true, writable: false, configurable: true });
		this.id =
			opts.id ??
			createHash('sha1').update(`${name}\u0000${message}\u0000${++errorCounter}`).digest('hex').slice(0, 20);
		this.cause = { name, message };
		this.notifyOff = opts.notifyOff ?? false;
		this.userFacing = opts.userFacing ?? true;
		this.frames = [opts.origin ?? 'createError(N/error)', ...scriptFrames(nodeStack)];
		// NetSuite exposes the frames as `stack` (string[]); keep Node's text for debugging.
		Object.defineProperty(this, 'nodeStack', { value: nodeStack, enumerable: false });
		Object.defineProperty(this, 'stack', {
			value: this.frames,
			enumerable: false,
			writable: true,
			configurable: true,
		});
	}

	toJSON(): Record<string, unknown> {
		return {
			type: this.type,
			name: this.name,
			message: this.message,
			id: this.id,
			stack: this.frames,
			cause: this.cause,
			notifyOff: this.notifyOff,
			userFacing: this.userFacing,
		};
	}

	override toString(): string {
		return `${this.name}: ${this.message}`;
	}
}

/** An error a NetSuite module raises (its origin shows as the first stack frame, e.g. `send(N/email)`). */
export function nsError(name: string, message: string, origin?: string): SuiteScriptError {
	return new SuiteScriptError(name, message, { origin: origin ?? 'emulator', id: '' });
}

/** The emulator deliberately does not implement this; never a silent `undefined`. */
export const UNSUPPORTED = 'EMULATOR_UNSUPPORTED';
export function unsupported(what: string): SuiteScriptError {
	return nsError(UNSUPPORTED, `The local emulator does not support ${what}.`, 'emulator');
}

export function missingArg(method: string, arg: string): SuiteScriptError {
	return nsError('SSS_MISSING_REQD_ARGUMENT', `${method}: Missing a required argument: ${arg}`, method);
}

function isObj(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null;
}

/**
 * The serialised form of anything a script threw, as NetSuite stores it for summaries:
 * SuiteScriptErrors as their JSON; JS errors (TypeError, ...) wrapped in the same shape with
 * their own name and `userFacing: false`; other thrown values as an `Error` with String(value).
 */
export function serializeError(e: unknown): string {
	return JSON.stringify(errorJson(e));
}

export function errorJson(e: unknown): Record<string, unknown> {
	if (e instanceof SuiteScriptError) return e.toJSON();
	if (isObj(e) && e.type === 'error.SuiteScriptError' && typeof e.name === 'string') {
		// a SuiteScriptError-shaped object from elsewhere (e.g. rethrown JSON)
		return { ...e };
	}
	if (isObj(e) && typeof e.message === 'string') {
		const name = typeof e.name === 'string' ? e.name : 'Error';
		const stack = typeof e.stack === 'string' ? scriptFrames(e.stack) : [];
		return {
			type: 'error.SuiteScriptError',
			name,
			message: e.message,
			id: '',
			stack,
			cause: { name, message: e.message },
			notifyOff: false,
			userFacing: false,
		};
	}
	const message = String(e);
	return {
		type: 'error.SuiteScriptError',
		name: 'Error',
		message,
		id: '',
		stack: [],
		cause: { name: 'Error', message },
		notifyOff: false,
		userFacing: false,
	};
}

/** name and message of anything thrown */
export function errorNameMessage(e: unknown): { name: string; message: string } {
	const j = errorJson(e);
	return { name: String(j.name), message: String(j.message) };
}
