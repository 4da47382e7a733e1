import { cashApplicationRate, Receipt } from '../../src/TypeScripts/o2c_dso/domain/cashApplication';
import { parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { m } from '../support/minor';

const d = parseCalendarDate;
const r = (date: string, amountMinor: number, unappliedMinor: number): Receipt => ({
	date: d(date),
	amountMinor: m(amountMinor),
	unappliedMinor: m(unappliedMinor),
});

describe('cashApplicationRate', () => {
	it('dataset example: 1,300.00 received, 100.00 left unapplied, plus a fully applied 500.00', () => {
		const result = cashApplicationRate(
			[r('2026-02-10', 130_000, 10_000), r('2026-02-20', 50_000, 0), r('2026-03-01', 99_000, 99_000)],
			d('2026-02-01'),
			d('2026-02-28'),
		);
		expect(result).toEqual({
			receiptCount: 2,
			receivedMinor: 180_000,
			appliedMinor: 170_000,
			unappliedMinor: 10_000,
			appliedShare: 17 / 18,
			unappliedShare: 1 / 18,
			fullyAppliedCountShare: 1 / 2,
		});
	});
	it('includes both period ends', () => {
		const result = cashApplicationRate(
			[r('2026-02-01', 100, 100), r('2026-02-28', 300, 0)],
			d('2026-02-01'),
			d('2026-02-28'),
		);
		expect(result.unappliedShare).toBe(0.25);
		expect(result.appliedShare).toBe(0.75);
	});
	it('is null with no receipts in the period', () => {
		expect(cashApplicationRate([], d('2026-02-01'), d('2026-02-28'))).toMatchObject({
			receiptCount: 0,
			appliedShare: null,
			unappliedShare: null,
			fullyAppliedCountShare: null,
		});
		expect(cashApplicationRate([r('2026-02-05', 0, 0)], d('2026-02-01'), d('2026-02-28'))).toMatchObject({
			receiptCount: 1,
			appliedShare: null,
			fullyAppliedCountShare: 1,
		});
	});
	it.each<[number, number]>([
		[100, 101],
		[100, -1],
		[-100, 0],
		[100, 0.5],
	])('rejects amount %p with unapplied %p', (amount, unapplied) => {
		expect(() =>
			cashApplicationRate([r('2026-02-05', amount, unapplied)], d('2026-02-01'), d('2026-02-28')),
		).toThrow(/2026-02-05/);
	});
	it('rejects a reversed period', () => {
		expect(() => cashApplicationRate([], d('2026-03-01'), d('2026-02-01'))).toThrow(RangeError);
	});
});
