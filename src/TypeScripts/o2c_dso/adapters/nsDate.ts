/**
 * NetSuite date strings ↔ calendar dates. NetSuite hands dates to scripts (search values, date
 * fields, filter values) as text in the user's date-format preference (`M/D/YYYY`, `D.M.YYYY`,
 * `D-Mon-YYYY`, ...); only `N/format` knows that preference, so conversion goes through it.
 *
 * Which time zone N/format and date fields apply to a `Date` is not ours to choose (the user's
 * preference, the server's Pacific zone), so a calendar date travels as noon UTC, which is the same
 * calendar day in every zone from UTC−11 to UTC+11, and a `Date` coming back (midnight in whichever
 * zone) is read as the UTC day of that instant + 12 hours, which is its calendar day in every zone
 * from UTC−12 to UTC+11. Results are cached: a search returns the same few hundred dates thousands
 * of times.
 */
import * as format from 'N/format';
import type { FieldValue } from 'N/record';
import { CalendarDate, calendarDate, dateParts } from '../domain/calendarDate';

const toText = new Map<string, string>();
const fromText = new Map<string, CalendarDate>();

/**
 * A calendar date as the user-format text NetSuite expects in filters and date fields.
 * @example toNsDate(parseCalendarDate('2026-05-04')) // '5/4/2026' with the M/D/YYYY preference
 */
export function toNsDate(d: CalendarDate): string {
	const cached = toText.get(d);
	if (cached !== undefined) return cached;
	const text = String(format.format({ value: toNsDateValue(d), type: format.Type.DATE }));
	toText.set(d, text);
	return text;
}

const HALF_DAY_MS = 12 * 3600 * 1000;

/** The calendar date of a `Date` at midnight in some zone (possibly another realm: no `instanceof`). */
function dateOf(value: unknown, source: string): CalendarDate {
	const v = value as { getTime?: () => number } | null;
	const t = v !== null && typeof v === 'object' && typeof v.getTime === 'function' ? v.getTime() : Number.NaN;
	if (!Number.isFinite(t)) throw new Error(`Not a NetSuite date: ${JSON.stringify(source)}`);
	const noon = new Date(t + HALF_DAY_MS);
	return calendarDate(noon.getUTCFullYear(), noon.getUTCMonth() + 1, noon.getUTCDate());
}

/**
 * User-format date text (a search value or date field) as a calendar date; `''`/null → null.
 * @example fromNsDate('5/4/2026') // '2026-05-04' with the M/D/YYYY preference
 */
export function fromNsDate(text: string | null | undefined): CalendarDate | null {
	if (text === null || text === undefined || text === '') return null;
	const cached = fromText.get(text);
	if (cached !== undefined) return cached;
	const d = dateOf(format.parse({ value: text, type: format.Type.DATE }), text);
	fromText.set(text, d);
	return d;
}

/** Like {@link fromNsDate} but the value must be present. @example requireNsDate(row.getValue('trandate') as string, 'trandate') */
export function requireNsDate(text: string | null | undefined, what: string): CalendarDate {
	const d = fromNsDate(text);
	if (d === null) throw new Error(`Missing date: ${what}`);
	return d;
}

/**
 * A date field value (a `Date` from `record.getValue`, or text) as a calendar date; empty → null.
 * @example fromNsDateValue(rec.getValue({ fieldId: 'custrecord_o2c_ss_date' }))
 */
export function fromNsDateValue(value: FieldValue | undefined): CalendarDate | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'string') return fromNsDate(value);
	return dateOf(value, String(value));
}

/**
 * A calendar date as a `Date` for `record.setValue` on a DATE field or `format.format` (noon UTC).
 * @example rec.setValue({ fieldId: 'custrecord_o2c_ss_date', value: toNsDateValue(d) })
 */
export function toNsDateValue(d: CalendarDate): Date {
	const { year, month, day } = dateParts(d);
	return new Date(Date.UTC(year, month - 1, day, 12, 0, 0));
}
