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

/** Reads an options argument the NetSuite way: `fn(options)` with options an object. */
export function opts(v: unknown): Record<string, unknown> {
	return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}
