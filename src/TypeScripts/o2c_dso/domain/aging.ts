/**
 * A/R aging: open invoice amounts by days overdue at an as-of date.
 *
 * Contract (shared/dataset-format.md §2): days overdue = D − dueDate (dueDate missing →
 * tranDate); buckets `current` ≤ 0, `1-30`, `31-60`, `61-90`, `90+` (> 90); the buckets sum
 * exactly to the open total. Amounts are integer minor units, so each item lands whole in one
 * bucket and the sum is exact by construction. Buckets are configurable (contiguous, inclusive
 * integer ranges) and the basis can be switched to the transaction date. Pure: no `N/*`, no clock.
 */
import { CalendarDate, toEpochDay } from './calendarDate';

/** One aging bucket: days-overdue range `[minDays, maxDays]`, inclusive; `null` = unbounded. */
export interface AgingBucketSpec<L extends string = string> {
	readonly label: L;
	readonly minDays: number | null;
	readonly maxDays: number | null;
}

/** Labels of the default buckets, exactly as the report uses them. */
export type DefaultAgingLabel = 'current' | '1-30' | '31-60' | '61-90' | '90+';

/** The contract's buckets: `current` ≤ 0 days overdue, `1-30`, `31-60`, `61-90`, `90+` (> 90). */
export const DEFAULT_AGING_BUCKETS: readonly AgingBucketSpec<DefaultAgingLabel>[] = [
	{ label: 'current', minDays: null, maxDays: 0 },
	{ label: '1-30', minDays: 1, maxDays: 30 },
	{ label: '31-60', minDays: 31, maxDays: 60 },
	{ label: '61-90', minDays: 61, maxDays: 90 },
	{ label: '90+', minDays: 91, maxDays: null },
];

/** Amounts (minor units) per default bucket, in the contract's order of labels. */
export type AgingAmounts = Readonly<Record<DefaultAgingLabel, number>>;

/** The default labels in the contract's order (youngest first). */
export const AGING_LABELS: readonly DefaultAgingLabel[] = DEFAULT_AGING_BUCKETS.map((b) => b.label);

/** `due`: days past the due date (missing due date → transaction date); `transaction`: days since the transaction date. */
export type AgingBasis = 'due' | 'transaction';

/** An open item to age. `openMinor` is its open amount at the as-of date (minor units). */
export interface AgingItem {
	readonly openMinor: number;
	readonly tranDate: CalendarDate;
	readonly dueDate?: CalendarDate | null;
}

/** Options of {@link ageOpenItems}. */
export interface AgingOptions<L extends string = DefaultAgingLabel> {
	/** Default `due`. */
	readonly basis?: AgingBasis;
	/** Default {@link DEFAULT_AGING_BUCKETS}; validated by {@link assertValidAgingBuckets}. */
	readonly buckets?: readonly AgingBucketSpec<L>[];
}

/** Aged amounts (minor units) and item counts per bucket label; `totalMinor` = Σ buckets. */
export interface AgingResult<L extends string = DefaultAgingLabel> {
	readonly buckets: Readonly<Record<L, number>>;
	readonly counts: Readonly<Record<L, number>>;
	readonly totalMinor: number;
}

/**
 * Problems with a bucket spec (empty when valid): labels unique and non-empty, integer bounds,
 * ascending, contiguous (next min = previous max + 1), unbounded at both ends, so every integer
 * day count falls in exactly one bucket.
 * @example validateAgingBuckets(DEFAULT_AGING_BUCKETS) // []
 */
export function validateAgingBuckets(buckets: readonly AgingBucketSpec[]): string[] {
	const problems: string[] = [];
	if (buckets.length === 0) return ['at least one bucket is required'];
	const seen = new Set<string>();
	buckets.forEach((b, i) => {
		if (typeof b.label !== 'string' || b.label === '') problems.push(`bucket ${i}: empty label`);
		else if (seen.has(b.label)) problems.push(`bucket ${i}: duplicate label "${b.label}"`);
		seen.add(b.label);
		for (const [name, value] of [
			['minDays', b.minDays],
			['maxDays', b.maxDays],
		] as const) {
			if (value !== null && !Number.isSafeInteger(value))
				problems.push(`bucket "${b.label}": ${name} ${String(value)} is not an integer`);
		}
		if (b.minDays !== null && b.maxDays !== null && b.minDays > b.maxDays) {
			problems.push(`bucket "${b.label}": minDays ${b.minDays} > maxDays ${b.maxDays}`);
		}
		if (i === 0 && b.minDays !== null)
			problems.push(`first bucket "${b.label}" must be open below (minDays null), got ${b.minDays}`);
		if (i === buckets.length - 1 && b.maxDays !== null)
			problems.push(`last bucket "${b.label}" must be open above (maxDays null), got ${b.maxDays}`);
		if (i > 0) {
			const prev = buckets[i - 1] as AgingBucketSpec;
			if (prev.maxDays === null)
				problems.push(`bucket "${prev.label}" is open above but is followed by "${b.label}"`);
			else if (b.minDays === null) problems.push(`bucket "${b.label}" is open below but follows "${prev.label}"`);
			else if (b.minDays !== prev.maxDays + 1) {
				problems.push(
					b.minDays <= prev.maxDays
						? `buckets "${prev.label}" and "${b.label}" overlap (${prev.maxDays} ≥ ${b.minDays})`
						: `gap between "${prev.label}" and "${b.label}" (days ${prev.maxDays + 1}-${b.minDays - 1} not covered)`,
				);
			}
		}
	});
	return problems;
}

/** Throws an Error listing every problem of an invalid bucket spec. @example assertValidAgingBuckets(spec) */
export function assertValidAgingBuckets(buckets: readonly AgingBucketSpec[]): void {
	const problems = validateAgingBuckets(buckets);
	if (problems.length > 0) throw new Error(`Invalid aging buckets: ${problems.join('; ')}`);
}

/**
 * Builds buckets from ascending upper bounds: `[0, 30, 60, 90]` gives the default labels
 * (`current`, `1-30`, `31-60`, `61-90`, `90+`); a first bound other than 0 is labelled `≤N`.
 * @example agingBucketsFromBounds([30, 60, 90, 120]).map((b) => b.label) // ['≤30', '31-60', '61-90', '91-120', '120+']
 */
export function agingBucketsFromBounds(upperBounds: readonly number[]): AgingBucketSpec[] {
	const result: AgingBucketSpec[] = [];
	let previous: number | null = null;
	for (const bound of upperBounds) {
		const label: string = previous === null ? (bound === 0 ? 'current' : `≤${bound}`) : `${previous + 1}-${bound}`;
		result.push({ label, minDays: previous === null ? null : previous + 1, maxDays: bound });
		previous = bound;
	}
	result.push({
		label: previous === null ? 'all' : `${previous}+`,
		minDays: previous === null ? null : previous + 1,
		maxDays: null,
	});
	assertValidAgingBuckets(result);
	return result;
}

/**
 * Days the item is overdue at `asOf` (negative = not yet due): `asOf − dueDate`, falling back to
 * the transaction date when the due date is missing; with basis `transaction`, `asOf − tranDate`.
 * @example daysOverdue({ openMinor: 100, tranDate: d('2026-01-05'), dueDate: d('2026-02-04') }, d('2026-05-04')) // 89
 */
export function daysOverdue(
	item: Pick<AgingItem, 'tranDate' | 'dueDate'>,
	asOf: CalendarDate,
	basis: AgingBasis = 'due',
): number {
	const from = basis === 'due' ? (item.dueDate ?? item.tranDate) : item.tranDate;
	return toEpochDay(asOf) - toEpochDay(from);
}

/** The label of the bucket holding `days` (spec assumed valid). @example agingBucketOf(31) // '31-60' */
export function agingBucketOf<L extends string = DefaultAgingLabel>(
	days: number,
	buckets: readonly AgingBucketSpec<L>[] = DEFAULT_AGING_BUCKETS as unknown as readonly AgingBucketSpec<L>[],
): L {
	for (const b of buckets) {
		if ((b.minDays === null || days >= b.minDays) && (b.maxDays === null || days <= b.maxDays)) return b.label;
	}
	throw new Error(`No aging bucket holds ${String(days)} days`);
}

function emptyRecord<L extends string>(buckets: readonly AgingBucketSpec<L>[]): Record<L, number> {
	const record = {} as Record<L, number>;
	for (const b of buckets) record[b.label] = 0;
	return record;
}

/**
 * Ages open items at `asOf`: each item's open amount goes whole into the bucket of its days
 * overdue, so the buckets sum exactly to `totalMinor`. Items with a zero open amount are
 * skipped; negative amounts (e.g. unapplied credits, if a caller chooses to age them) are kept
 * with their sign. The contract's report aging passes open invoices only.
 * @example
 * ageOpenItems([{ openMinor: 48000000, tranDate: d('2026-01-30'), dueDate: d('2026-03-01') }], d('2026-05-04'))
 * // { buckets: { current: 0, '1-30': 0, '31-60': 0, '61-90': 48000000, '90+': 0 }, counts: {...}, totalMinor: 48000000 }
 */
export function ageOpenItems<L extends string = DefaultAgingLabel>(
	items: readonly AgingItem[],
	asOf: CalendarDate,
	options: AgingOptions<L> = {},
): AgingResult<L> {
	const buckets = options.buckets ?? (DEFAULT_AGING_BUCKETS as unknown as readonly AgingBucketSpec<L>[]);
	if (options.buckets !== undefined) assertValidAgingBuckets(buckets);
	const basis = options.basis ?? 'due';
	const asOfDay = toEpochDay(asOf);
	const amounts = emptyRecord(buckets);
	const counts = emptyRecord(buckets);
	let total = 0;
	for (const item of items) {
		if (!Number.isSafeInteger(item.openMinor)) {
			throw new RangeError(`ageOpenItems: openMinor must be a safe integer, got ${String(item.openMinor)}`);
		}
		if (item.openMinor === 0) continue;
		const from = basis === 'due' ? (item.dueDate ?? item.tranDate) : item.tranDate;
		const label = agingBucketOf(asOfDay - toEpochDay(from), buckets);
		amounts[label] += item.openMinor;
		counts[label] += 1;
		total += item.openMinor;
	}
	return { buckets: amounts, counts, totalMinor: total };
}

/**
 * Open amount more than 0 days overdue at `asOf` (due basis), in minor units.
 * @example overdueMinor(items, asOf)
 */
export function overdueMinor(items: readonly AgingItem[], asOf: CalendarDate): number {
	let total = 0;
	for (const item of items) if (item.openMinor !== 0 && daysOverdue(item, asOf) > 0) total += item.openMinor;
	return total;
}

/**
 * Largest days overdue among items with a positive open amount, floored at 0 (0 when none).
 * @example maxDaysOverdue(items, asOf) // 64
 */
export function maxDaysOverdue(items: readonly AgingItem[], asOf: CalendarDate): number {
	let max = 0;
	for (const item of items) if (item.openMinor > 0) max = Math.max(max, daysOverdue(item, asOf));
	return max;
}

/** Per-bucket change `now − prior` (minor units), e.g. week over week. */
export interface AgingChange<L extends string = DefaultAgingLabel> {
	readonly buckets: Readonly<Record<L, number>>;
	readonly totalMinor: number;
}

/**
 * Per-bucket and total change between two agings with the same buckets; throws if the labels differ.
 * @example agingChange(thisWeek, lastWeek).buckets['90+'] // e.g. 1200000 more in 90+
 */
export function agingChange<L extends string>(
	now: Pick<AgingResult<L>, 'buckets' | 'totalMinor'>,
	prior: Pick<AgingResult<L>, 'buckets' | 'totalMinor'>,
): AgingChange<L> {
	const labels = Object.keys(now.buckets) as L[];
	const priorLabels = Object.keys(prior.buckets);
	if (
		labels.length !== priorLabels.length ||
		labels.some((l) => !Object.prototype.hasOwnProperty.call(prior.buckets, l))
	) {
		throw new Error(`agingChange: bucket labels differ (${labels.join(', ')} vs ${priorLabels.join(', ')})`);
	}
	const buckets = {} as Record<L, number>;
	for (const l of labels) buckets[l] = now.buckets[l] - prior.buckets[l];
	return { buckets, totalMinor: now.totalMinor - prior.totalMinor };
}

/**
 * The A/R balance by age: the open invoices' aging with the unapplied cash and credits (open
 * invoices − A/R balance) applied to the OLDEST buckets first, as a balance-forward account applies
 * a credit (ar-domain.md §2: Oracle CC&B applies credits to the oldest debt first; NetSuite's
 * payment Auto Apply also takes the oldest invoices first).
 *
 * This is the one basis of every figure that compares part of the A/R with all of it: best
 * possible DSO and CEI use its `current`, average days delinquent its overdue part. The buckets
 * sum exactly to `balanceMinor`; every overdue bucket stays ≥ 0 and ≤ its gross amount. When the
 * credits exceed every open invoice (a net credit balance), the overdue buckets are 0 and
 * `current` carries the negative balance; when the ledger holds more than the open invoices (a
 * debit that is no invoice), the excess is current.
 * @example netAging({ current: 10000, '1-30': 0, '31-60': 5000, '61-90': 0, '90+': 0 }, 9000).current // 9000 (the 6,000 unapplied cleared the 5,000 overdue, then 1,000 of current)
 */
export function netAging(gross: AgingAmounts, balanceMinor: number): AgingAmounts {
	let open = 0;
	for (const l of AGING_LABELS) {
		const amount = gross[l];
		if (!Number.isSafeInteger(amount) || amount < 0)
			throw new RangeError(`netAging: bucket ${l} must be a whole, non-negative amount, got ${String(amount)}`);
		open += amount;
	}
	if (!Number.isSafeInteger(balanceMinor))
		throw new RangeError(`netAging: the balance must be integer minor units, got ${String(balanceMinor)}`);
	let credit = open - balanceMinor;
	const net: Record<DefaultAgingLabel, number> = { ...gross };
	// Oldest first; `current` last, and whatever is left (or a debit, credit < 0) lands there.
	for (let i = AGING_LABELS.length - 1; i >= 1 && credit > 0; i--) {
		const l = AGING_LABELS[i] as DefaultAgingLabel;
		const used = Math.min(credit, net[l]);
		net[l] -= used;
		credit -= used;
	}
	net.current -= credit;
	return net;
}

/** Σ of the overdue buckets (everything but `current`). @example overdueOf(aging) */
export function overdueOf(a: AgingAmounts): number {
	return a['1-30'] + a['31-60'] + a['61-90'] + a['90+'];
}

/** Σ of every bucket. @example totalOf(aging) */
export function totalOf(a: AgingAmounts): number {
	return a.current + overdueOf(a);
}
