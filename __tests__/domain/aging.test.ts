import fc from 'fast-check';
import {
	ageOpenItems,
	agingBucketOf,
	agingBucketsFromBounds,
	AgingBucketSpec,
	agingChange,
	AgingItem,
	assertValidAgingBuckets,
	daysOverdue,
	DEFAULT_AGING_BUCKETS,
	maxDaysOverdue,
	overdueMinor,
	validateAgingBuckets,
} from '../../src/TypeScripts/o2c_dso/domain/aging';
import { addDays, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';

const d = parseCalendarDate;
const asOf = d('2026-05-04');
const item = (openMinor: number, dueDate: string | null, tranDate = '2026-01-01'): AgingItem => ({
	openMinor,
	tranDate: d(tranDate),
	dueDate: dueDate === null ? null : d(dueDate),
});

describe('daysOverdue', () => {
	// Days counted by hand on a calendar from each due date to 2026-05-04.
	it.each<[string | null, string, number]>([
		['2026-05-04', '2026-01-01', 0],
		['2026-05-03', '2026-01-01', 1],
		['2026-04-04', '2026-01-01', 30],
		['2026-04-03', '2026-01-01', 31],
		['2026-03-05', '2026-01-01', 60],
		['2026-03-04', '2026-01-01', 61],
		['2026-02-03', '2026-01-01', 90],
		['2026-02-02', '2026-01-01', 91],
		['2026-06-03', '2026-05-04', -30],
		[null, '2026-04-20', 14], // missing due date → transaction date
	])('due %s (tran %s) → %p days', (due, tran, days) => {
		expect(daysOverdue(item(1, due, tran), asOf)).toBe(days);
	});
	it('transaction basis ignores the due date', () => {
		expect(daysOverdue(item(1, '2026-06-03', '2026-04-20'), asOf, 'transaction')).toBe(14);
	});
	it('counts a leap day', () => {
		expect(daysOverdue(item(1, '2024-02-28'), d('2024-03-01'))).toBe(2);
		expect(daysOverdue(item(1, '2023-02-28'), d('2023-03-01'))).toBe(1);
	});
});

describe('agingBucketOf (default buckets)', () => {
	it.each<[number, string]>([
		[-400, 'current'],
		[0, 'current'],
		[1, '1-30'],
		[30, '1-30'],
		[31, '31-60'],
		[60, '31-60'],
		[61, '61-90'],
		[90, '61-90'],
		[91, '90+'],
		[5000, '90+'],
	])('%p days → %s', (days, label) => {
		expect(agingBucketOf(days)).toBe(label);
	});
});

describe('ageOpenItems', () => {
	const items = [
		item(100, '2026-05-04'), // 0 → current
		item(200, '2026-06-03', '2026-05-04'), // -30 → current
		item(1_000, '2026-05-03'), // 1 → 1-30
		item(2_000, '2026-04-04'), // 30 → 1-30
		item(4_000, null, '2026-04-20'), // no due date: 14 → 1-30
		item(10_000, '2026-04-03'), // 31 → 31-60
		item(20_000, '2026-03-05'), // 60 → 31-60
		item(100_000, '2026-03-04'), // 61 → 61-90
		item(200_000, '2026-02-03'), // 90 → 61-90
		item(1_000_000, '2026-02-02'), // 91 → 90+
		item(0, '2020-01-01'), // fully paid: skipped
	];
	it('puts each open amount in the bucket of its days overdue', () => {
		const result = ageOpenItems(items, asOf);
		expect(result.buckets).toEqual({
			current: 300,
			'1-30': 7_000,
			'31-60': 30_000,
			'61-90': 300_000,
			'90+': 1_000_000,
		});
		expect(result.counts).toEqual({ current: 2, '1-30': 3, '31-60': 2, '61-90': 2, '90+': 1 });
		expect(result.totalMinor).toBe(1_337_300);
		expect(Object.keys(result.buckets)).toEqual(['current', '1-30', '31-60', '61-90', '90+']);
	});
	it('returns all-zero buckets for no items', () => {
		expect(ageOpenItems([], asOf)).toEqual({
			buckets: { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 },
			counts: { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 },
			totalMinor: 0,
		});
	});
	it('ages the remaining amount of a partially paid invoice', () => {
		// 1,200.00 invoice with 700.00 applied: 500.00 open, 89 days past its due date 2026-02-04.
		const result = ageOpenItems([item(120_000 - 70_000, '2026-02-04', '2026-01-05')], asOf);
		expect(result.buckets['61-90']).toBe(50_000);
		expect(result.totalMinor).toBe(50_000);
	});
	it('keeps negative items (unapplied credits) with their sign so buckets still tie out', () => {
		const result = ageOpenItems([item(10_000, '2026-04-01'), item(-2_500, null, '2026-04-25')], asOf);
		expect(result.buckets).toEqual({ current: 0, '1-30': -2_500, '31-60': 10_000, '61-90': 0, '90+': 0 });
		expect(result.totalMinor).toBe(7_500);
	});
	it('transaction basis ages from the transaction date', () => {
		const result = ageOpenItems([item(100, '2026-06-03', '2026-03-04')], asOf, { basis: 'transaction' });
		expect(result.buckets['61-90']).toBe(100);
	});
	it('accepts custom buckets (Intacct style 0-30 … 121-)', () => {
		const buckets = agingBucketsFromBounds([30, 60, 90, 120]);
		expect(buckets.map((b) => b.label)).toEqual(['≤30', '31-60', '61-90', '91-120', '120+']);
		const result = ageOpenItems([item(5, '2026-01-01'), item(7, '2026-05-04')], asOf, { buckets });
		// 2026-01-01 → 2026-05-04 = 31 + 28 + 31 + 30 + 3 = 123 days
		expect(result.buckets).toEqual({ '≤30': 7, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 5 });
	});
	it('rejects invalid custom buckets and non-integer amounts', () => {
		const gap: AgingBucketSpec[] = [
			{ label: 'a', minDays: null, maxDays: 0 },
			{ label: 'b', minDays: 2, maxDays: null },
		];
		expect(() => ageOpenItems([], asOf, { buckets: gap })).toThrow(/gap between "a" and "b"/);
		expect(() => ageOpenItems([item(1.5, '2026-01-01')], asOf)).toThrow(RangeError);
	});
	it('buckets sum exactly to the open total (property)', () => {
		const arbItem = fc.record({
			openMinor: fc.integer({ min: -1e11, max: 1e11 }),
			tranOffset: fc.integer({ min: -400, max: 400 }),
			dueAfterTran: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
		});
		fc.assert(
			fc.property(
				fc.array(arbItem, { maxLength: 60 }),
				fc.constantFrom<'due' | 'transaction'>('due', 'transaction'),
				(raw, basis) => {
					const items: AgingItem[] = raw.map((r) => {
						const tranDate = addDays(asOf, r.tranOffset);
						return {
							openMinor: r.openMinor,
							tranDate,
							dueDate: r.dueAfterTran === null ? null : addDays(tranDate, r.dueAfterTran),
						};
					});
					const result = ageOpenItems(items, asOf, { basis });
					const bucketSum = Object.values<number>(result.buckets).reduce((a, b) => a + b, 0);
					const openSum = items.reduce((a, i) => a + i.openMinor, 0);
					expect(bucketSum).toBe(openSum);
					expect(result.totalMinor).toBe(openSum);
					expect(Object.values<number>(result.counts).reduce((a, b) => a + b, 0)).toBe(
						items.filter((i) => i.openMinor !== 0).length,
					);
				},
			),
		);
	});
});

describe('overdueMinor / maxDaysOverdue', () => {
	it('sums the amounts past due and finds the oldest', () => {
		const items = [item(100, '2026-05-04'), item(300, '2026-03-01'), item(50, '2026-05-01'), item(0, '2020-01-01')];
		expect(overdueMinor(items, asOf)).toBe(350);
		expect(maxDaysOverdue(items, asOf)).toBe(64); // 2026-03-01 → 2026-05-04: 30 + 31 + 3
	});
	it('is 0 when nothing is overdue', () => {
		expect(maxDaysOverdue([item(100, '2026-06-01')], asOf)).toBe(0);
		expect(maxDaysOverdue([], asOf)).toBe(0);
		expect(overdueMinor([item(100, '2026-06-01')], asOf)).toBe(0);
	});
});

describe('agingChange', () => {
	it('gives the per-bucket change week over week', () => {
		const lastWeek = ageOpenItems([item(1_000, '2026-04-03'), item(500, '2026-04-30')], d('2026-04-27'));
		// 2026-04-03 is 24 days overdue on 04-27 (1-30); 2026-04-30 not yet due (current).
		const thisWeek = ageOpenItems(
			[item(1_000, '2026-04-03'), item(500, '2026-04-30'), item(200, '2026-05-10')],
			asOf,
		);
		// on 05-04: 31 days (31-60), 4 days (1-30), -6 (current)
		expect(agingChange(thisWeek, lastWeek)).toEqual({
			buckets: { current: 200 - 500, '1-30': 500 - 1_000, '31-60': 1_000, '61-90': 0, '90+': 0 },
			totalMinor: 200,
		});
	});
	it('refuses agings with different buckets', () => {
		const custom = ageOpenItems([], asOf, { buckets: agingBucketsFromBounds([30]) });
		const standard = ageOpenItems([], asOf);
		expect(() => agingChange<string>(custom, standard)).toThrow(/labels differ/);
	});
});

describe('bucket spec validation', () => {
	it('accepts the default and bound-built specs', () => {
		expect(validateAgingBuckets(DEFAULT_AGING_BUCKETS)).toEqual([]);
		expect(agingBucketsFromBounds([0, 30, 60, 90])).toEqual(DEFAULT_AGING_BUCKETS);
		expect(validateAgingBuckets([{ label: 'all', minDays: null, maxDays: null }])).toEqual([]);
	});
	it.each<[string, AgingBucketSpec[], RegExp]>([
		['empty', [], /at least one/],
		[
			'overlap',
			[
				{ label: 'a', minDays: null, maxDays: 10 },
				{ label: 'b', minDays: 10, maxDays: null },
			],
			/overlap/,
		],
		[
			'gap',
			[
				{ label: 'a', minDays: null, maxDays: 10 },
				{ label: 'b', minDays: 12, maxDays: null },
			],
			/gap .*days 11-11 not covered/,
		],
		['bounded below', [{ label: 'a', minDays: 0, maxDays: null }], /open below/],
		['bounded above', [{ label: 'a', minDays: null, maxDays: 5 }], /open above/],
		[
			'duplicate label',
			[
				{ label: 'a', minDays: null, maxDays: 0 },
				{ label: 'a', minDays: 1, maxDays: null },
			],
			/duplicate/,
		],
		[
			'fractional bound',
			[
				{ label: 'a', minDays: null, maxDays: 0.5 },
				{ label: 'b', minDays: 1.5, maxDays: null },
			],
			/not an integer/,
		],
		[
			'inverted range',
			[
				{ label: 'a', minDays: null, maxDays: 0 },
				{ label: 'b', minDays: 1, maxDays: -5 },
				{ label: 'c', minDays: -4, maxDays: null },
			],
			/minDays 1 > maxDays -5/,
		],
	])('reports %s', (_name, spec, message) => {
		expect(validateAgingBuckets(spec).join('; ')).toMatch(message);
		expect(() => {
			assertValidAgingBuckets(spec);
		}).toThrow(/Invalid aging buckets/);
	});
	it('rejects descending bounds', () => {
		expect(() => agingBucketsFromBounds([60, 30])).toThrow(/minDays 61 > maxDays 30/);
	});
	it('every integer day count falls in exactly one bucket of a valid spec (property)', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.integer({ min: -100, max: 400 }), { maxLength: 8 }),
				fc.integer({ min: -1000, max: 1000 }),
				(bounds, days) => {
					const spec = agingBucketsFromBounds([...bounds].sort((a, b) => a - b));
					const holders = spec.filter(
						(b) => (b.minDays === null || days >= b.minDays) && (b.maxDays === null || days <= b.maxDays),
					);
					expect(holders).toHaveLength(1);
					expect(agingBucketOf(days, spec)).toBe((holders[0] as AgingBucketSpec).label);
				},
			),
		);
	});
});
