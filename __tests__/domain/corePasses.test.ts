/**
 * The aging and payment-behaviour passes were rewritten for speed (README "Performance at scale"):
 * the as-of date converted once per pass, amounts read before dates, one pass over the open
 * invoices for overdue, most days overdue and the undisputed most days overdue. These properties
 * hold them to the plain per-item definitions, written here with the public per-item functions
 * (daysOverdue, agingBucketOf), on generated invoices: zero and negative amounts, missing due
 * dates, disputes, dates before and after D.
 */
import fc from 'fast-check';
import {
	ageOpenItems,
	AGING_LABELS,
	agingBucketOf,
	daysOverdue,
	maxDaysOverdue,
	overdueMinor,
} from '../../src/TypeScripts/o2c_dso/domain/aging';
import { addDays, CalendarDate, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { ClosedInvoice, OpenInvoice, paymentBehaviour } from '../../src/TypeScripts/o2c_dso/domain/paymentBehaviour';
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
	it('the as-of date is read only when an item needs it; a zero amount is never dated', () => {
		const noDate = '2026-13-01' as CalendarDate;
		const zero = { ...badDate, openMinor: m(0) };
		expect(ageOpenItems([zero], noDate).totalMinor).toBe(0);
		expect(overdueMinor([zero], noDate)).toBe(0);
		expect(maxDaysOverdue([zero, { ...good(-5, '2026-01-01') }], noDate)).toBe(0);
		expect(() => ageOpenItems([good(100, '2026-01-01')], noDate)).toThrow('Invalid calendar date "2026-13-01"');
		expect(() => paymentBehaviour({ asOf: noDate, closedInvoices: [], openInvoices: [] })).toThrow(
			'Invalid calendar date "2026-13-01"',
		);
	});
});
