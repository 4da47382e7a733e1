import { parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { orderToInvoiceLeadTime, SalesOrderBilling } from '../../src/TypeScripts/o2c_dso/domain/leadTime';

const d = parseCalendarDate;
const so = (
	soDate: string,
	soAmountMinor: number,
	invoices: [string, number][],
	fullyInvoiced?: boolean,
): SalesOrderBilling => ({
	soDate: d(soDate),
	soAmountMinor,
	invoices: invoices.map(([tranDate, amountMinor]) => ({ tranDate: d(tranDate), amountMinor })),
	...(fullyInvoiced === undefined ? {} : { fullyInvoiced }),
});
const april: [ReturnType<typeof d>, ReturnType<typeof d>] = [d('2026-04-01'), d('2026-04-30')];

describe('orderToInvoiceLeadTime', () => {
	const orders = [
		so('2026-04-01', 1_000, [
			['2026-04-03', 600],
			['2026-04-11', 400],
		]), // two invoices: last one counts → 10 days
		so('2026-03-20', 3_000, [['2026-04-05', 3_000]]), // 11 days of March + 5 → 16
		so('2026-04-01', 1_000, [['2026-04-10', 500]]), // half billed: not counted
		so('2026-02-01', 1_000, [['2026-03-15', 1_000]]), // completed before the period
		so('2026-04-20', 1_000, [['2026-05-02', 1_000]]), // invoice after the period end is not seen yet
		so('2026-04-25', 1_000, [['2026-04-27', 800]], true), // closed short, marked billed → 2 days
		so('2026-04-02', 500, []), // nothing invoiced
	];
	const result = orderToInvoiceLeadTime(orders, ...april);
	it('averages the days to the last invoice over orders completed in the period', () => {
		expect(result.orderCount).toBe(3);
		expect(result.averageDays).toBeCloseTo((10 + 16 + 2) / 3, 12);
		expect(result.maxDays).toBe(16);
	});
	it('weights by order amount: (1,000·10 + 3,000·16 + 1,000·2) / 5,000 = 12', () => {
		expect(result.amountWeightedAverageDays).toBe(12);
	});
	it('an explicit not-billed flag wins over the amounts', () => {
		expect(
			orderToInvoiceLeadTime([so('2026-04-01', 1_000, [['2026-04-03', 1_000]], false)], ...april).orderCount,
		).toBe(0);
	});
	it('same-day invoicing is 0 days; nothing qualifying gives nulls', () => {
		expect(orderToInvoiceLeadTime([so('2026-04-30', 10, [['2026-04-30', 10]])], ...april)).toEqual({
			orderCount: 1,
			averageDays: 0,
			amountWeightedAverageDays: 0,
			maxDays: 0,
		});
		expect(orderToInvoiceLeadTime([], ...april)).toEqual({
			orderCount: 0,
			averageDays: null,
			amountWeightedAverageDays: null,
			maxDays: null,
		});
	});
	it('rejects a reversed period', () => {
		expect(() => orderToInvoiceLeadTime([], d('2026-05-01'), d('2026-04-01'))).toThrow(RangeError);
	});
});
