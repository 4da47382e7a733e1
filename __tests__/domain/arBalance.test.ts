import fc from 'fast-check';
import {
	buildArLedger,
	compareDsoWindows,
	countbackDsoAt,
	DailyFlow,
	trailingPeriods,
} from '../../src/TypeScripts/o2c_dso/domain/arBalance';
import {
	addDays,
	fromEpochDay,
	parseCalendarDate,
	toEpochDay,
} from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { round2 } from '../../src/TypeScripts/o2c_dso/domain/rounding';
import { m } from '../support/minor';

const d = parseCalendarDate;
const flow = (date: string, invoicesMinor: number, paymentsMinor = 0, creditsMinor = 0): DailyFlow => ({
	date: d(date),
	invoicesMinor: m(invoicesMinor),
	paymentsMinor: m(paymentsMinor),
	creditsMinor: m(creditsMinor),
});

describe('buildArLedger: the dataset-format example', () => {
	// INV-1 1,200.00 on 01-05; PYMT-1 1,300.00 on 02-10 (1,200.00 applied, 100.00 unapplied);
	// CM-1 50.00 on 02-12, unapplied. GL A/R counts payments and credits applied or not.
	const ledger = buildArLedger([
		flow('2026-02-12', 0, 0, 5_000),
		flow('2026-01-05', 120_000),
		flow('2026-02-10', 0, 130_000),
	]);
	it.each<[string, number]>([
		['2026-01-04', 0],
		['2026-01-05', 120_000],
		['2026-02-09', 120_000],
		['2026-02-10', -10_000], // unapplied cash makes the balance a credit
		['2026-02-11', -10_000],
		['2026-02-12', -15_000],
		['2027-01-01', -15_000],
	])('A/R balance at %s is %p', (date, balance) => {
		expect(ledger.arBalanceAt(d(date))).toBe(balance);
	});
	it.each<[string, number, number]>([
		['2026-02-03', 30, 120_000], // window [01-05, 02-03] includes the invoice day
		['2026-02-04', 30, 0], // window [01-06, 02-04] starts the day after
		['2026-01-05', 1, 120_000],
		['2026-01-04', 30, 0],
		['2026-02-12', 365, 120_000], // payments and credits are not sales
	])('credit sales in the %p-day window ending %s', (date, w, sales) => {
		expect(ledger.creditSalesInWindow(d(date), w)).toBe(sales);
	});
	it('invoicesBetween is inclusive and 0 for an empty range', () => {
		expect(ledger.invoicesBetween(d('2026-01-05'), d('2026-01-05'))).toBe(120_000);
		expect(ledger.invoicesBetween(d('2026-01-06'), d('2026-03-01'))).toBe(0);
		expect(ledger.invoicesBetween(d('2026-02-01'), d('2026-01-01'))).toBe(0);
	});
	it('adds up several rows of one date and takes an opening balance', () => {
		const l = buildArLedger([flow('2026-01-05', 100), flow('2026-01-05', 50, 30)], m(1_000));
		expect(l.arBalanceAt(d('2026-01-04'))).toBe(1_000);
		expect(l.arBalanceAt(d('2026-01-05'))).toBe(1_120);
		expect(l.creditSalesInWindow(d('2026-01-05'), 1)).toBe(150);
	});
	it('rejects non-integer amounts and bad windows', () => {
		expect(() => buildArLedger([flow('2026-01-05', 1.5)])).toThrow(/invoicesMinor on 2026-01-05/);
		expect(() => ledger.creditSalesInWindow(d('2026-01-05'), 0)).toThrow(RangeError);
	});
});

describe('compareDsoWindows: the worked example rebuilt from flows', () => {
	// D = 2026-05-04, W = 30. Prior window [03-06, 04-04]: 130,000/day = 3,900,000.
	// This window [04-05, 05-04]: 134,000/day = 4,020,000. An invoice of 2,240,000 on 03-01 makes
	// A/R at 04-04 = 6,140,000; 2,000,000 of payments and 340,000 of credits on 04-20 make
	// A/R at 05-04 = 6,140,000 + 4,020,000 − 2,340,000 = 7,820,000.
	const flows: DailyFlow[] = [flow('2026-03-01', 224_000_000), flow('2026-04-20', 0, 200_000_000, 34_000_000)];
	for (let i = 0; i < 30; i++) {
		flows.push(flow(addDays(d('2026-03-06'), i), 13_000_000));
		flows.push(flow(addDays(d('2026-04-05'), i), 13_400_000));
	}
	const ledger = buildArLedger(flows);
	const result = compareDsoWindows(ledger, d('2026-05-04'), 30);
	it('finds the balances and sales of both windows', () => {
		const anyNumber: unknown = expect.any(Number);
		expect(result.this).toEqual({
			asOf: '2026-05-04',
			arMinor: 782_000_000,
			creditSalesMinor: 402_000_000,
			dso: anyNumber,
		});
		expect(result.prior).toEqual({
			asOf: '2026-04-04',
			arMinor: 614_000_000,
			creditSalesMinor: 390_000_000,
			dso: anyNumber,
		});
	});
	it('gives DSO 58.36 vs 47.23, delta 11.13', () => {
		expect(round2(result.this.dso)).toBe(58.36);
		expect(round2(result.prior.dso)).toBe(47.23);
		expect(round2(result.delta)).toBe(11.13);
	});
	it('has null DSO and delta when a window has no sales', () => {
		const quiet = compareDsoWindows(buildArLedger([flow('2026-01-05', 100)]), d('2026-05-04'), 30);
		expect(quiet.this.dso).toBeNull();
		expect(quiet.prior.dso).toBeNull();
		expect(quiet.delta).toBeNull();
	});
});

describe('trailingPeriods', () => {
	it('calendar months, the first one month-to-date', () => {
		expect(trailingPeriods(d('2026-05-04'), 3)).toEqual([
			{ from: '2026-05-01', to: '2026-05-04', days: 4 },
			{ from: '2026-04-01', to: '2026-04-30', days: 30 },
			{ from: '2026-03-01', to: '2026-03-31', days: 31 },
		]);
	});
	it('whole months from a month end, across a leap February', () => {
		expect(trailingPeriods(d('2024-03-31'), 2)).toEqual([
			{ from: '2024-03-01', to: '2024-03-31', days: 31 },
			{ from: '2024-02-01', to: '2024-02-29', days: 29 },
		]);
	});
	it('fixed slices match the DSO windows', () => {
		expect(trailingPeriods(d('2026-05-04'), 2, 30)).toEqual([
			{ from: '2026-04-05', to: '2026-05-04', days: 30 },
			{ from: '2026-03-06', to: '2026-04-04', days: 30 },
		]);
		expect(trailingPeriods(d('2026-05-04'), 0)).toEqual([]);
		expect(() => trailingPeriods(d('2026-05-04'), 2, 0)).toThrow(RangeError);
	});
});

describe('countbackDsoAt', () => {
	it('walks back calendar months from the ledger', () => {
		// Feb 70,000, Mar 80,000, Apr 100,000; A/R 212,000 at 04-30 after 38,000 of payments.
		const ledger = buildArLedger([
			flow('2026-02-10', 7_000_000),
			flow('2026-03-10', 8_000_000),
			flow('2026-04-10', 10_000_000),
			flow('2026-04-30', 0, 3_800_000),
		]);
		const result = countbackDsoAt(ledger, d('2026-04-30'), 12);
		// April 30 days, March 31 days, then 32,000 / 70,000 of February's 28 days = 12.8
		expect(result.status).toBe('ok');
		expect(result.dso).toBeCloseTo(30 + 31 + (32 / 70) * 28, 10);
		expect(result.periodsUsed).toBe(3);
	});
	it('reports beyond-horizon when history is short', () => {
		const ledger = buildArLedger([flow('2026-04-10', 10_000)]);
		expect(countbackDsoAt(ledger, d('2026-04-30'), 0)).toMatchObject({
			status: 'beyond-horizon',
			lowerBoundDays: 0,
		});
	});
	it('counts a month without invoices by its days (May has none: 31 + 10,000/10,000 × 30)', () => {
		const ledger = buildArLedger([flow('2026-04-10', 10_000)]);
		const result = countbackDsoAt(ledger, d('2026-05-31'), 12);
		expect(result).toMatchObject({ status: 'ok', lowerBoundDays: 31, periodsUsed: 2 });
		expect(result.dso).toBeCloseTo(61, 12);
	});
	it('on the 1st of a month that starts on a weekend, before any invoice of the month (2026-03-01, a Sunday)', () => {
		// Jan 3,100, Feb 2,800 invoiced, 1,300 paid: A/R 4,600 at 03-01 → 1 + 28 + 1,800/3,100 × 31 = 47.
		// The next day an invoice of 100: A/R 4,700 → 2 + 28 + 1,800/3,100 × 31 = 48.
		const flows = [flow('2026-01-15', 310_000), flow('2026-02-16', 280_000), flow('2026-02-27', 0, 130_000)];
		const mar1 = countbackDsoAt(buildArLedger(flows), d('2026-03-01'), 12);
		expect(mar1.status).toBe('ok');
		expect(mar1.dso).toBeCloseTo(47, 12);
		const mar2 = countbackDsoAt(buildArLedger([...flows, flow('2026-03-02', 10_000)]), d('2026-03-02'), 12);
		expect(mar2.dso).toBeCloseTo(48, 12);
	});
});

describe('buildArLedger agrees with a brute-force sum (property)', () => {
	it('at random dates and windows', () => {
		const base = toEpochDay(d('2026-01-01'));
		const arbFlow = fc.record({
			day: fc.integer({ min: 0, max: 200 }),
			invoicesMinor: fc.integer({ min: 0, max: 1e9 }),
			paymentsMinor: fc.integer({ min: 0, max: 1e9 }),
			creditsMinor: fc.integer({ min: 0, max: 1e8 }),
		});
		fc.assert(
			fc.property(
				fc.array(arbFlow, { maxLength: 80 }),
				fc.integer({ min: -10, max: 220 }),
				fc.integer({ min: 1, max: 120 }),
				(raw, at, w) => {
					const flows = raw.map((r) =>
						flow(fromEpochDay(base + r.day), r.invoicesMinor, r.paymentsMinor, r.creditsMinor),
					);
					const ledger = buildArLedger(flows);
					const asOfDay = base + at;
					let ar = 0;
					let sales = 0;
					for (const f of raw) {
						const day = base + f.day;
						if (day <= asOfDay) ar += f.invoicesMinor - f.paymentsMinor - f.creditsMinor;
						if (day <= asOfDay && day > asOfDay - w) sales += f.invoicesMinor;
					}
					expect(ledger.arBalanceAt(fromEpochDay(asOfDay))).toBe(ar);
					expect(ledger.creditSalesInWindow(fromEpochDay(asOfDay), w)).toBe(sales);
				},
			),
		);
	});
});
