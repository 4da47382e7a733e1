/**
 * NetSuite date strings ↔ calendar dates. NetSuite hands dates to scripts (search values, date
 * fields, filter values) as text in the user's date-format preference (`M/D/YYYY`, `D.M.YYYY`,
 * `D-Mon-YYYY`, ...); only `N/format` knows that preference.
 *
 * A calendar date must never travel as a `Date` instant guessed by this code: which zone N/format
 * and date fields apply to a `Date` is the account's, and no single instant is the same calendar
 * day from UTC−12 to UTC+14 (noon UTC is already tomorrow in Auckland in summer, UTC+13). So the
 * preference is learned once per execution from N/format itself (two reference dates formatted, 0
 * units: the order of year, month and day, numbers or month names, padding, separators) and text is
 * read and written with it, without any instant. Where a `Date` is needed (a DATE field), it is the
 * one N/format parses from the text, so NetSuite's own conversion decides the instant. A format the
 * learning does not recognise falls back to parsing through N/format (correct from UTC−12 to
 * UTC+11). Results are cached: a search returns the same few hundred dates thousands of times.
 */
import * as format from 'N/format';
import type { FieldValue } from 'N/record';
import { CalendarDate, calendarDate, dateParts } from '../domain/calendarDate';

const toText = new Map<string, string>();
const fromText = new Map<string, CalendarDate>();

/** The user's date format as learned from N/format. */
interface DatePattern {
	/** field order, e.g. ['m', 'd', 'y'] */
	readonly order: readonly ('y' | 'm' | 'd')[];
	/** text before, between and after the fields (order.length + 1 parts) */
	readonly literals: readonly string[];
	/** month as a number, or names (1-based index into `names`) */
	readonly months: 'number' | readonly string[];
	readonly padMonth: boolean;
	readonly padDay: boolean;
	readonly twoDigitYear: boolean;
}

const HALF_DAY_MS = 12 * 3600 * 1000;
const TOKEN = /\d+|[^\d\s.,/-]+/;

/** Fields and literals of a formatted date. */
function split(text: string): { tokens: string[]; literals: string[] } {
	const tokens: string[] = [];
	const literals: string[] = [];
	let last = 0;
	const re = new RegExp(TOKEN.source, 'g');
	for (let m = re.exec(text); m !== null; m = re.exec(text)) {
		literals.push(text.slice(last, m.index));
		tokens.push(m[0]);
		last = m.index + m[0].length;
	}
	literals.push(text.slice(last));
	return { tokens, literals };
}

function formatted(year: number, month: number, day: number): string {
	return String(format.format({ value: new Date(Date.UTC(year, month - 1, day, 12)), type: format.Type.DATE }));
}

let pattern: DatePattern | null | undefined;

/**
 * Learns the preference from 22 November 2033 and 5 January 2033 (noon UTC: that day, or the next
 * one east of UTC+12, in every zone), and the month names when they are names. Null when the text
 * is not three fields.
 */
function learn(): DatePattern | null {
	const a = split(formatted(2033, 11, 22));
	const b = split(formatted(2033, 1, 5));
	if (a.tokens.length !== 3 || b.tokens.length !== 3) return null;
	const order: ('y' | 'm' | 'd')[] = [];
	let months: DatePattern['months'] = 'number';
	a.tokens.forEach((t) => {
		if (t === '2033' || t === '33') order.push('y');
		else if (t === '11' || !/^\d+$/.test(t)) order.push('m');
		else order.push('d');
	});
	if (order.join('').length !== 3 || new Set(order).size !== 3) return null;
	const mi = order.indexOf('m');
	const di = order.indexOf('d');
	if (!/^\d+$/.test(a.tokens[mi] as string)) {
		const names: string[] = [];
		for (let m = 1; m <= 12; m++) names.push(split(formatted(2033, m, 15)).tokens[mi] ?? '');
		if (new Set(names.map((n) => n.toLowerCase())).size !== 12) return null;
		months = names;
	}
	return {
		order,
		literals: a.literals,
		months,
		padMonth: months === 'number' && (b.tokens[mi] ?? '').length === 2,
		padDay: (b.tokens[di] ?? '').length === 2,
		twoDigitYear: a.tokens[order.indexOf('y')] === '33',
	};
}

function datePattern(): DatePattern | null {
	if (pattern === undefined) pattern = learn();
	return pattern;
}

/** The calendar date of a `Date` at midnight in some zone (possibly another realm: no `instanceof`). */
function dateOf(value: unknown, source: string): CalendarDate {
	const v = value as { getTime?: () => number } | null;
	const t = v !== null && typeof v === 'object' && typeof v.getTime === 'function' ? v.getTime() : Number.NaN;
	if (!Number.isFinite(t)) throw new Error(`Not a NetSuite date: ${JSON.stringify(source)}`);
	const noon = new Date(t + HALF_DAY_MS);
	return calendarDate(noon.getUTCFullYear(), noon.getUTCMonth() + 1, noon.getUTCDate());
}

function parseWith(p: DatePattern, text: string): CalendarDate {
	const { tokens } = split(text.trim());
	if (tokens.length !== 3) throw new Error(`Not a NetSuite date: ${JSON.stringify(text)}`);
	let year = Number.NaN;
	let month = Number.NaN;
	let day = Number.NaN;
	p.order.forEach((f, i) => {
		const t = tokens[i] as string;
		if (f === 'y') year = p.twoDigitYear && t.length <= 2 ? 2000 + Number(t) : Number(t);
		else if (f === 'd') day = Number(t);
		else if (p.months === 'number') month = Number(t);
		else month = p.months.findIndex((n) => n.toLowerCase() === t.toLowerCase()) + 1;
	});
	if (!(Number.isInteger(year) && month >= 1 && Number.isInteger(day)))
		throw new Error(`Not a NetSuite date: ${JSON.stringify(text)}`);
	return calendarDate(year, month, day); // throws for 31 April and the like
}

function formatWith(p: DatePattern, d: CalendarDate): string {
	const { year, month, day } = dateParts(d);
	const field = (f: 'y' | 'm' | 'd'): string => {
		if (f === 'y') return p.twoDigitYear ? String(year % 100).padStart(2, '0') : String(year);
		if (f === 'd') return p.padDay ? String(day).padStart(2, '0') : String(day);
		if (p.months !== 'number') return p.months[month - 1] as string;
		return p.padMonth ? String(month).padStart(2, '0') : String(month);
	};
	return p.order.reduce((s, f, i) => s + field(f) + (p.literals[i + 1] as string), p.literals[0] as string);
}

/**
 * A calendar date as the user-format text NetSuite expects in filters and date fields.
 * @example toNsDate(parseCalendarDate('2026-05-04')) // '5/4/2026' with the M/D/YYYY preference
 */
export function toNsDate(d: CalendarDate): string {
	const cached = toText.get(d);
	if (cached !== undefined) return cached;
	const p = datePattern();
	const { year, month, day } = dateParts(d);
	const text =
		p !== null
			? formatWith(p, d)
			: String(format.format({ value: new Date(Date.UTC(year, month - 1, day, 12)), type: format.Type.DATE }));
	toText.set(d, text);
	return text;
}

/**
 * User-format date text (a search value or date field) as a calendar date; `''`/null → null.
 * @example fromNsDate('5/4/2026') // '2026-05-04' with the M/D/YYYY preference
 */
export function fromNsDate(text: string | null | undefined): CalendarDate | null {
	if (text === null || text === undefined || text === '') return null;
	const cached = fromText.get(text);
	if (cached !== undefined) return cached;
	const p = datePattern();
	const d = p !== null ? parseWith(p, text) : dateOf(format.parse({ value: text, type: format.Type.DATE }), text);
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
 * A `Date` is read back through N/format, the account's own conversion.
 * @example fromNsDateValue(rec.getValue({ fieldId: 'custrecord_o2c_ss_date' }))
 */
export function fromNsDateValue(value: FieldValue | undefined): CalendarDate | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'string') return fromNsDate(value);
	if (datePattern() === null) return dateOf(value, String(value));
	return fromNsDate(String(format.format({ value: value as Date, type: format.Type.DATE })));
}

/**
 * A calendar date as a `Date` for `record.setValue` on a DATE field: the instant N/format parses the
 * date's text to, so the field holds that calendar day whatever the zone.
 * @example rec.setValue({ fieldId: 'custrecord_o2c_ss_date', value: toNsDateValue(d) })
 */
export function toNsDateValue(d: CalendarDate): Date {
	const parsed: unknown = format.parse({ value: toNsDate(d), type: format.Type.DATE });
	const t = (parsed as { getTime?: () => number } | null)?.getTime?.();
	if (typeof t === 'number' && Number.isFinite(t)) return parsed as Date;
	const { year, month, day } = dateParts(d);
	return new Date(Date.UTC(year, month - 1, day, 12, 0, 0));
}
