/**
 * Unit layer (Oracle's stubs): the DSO alert reads the night's stored subsidiary snapshots back
 * through N/search. Fed the values as a search returns them (CURRENCY and FLOAT fields as decimal
 * text, an empty field as '' or null, a DATE as text in the user's format), the adapter must hand
 * the use case minor units in the snapshot's currency, null for an empty figure, and name the
 * snapshot it cannot read.
 */
import * as format from 'N/format';
import * as search from 'N/search';
import { createAlertPorts } from '../../src/TypeScripts/o2c_dso/adapters/alerts/nsPorts';
import { parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';

const MAY4 = parseCalendarDate('2026-05-04');
const APR4 = parseCalendarDate('2026-04-04');

jest.mock('N/format');
jest.mock('N/search');
jest.mock('N/email');
jest.mock('N/record');
jest.mock('N/url');

const create = search.create as unknown as jest.Mock<unknown, [{ type: string; filters: unknown; columns: unknown[] }]>;

/** The user's date preference, M/D/YYYY, as N/format writes a Date. */
function programFormat(): void {
	(format.format as unknown as jest.Mock).mockImplementation((o: { value: Date }) => {
		const d = new Date(o.value);
		return `${String(d.getUTCMonth() + 1)}/${String(d.getUTCDate())}/${String(d.getUTCFullYear())}`;
	});
}

/** A search whose one page holds these rows (column name → value as getValue returns it). */
function searchReturning(rows: { id: string; values: Record<string, unknown> }[]): void {
	create.mockImplementation((o) => ({
		...o,
		runPaged: () => ({
			pageRanges: rows.length === 0 ? [] : [{ index: 0 }],
			fetch: () => ({
				data: rows.map((r) => ({
					id: r.id,
					getValue: (c: string | { name: string }) => r.values[typeof c === 'string' ? c : c.name] ?? null,
				})),
			}),
		}),
	}));
}

const STORED = {
	custrecord_o2c_ss_date: '5/4/2026',
	custrecord_o2c_ss_currency: 'EUR',
	custrecord_o2c_ss_window: '30',
	custrecord_o2c_ss_ar_balance: '1066046.71',
	custrecord_o2c_ss_ar_prior: '1038947.36',
	custrecord_o2c_ss_unapplied: '25477.99',
	custrecord_o2c_ss_sales_this: '559271.70',
	custrecord_o2c_ss_sales_prior: '689810.70',
	custrecord_o2c_ss_dso: '57.18',
	custrecord_o2c_ss_dso_prior: '',
	custrecord_o2c_ss_ag_current: '587678.56',
	custrecord_o2c_ss_ag_1_30: '344657.24',
	custrecord_o2c_ss_ag_31_60: '62803.28',
	custrecord_o2c_ss_ag_61_90: '19928.55',
	custrecord_o2c_ss_ag_90_plus: '76457.07',
	custrecord_o2c_ss_terms_mix: '[{"label":"Net 30","days":30,"amount":398085.07}]',
	custrecord_o2c_ss_cash_app_rate: '0.9997',
	custrecord_o2c_ss_lead_time: null,
};

beforeEach(() => {
	jest.clearAllMocks();
	(search.createColumn as unknown as jest.Mock).mockImplementation((o: unknown) => o);
	programFormat();
});

describe("the alert's stored snapshots (N/search → AlertSnapshot)", () => {
	it('reads decimal text as minor units of the stored currency, an empty figure as null', () => {
		searchReturning([{ id: '41', values: STORED }]);
		const got = createAlertPorts(7).snapshots(3, [MAY4]);
		expect([...got.keys()]).toEqual(['2026-05-04']);
		expect(got.get(MAY4)).toEqual({
			date: '2026-05-04',
			windowDays: 30,
			currency: 'EUR',
			arMinor: 106604671,
			arPriorMinor: 103894736,
			unappliedMinor: 2547799,
			salesThisMinor: 55927170,
			salesPriorMinor: 68981070,
			dso: 57.18,
			dsoPrior: null,
			aging: {
				current: 58767856,
				'1-30': 34465724,
				'31-60': 6280328,
				'61-90': 1992855,
				'90+': 7645707,
			},
			termsMix: [{ label: 'Net 30', days: 30, amountMinor: 39808507 }],
			cashApplicationRate: 0.9997,
			leadTimeDays: null,
		});
	});
	it("asks for the subsidiary's active snapshots at exactly the dates, keys ORed", () => {
		searchReturning([]);
		expect(createAlertPorts(7).snapshots(3, [MAY4, APR4]).size).toBe(0);
		const [{ type, filters }] = create.mock.calls[0]!;
		expect(type).toBe('customrecord_o2c_sub_snapshot');
		expect(filters).toEqual([
			['isinactive', 'is', 'F'],
			'AND',
			['custrecord_o2c_ss_subsidiary', 'anyof', '3'],
			'AND',
			[['custrecord_o2c_ss_key', 'is', '3:2026-05-04'], 'OR', ['custrecord_o2c_ss_key', 'is', '3:2026-04-04']],
		]);
	});
	it('no dates: no search at all', () => {
		expect(createAlertPorts(7).snapshots(3, []).size).toBe(0);
		expect(create).not.toHaveBeenCalled();
	});
	it('a snapshot without a currency names its record, subsidiary, day and field', () => {
		searchReturning([{ id: '41', values: { ...STORED, custrecord_o2c_ss_currency: '' } }]);
		expect(() => createAlertPorts(7).snapshots(3, [MAY4])).toThrow(
			'Snapshot 41 of subsidiary 3 at 2026-05-04 has no currency (custrecord_o2c_ss_currency)',
		);
	});
});
