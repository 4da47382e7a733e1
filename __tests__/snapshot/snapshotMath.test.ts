import { parseCalendarDate as d } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { buildOpenItemHistory, openItemsAt } from '../../src/TypeScripts/o2c_dso/domain/snapshotMath';
import { m } from '../support/minor';

describe('open items at a past date', () => {
	// Anchor: today's open amounts. Invoice group A (sub 1, dated 03-01, due 03-31): 1,000 issued,
	// 400 paid on 04-10, 100 on 04-20 → 500 open today. Group B (sub 1, dated 04-15, due 05-15):
	// 800 issued, 800 paid 04-25 → 0 open today (fully paid, only its applications appear).
	// Group C (sub 2, no due date, dated 04-01): 300 open, never paid.
	const history = buildOpenItemHistory(
		[
			{ key: '1', tranDate: d('2026-03-01'), dueDate: d('2026-03-31'), openMinor: m(50000) },
			{ key: '2', tranDate: d('2026-04-01'), dueDate: null, openMinor: m(30000) },
		],
		[
			{
				key: '1',
				tranDate: d('2026-03-01'),
				dueDate: d('2026-03-31'),
				appliedOn: d('2026-04-10'),
				appliedMinor: m(40000),
			},
			{
				key: '1',
				tranDate: d('2026-03-01'),
				dueDate: d('2026-03-31'),
				appliedOn: d('2026-04-20'),
				appliedMinor: m(10000),
			},
			{
				key: '1',
				tranDate: d('2026-04-15'),
				dueDate: d('2026-05-15'),
				appliedOn: d('2026-04-25'),
				appliedMinor: m(80000),
			},
			{
				key: '1',
				tranDate: d('2026-03-01'),
				dueDate: d('2026-03-31'),
				appliedOn: d('2026-03-05'),
				appliedMinor: m(99999),
			}, // before coverage: ignored
		],
		d('2026-03-31'),
	);

	it('re-opens amounts applied after the date and drops invoices dated after it', () => {
		expect(openItemsAt(history, d('2026-04-05'))).toEqual(
			new Map([
				['1', [{ openMinor: m(100000), tranDate: '2026-03-01', dueDate: '2026-03-31' }]],
				['2', [{ openMinor: m(30000), tranDate: '2026-04-01', dueDate: null }]],
			]),
		);
		expect(openItemsAt(history, d('2026-04-15')).get('1')).toEqual([
			{ openMinor: m(60000), tranDate: '2026-03-01', dueDate: '2026-03-31' },
			{ openMinor: m(80000), tranDate: '2026-04-15', dueDate: '2026-05-15' },
		]);
		// On the day of an application it counts as applied (applications dated ≤ D).
		expect(openItemsAt(history, d('2026-04-20')).get('1')?.[0]?.openMinor).toBe(50000);
		expect(openItemsAt(history, d('2026-04-25')).get('1')).toEqual([
			{ openMinor: m(50000), tranDate: '2026-03-01', dueDate: '2026-03-31' },
		]);
		expect(openItemsAt(history, d('2026-03-31')).has('2')).toBe(false);
	});

	it('refuses a date before the covered range', () => {
		expect(() => openItemsAt(history, d('2026-03-30'))).toThrow(/before the reconstructed range/);
	});
});
