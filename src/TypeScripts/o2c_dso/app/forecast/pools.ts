/**
 * The pooled histories predictions fall back on when a customer's own is thin: the paid invoices
 * of every customer in one subsidiary, split by payment-behaviour segment and by disputed flag.
 * Built once per subsidiary per run (the map/reduce caches it, see adapters/forecastJob.ts) from
 * the same invoice rows as a customer's own history, so both use one definition of "paid".
 */
import type { CalendarDate } from '../../domain/calendarDate';
import { CredibilityInput, credibilityK } from '../../domain/credibility';
import { LatenessSample, mergeSamples, sampleOf } from '../../domain/latenessSample';
import { invoicesAt, InvoiceRow, PaidInvoice } from '../../domain/paymentHistory';
import { EMPTY_POOL, PoolSamples, PREDICTION_RULES } from '../../domain/paymentPrediction';

/** A subsidiary's pools. */
export interface SubsidiaryPools {
	readonly subsidiary: PoolSamples;
	/** By segment name (customers without a metrics record are in no segment pool). */
	readonly segments: Readonly<Record<string, PoolSamples>>;
	/**
	 * Credibility constant k of a customer's history against its segment's (domain/credibility.ts),
	 * from the subsidiary's undisputed paid invoices; null when the data cannot tell.
	 */
	readonly credibilityK: number | null;
}

/** The two samples of a list of paid invoices. @example poolOf(paid).disputed */
export function poolOf(paid: readonly PaidInvoice[]): PoolSamples {
	return {
		undisputed: sampleOf(paid.filter((p) => !p.disputed).map((p) => p.lateness)),
		disputed: sampleOf(paid.filter((p) => p.disputed).map((p) => p.lateness)),
	};
}

function mergePools(a: PoolSamples, b: PoolSamples): PoolSamples {
	return { undisputed: mergeSamples(a.undisputed, b.undisputed), disputed: mergeSamples(a.disputed, b.disputed) };
}

/**
 * Pools of one subsidiary from its invoice rows grouped by customer, and each customer's segment.
 * @example buildPools(rowsByCustomer, (c) => segments.get(c) ?? null, asOf)
 */
export function buildPools(
	rowsByCustomer: ReadonlyMap<string, readonly InvoiceRow[]>,
	segmentOf: (customerId: string) => string | null,
	asOf: CalendarDate,
): SubsidiaryPools {
	let subsidiary = EMPTY_POOL;
	const segments: Record<string, PoolSamples> = {};
	const credibility: CredibilityInput[] = [];
	for (const [customerId, rows] of rowsByCustomer) {
		const paid = invoicesAt(rows, asOf, PREDICTION_RULES.lookbackDays).paid;
		const pool = poolOf(paid);
		subsidiary = mergePools(subsidiary, pool);
		const segment = segmentOf(customerId);
		const inSegment = segment !== null && segment !== '';
		if (inSegment) segments[segment] = mergePools(segments[segment] ?? EMPTY_POOL, pool);
		credibility.push({
			group: inSegment ? `segment:${segment}` : 'subsidiary',
			values: paid.filter((p) => !p.disputed).map((p) => p.lateness),
		});
	}
	return { subsidiary, segments, credibilityK: credibilityK(credibility) };
}

/** Pools as JSON (a cache value). @example encodePools(pools) */
export function encodePools(p: SubsidiaryPools): string {
	return JSON.stringify(p);
}

function sample(x: unknown, what: string): LatenessSample {
	if (!Array.isArray(x)) throw new Error(`Forecast pools: ${what} is not a sample`);
	return x.map((pair: unknown) => {
		if (
			!Array.isArray(pair) ||
			pair.length !== 2 ||
			!Number.isSafeInteger(pair[0]) ||
			!Number.isSafeInteger(pair[1]) ||
			(pair[1] as number) <= 0
		)
			throw new Error(`Forecast pools: bad entry ${JSON.stringify(pair)} in ${what}`);
		return [pair[0] as number, pair[1] as number] as const;
	});
}

function pool(x: unknown, what: string): PoolSamples {
	const o = (x ?? {}) as { undisputed?: unknown; disputed?: unknown };
	return { undisputed: sample(o.undisputed, `${what}.undisputed`), disputed: sample(o.disputed, `${what}.disputed`) };
}

/** Reads {@link encodePools} output; throws naming what is wrong. @example decodePools(cached) */
export function decodePools(text: string): SubsidiaryPools {
	const o = JSON.parse(text) as { subsidiary?: unknown; segments?: unknown; credibilityK?: unknown };
	const segments: Record<string, PoolSamples> = {};
	const raw = o.segments;
	if (raw !== null && typeof raw === 'object')
		for (const [name, p] of Object.entries(raw as Record<string, unknown>))
			segments[name] = pool(p, `segment ${name}`);
	const k = o.credibilityK ?? null;
	if (k !== null && (typeof k !== 'number' || !Number.isFinite(k) || k < 0))
		throw new Error(`Forecast pools: credibilityK ${JSON.stringify(k)} is not a number ≥ 0`);
	return { subsidiary: pool(o.subsidiary, 'subsidiary'), segments, credibilityK: k };
}
