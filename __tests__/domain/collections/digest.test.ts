/**
 * The due-date digest's selection and email, worked by hand (domain/collections/digest.ts):
 * D = 2026-05-04, N = 7, segments at-risk.
 */
import { parseCalendarDate as d } from '../../../src/TypeScripts/o2c_dso/domain/calendarDate';
import {
	digestLines,
	parseSegments,
	renderDigest,
	type DueInvoice,
} from '../../../src/TypeScripts/o2c_dso/domain/collections/digest';
import { SEGMENTS } from '../../../src/TypeScripts/o2c_dso/domain/collections/query';

const inv = (id: number, customerId: number, due: string, openMinor = 50000, disputed = false): DueInvoice => ({
	id,
	tranId: `INV-${String(id)}`,
	customerId,
	customerName: customerId === 7 ? 'Risky <b>& Co</b>' : 'Steady Ltd',
	subsidiaryId: 1,
	dueDate: d(due),
	currency: 'USD',
	openMinor,
	disputed,
});
const segments = new Map([
	[7, 'at-risk'],
	[8, 'reliable'],
]);

describe('digestLines', () => {
	test('due D+1 … D+N, open, risky customer only; soonest first; disputed kept and marked', () => {
		const lines = digestLines(
			[
				inv(6, 7, '2026-05-10'),
				inv(9, 7, '2026-05-12'), // after D + 7
				inv(10, 7, '2026-05-04'), // due today: already due
				inv(11, 8, '2026-05-06'), // a reliable customer
				inv(12, 7, '2026-05-05', 12000, true),
				inv(13, 7, '2026-05-11'), // D + 7 exactly
				inv(14, 7, '2026-05-08', 0), // nothing open
				inv(15, 9, '2026-05-06'), // no metrics: no segment
			],
			segments,
			d('2026-05-04'),
			7,
			['at-risk'],
		);
		expect(lines.map((l) => [l.id, l.dueDate, l.segment, l.disputed])).toEqual([
			[12, '2026-05-05', 'at-risk', true],
			[6, '2026-05-10', 'at-risk', false],
			[13, '2026-05-11', 'at-risk', false],
		]);
	});

	test('the email escapes every value and says the window', () => {
		const lines = digestLines([inv(6, 7, '2026-05-10')], segments, d('2026-05-04'), 7, ['at-risk']);
		const mail = renderDigest('US <Main>', d('2026-05-04'), 7, ['at-risk'], lines);
		expect(mail.subject).toBe('Invoices due in the next 7 days from risky customers: US <Main>, 1');
		expect(mail.html).toContain('1 open invoice of customers in at-risk falls due from 2026-05-05 to 2026-05-11.');
		expect(mail.html).toContain(
			'<tr><td>2026-05-10</td><td>Risky &lt;b&gt;&amp; Co&lt;&#x2F;b&gt;</td><td>INV-6</td><td align="right">USD 500.00</td><td>at-risk</td><td></td></tr>',
		);
		expect(mail.html).not.toContain('<b>');
	});
});

describe('parseSegments', () => {
	test('empty is the default; a list is trimmed; an unknown name is refused, naming it', () => {
		expect(parseSegments(undefined, SEGMENTS)).toEqual(['at-risk', 'deteriorating']);
		expect(parseSegments(' at-risk , reliable', SEGMENTS)).toEqual(['at-risk', 'reliable']);
		expect(() => parseSegments('at-risk,risky', SEGMENTS)).toThrow(
			'Unknown segment(s) risky: the segments are reliable, slow-but-reliable, deteriorating, at-risk, insufficient-history',
		);
	});
});
