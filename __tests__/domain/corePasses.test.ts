/**
 * The aging and payment-behaviour passes were rewritten for speed (README "Performance at scale"):
 * the as-of date converted once per pass, amounts read before dates, one pass over the open
 * invoices (openPosition) for the aging, overdue, most days overdue and the undisputed most days
 * overdue, and agedBehaviour (the customer metrics' one call) taking the aging and the payment
 * behaviour from that one pass. These properties hold them to the plain per-item definitions,
 * written here with the public per-item functions (daysOverdue, agingBucketOf), on generated
 * invoices: zero and negative amounts, missing due dates, disputes, dates before and after D.
 */
import fc from 'fast-check';
import {
	ageOpenItems,
	AGING_LABELS,
	agingBucketOf,
	daysOverdue,
	maxDaysOverdue,
	openPosition,
	overdueMinor,
} from '../../src/TypeScripts/o2c_dso/domain/aging';
import { addDays, CalendarDate, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import {
	agedBehaviour,
	ClosedInvoice,
	OpenInvoice,
	paymentBehaviour,
	PaymentPromise,
} from '../../src/TypeScripts/o2c_dso/domain/paymentBehaviour';
import { m } from '../support/minor';

const asOf = parseCalendarDate('2026-05-04');

const arbOpen = fc
	.record({
		openMinor: fc.oneof(fc.constant(0), fc.integer({ min: -50_000, max: 5_000_000 })),
		tranOffset: fc.integer({ min: -200, max: 20 }),
		dueAfterTran: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
		disputed: fc.boolean(),
	})
	.map(({ openMinor, tranOffset, dueAfterTran, disputed }): OpenInvoice => {
		const tranDate = addDays(asOf, tranOffset);
		return {
			openMinor: m(openMinor),
			amountMinor: m(Math.abs(openMinor) + 100),
			tranDate,
			dueDate: dueAfterTran === null ? null : addDays(tranDate, dueAfterTran),
			disputed,
		};
	});

/** Closed invoices paid 0–60 days late in the last 300 days (enough of them give a score). */
const arbClosed = fc
	.record({
		amount: fc.integer({ min: 1, max: 1_000_000 }),
		closedAgo: fc.integer({ min: 0, max: 300 }),
		late: fc.integer({ min: 0, max: 60 }),
	})
	.map(({ amount, closedAgo, late }): ClosedInvoice => {
		const closeDate = addDays(asOf, -closedAgo);
		const dueDate = addDays(closeDate, -late);
		return { amountMinor: m(amount), tranDate: addDays(dueDate, -30), dueDate, closeDate };
	});

describe('the passes agree with the per-item definitions', () => {
	it('aging: each non-zero open amount whole in the bucket of its days overdue', () => {
		fc.assert(
			fc.property(fc.array(arbOpen, { maxLength: 40 }), (items) => {
				const want = Object.fromEntries(AGING_LABELS.map((l) => [l, 0]));
				const counts = Object.fromEntries(AGING_LABELS.map((l) => [l, 0]));
				for (const i of items) {
					if (i.openMinor === 0) continue;
					const label = agingBucketOf(daysOverdue(i, asOf));
					want[label] = (want[label] as number) + i.openMinor;
					counts[label] = (counts[label] as number) + 1;
				}
				const got = ageOpenItems(items, asOf);
				expect(got.buckets).toEqual(want);
				expect(got.counts).toEqual(counts);
				expect(got.totalMinor).toBe(items.reduce((s, i) => s + i.openMinor, 0));
				// the one pass ages them the same
				const p = openPosition(items, asOf);
				expect({ buckets: p.buckets, counts: p.counts, totalMinor: p.totalMinor }).toEqual(got);
			}),
		);
	});
	it('the one pass: overdue and most days overdue of the positive amounts, the undisputed most days overdue', () => {
		fc.assert(
			fc.property(fc.array(arbOpen, { maxLength: 40 }), (items) => {
				const positive = items.filter((i) => i.openMinor > 0);
				const days = positive.map((i) => daysOverdue(i, asOf));
				const undisputed = positive.filter((i) => i.disputed !== true).map((i) => daysOverdue(i, asOf));
				const p = openPosition(items, asOf);
				expect(p.overdueMinor).toBe(
					positive.filter((i) => daysOverdue(i, asOf) > 0).reduce((s, i) => s + i.openMinor, 0),
				);
				expect(p.maxDaysOverdue).toBe(Math.max(0, ...days));
				expect(p.maxDaysOverdue).toBe(maxDaysOverdue(items, asOf));
				expect(p.undisputedMaxDaysOverdue).toBe(Math.max(-Infinity, ...undisputed));
			}),
		);
	});
	it('overdue amount and most days overdue, alone and inside the payment behaviour', () => {
		fc.assert(
			fc.property(fc.array(arbOpen, { maxLength: 40 }), fc.array(arbClosed, { maxLength: 8 }), (open, closed) => {
				const positive = open.filter((i) => i.openMinor > 0);
				const days = positive.map((i) => daysOverdue(i, asOf));
				const overdueOf = (list: readonly OpenInvoice[]): number =>
					list.filter((i) => daysOverdue(i, asOf) > 0).reduce((s, i) => s + i.openMinor, 0);
				expect(overdueMinor(open, asOf)).toBe(overdueOf(open.filter((i) => i.openMinor !== 0)));
				expect(maxDaysOverdue(open, asOf)).toBe(Math.max(0, ...days));
				const b = paymentBehaviour({
					asOf,
					closedInvoices: closed,
					openInvoices: open,
					creditUtilisation: 1.2,
				});
				expect(b.openMinor).toBe(open.reduce((s, i) => s + i.openMinor, 0));
				expect(b.overdueMinor).toBe(overdueOf(positive));
				expect(b.maxDaysOverdue).toBe(Math.max(0, ...days));
				if (b.score === null) return;
				// the call-now rules read the undisputed open invoices only
				const undisputed = positive.filter((i) => i.disputed !== true).map((i) => daysOverdue(i, asOf));
				expect(b.reasons.includes('open-over-90')).toBe(undisputed.some((x) => x > 90));
				expect(b.reasons.includes('over-credit-limit')).toBe(
					undisputed.some((x) => x > (b.usualDaysLate as number) + 10),
				);
			}),
		);
	});
});

describe("agedBehaviour: the customer metrics' one call", () => {
	const arbPromise = fc
		.record({
			ago: fc.integer({ min: -30, max: 400 }),
			status: fc.constantFrom('pending', 'kept', 'broken', 'cancelled'),
		})
		.map(({ ago, status }): PaymentPromise => ({
			promisedDate: addDays(asOf, -ago),
			amountMinor: m(10_000),
			status,
		}));
	it('gives what ageOpenItems and paymentBehaviour give apart', () => {
		fc.assert(
			fc.property(
				fc.array(arbOpen, { maxLength: 40 }),
				fc.array(arbClosed, { maxLength: 12 }),
				fc.array(arbPromise, { maxLength: 5 }),
				fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: null }),
				(open, closed, promises, creditUtilisation) => {
					const input = { asOf, closedInvoices: closed, openInvoices: open, promises, creditUtilisation };
					const got = agedBehaviour(input);
					expect(got.aging).toEqual(ageOpenItems(open, asOf));
					expect(got.behaviour).toEqual(paymentBehaviour(input));
				},
			),
		);
	});
	it('a hand-worked customer: aging, open, overdue and most days overdue from the one pass', () => {
		const inv = (openMinor: number, dueDate: string | null, disputed = false): OpenInvoice => ({
			openMinor: m(openMinor),
			amountMinor: m(Math.max(openMinor, 1)),
			tranDate: parseCalendarDate('2026-01-01'),
			dueDate: dueDate === null ? null : parseCalendarDate(dueDate),
			disputed,
		});
		// at 2026-05-04: 4 days not yet due; due 2026-04-04: 30 overdue; due 2026-03-04: 61 overdue
		// (disputed); no due date: the transaction date 2026-01-01, 123 overdue; a credit of 500 due
		// 2026-04-24, 10 overdue; a zero amount 200 days overdue counts nowhere
		const open = [
			inv(1_000, '2026-05-08'),
			inv(2_000, '2026-04-04'),
			inv(4_000, '2026-03-04', true),
			inv(8_000, null),
			inv(-500, '2026-04-24'),
			inv(0, '2025-10-16'),
		];
		const { aging, behaviour } = agedBehaviour({ asOf, closedInvoices: [], openInvoices: open });
		expect(aging.buckets).toEqual({ current: 1_000, '1-30': 1_500, '31-60': 0, '61-90': 4_000, '90+': 8_000 });
		expect(aging.counts).toEqual({ current: 1, '1-30': 2, '31-60': 0, '61-90': 1, '90+': 1 });
		expect(aging.totalMinor).toBe(14_500);
		expect(behaviour.openMinor).toBe(14_500);
		// the credit is not overdue money; the disputed invoice is
		expect(behaviour.overdueMinor).toBe(14_000);
		expect(behaviour.maxDaysOverdue).toBe(123);
		expect(behaviour.segment).toBe('insufficient-history');
	});
});

describe('the passes fail as a single loop over the items would', () => {
	const good = (openMinor: number, dueDate: string): OpenInvoice => ({
		openMinor: m(openMinor),
		amountMinor: m(Math.max(openMinor, 1)),
		tranDate: parseCalendarDate('2026-01-01'),
		dueDate: parseCalendarDate(dueDate),
	});
	const badDate = { ...good(100, '2026-01-01'), dueDate: '2026-02-30' as CalendarDate };
	const badAmount = good(1.5, '2026-01-01');
	it('the first bad item decides the error: a bad date before a bad amount, or the reverse', () => {
		expect(() => ageOpenItems([badDate, badAmount], asOf)).toThrow('Invalid calendar date "2026-02-30"');
		expect(() => ageOpenItems([badAmount, badDate], asOf)).toThrow(
			/ageOpenItems: openMinor must be integer minor units.*1\.5/,
		);
		expect(() => ageOpenItems([good(100, '2026-01-01'), badAmount], asOf)).toThrow(RangeError);
	});
	it('paymentBehaviour and agedBehaviour fail on open invoices as the aging does, naming the open amount', () => {
		const input = (openInvoices: OpenInvoice[], closedInvoices: ClosedInvoice[] = []) => ({
			asOf,
			closedInvoices,
			openInvoices,
		});
		for (const f of [paymentBehaviour, agedBehaviour]) {
			expect(() => f(input([badDate, badAmount]))).toThrow('Invalid calendar date "2026-02-30"');
			expect(() => f(input([badAmount, badDate]))).toThrow(
				/open invoice openMinor must be integer minor units.*1\.5/,
			);
		}
		// the behaviour reads the closed invoices first; agedBehaviour ages the open ones first
		const badClosed: ClosedInvoice = {
			amountMinor: m(100),
			tranDate: parseCalendarDate('2026-01-01'),
			closeDate: '2026-04-31' as CalendarDate,
		};
		expect(() => paymentBehaviour(input([badAmount], [badClosed]))).toThrow('Invalid calendar date "2026-04-31"');
		expect(() => agedBehaviour(input([badAmount], [badClosed]))).toThrow(/open invoice openMinor/);
	});
	it('the as-of date is read only when an item needs it; a zero amount is never dated', () => {
		const noDate = '2026-13-01' as CalendarDate;
		const zero = { ...badDate, openMinor: m(0) };
		expect(ageOpenItems([zero], noDate).totalMinor).toBe(0);
		expect(overdueMinor([zero], noDate)).toBe(0);
		expect(maxDaysOverdue([zero, { ...good(-5, '2026-01-01') }], noDate)).toBe(0);
		expect(openPosition([zero], noDate).undisputedMaxDaysOverdue).toBe(-Infinity);
		expect(() => ageOpenItems([good(100, '2026-01-01')], noDate)).toThrow('Invalid calendar date "2026-13-01"');
		expect(() => paymentBehaviour({ asOf: noDate, closedInvoices: [], openInvoices: [] })).toThrow(
			'Invalid calendar date "2026-13-01"',
		);
	});
});
