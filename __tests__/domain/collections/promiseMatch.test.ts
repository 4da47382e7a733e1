/**
 * Promise outcomes worked by hand (domain/collections/promiseMatch.ts): a promise of 700.00 made
 * 2026-05-04 for 2026-05-08 on invoices 1 and 3 (1,200.00 open).
 */
import { parseCalendarDate as d } from '../../../src/TypeScripts/o2c_dso/domain/calendarDate';
import {
	decidePromise,
	type DatedPayment,
	type PendingPromise,
} from '../../../src/TypeScripts/o2c_dso/domain/collections/promiseMatch';

const P: PendingPromise = {
	id: 1,
	customerId: 100,
	madeOn: d('2026-05-04'),
	promisedDate: d('2026-05-08'),
	amountMinor: 70000,
	currency: 'USD',
	invoiceIds: [1, 3],
};
const pay = (date: string, amountMinor: number): DatedPayment => ({ date: d(date), amountMinor });

describe('decidePromise', () => {
	test('paid in full before the date: kept that night, with what was paid', () => {
		const facts = { payments: [pay('2026-05-06', 70000)], openMinor: 50000 };
		expect(decidePromise(P, facts, d('2026-05-05'), 0)).toEqual({
			status: 'pending',
			paidMinor: 0,
			windowEnd: '2026-05-08',
		});
		expect(decidePromise(P, facts, d('2026-05-06'), 0)).toEqual({
			status: 'kept',
			paidMinor: 70000,
			windowEnd: '2026-05-08',
		});
	});

	test('two payments that together reach the amount on the promised date: kept', () => {
		const facts = { payments: [pay('2026-05-05', 40000), pay('2026-05-08', 30000)], openMinor: 50000 };
		expect(decidePromise(P, facts, d('2026-05-07'), 0).status).toBe('pending');
		expect(decidePromise(P, facts, d('2026-05-08'), 0)).toMatchObject({ status: 'kept', paidMinor: 70000 });
	});

	test('300.00 of 700.00 paid: pending through the promised date, partial (300.00) the night after', () => {
		const facts = { payments: [pay('2026-05-07', 30000)], openMinor: 90000 };
		expect(decidePromise(P, facts, d('2026-05-08'), 0)).toMatchObject({ status: 'pending', paidMinor: 30000 });
		expect(decidePromise(P, facts, d('2026-05-09'), 0)).toMatchObject({ status: 'partial', paidMinor: 30000 });
	});

	test('nothing paid: broken the night after the promised date; a payment a day late does not count', () => {
		expect(decidePromise(P, { payments: [], openMinor: 120000 }, d('2026-05-09'), 0)).toMatchObject({
			status: 'broken',
			paidMinor: 0,
		});
		const late = { payments: [pay('2026-05-09', 70000)], openMinor: 50000 };
		expect(decidePromise(P, late, d('2026-05-09'), 0)).toMatchObject({ status: 'broken', paidMinor: 0 });
	});

	test('grace days: the late payment counts with 2 days of grace, and the decision waits for them', () => {
		const late = { payments: [pay('2026-05-09', 70000)], openMinor: 50000 };
		expect(decidePromise(P, { payments: [], openMinor: 120000 }, d('2026-05-10'), 2).status).toBe('pending');
		expect(decidePromise(P, late, d('2026-05-09'), 2)).toEqual({
			status: 'kept',
			paidMinor: 70000,
			windowEnd: '2026-05-10',
		});
		expect(decidePromise(P, { payments: [], openMinor: 120000 }, d('2026-05-11'), 2).status).toBe('broken');
	});

	test('a payment before the promise was made does not count toward it', () => {
		const facts = { payments: [pay('2026-05-03', 70000)], openMinor: 50000 };
		expect(decidePromise(P, facts, d('2026-05-09'), 0)).toMatchObject({ status: 'broken', paidMinor: 0 });
	});

	test('the invoices closed by a credit memo with 100.00 paid: cancelled, nothing left to pay', () => {
		const facts = { payments: [pay('2026-05-05', 10000)], openMinor: 0 };
		expect(decidePromise(P, facts, d('2026-05-06'), 0)).toMatchObject({ status: 'cancelled', paidMinor: 10000 });
	});

	test('a promise naming no invoice counts the customer payments in its window', () => {
		const bare = { ...P, invoiceIds: [] };
		const facts = { payments: [pay('2026-05-05', 50000), pay('2026-05-10', 20000)], openMinor: null };
		expect(decidePromise(bare, facts, d('2026-05-09'), 0)).toMatchObject({ status: 'partial', paidMinor: 50000 });
	});
});
