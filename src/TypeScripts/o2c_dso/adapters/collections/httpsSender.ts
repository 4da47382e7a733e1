/**
 * The PushSender port over N/https: `POST <endpoint>` with the JSON body, `Content-Type:
 * application/json`, `Idempotency-Key` and `Authorization: Bearer {custsecret_o2c_collections_token}`
 * as an https.SecureString, so the secret's value never enters the script (help:
 * https.createSecureString, "Create an Authentication Header Using a Secure String"). 10 units a
 * request. A response is a response whatever its status; N/https errors (timeouts, refused or closed
 * connections, unknown hosts, bad certificates) come back as transport results for the retry policy.
 */
import * as https from 'N/https';
import type { PushSender } from '../../app/collections/push';
import type { AttemptResult } from '../../domain/collections/delivery';

/** The API secret an admin creates (Setup > Company > Preferences > API Secrets). */
export const COLLECTIONS_SECRET = 'custsecret_o2c_collections_token';

function bearer(): https.SecureString {
	return https.createSecureString({ input: `Bearer {${COLLECTIONS_SECRET}}` });
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
	for (const [k, v] of Object.entries(headers)) {
		if (k.toLowerCase() === name) return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
	}
	return null;
}

/** The NetSuite error's name and message, or the JS error's. */
export function errorParts(e: unknown): { name: string; message: string } {
	if (typeof e === 'object' && e !== null) {
		const o = e as { name?: unknown; message?: unknown };
		return {
			name: typeof o.name === 'string' ? o.name : 'ERROR',
			message: typeof o.message === 'string' ? o.message : '',
		};
	}
	return { name: 'ERROR', message: String(e) };
}

function attempt(call: () => https.ClientResponse): AttemptResult {
	try {
		const r = call();
		const headers = r.headers as Record<string, string | string[] | undefined>;
		return { kind: 'response', code: r.code, body: r.body || '', retryAfter: header(headers, 'retry-after') };
	} catch (e) {
		const { name, message } = errorParts(e);
		if (name === 'SSS_USAGE_LIMIT_EXCEEDED') throw e;
		return { kind: 'transport', name, message };
	}
}

/** The sender for an endpoint. @example httpsSender('https://collections.example.com/v1/push').send(body, key) */
export function httpsSender(endpoint: string): PushSender {
	return {
		send: (body, key) =>
			attempt(() =>
				https.request({
					method: https.Method.POST,
					url: endpoint,
					body,
					headers: {
						'Content-Type': 'application/json',
						Accept: 'application/json',
						'Idempotency-Key': key,
						Authorization: bearer(),
					},
				}),
			),
	};
}

/**
 * Before anything is written: `HEAD <endpoint>` with the credential. Any HTTP answer but 401 or 403
 * means the endpoint is there; 401/403 means the calling system refused the secret; an N/https error
 * (unknown host, refused connection, timeout, bad certificate, a secret that does not exist) means it
 * cannot be reached now. Returns null when fine, else the reason (no secret value in it).
 */
export function probeEndpoint(endpoint: string): { reason: string; blame: 'url' | 'secret' } | null {
	const r = attempt(() =>
		https.request({
			method: https.Method.HEAD,
			url: endpoint,
			headers: { Authorization: bearer() },
		}),
	);
	if (r.kind === 'transport') {
		const secret = /SECRET/i.test(r.name);
		return { reason: `${r.name}: ${r.message}`, blame: secret ? 'secret' : 'url' };
	}
	if (r.code === 401 || r.code === 403)
		return { reason: `HTTP ${String(r.code)}: the calling system refused the credential`, blame: 'secret' };
	return null;
}
