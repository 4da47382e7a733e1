import fc from 'fast-check';
import {
	ageOpenItems,
	AgingAmounts,
	agingBucketOf,
	agingChange,
	AgingItem,
	daysOverdue,
	maxDaysOverdue,
	netAging,
	overdueMinor,
} from '../../src/TypeScripts/o2c_dso/domain/aging';
import { addDays, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { m } from '../support/minor';

const d = parseCalendarDate;
const asOf = d('2026-05-04');
const item = (openMinor: number, dueDate: string | null, tranDate = '2026-01-01'): AgingItem => ({
	openMinor: m(openMinor),
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
			totalMinor: m(0),
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
	it('rejects non-integer amounts', () => {
		expect(() => ageOpenItems([item(1.5, '2026-01-01')], asOf)).toThrow(RangeError);
	});
	it('buckets sum exactly to the open total (property)', () => {
		const arbItem = fc.record({
			openMinor: fc.integer({ min: -1e11, max: 1e11 }),
			tranOffset: fc.integer({ min: -400, max: 400 }),
			dueAfterTran: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
		});
		fc.assert(
			fc.property(fc.array(arbItem, { maxLength: 60 }), (raw) => {
				const items: AgingItem[] = raw.map((r) => {
					const tranDate = addDays(asOf, r.tranOffset);
					return {
						openMinor: m(r.openMinor),
						tranDate,
						dueDate: r.dueAfterTran === null ? null : addDays(tranDate, r.dueAfterTran),
					};
				});
				const result = ageOpenItems(items, asOf);
				const bucketSum = Object.values<number>(result.buckets).reduce((a, b) => a + b, 0);
				const openSum = items.reduce((a, i) => a + i.openMinor, 0);
				expect(bucketSum).toBe(openSum);
				expect(result.totalMinor).toBe(openSum);
				expect(Object.values<number>(result.counts).reduce((a, b) => a + b, 0)).toBe(
					items.filter((i) => i.openMinor !== 0).length,
				);
			}),
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
		expect(agingChange(thisWeek.buckets, lastWeek.buckets)).toEqual({
			current: 200 - 500,
			'1-30': 500 - 1_000,
			'31-60': 1_000,
			'61-90': 0,
			'90+': 0,
		});
	});
});

describe('netAging: the A/R balance by age (unapplied credit pays the oldest first)', () => {
	const gross = (current: number, d1: number, d31: number, d61: number, d91: number): AgingAmounts => ({
		current: m(current),
		'1-30': m(d1),
		'31-60': m(d31),
		'61-90': m(d61),
		'90+': m(d91),
	});
	it('the issue example: 50 overdue and 100 not due with 60 on account: 90 current, nothing overdue', () => {
		// open 150 − balance 90 = 60 unapplied: it clears the 50 of 1-30, then 10 of current
		expect(netAging(gross(10_000, 5_000, 0, 0, 0), m(9_000))).toEqual(gross(9_000, 0, 0, 0, 0));
	});
	it('oldest first: 90+ before 61-90 before 31-60', () => {
		// 700 unapplied against 90+ 300, 61-90 200, 31-60 400: 90+ and 61-90 cleared, 31-60 keeps 200
		expect(netAging(gross(1_000, 500, 400, 200, 300), m(1_700))).toEqual(gross(1_000, 500, 200, 0, 0));
	});
	it('credits beyond every open invoice: nothing overdue, a negative current part', () => {
		// open 300, balance −200 (500 unapplied): all buckets 0 and current −200
		expect(netAging(gross(100, 200, 0, 0, 0), m(-200))).toEqual(gross(-200, 0, 0, 0, 0));
	});
	it('a ledger above the open invoices (a debit that is no invoice) is current', () => {
		expect(netAging(gross(100, 200, 0, 0, 0), m(350))).toEqual(gross(150, 200, 0, 0, 0));
	});
	it('sums to the balance and never raises an overdue bucket above its gross (property)', () => {
		const amount = fc.integer({ min: 0, max: 1e9 });
		fc.assert(
			fc.property(
				amount,
				amount,
				amount,
				amount,
				amount,
				fc.integer({ min: -1e10, max: 1e10 }),
				(a, b, c, e, f, bal) => {
					const g = gross(a, b, c, e, f);
					const n = netAging(g, m(bal));
					expect(n.current + n['1-30'] + n['31-60'] + n['61-90'] + n['90+']).toBe(bal);
					for (const l of ['1-30', '31-60', '61-90', '90+'] as const) {
						expect(n[l]).toBeGreaterThanOrEqual(0);
						expect(n[l]).toBeLessThanOrEqual(g[l]);
					}
				},
			),
		);
	});
	it('refuses a negative gross bucket', () => {
		expect(() => netAging(gross(0, -1, 0, 0, 0), m(0))).toThrow(/non-negative/);
	});
});
