/**
 * N/cache: getCache({name, scope}) -> Cache with put / get (optional loader) / remove.
 * Units (platform §8.2): put 1, remove 1, get 1 on a hit, 2 on a miss. Values are stored as
 * strings (non-strings are JSON.stringify'd, as NetSuite does), a loader's result too. `ttl` is in
 * seconds (minimum 300) and measured on the execution clock. The caches live as long as the
 * Emulator: PRIVATE is per script, PROTECTED and PUBLIC are shared.
 */
import type { RuntimeContext } from '../services';
import { charge } from '../governance';
import { missingArg, nsError } from '../errors';
import { guard, jsonText, opts, scriptText } from './guard';

const SCOPES = { PRIVATE: 'PRIVATE', PROTECTED: 'PROTECTED', PUBLIC: 'PUBLIC' } as const;
const KEY_MAX = 4096;
const VALUE_MAX = 500 * 1024;

function asString(v: unknown): string {
	return typeof v === 'string' ? v : (jsonText(v) ?? String(v));
}

export function createCacheModule(ctx: RuntimeContext): object {
	function getCache(options?: unknown): object {
		const o = opts(options);
		if (typeof o.name !== 'string' || o.name === '') throw missingArg('cache.getCache', 'name');
		const name = o.name;
		if (name.length > 1024)
			throw nsError('SSS_CACHE_NAME_TOO_LONG', 'The cache name cannot exceed 1 KB.', 'getCache(N/cache)');
		const scope = o.scope === undefined ? SCOPES.PRIVATE : scriptText(o.scope);
		if (!(scope in SCOPES))
			throw nsError('SSS_INVALID_TYPE_ARG', `Invalid cache scope: ${scope}`, 'getCache(N/cache)');
		const storeKey = `${scope}|${scope === 'PRIVATE' ? ctx.script.scriptId : ''}|${name}`;
		let store = ctx.svc.caches.get(storeKey);
		if (!store) {
			store = new Map();
			ctx.svc.caches.set(storeKey, store);
		}
		const s = store;
		const keyOf = (method: string, k: unknown): string => {
			if (k === undefined || k === null || k === '') throw missingArg(`Cache.${method}`, 'key');
			const key = scriptText(k);
			if (key.length > KEY_MAX)
				throw nsError('SSS_CACHE_KEY_TOO_LONG', 'The cache key cannot exceed 4 KB.', `${method}(N/cache)`);
			return key;
		};
		const expiry = (ttl: unknown): number => {
			if (ttl === undefined || ttl === null) return Number.POSITIVE_INFINITY;
			const t = Math.max(300, Number(ttl));
			return ctx.svc.clock.peek() + t * 1000;
		};
		const live = (key: string): string | null => {
			const e = s.get(key);
			if (!e) return null;
			if (e.expires <= ctx.svc.clock.peek()) {
				s.delete(key);
				return null;
			}
			return e.value;
		};
		const checkValue = (v: string): string => {
			if (Buffer.byteLength(v, 'utf8') > VALUE_MAX) {
				throw nsError('SSS_CACHE_VALUE_TOO_LARGE', 'The cache value cannot exceed 500 KB.', 'put(N/cache)');
			}
			return v;
		};
		return guard('cache.Cache', {
			name,
			scope,
			put(options2?: unknown): void {
				const p = opts(options2);
				const key = keyOf('put', p.key);
				if (!('value' in p)) throw missingArg('Cache.put', 'value');
				charge(ctx.meter, 'Cache.put');
				s.set(key, { value: checkValue(asString(p.value)), expires: expiry(p.ttl) });
			},
			get(options2?: unknown): string | null {
				const p = opts(options2);
				const key = keyOf('get', p.key);
				const hit = live(key);
				if (hit !== null) {
					charge(ctx.meter, 'Cache.get.hit');
					return hit;
				}
				charge(ctx.meter, 'Cache.get.miss');
				if (typeof p.loader !== 'function') return null;
				const loaded = (p.loader as (ctx: { key: string }) => unknown)({ key });
				if (loaded === undefined || loaded === null) return null;
				const value = checkValue(asString(loaded));
				s.set(key, { value, expires: expiry(p.ttl) });
				return value;
			},
			remove(options2?: unknown): void {
				const key = keyOf('remove', opts(options2).key);
				charge(ctx.meter, 'Cache.remove');
				s.delete(key);
			},
		});
	}
	return guard('N/cache', { getCache, Scope: guard('cache.Scope', { ...SCOPES }) });
}
