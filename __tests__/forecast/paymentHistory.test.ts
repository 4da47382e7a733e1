import { CalendarDate, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { ApplicationKind, invoicesAt, InvoiceRow } from '../../src/TypeScripts/o2c_dso/domain/paymentHistory';

const d = (s: string): CalendarDate => parseCalendarDate(s);
const D = d('2026-05-04');

/** One invoice of `amount` (base = fx) with its applications as rows. */
function invoice(
	id: string,
	tranDate: string,
	dueDate: string | null,
	amount: number,
	apps: [string, number, ApplicationKind][],
	opts: { disputed?: boolean; rate?: number } = {},
): InvoiceRow[] {
	// "now" = the emulator's D: open now = amount − every application dated ≤ D … but rows may
	// carry applications after D (a rerun of a past day on a live account).
	const appliedNow = apps.reduce((s, [, m]) => s + m, 0);
	const rate = opts.rate ?? 1;
	const base = {
		invoiceId: id,
		tranDate: d(tranDate),
		dueDate: dueDate === null ? null : d(dueDate),
		amountMinor: amount,
		fxAmountMinor: Math.round(amount / rate),
		openNowMinor: amount - appliedNow,
		fxOpenNowMinor: Math.round((amount - appliedNow) / rate),
		disputed: opts.disputed ?? false,
	};
	if (apps.length === 0) return [{ ...base, application: null }];
	return apps.map(([on, minor, kind]) => ({ ...base, application: { on: d(on), minor, kind } }));
}

describe('invoicesAt', () => {
	it('paid invoices carry their payment date and lateness from the due date', () => {
		const rows = invoice('1', '2026-03-01', '2026-03-31', 10000, [
			['2026-03-20', 4000, 'payment'],
			['2026-04-05', 6000, 'payment'],
		]);
		const at = invoicesAt(rows, D, 365);
		expect(at.open).toEqual([]);
		expect(at.paid).toEqual([
			{ invoiceId: '1', dueDate: '2026-03-31', paidOn: '2026-04-05', lateness: 5, disputed: false },
		]);
	});

	it('an invoice closed by a credit memo is a return, not a payment', () => {
		const rows = invoice('2', '2026-03-01', '2026-03-31', 10000, [
			['2026-03-20', 4000, 'payment'],
			['2026-04-05', 6000, 'credit'],
		]);
		const at = invoicesAt(rows, D, 365);
		expect(at.paid).toEqual([]);
		expect(at.returned).toBe(1);
	});

	it('a payment and a credit memo on the closing day: the payment closes it', () => {
		const rows = invoice('3', '2026-03-01', '2026-03-31', 10000, [
			['2026-04-05', 4000, 'credit'],
			['2026-04-05', 6000, 'payment'],
		]);
		expect(invoicesAt(rows, D, 365).paid.map((p) => p.paidOn)).toEqual(['2026-04-05']);
	});

	it('reopens what was applied after D and ignores invoices dated after D', () => {
		const rows = [
			...invoice('4', '2026-04-01', '2026-05-01', 10000, [
				['2026-04-20', 2500, 'payment'],
				['2026-05-10', 7500, 'payment'],
			]),
			...invoice('5', '2026-05-05', '2026-06-04', 999, []),
		];
		const at = invoicesAt(rows, D, 365);
		expect(at.paid).toEqual([]);
		expect(at.open).toHaveLength(1);
		expect(at.open[0]).toMatchObject({ invoiceId: '4', openMinor: 7500, fxOpenMinor: 7500, hasDueDate: true });
	});

	it('a missing due date ages from the invoice date', () => {
		const at = invoicesAt(invoice('6', '2026-04-10', null, 500, []), D, 365);
		expect(at.open[0]).toMatchObject({ dueDate: '2026-04-10', hasDueDate: false });
	});

	it('keeps only payments inside the look-back window (D − 364 … D)', () => {
		const rows = [
			...invoice('7', '2025-04-01', '2025-05-01', 100, [['2025-05-04', 100, 'payment']]), // D − 365: out
			...invoice('8', '2025-04-01', '2025-05-01', 100, [['2025-05-05', 100, 'payment']]), // D − 364: in
		];
		expect(invoicesAt(rows, D, 365).paid.map((p) => p.invoiceId)).toEqual(['8']);
	});

	it('open invoices come oldest due date first; their foreign-currency open amount follows the invoice rate', () => {
		const rows = [
			...invoice('20', '2026-04-01', '2026-05-20', 9000, [['2026-05-10', 900, 'payment']], { rate: 0.9 }),
			...invoice('10', '2026-04-01', '2026-04-30', 100, []),
		];
		const at = invoicesAt(rows, D, 365);
		expect(at.open.map((o) => o.invoiceId)).toEqual(['10', '20']);
		// 10,000 in the invoice currency at 0.9: open now 8,100 base = 9,000 fx; 900 base applied after D = 1,000 fx
		expect(at.open[1]).toMatchObject({ openMinor: 9000, fxOpenMinor: 10000 });
	});

	it('refuses a look-back that is not a whole number of days', () => {
		expect(() => invoicesAt([], D, 0)).toThrow(RangeError);
	});
});
