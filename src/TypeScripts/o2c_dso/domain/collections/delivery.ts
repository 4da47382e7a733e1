/**
 * What one delivery attempt of an outbox entry means, and when the next one is due
 * (README "Collections push", "Retries and dead letters").
 *
 * - 2xx: delivered.
 * - 408, 429, 5xx, and transport failures (refused or dropped connections, timeouts, a host that
 *   cannot be resolved or whose certificate fails): retried on a later run, with exponential backoff
 *   and jitter, never sooner than the response's `Retry-After`; after `maxAttempts` attempts the
 *   entry is dead-lettered with the last reason.
 * - any other status (400, 401, 403, 404, 409, 422, 3xx ...): permanent, dead-lettered at once with
 *   the status and the response's error text, shortened and with anything that looks like a
 *   credential removed.
 *
 * Backoff: attempt n (1-based) waits `baseMinutes × 2^(n−1)`, at most `maxMinutes`, times a jitter
 * factor in [0.75, 1.25) drawn from the idempotency key and n (the same on every rerun, different
 * between payloads so that a failed night's retries do not all fall due together).
 *
 * Pure: no `N/*`; "now" is passed in.
 */
import { unitInterval } from './hash';

export interface RetryPolicy {
	readonly maxAttempts: number;
	readonly baseMinutes: number;
	readonly maxMinutes: number;
}

/** Defaults (deployment parameters may change maxAttempts). With one run a night, 8 attempts span about 8 nights. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
	maxAttempts: 8,
	baseMinutes: 30,
	maxMinutes: 24 * 60,
});

/** Longest error text kept on the outbox record (a TEXT field holds 300 characters). */
export const MAX_ERROR_TEXT = 240;

/** What an attempt came back with. */
export type AttemptResult =
	| { readonly kind: 'response'; readonly code: number; readonly body: string; readonly retryAfter: string | null }
	| { readonly kind: 'transport'; readonly name: string; readonly message: string };

export type AttemptOutcome =
	| { readonly status: 'delivered'; readonly httpStatus: number }
	| {
			readonly status: 'pending';
			readonly httpStatus: number | null;
			readonly error: string;
			readonly nextAttemptAt: Date;
	  }
	| { readonly status: 'dead'; readonly httpStatus: number | null; readonly error: string };

/** Transport errors NetSuite's N/https raises that are worth another try. */
const RETRYABLE_TRANSPORT = new Set([
	'SSS_REQUEST_TIME_EXCEEDED',
	'SSS_CONNECTION_TIME_OUT',
	'SSS_CONNECTION_CLOSED',
	'SSS_UNKNOWN_HOST',
	'SSS_INVALID_HOST_CERT',
]);

/** Whether an HTTP status is retried (408, 429, 5xx). @example isRetryableStatus(503) // true */
export function isRetryableStatus(code: number): boolean {
	return code === 408 || code === 429 || (code >= 500 && code <= 599);
}

/**
 * The text with credentials removed and cut to {@link MAX_ERROR_TEXT} characters, on one line.
 * @example safeErrorText('{"error":"bad token Bearer abc.def"}') // '{"error":"bad token Bearer [redacted]"}'
 */
export function safeErrorText(text: string): string {
	const oneLine = text
		// the scheme words, then the credential ("token Bearer abc": abc, not Bearer, is the credential)
		.replace(/\b((?:Bearer|Basic|Token)(?:\s+(?:Bearer|Basic|Token)\b)*)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
		.replace(/("?(?:authorization|api[_-]?key|token|secret|password)"?\s*[:=]\s*)"[^"]*"/gi, '$1"[redacted]"')
		.replace(/\s+/g, ' ')
		.trim();
	return oneLine.length <= MAX_ERROR_TEXT ? oneLine : `${oneLine.slice(0, MAX_ERROR_TEXT - 1)}…`;
}

/**
 * Seconds a `Retry-After` value asks to wait (delta-seconds or an HTTP date), or null if absent or
 * unreadable.
 * @example retryAfterSeconds('120', now) // 120
 */
export function retryAfterSeconds(value: string | null, now: Date): number | null {
	if (value === null) return null;
	const t = value.trim();
	if (/^\d+$/.test(t)) return Number(t);
	const at = Date.parse(t);
	if (!/[A-Za-z]/.test(t) || Number.isNaN(at)) return null;
	return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * When attempt `attempt` (1-based, the one that just failed) is followed by the next.
 * @example nextAttemptAt(1, 'key', now, null, DEFAULT_RETRY_POLICY) // now + 22.5 to 37.5 minutes
 */
export function nextAttemptAt(
	attempt: number,
	key: string,
	now: Date,
	retryAfter: number | null,
	policy: RetryPolicy,
): Date {
	const backoff = Math.min(policy.baseMinutes * 2 ** (attempt - 1), policy.maxMinutes);
	const jitter = 0.75 + 0.5 * unitInterval(`${key}|${String(attempt)}`);
	const waitMs = Math.max(Math.round(backoff * jitter * 60_000), (retryAfter ?? 0) * 1000);
	return new Date(now.getTime() + waitMs);
}

/**
 * The outcome of attempt number `attempt` (1-based) of the entry with `key`.
 * @example outcomeOf({ kind: 'response', code: 201, body: '', retryAfter: null }, 1, 'k', now, policy).status // 'delivered'
 */
export function outcomeOf(
	result: AttemptResult,
	attempt: number,
	key: string,
	now: Date,
	policy: RetryPolicy,
): AttemptOutcome {
	if (result.kind === 'response' && result.code >= 200 && result.code <= 299)
		return { status: 'delivered', httpStatus: result.code };
	const httpStatus = result.kind === 'response' ? result.code : null;
	const detail =
		result.kind === 'response'
			? `HTTP ${String(result.code)}${result.body.trim() === '' ? '' : `: ${result.body}`}`
			: `${result.name}: ${result.message}`;
	const retryable =
		result.kind === 'response' ? isRetryableStatus(result.code) : RETRYABLE_TRANSPORT.has(result.name);
	if (!retryable) return { status: 'dead', httpStatus, error: safeErrorText(`permanent: ${detail}`) };
	if (attempt >= policy.maxAttempts)
		return {
			status: 'dead',
			httpStatus,
			error: safeErrorText(`gave up after ${String(attempt)} attempts; last: ${detail}`),
		};
	const wait = result.kind === 'response' ? retryAfterSeconds(result.retryAfter, now) : null;
	return {
		status: 'pending',
		httpStatus,
		error: safeErrorText(detail),
		nextAttemptAt: nextAttemptAt(attempt, key, now, wait, policy),
	};
}
