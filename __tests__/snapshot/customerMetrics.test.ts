/**
 * Per-customer metrics from map/reduce rows, worked out by hand: open amounts at D from today's
 * amounts plus later applications, close dates, currency of the credit utilisation, promises, and
 * the map value and history round trips.
 */
import { addDays, parseCalendarDate as d } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import {
	computeCustomerMetrics,
	CustomerInfo,
	CustomerRow,
	HISTORY_DAYS,
	mergeHistory,
} from '../../src/TypeScripts/o2c_dso/app/customers/customerMetrics';
import { m } from '../support/minor';

const D = d('2026-05-04');

function invoice(
	id: string,
	tranDate: string,
	dueDate: string | null,
	amount: number,
	remaining: number,
	app?: { on: string; minor: number; type?: string },
): CustomerRow {
	return {
		kind: 'invoice',
		transactionId: id,
		subsidiaryId: '1',
		tranDate: d(tranDate),
		dueDate: dueDate === null ? null : d(dueDate),
		amountMinor: m(amount),
		remainingMinor: m(remaining),
		appliedOn: app ? d(app.on) : null,
		appliedMinor: m(app?.minor ?? 0),
		applyingType: app ? (app.type ?? 'CustPymt') : '',
		disputed: false,
	};
}

/**
 * A: 1,000.00 dated 01-10, due 02-09, paid 600 on 02-20 and credited 400 on 03-01 (one row per
 *    application) → closed 03-01 by a credit memo: a RETURN, not a payment (dataset-format.md §2).
 * F: 300.00 dated 02-01, due 03-03, credited 100 on 02-10, paid 200 on 03-13 → closed by the
 *    payment: 40 days to pay, 10 late.
 * G: 100.00 dated 03-02, due 04-01, paid 50 and credited 50 on the same day 04-05 → the payment
 *    closes it: 34 days to pay, 4 late.
 * B: 500.00 dated 03-01, due 03-31, 300 paid 04-10 → 200 open, 34 days overdue (31-60).
 * C: 800.00 dated 04-20, due 05-20, paid in full on 05-10, after D (a rerun of a past day on a
 *    live account) → 800 open and current at D.
 * E: dated after D → ignored. A return authorisation "applied" to B is not a payment → ignored.
 * Payment on account: 150.00 unapplied (two identical rows count once).
 */
const rows: CustomerRow[] = [
	invoice('A', '2026-01-10', '2026-02-09', 100000, 0, { on: '2026-02-20', minor: 60000 }),
	invoice('A', '2026-01-10', '2026-02-09', 100000, 0, { on: '2026-03-01', minor: 40000, type: 'CustCred' }),
	invoice('B', '2026-03-01', '2026-03-31', 50000, 20000, { on: '2026-04-10', minor: 30000 }),
	invoice('B', '2026-03-01', '2026-03-31', 50000, 20000, { on: '2026-04-11', minor: 5000, type: 'RtnAuth' }),
	invoice('C', '2026-04-20', '2026-05-20', 80000, 0, { on: '2026-05-10', minor: 80000 }),
	invoice('F', '2026-02-01', '2026-03-03', 30000, 0, { on: '2026-02-10', minor: 10000, type: 'CustCred' }),
	invoice('F', '2026-02-01', '2026-03-03', 30000, 0, { on: '2026-03-13', minor: 20000 }),
	invoice('G', '2026-03-02', '2026-04-01', 10000, 0, { on: '2026-04-05', minor: 5000, type: 'CustCred' }),
	invoice('G', '2026-03-02', '2026-04-01', 10000, 0, { on: '2026-04-05', minor: 5000 }),
	invoice('E', '2026-05-05', '2026-06-04', 99900, 99900),
	{ ...invoice('P', '2026-04-30', null, 15000, 15000), kind: 'payment' },
	{ ...invoice('P', '2026-04-30', null, 15000, 15000), kind: 'payment' },
];
/** The customer record's credit position (customer currency): (850 + 150) / 2,000 = 0.5. */
const credit = { currency: 'USD', limitMinor: m(200000), balanceMinor: m(85000), unbilledOrdersMinor: m(15000) };
const info: CustomerInfo = { customerId: '100', subsidiaryId: '1', currency: 'USD', credit };
const noLimit: CustomerInfo = { ...info, credit: { ...credit, limitMinor: null } };

describe('customer metrics at D', () => {
	const cm = computeCustomerMetrics(
		rows,
		info,
		[
			{ promisedDate: d('2026-05-10'), madeOn: d('2026-05-01'), amountMinor: m(30000), status: 'pending' },
			{ promisedDate: d('2026-04-01'), madeOn: d('2026-03-20'), amountMinor: m(10000), status: 'broken' },
			{ promisedDate: d('2026-06-01'), madeOn: d('2026-05-20'), amountMinor: m(70000), status: 'pending' }, // made after D
		],
		D,
	);

	it('ages what was open at D, re-opening amounts paid after it', () => {
		expect(cm.openMinor).toBe(100000);
		expect(cm.aging).toEqual({ current: 80000, '1-30': 0, '31-60': 20000, '61-90': 0, '90+': 0 });
		expect(cm.overdueMinor).toBe(20000);
		expect(cm.maxDaysOverdue).toBe(34);
		expect(cm.oldestOpenDate).toBe('2026-03-01');
		expect(cm.unappliedMinor).toBe(15000);
	});

	it('measures days to pay and days late on the invoices a payment closed in the 365 days', () => {
		// F 300 × 40 + G 100 × 34 over 400 = 38.5 days to pay; 300 × 10 + 100 × 4 over 400 = 8.5 late.
		expect(cm.closedCount).toBe(2);
		expect(cm.avgDaysToPay).toBe(38.5);
		expect(cm.avgDaysLate).toBe(8.5);
		expect(cm.segment).toBe('insufficient-history');
		expect(cm.score).toBeNull();
	});

	it('counts the invoice a credit memo closed as a return, apart from the payments', () => {
		expect(cm).toMatchObject({ returnedCount: 1, returnedMinor: m(100000) });
	});

	it("takes credit utilisation from the customer record's position: (balance 850 + unbilled 150) / 2,000", () => {
		expect(cm.creditUtilisation).toBe(0.5);
		expect(cm).toMatchObject({ creditCurrency: 'USD', creditLimitMinor: m(200000) });
	});

	it('counts pending promises made by D', () => {
		expect(cm).toMatchObject({ openPromises: 1, promisedMinor: m(30000), nextPromiseDate: '2026-05-10' });
	});

	it("keeps the credit limit in the customer's currency, apart from the base-currency figures", () => {
		// A EUR-base subsidiary's customer billed in USD: limit and utilisation stay USD.
		const usd = computeCustomerMetrics(rows, { ...info, currency: 'EUR' }, [], D);
		expect(usd).toMatchObject({
			currency: 'EUR',
			creditCurrency: 'USD',
			creditLimitMinor: m(200000),
			openMinor: m(100000),
		});
		expect(usd.creditUtilisation).toBe(0.5);
	});

	it('reports no max days overdue when nothing is open', () => {
		const closedOnly = computeCustomerMetrics([rows[0] as CustomerRow, rows[1] as CustomerRow], noLimit, [], D);
		expect(closedOnly).toMatchObject({
			openMinor: m(0),
			maxDaysOverdue: null,
			oldestOpenDate: null,
			creditUtilisation: null,
			closedCount: 0,
			returnedCount: 1,
		});
		const yearOn = computeCustomerMetrics(
			[rows[0] as CustomerRow, rows[1] as CustomerRow],
			info,
			[],
			d('2027-03-02'),
		);
		expect(yearOn).toMatchObject({ closedCount: 0, returnedCount: 0 });
	});
});

describe('disputed invoices', () => {
	// Three invoices paid on their due date, and a disputed one settled 60 days late (02-01 → 04-02).
	const onTime = (id: string, tran: string, due: string): CustomerRow =>
		invoice(id, tran, due, 10000, 0, { on: due, minor: 10000 });
	const disputedRows: CustomerRow[] = [
		onTime('A', '2025-12-01', '2025-12-31'),
		onTime('B', '2026-01-02', '2026-02-01'),
		onTime('C', '2026-02-01', '2026-03-03'),
		{ ...invoice('X', '2026-01-02', '2026-02-01', 10000, 0, { on: '2026-04-02', minor: 10000 }), disputed: true },
		{ ...invoice('Y', '2026-01-05', '2026-01-20', 5000, 5000), disputed: true },
	];
	const cm = computeCustomerMetrics(disputedRows, noLimit, [], D);

	it('keeps them in the contract averages, the balances and the aging', () => {
		expect(cm.closedCount).toBe(4);
		expect(cm.avgDaysLate).toBe(15); // (0 + 0 + 0 + 60) / 4
		expect(cm).toMatchObject({ openMinor: m(5000), overdueMinor: m(5000), maxDaysOverdue: 104 });
		expect(cm.aging['90+']).toBe(5000);
	});
	it('leaves them out of the segment: three on-time payments, the disputed one open 104 days is the dispute process', () => {
		expect(cm.segment).toBe('reliable');
		expect(cm.score).toBe(100);
	});
});

describe('history', () => {
	it('replaces the day in the history and keeps the latest 35 days', () => {
		const aging = { current: m(1), '1-30': m(2), '31-60': m(3), '61-90': m(4), '90+': m(5) };
		let h = mergeHistory([], d('2026-05-04'), aging);
		h = mergeHistory(h, d('2026-05-04'), { ...aging, current: m(9) });
		expect(h).toEqual([{ d: '2026-05-04', b: [9, 2, 3, 4, 5] }]);
		for (let i = 1; i <= 40; i++) h = mergeHistory(h, addDays(d('2026-05-04'), i), aging);
		expect(HISTORY_DAYS).toBe(35);
		expect(h).toHaveLength(35);
		expect(h[0]?.d).toBe('2026-05-10');
		expect(h[34]?.d).toBe('2026-06-13');
	});
});
