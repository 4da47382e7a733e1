/**
 * Wraps an emulated NetSuite object so that reading a member the emulator does not implement
 * throws EMULATOR_UNSUPPORTED naming it, instead of silently giving `undefined`.
 */
import { unsupported } from '../errors';

/** Property reads that generic code makes on any object (promises, JSON, module interop, Jest). */
const BENIGN = new Set<string>([
	'then',
	'toJSON',
	'__esModule',
	'default',
	'constructor',
	'prototype',
	'asymmetricMatch',
	'$$typeof',
	'nodeType',
	'tagName',
	'inspect',
	'length',
	'@@__IMMUTABLE_ITERABLE__@@',
	'@@__IMMUTABLE_RECORD__@@',
	'_isMockFunction',
]);

export function guard<T extends object>(what: string, target: T): T {
	return new Proxy(target, {
		get(t, p, receiver) {
			if (typeof p === 'symbol' || p in t || BENIGN.has(p)) return Reflect.get(t, p, receiver);
			throw unsupported(`${what}.${p}`);
		},
	});
}

/**
 * A value a script passed, as text: JavaScript's String(v), the conversion the emulator applies wherever NetSuite
 * takes text (ids, type and enum names, field text, filter values). Scripts pass numbers, Dates, objects with their
 * own toString(); a plain object gives '[object Object]', as String() does (what NetSuite shows for one is not
 * documented). The parameter is `unknown` because that is what a script's argument is.
 */
export function scriptText(v: unknown): string {
	return String(v);
}

/** JSON.stringify typed as it behaves: undefined for undefined, a function or a symbol (its lib type says string). */
export function jsonText(v: unknown): string | undefined {
	return JSON.stringify(v);
}

/** Array.isArray with the elements typed as what they are when a script passed the array: unknown. */
export function isList(v: unknown): v is unknown[] {
	return Array.isArray(v);
}

/** Reads an options argument the NetSuite way: `fn(options)` with options an object. */
export function opts(v: unknown): Record<string, unknown> {
	return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}
