/**
 * The GET parameters of the collections RESTlet, validated strictly: with `customer_id` the
 * customer's detail, otherwise a page of the worklist (`page`, `page_size`, filters `subsidiary_id`,
 * `segment`, `collector_id`). NetSuite adds `script` and `deploy` (and `compid` on some URLs) to
 * the parameters; any other unknown parameter is refused, naming it.
 */
import type { FieldError, Validated } from './events';

export const SEGMENTS = ['reliable', 'slow-but-reliable', 'deteriorating', 'at-risk', 'insufficient-history'] as const;
export const PAGE_SIZE = { default: 50, max: 200 } as const;
const PLATFORM_PARAMS = ['script', 'deploy', 'compid'];

export type CollectionsQuery =
	| { readonly kind: 'customer'; readonly customerId: number }
	| {
			readonly kind: 'worklist';
			readonly page: number;
			readonly pageSize: number;
			readonly subsidiaryId: number | null;
			readonly segment: string | null;
			readonly collectorId: number | null;
	  };

const KNOWN = ['customer_id', 'page', 'page_size', 'subsidiary_id', 'segment', 'collector_id'];

/** @example validateQuery({ script: '7', deploy: '1', page: '2' }).ok // true */
export function validateQuery(params: unknown): Validated<CollectionsQuery> {
	const p: Readonly<Record<string, unknown>> =
		typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
	const errors: FieldError[] = [];
	const get = (k: string): string | null => {
		if (!Object.prototype.hasOwnProperty.call(p, k)) return null;
		const v = p[k];
		return typeof v === 'string' ? v : String(v);
	};
	for (const k of Object.keys(p)) {
		if (!KNOWN.includes(k) && !PLATFORM_PARAMS.includes(k))
			errors.push({
				field: k.slice(0, 64),
				rule: 'unknown_parameter',
				message: `${k.slice(0, 64)} is not a parameter of this RESTlet`,
			});
	}
	const int = (k: string, min: number, max: number): number | null => {
		const v = get(k);
		if (v === null) return null;
		if (!/^[0-9]{1,9}$/.test(v) || Number(v) < min || Number(v) > max) {
			errors.push({
				field: k,
				rule: 'integer_range',
				message: `${k} must be a whole number from ${String(min)} to ${String(max)}`,
			});
			return null;
		}
		return Number(v);
	};
	const customerId = int('customer_id', 1, 999999999);
	if (customerId !== null) {
		for (const k of ['page', 'page_size', 'subsidiary_id', 'segment', 'collector_id'])
			if (get(k) !== null)
				errors.push({
					field: k,
					rule: 'not_with_customer_id',
					message: `${k} applies to the worklist, not to one customer's detail`,
				});
		return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { kind: 'customer', customerId } };
	}
	const page = int('page', 1, 100000) ?? 1;
	const pageSize = int('page_size', 1, PAGE_SIZE.max) ?? PAGE_SIZE.default;
	const subsidiaryId = int('subsidiary_id', 1, 999999999);
	const collectorId = int('collector_id', 1, 999999999);
	const segment = get('segment');
	if (segment !== null && !(SEGMENTS as readonly string[]).includes(segment))
		errors.push({ field: 'segment', rule: 'one_of', message: `segment must be one of ${SEGMENTS.join(', ')}` });
	if (errors.length > 0) return { ok: false, errors };
	return { ok: true, value: { kind: 'worklist', page, pageSize, subsidiaryId, segment, collectorId } };
}
