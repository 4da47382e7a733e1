import { CalendarDate, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import type { InvoiceRow } from '../../src/TypeScripts/o2c_dso/domain/paymentHistory';
import {
	addTallies,
	decodeTally,
	forecastCustomer,
	tallyOf,
} from '../../src/TypeScripts/o2c_dso/app/forecast/forecastCustomer';
import { buildPools, decodePools, encodePools } from '../../src/TypeScripts/o2c_dso/app/forecast/pools';

const d = (s: string): CalendarDate => parseCalendarDate(s);
const D = d('2026-05-04');

function row(id: string, due: string, paid: string | null, o: Partial<InvoiceRow> = {}): InvoiceRow {
	return {
		invoiceId: id,
		tranDate: d('2026-01-01'),
		dueDate: d(due),
		amountMinor: 10000,
		fxAmountMinor: 10000,
		openNowMinor: paid === null ? 10000 : 0,
		fxOpenNowMinor: paid === null ? 10000 : 0,
		disputed: false,
		application: paid === null ? null : { on: d(paid), minor: 10000, kind: 'payment' },
		nativePrediction: null,
		...o,
	};
}

describe('pools', () => {
	const rows = new Map<string, InvoiceRow[]>([
		['1', [row('a', '2026-03-01', '2026-03-04'), row('b', '2026-03-01', '2026-03-11', { disputed: true })]],
		['2', [row('c', '2026-03-01', '2026-02-27'), row('d', '2026-04-01', null)]],
		['3', [row('e', '2026-03-01', '2026-03-02')]],
	]);
	const segments = new Map([
		['1', 'reliable'],
		['2', 'reliable'],
	]);
	const pools = buildPools(rows, (c) => segments.get(c) ?? null, D);

	it('pool paid invoices by subsidiary and by segment, split by dispute', () => {
		expect(pools.subsidiary).toEqual({
			undisputed: [
				[-2, 1],
				[1, 1],
				[3, 1],
			],
			disputed: [[10, 1]],
		});
		expect(pools.segments).toEqual({
			reliable: {
				undisputed: [
					[-2, 1],
					[3, 1],
				],
				disputed: [[10, 1]],
			},
		});
	});

	it('round-trip through the cache text and refuse a damaged one, naming the part', () => {
		expect(decodePools(encodePools(pools))).toEqual(pools);
		expect(() => decodePools('{"subsidiary":{"undisputed":[[1,0]],"disputed":[]}}')).toThrow(
			/bad entry \[1,0\] in subsidiary\.undisputed/,
		);
		expect(() => decodePools('{"subsidiary":{"undisputed":[],"disputed":[]},"segments":{"x":{}}}')).toThrow(
			/segment x\.undisputed is not a sample/,
		);
	});
});

describe('forecastCustomer', () => {
	const pools = { subsidiary: { undisputed: [], disputed: [] }, segments: {}, credibilityK: null };
	const rows = [
		row('1', '2026-03-01', '2026-03-06'),
		row('2', '2026-03-01', '2026-03-11'),
		row('3', '2026-03-01', '2026-03-16'),
		row('4', '2026-05-10', null, { nativePrediction: d('2026-05-30') }),
		row('5', '2026-05-20', null, { nativePrediction: d('2026-05-27'), openNowMinor: 5000, fxOpenNowMinor: 5000 }),
		row('6', '2026-04-01', '2026-04-10', { application: { on: d('2026-04-10'), minor: 10000, kind: 'credit' } }),
	];
	const f = forecastCustomer({
		asOf: D,
		customerId: '9',
		subsidiaryId: '1',
		segment: null,
		rows,
		promises: [],
		pools,
	});

	it("predicts each open invoice from the customer's paid ones (5, 10, 15 days late → median 10)", () => {
		expect(f.predictions.map((p) => [p.invoice.invoiceId, p.prediction.date, p.prediction.source])).toEqual([
			['4', '2026-05-20', 'customer'],
			['5', '2026-05-30', 'customer'],
		]);
		expect(f.paidInLookback).toBe(3);
		expect(f.returned).toBe(1);
		expect(f.sources).toEqual({ customer: 2 });
	});

	it("compares with NetSuite's own predicted date where the invoice has one", () => {
		expect(f.predictions.map((p) => p.nativeDifferenceDays)).toEqual([-10, 3]);
		expect(f.native).toEqual({ compared: 2, absDaysSum: 13, within7: 1 });
	});

	it('hands the summarize stage a tally it can read back and add up', () => {
		const t = decodeTally(JSON.stringify(tallyOf(f)));
		expect(t.part.open).toBe(15000);
		expect(addTallies([t, t])).toEqual({
			sources: { customer: 4 },
			native: { compared: 4, absDaysSum: 26, within7: 2 },
		});
		expect(() => decodeTally('{"part":{"expected":[1.5],"spread":[0]}}')).toThrow(/without a valid part/);
	});
});
