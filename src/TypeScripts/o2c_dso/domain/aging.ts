/**
 * A/R aging: open invoice amounts by days overdue at an as-of date.
 *
 * Contract (shared/dataset-format.md §2): days overdue = D − dueDate (dueDate missing →
 * tranDate); buckets `current` ≤ 0, `1-30`, `31-60`, `61-90`, `90+` (> 90); the buckets sum
 * exactly to the open total. Amounts are integer minor units of one currency `C`, so each item
 * lands whole in one bucket and the sum is exact by construction. Pure: no `N/*`, no clock.
 */
import { CalendarDate, toEpochDay } from './calendarDate';
import { assertMinorUnits, Minor, minorUnits, minus, plus, zeroMinor } from './money';

/** Labels of the buckets, exactly as the report uses them. */
export type DefaultAgingLabel = 'current' | '1-30' | '31-60' | '61-90' | '90+';

/** The contract's buckets, youngest first: `[label, first day overdue, last day overdue]` (null = open). */
const BUCKETS: readonly (readonly [DefaultAgingLabel, number | null, number | null])[] = [
	['current', null, 0],
	['1-30', 1, 30],
	['31-60', 31, 60],
	['61-90', 61, 90],
	['90+', 91, null],
];

/** The labels in the contract's order (youngest first). */
export const AGING_LABELS: readonly DefaultAgingLabel[] = BUCKETS.map((b) => b[0]);

/** Amounts (minor units of `C`) per bucket, in the contract's order of labels. */
export type AgingAmounts<C extends string = string> = Readonly<Record<DefaultAgingLabel, Minor<C>>>;

/** An open item to age. `openMinor` is its open amount at the as-of date (minor units of `C`). */
export interface AgingItem<C extends string = string> {
	readonly openMinor: Minor<C>;
	readonly tranDate: CalendarDate;
	readonly dueDate?: CalendarDate | null;
}

/** Aged amounts and item counts per bucket; `totalMinor` = Σ buckets. */
export interface AgingResult<C extends string = string> {
	readonly buckets: AgingAmounts<C>;
	readonly counts: Readonly<Record<DefaultAgingLabel, number>>;
	readonly totalMinor: Minor<C>;
}

/**
 * Days the item is overdue at `asOf` (negative = not yet due): `asOf − dueDate`, falling back to
 * the transaction date when the due date is missing.
 * @example daysOverdue({ tranDate: d('2026-01-05'), dueDate: d('2026-02-04') }, d('2026-05-04')) // 89
 */
export function daysOverdue(item: Pick<AgingItem, 'tranDate' | 'dueDate'>, asOf: CalendarDate): number {
	return toEpochDay(asOf) - dueDayOf(item);
}

/**
 * The epoch day an item falls due (its transaction date's when the due date is missing): what
 * every figure subtracts from the as-of day. The passes below convert the as-of date once per
 * pass, not once per item.
 */
export function dueDayOf(item: Pick<AgingItem, 'tranDate' | 'dueDate'>): number {
	return toEpochDay(item.dueDate ?? item.tranDate);
}

/** The last day overdue of every bucket but the open-ended last one, youngest first (from {@link BUCKETS}). */
const BUCKET_LAST_DAYS: readonly number[] = BUCKETS.slice(0, -1).map((b) => b[2] as number);

/** Index in {@link BUCKETS} of the bucket holding a whole number of days overdue (as {@link agingBucketOf}). */
function bucketIndexOf(days: number): number {
	let i = 0;
	while (i < BUCKET_LAST_DAYS.length && days > (BUCKET_LAST_DAYS[i] as number)) i++;
	return i;
}

/** Five values in the order of {@link BUCKETS} as a record by label (written out: a loop here cost a fifth of the aging). */
function byLabel<T>(v: readonly T[]): Record<DefaultAgingLabel, T> {
	return { current: v[0] as T, '1-30': v[1] as T, '31-60': v[2] as T, '61-90': v[3] as T, '90+': v[4] as T };
}

/** The label of the bucket holding `days` overdue. @example agingBucketOf(31) // '31-60' */
export function agingBucketOf(days: number): DefaultAgingLabel {
	for (const [label, min, max] of BUCKETS) {
		if ((min === null || days >= min) && (max === null || days <= max)) return label;
	}
	throw new Error(`No aging bucket holds ${String(days)} days`);
}

/** Zero in every bucket, currency `C`. @example emptyAging<'USD'>().current // 0 */
export function emptyAging<C extends string = string>(): Record<DefaultAgingLabel, Minor<C>> {
	const z = zeroMinor<C>();
	return { current: z, '1-30': z, '31-60': z, '61-90': z, '90+': z };
}

/**
 * Ages open items at `asOf`: each item's open amount goes whole into the bucket of its days
 * overdue, so the buckets sum exactly to `totalMinor`. Items with a zero open amount are
 * skipped; negative amounts are kept with their sign. The contract's report aging passes open
 * invoices only.
 * @example
 * ageOpenItems([{ openMinor: minorUnits(48000000), tranDate: d('2026-01-30'), dueDate: d('2026-03-01') }], d('2026-05-04'))
 * // { buckets: { current: 0, '1-30': 0, '31-60': 0, '61-90': 48000000, '90+': 0 }, counts: {...}, totalMinor: 48000000 }
 */
export function ageOpenItems<C extends string>(items: readonly AgingItem<C>[], asOf: CalendarDate): AgingResult<C> {
	const p = openPosition(items, asOf, 'ageOpenItems: openMinor');
	return { buckets: p.buckets, counts: p.counts, totalMinor: p.totalMinor };
}

/** An open item and whether it is disputed: what {@link openPosition} reads. */
export interface PositionItem<C extends string = string> extends AgingItem<C> {
	readonly disputed?: boolean;
}

/**
 * The aging of open items and the rest of what is open at D, read from the same days overdue:
 * what the customer metrics and the alert need from a customer's open invoices.
 */
export interface OpenPosition<C extends string = string> extends AgingResult<C> {
	/**
	 * Of the items with a positive open amount: the amount more than 0 days overdue (the payment
	 * behaviour's `overdueMinor`; the function {@link overdueMinor} also counts negative amounts).
	 */
	readonly overdueMinor: Minor<C>;
	/** Of the items with a positive open amount: the most days overdue, floored at 0 (as {@link maxDaysOverdue}). */
	readonly maxDaysOverdue: number;
	/** The most days overdue of the undisputed items with a positive open amount, not floored (−Infinity when none). */
	readonly undisputedMaxDaysOverdue: number;
}

/**
 * Ages open items at `asOf` ({@link ageOpenItems}) and takes the overdue amount and the most days
 * overdue in the same pass, converting each item's due date once: the figures over a million
 * invoices spent a third of their time converting the same due dates again in separate passes
 * (README "Performance at scale"). Fails as one loop over the items would: the first item with
 * an amount that is no safe integer, or with a date that is no calendar date, decides the error
 * (`what` names the amount in it). The as-of date is read only when an item needs it.
 * @example openPosition(items, d('2026-05-04')).maxDaysOverdue // 64
 */
export function openPosition<C extends string>(
	items: readonly PositionItem<C>[],
	asOf: CalendarDate,
	what = 'open item openMinor',
): OpenPosition<C> {
	// Two loops on purpose: first the amounts (checked, the zero ones skipped), then the dates of
	// the rest. Over items spread across memory (a million invoices), a loop that only reads each
	// item lets the processor fetch many items at once; converting a date in the same loop made
	// every item wait for its own fetch, three times as long (README "Performance at scale").
	const aged: number[] = [];
	let firstBad = -1;
	for (let k = 0; k < items.length; k++) {
		const openMinor = (items[k] as PositionItem<C>).openMinor;
		if (!Number.isSafeInteger(openMinor)) {
			firstBad = k;
			break;
		}
		if (openMinor !== 0) aged.push(k);
	}
	// amounts and counts by bucket index (the order of BUCKETS), so the pass allocates nothing per item
	const amounts: Minor<C>[] = [zeroMinor<C>(), zeroMinor<C>(), zeroMinor<C>(), zeroMinor<C>(), zeroMinor<C>()];
	const counts: number[] = [0, 0, 0, 0, 0];
	let total = zeroMinor<C>();
	let overdue = zeroMinor<C>();
	let max = 0;
	let undisputedMax = -Infinity;
	const asOfDay = aged.length > 0 ? toEpochDay(asOf) : 0; // read only when an item needs it
	for (const k of aged) {
		const item = items[k] as PositionItem<C>;
		const open = item.openMinor;
		const days = asOfDay - dueDayOf(item);
		const i = bucketIndexOf(days);
		amounts[i] = plus(amounts[i] as Minor<C>, open);
		counts[i] = (counts[i] as number) + 1;
		total = plus(total, open);
		if (open > 0) {
			if (days > 0) overdue = plus(overdue, open);
			if (days > max) max = days;
			if (item.disputed !== true && days > undisputedMax) undisputedMax = days;
		}
	}
	// the first amount that is no safe integer, after every date before it: the error one loop would raise first
	if (firstBad >= 0) assertMinorUnits((items[firstBad] as PositionItem<C>).openMinor, what);
	return {
		buckets: byLabel(amounts),
		counts: byLabel(counts),
		totalMinor: total,
		overdueMinor: overdue,
		maxDaysOverdue: max,
		undisputedMaxDaysOverdue: undisputedMax,
	};
}

/**
 * Open amount more than 0 days overdue at `asOf`, in minor units of `C`.
 * @example overdueMinor(items, asOf)
 */
export function overdueMinor<C extends string>(items: readonly AgingItem<C>[], asOf: CalendarDate): Minor<C> {
	let total = zeroMinor<C>();
	let asOfDay: number | null = null;
	for (const item of items) {
		if (item.openMinor === 0) continue;
		asOfDay ??= toEpochDay(asOf);
		if (asOfDay - dueDayOf(item) > 0) total = plus(total, item.openMinor);
	}
	return total;
}

/**
 * Largest days overdue among items with a positive open amount, floored at 0 (0 when none).
 * @example maxDaysOverdue(items, asOf) // 64
 */
export function maxDaysOverdue(items: readonly AgingItem[], asOf: CalendarDate): number {
	let max = 0;
	let asOfDay: number | null = null;
	for (const item of items) {
		if (!(item.openMinor > 0)) continue;
		asOfDay ??= toEpochDay(asOf);
		max = Math.max(max, asOfDay - dueDayOf(item));
	}
	return max;
}

/**
 * Per-bucket change `now − prior` (e.g. week over week).
 * @example agingChange(thisWeek, lastWeek)['90+'] // e.g. 1200000 more in 90+
 */
export function agingChange<C extends string>(now: AgingAmounts<C>, prior: AgingAmounts<NoInfer<C>>): AgingAmounts<C> {
	const change = emptyAging<C>();
	for (const l of AGING_LABELS) change[l] = minus(now[l], prior[l]);
	return change;
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
export function netAging<C extends string>(gross: AgingAmounts<C>, balanceMinor: Minor<NoInfer<C>>): AgingAmounts<C> {
	let open = zeroMinor<C>();
	for (const l of AGING_LABELS) {
		const amount = gross[l];
		if (!Number.isSafeInteger(amount) || amount < 0)
			throw new RangeError(`netAging: bucket ${l} must be a whole, non-negative amount, got ${String(amount)}`);
		open = plus(open, amount);
	}
	assertMinorUnits(balanceMinor, 'netAging: the balance');
	let credit = minus(open, balanceMinor);
	const net = { ...gross };
	// Oldest first; `current` last, and whatever is left (or a debit, credit < 0) lands there.
	for (let i = AGING_LABELS.length - 1; i >= 1 && credit > 0; i--) {
		const l = AGING_LABELS[i] as DefaultAgingLabel;
		const used = minorUnits<C>(Math.min(credit, net[l]));
		net[l] = minus(net[l], used);
		credit = minus(credit, used);
	}
	net.current = minus(net.current, credit);
	return net;
}

/** Σ of the overdue buckets (everything but `current`). @example overdueOf(aging) */
export function overdueOf<C extends string>(a: AgingAmounts<C>): Minor<C> {
	return plus(plus(a['1-30'], a['31-60']), plus(a['61-90'], a['90+']));
}
