/**
 * Calendar dates ↔ NetSuite date text (adapters/nsDate.ts) in every zone from UTC−12 to UTC+14
 * and the user date formats NetSuite offers, with the emulator's N/format standing in for
 * NetSuite's. Found by the nightly chain in Auckland in summer (UTC+13): reading a date as "the UTC
 * day of a Date + 12 hours" put every date of the night one day early there.
 */
import { createFormatModule } from '../../local/emulator/modules/format';
import type { RuntimeContext } from '../../local/emulator/services';
import { parseCalendarDate as d } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';

type NsDate = typeof import('../../src/TypeScripts/o2c_dso/adapters/nsDate');

/** nsDate loaded fresh over an N/format for this zone and date format (it learns the format once). */
function nsDateFor(timezone: string, dateFormat: string): NsDate {
	const ctx = {
		account: { name: 'T', timezone, dateFormat, features: [], asOf: '2026-01-01' },
		svc: { isDate: (v: unknown): v is Date => v instanceof Date, newDate: (ms: number) => new Date(ms) },
	} as unknown as RuntimeContext;
	const formatModule = createFormatModule(ctx);
	let mod: NsDate | undefined;
	jest.isolateModules(() => {
		jest.doMock('N/format', () => formatModule, { virtual: true });
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance per zone and format
		mod = require('../../src/TypeScripts/o2c_dso/adapters/nsDate') as NsDate;
	});
	if (!mod) throw new Error('nsDate did not load');
	return mod;
}

const ZONES = [
	'Pacific/Pago_Pago',
	'America/Los_Angeles',
	'Europe/London',
	'Asia/Kolkata',
	'Pacific/Auckland',
	'Pacific/Kiritimati',
];
const DATES = ['2026-01-01', '2026-02-28', '2026-03-08', '2026-04-05', '2026-12-31', '2024-02-29'];

describe.each(ZONES)('in %s', (tz) => {
	it.each([
		['M/D/YYYY', '2026-04-05', '4/5/2026'],
		['D.M.YYYY', '2026-04-05', '5.4.2026'],
		['DD/MM/YYYY', '2026-04-05', '05/04/2026'],
		['YYYY-MM-DD', '2026-04-05', '2026-04-05'],
		['D-Mon-YYYY', '2026-04-05', '5-Apr-2026'],
		['DD MONTH, YYYY', '2026-11-22', '22 NOVEMBER, 2026'],
	])('%s: %s is %s, both ways', (fmt, date, text) => {
		const ns = nsDateFor(tz, fmt);
		expect(ns.toNsDate(d(date))).toBe(text);
		expect(ns.fromNsDate(text)).toBe(date);
	});

	it('a date field value (a Date) holds the same calendar day, in and out', () => {
		const ns = nsDateFor(tz, 'M/D/YYYY');
		for (const x of DATES) expect(ns.fromNsDateValue(ns.toNsDateValue(d(x)))).toBe(x);
	});
});
