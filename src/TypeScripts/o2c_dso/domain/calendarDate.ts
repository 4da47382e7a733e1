/**
 * Calendar dates (`YYYY-MM-DD`, no time, no zone) and day arithmetic.
 *
 * A `CalendarDate` is a branded string, so it serialises as itself (JSON, map/reduce keys) and
 * sorts correctly as text. Arithmetic goes through the epoch day (days since 1970-01-01, the same
 * count as `Date.UTC(y, m - 1, d) / 86400000`), computed with integer civil-calendar arithmetic:
 * no `Date` object, no local time, so no time-zone or DST drift, and years 0000–0099 are not
 * remapped to 19xx as `Date.UTC` would. "Today" is never read here: callers pass the as-of date.
 */

declare const calendarDateBrand: unique symbol;

/** A valid proleptic-Gregorian date written `YYYY-MM-DD` (years 0000–9999). */
export type CalendarDate = string & { readonly [calendarDateBrand]: true };

/** Month and day written `MM-DD` (as in the seasonality calendar). */
export type MonthDay = string;

/** Year, month (1–12) and day (1–31) of a calendar date. */
export interface DateParts {
	readonly year: number;
	readonly month: number;
	readonly day: number;
}

const MIN_EPOCH_DAY = -719528; // 0000-01-01
const MAX_EPOCH_DAY = 2932896; // 9999-12-31

/** True for a leap year of the proleptic Gregorian calendar. @example isLeapYear(2024) // true */
export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthLength(year: number, month: number): number {
	return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] as number);
}

function partsOf(text: string): DateParts | null {
	if (scanEpochDay(text) === NOT_A_DATE) return null;
	return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), day: Number(text.slice(8, 10)) };
}

/** What {@link scanEpochDay} returns for text that is no real date (below every valid epoch day). */
const NOT_A_DATE = MIN_EPOCH_DAY - 1;

/** The digit at `text[i]` as 0–9, or −10,000 for any other character (making any sum it enters negative). */
function digitAt(text: string, i: number): number {
	const c = text.charCodeAt(i) - 48;
	return c >= 0 && c <= 9 ? c : -10_000;
}

/**
 * The epoch day of `text` when it is a real date written `YYYY-MM-DD` (exactly ten characters,
 * ASCII digits, the month 01–12, the day within that month, 29 February only in leap years), else
 * {@link NOT_A_DATE}. The one validator of date text: it reads the characters once, with integer
 * arithmetic, and allocates nothing, because the figures over a million invoices convert dates
 * millions of times (README "Performance at scale").
 */
function scanEpochDay(text: string): number {
	if (typeof text !== 'string' || text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45)
		return NOT_A_DATE;
	const year = digitAt(text, 0) * 1000 + digitAt(text, 1) * 100 + digitAt(text, 2) * 10 + digitAt(text, 3);
	const month = digitAt(text, 5) * 10 + digitAt(text, 6);
	const day = digitAt(text, 8) * 10 + digitAt(text, 9);
	if (year < 0 || month < 1 || month > 12 || day < 1 || (day > 28 && day > monthLength(year, month)))
		return NOT_A_DATE;
	// Howard Hinnant's days_from_civil: years start in March so the leap day is last. The year is
	// shifted by one 400-year era (146,097 days) so every division is of a non-negative integer
	// and truncation is the floor.
	const y = (month <= 2 ? year - 1 : year) + 400;
	const era = Math.trunc(y / 400);
	const yoe = y - era * 400;
	const mp = month <= 2 ? month + 9 : month - 3;
	const doy = Math.trunc((153 * mp + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.trunc(yoe / 4) - Math.trunc(yoe / 100) + doy;
	return (era - 1) * 146097 + doe - 719468;
}

function pad(n: number, width: number): string {
	const s = String(n);
	return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** True when `value` is a string holding a real date `YYYY-MM-DD`. @example isCalendarDate('2024-02-30') // false */
export function isCalendarDate(value: unknown): value is CalendarDate {
	return typeof value === 'string' && scanEpochDay(value) !== NOT_A_DATE;
}

/**
 * Validates `YYYY-MM-DD` text; throws an Error naming the bad value otherwise.
 * @example parseCalendarDate('2026-05-04')
 */
export function parseCalendarDate(text: string): CalendarDate {
	if (!isCalendarDate(text)) {
		throw new Error(`Invalid calendar date ${JSON.stringify(text)}: expected a real date written YYYY-MM-DD`);
	}
	return text;
}

/**
 * Builds a date from its parts; throws if they do not form a real date.
 * @example calendarDate(2024, 2, 29) // '2024-02-29'
 */
export function calendarDate(year: number, month: number, day: number): CalendarDate {
	const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
	if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || !isCalendarDate(text)) {
		throw new Error(`Invalid calendar date parts ${String(year)}-${String(month)}-${String(day)}`);
	}
	return text;
}

/** Year, month and day of a date. @example dateParts(d('2026-05-04')) // { year: 2026, month: 5, day: 4 } */
export function dateParts(d: CalendarDate): DateParts {
	const parts = partsOf(d);
	if (parts === null) throw new Error(`Invalid calendar date ${JSON.stringify(d)}`);
	return parts;
}

/**
 * Days since 1970-01-01 (negative before), equal to `Date.UTC(y, m - 1, d) / 86400000`.
 * @example toEpochDay(parseCalendarDate('1970-01-02')) // 1
 */
export function toEpochDay(d: CalendarDate): number {
	const known = EPOCH_DAYS.get(d);
	if (known !== undefined) return known;
	const n = scanEpochDay(d);
	if (n === NOT_A_DATE) throw new Error(`Invalid calendar date ${JSON.stringify(d)}`);
	if (EPOCH_DAYS.size >= EPOCH_DAYS_KEPT) EPOCH_DAYS.clear();
	EPOCH_DAYS.set(d, n);
	return n;
}

/**
 * toEpochDay's results by date text, valid dates only: the adapters hand the core one string per
 * distinct date (nsDate.ts caches them), so the figures over a million invoices look up the same
 * few thousand dates again and again, and a hit costs less than scanning ten characters. Bounded;
 * a pure function's cache, so results never change.
 */
const EPOCH_DAYS = new Map<string, number>();
const EPOCH_DAYS_KEPT = 50_000;

/**
 * The date `epochDay` days after 1970-01-01; throws outside years 0000–9999.
 * @example fromEpochDay(19723) // '2024-01-01'
 */
export function fromEpochDay(epochDay: number): CalendarDate {
	if (!Number.isInteger(epochDay) || epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
		throw new RangeError(`Epoch day ${String(epochDay)} is not an integer within years 0000-9999`);
	}
	// Hinnant's civil_from_days.
	const z = epochDay + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as CalendarDate;
}

/** The date `days` later (earlier when negative). @example addDays(parseCalendarDate('2024-02-28'), 1) // '2024-02-29' */
export function addDays(d: CalendarDate, days: number): CalendarDate {
	if (!Number.isInteger(days)) throw new RangeError(`addDays: ${String(days)} is not a whole number of days`);
	return fromEpochDay(toEpochDay(d) + days);
}

/**
 * Calendar days from `from` to `to` (`to − from`; negative when `to` is earlier).
 * @example daysBetween(parseCalendarDate('2026-01-31'), parseCalendarDate('2026-03-01')) // 29
 */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
	return toEpochDay(to) - toEpochDay(from);
}

/** −1, 0 or 1 as `a` is before, equal to or after `b`; usable in `sort`. @example compareDates(a, b) */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The earliest of the dates. @example minDate(a, b) */
export function minDate(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
	let result = first;
	for (const d of rest) if (d < result) result = d;
	return result;
}

/** The latest of the dates. @example maxDate(a, b) */
export function maxDate(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
	let result = first;
	for (const d of rest) if (d > result) result = d;
	return result;
}

/** Days in a month: of the month containing `d`, or of (`year`, `month` 1–12). @example daysInMonth(2024, 2) // 29 */
export function daysInMonth(d: CalendarDate): number;
export function daysInMonth(year: number, month: number): number;
export function daysInMonth(dOrYear: CalendarDate | number, month?: number): number {
	if (typeof dOrYear === 'number') {
		if (!Number.isInteger(dOrYear) || month === undefined || !Number.isInteger(month) || month < 1 || month > 12) {
			throw new RangeError(`daysInMonth: invalid year/month ${String(dOrYear)}/${String(month)}`);
		}
		return monthLength(dOrYear, month);
	}
	const parts = dateParts(dOrYear);
	return monthLength(parts.year, parts.month);
}

/** First day of the month containing `d`. @example startOfMonth(parseCalendarDate('2024-02-17')) // '2024-02-01' */
export function startOfMonth(d: CalendarDate): CalendarDate {
	const { year, month } = dateParts(d);
	return calendarDate(year, month, 1);
}

/**
 * The same day `months` later (earlier when negative), clamped to the month's last day.
 * @example addMonths(parseCalendarDate('2024-01-31'), 1) // '2024-02-29'
 */
export function addMonths(d: CalendarDate, months: number): CalendarDate {
	if (!Number.isInteger(months)) throw new RangeError(`addMonths: ${String(months)} is not a whole number of months`);
	const { year, month, day } = dateParts(d);
	const index = year * 12 + (month - 1) + months;
	const newYear = Math.floor(index / 12);
	const newMonth = index - newYear * 12 + 1;
	if (newYear < 0 || newYear > 9999) throw new RangeError(`addMonths: result outside years 0000-9999`);
	return calendarDate(newYear, newMonth, Math.min(day, monthLength(newYear, newMonth)));
}

/** Month and day as `MM-DD`. @example monthDay(parseCalendarDate('2026-07-04')) // '07-04' */
export function monthDay(d: CalendarDate): MonthDay {
	return d.slice(5, 10);
}
