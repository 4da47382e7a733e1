/**
 * N/https (and N/http, same implementation): get / post / put / delete / request, 10 units each,
 * real requests made synchronously (httpClient.ts). ClientResponse {code, body, headers}; a non-2xx
 * status is a response, not an error. Failures raise NetSuite's codes: connect (5 s) or request
 * (45 s) timeout -> SSS_REQUEST_TIME_EXCEEDED, refused/reset -> SSS_CONNECTION_CLOSED, unknown host
 * -> SSS_UNKNOWN_HOST, bad certificate -> SSS_INVALID_HOST_CERT, bad URL -> SSS_INVALID_URL.
 * `body` may be a string or an object (sent form-encoded). Only http: and https: URLs, to any host.
 */
import type { RuntimeContext } from '../services';
import { charge } from '../governance';
import { missingArg, nsError, unsupported } from '../errors';
import { guard, opts, scriptText } from './guard';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'];

/**
 * A SecureString's content lives here, on the host side, keyed by the object the script holds: the
 * script can pass it on (a header value) but never read it. Placeholders `{custsecret_x}` (and
 * credential GUIDs `{32 hex}`) are resolved only when a request is sent (help: createSecureString,
 * "Create an Authentication Header Using a Secure String"). Parts are plain text or base64 of a
 * part list (convertEncoding UTF_8 to BASE_64, as Oracle's Basic-auth sample does).
 */
type SecurePart = { text: string } | { base64Of: SecurePart[] };
const SECURE = new WeakMap<object, SecurePart[]>();
const PLACEHOLDER = /\{(custsecret[a-zA-Z0-9_]{1,89}|[a-fA-F0-9]{32})\}/g;

function resolveSecure(parts: readonly SecurePart[], secrets: ReadonlyMap<string, string>, origin: string): string {
	return parts
		.map((p) => {
			if ('base64Of' in p)
				return Buffer.from(resolveSecure(p.base64Of, secrets, origin), 'utf8').toString('base64');
			return p.text.replace(PLACEHOLDER, (_m, id: string) => {
				const v = secrets.get(id.toLowerCase());
				if (v === undefined)
					throw nsError(
						'INVALID_SECRET_KEY_REFERENCE',
						`The secret {${id}} does not exist or is not available to this script (Setup > Company > API Secrets).`,
						origin,
					);
				return v;
			});
		})
		.join('');
}

function noPromise<T extends (...a: never[]) => unknown>(f: T, name: string): T {
	Object.defineProperty(f, 'promise', {
		get(): never {
			throw unsupported(`${name}.promise (the emulator runs server scripts synchronously)`);
		},
	});
	return f;
}

export function createHttpsModule(ctx: RuntimeContext, moduleName: 'https' | 'http' = 'https'): object {
	const api = `${moduleName}.request`;

	function partsOf(v: unknown, what: string): SecurePart[] {
		const p = typeof v === 'object' && v !== null ? SECURE.get(v) : undefined;
		if (!p)
			throw nsError('WRONG_PARAMETER_TYPE', `${what} must be an https.SecureString`, `${what}(N/${moduleName})`);
		return p;
	}

	/** A SecureString (members per help section_4418286676); its text never reaches the script. */
	function secureString(parts: SecurePart[]): object {
		const self: object = guard(`${moduleName}.SecureString`, {
			appendString(options?: unknown): object {
				const o = opts(options);
				if (o.input === undefined || o.input === null) throw missingArg('SecureString.appendString', 'input');
				parts.push({ text: scriptText(o.input) });
				return self;
			},
			appendSecureString(options?: unknown): object {
				const o = opts(options);
				parts.push(...partsOf(o.secureString, 'SecureString.appendSecureString'));
				return self;
			},
			convertEncoding(options?: unknown): object {
				const o = opts(options);
				const to = scriptText(o.toEncoding);
				const from = o.fromEncoding === undefined ? 'UTF_8' : scriptText(o.fromEncoding);
				if (to !== 'BASE_64' || from !== 'UTF_8')
					throw unsupported(`SecureString.convertEncoding from ${from} to ${to} (only UTF_8 to BASE_64)`);
				const inner = parts.splice(0, parts.length);
				parts.push({ base64Of: inner });
				return self;
			},
			toString: (): string => '[object SecureString]',
			toJSON: (): object => ({}),
		});
		SECURE.set(self, parts);
		return self;
	}

	function call(method: string, o: Record<string, unknown>, fname: string): object {
		if (o.url === undefined || o.url === null || o.url === '') throw missingArg(`${moduleName}.${fname}`, 'url');
		const url = scriptText(o.url);
		if (/\s/.test(url) || !/^https?:\/\/[^/]+/i.test(url)) {
			throw nsError('SSS_INVALID_URL', `Invalid URL: ${url}`, `${fname}(N/${moduleName})`);
		}
		if (o.credentials !== undefined)
			throw unsupported(
				`${moduleName}.${fname} options.credentials (pass a SecureString from createSecureString instead)`,
			);
		const headers: Record<string, string> = {};
		const secureHeaders: Record<string, SecurePart[]> = {};
		if (o.headers && typeof o.headers === 'object') {
			for (const [k, v] of Object.entries(o.headers as Record<string, unknown>)) {
				if (v === undefined || v === null) continue;
				const secure = typeof v === 'object' ? SECURE.get(v) : undefined;
				if (secure) secureHeaders[k] = secure;
				else headers[k] = typeof v === 'string' ? v : scriptText(v);
			}
		}
		let body: string | undefined;
		if (o.body !== undefined && o.body !== null && method !== 'GET' && method !== 'HEAD') {
			if (typeof o.body === 'string') body = o.body;
			else if (typeof o.body === 'object') {
				body = new URLSearchParams(
					Object.entries(o.body as Record<string, unknown>).map(
						([k, v]) => [k, String(v)] as [string, string],
					),
				).toString();
				if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
					headers['Content-Type'] = 'application/x-www-form-urlencoded';
				}
			} else body = scriptText(o.body);
		}
		charge(ctx.meter, api);
		for (const [k, parts] of Object.entries(secureHeaders))
			headers[k] = resolveSecure(parts, ctx.svc.secrets, `${fname}(N/${moduleName})`);
		const r = ctx.svc.httpClient.request({
			method,
			url,
			headers,
			...(body !== undefined ? { body } : {}),
			connectTimeoutMs: ctx.svc.https.connectTimeoutMs,
			requestTimeoutMs: ctx.svc.https.requestTimeoutMs,
		});
		if (!r.ok) {
			const origin = `${fname}(N/${moduleName})`;
			switch (r.error) {
				case 'TIMEOUT':
					throw nsError(
						'SSS_REQUEST_TIME_EXCEEDED',
						`The request exceeded the time limit (${ctx.svc.https.connectTimeoutMs / 1000} s to connect, ${ctx.svc.https.requestTimeoutMs / 1000} s for the request): ${r.message}`,
						origin,
					);
				case 'UNKNOWN_HOST':
					throw nsError('SSS_UNKNOWN_HOST', `Unknown host: ${url}`, origin);
				case 'INVALID_HOST_CERT':
					throw nsError(
						'SSS_INVALID_HOST_CERT',
						`Untrusted, invalid, or expired certificate: ${r.message}`,
						origin,
					);
				case 'INVALID_URL':
					throw nsError('SSS_INVALID_URL', `Invalid URL: ${url} (${r.message})`, origin);
				case 'CONNECTION_CLOSED':
					throw nsError('SSS_CONNECTION_CLOSED', `Connection closed: ${r.message}`, origin);
				default:
					throw nsError('SSS_CONNECTION_CLOSED', `Connection failed: ${r.message}`, origin);
			}
		}
		return guard(`${moduleName}.ClientResponse`, { code: r.code, body: r.body, headers: r.headers });
	}

	const Method: Record<string, string> = {};
	for (const m of METHODS) Method[m] = m;

	return guard(`N/${moduleName}`, {
		get: noPromise((options?: unknown) => call('GET', opts(options), 'get'), `${moduleName}.get`),
		post: noPromise((options?: unknown) => call('POST', opts(options), 'post'), `${moduleName}.post`),
		put: noPromise((options?: unknown) => call('PUT', opts(options), 'put'), `${moduleName}.put`),
		delete: noPromise((options?: unknown) => call('DELETE', opts(options), 'delete'), `${moduleName}.delete`),
		request: noPromise((options?: unknown) => {
			const o = opts(options);
			if (o.method === undefined) throw missingArg(`${moduleName}.request`, 'method');
			const m = scriptText(o.method).toUpperCase();
			if (!METHODS.includes(m))
				throw nsError('INVALID_HTTP_METHOD', `Invalid HTTP method: ${m}`, `request(N/${moduleName})`);
			return call(m, o, 'request');
		}, `${moduleName}.request`),
		Method: guard(`${moduleName}.Method`, Method),
		createSecureString: (options?: unknown) => {
			const o = opts(options);
			if (o.input === undefined || o.input === null)
				throw missingArg(`${moduleName}.createSecureString`, 'input');
			if (o.inputEncoding !== undefined && o.inputEncoding !== 'UTF_8')
				throw unsupported(`${moduleName}.createSecureString inputEncoding ${scriptText(o.inputEncoding)}`);
			return secureString([{ text: scriptText(o.input) }]);
		},
	});
}
