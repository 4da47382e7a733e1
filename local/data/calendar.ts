/**
 * Calendar-date helpers for the local data tools (loader, generator, CSV importer).
 * Dates are `YYYY-MM-DD` strings; arithmetic goes through the epoch day (days since 1970-01-01,
 * UTC, no time zone). Local tools only: the deployed code has its own `domain/calendarDate.ts`.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY_RE = /^(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86400000;

export function isLeapYear(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
	if (m === 2) return isLeapYear(y) ? 29 : 28;
	return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const dayCache = new Map<string, number | null>();

/** Epoch day of a valid `YYYY-MM-DD` date, or null when the text is not a real calendar date. */
export function parseDay(text: unknown): number | null {
	if (typeof text !== 'string') return null;
	const cached = dayCache.get(text);
	if (cached !== undefined) return cached;
	const day = parseDayUncached(text);
	if (dayCache.size < 100000) dayCache.set(text, day);
	return day;
}

function parseDayUncached(text: string): number | null {
	const m = DATE_RE.exec(text);
	if (!m) return null;
	const y = Number(m[1]);
	const mo = Number(m[2]);
	const d = Number(m[3]);
	if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
	return dayOf(y, mo, d);
}

/** Epoch day of year/month(1-12)/day. */
export function dayOf(y: number, m: number, d: number): number {
	return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** Epoch day of a date that must be valid (throws otherwise). */
export function toDay(text: string): number {
	const d = parseDay(text);
	if (d === null) throw new Error(`${JSON.stringify(text)} is not a calendar date (YYYY-MM-DD)`);
	return d;
}

/**
 * True when the value is a real `YYYY-MM-DD` date. Not a type guard: false does not mean the value
 * is not a string (a string such as `2026-02-30` is rejected too).
 */
export function isCalendarDate(text: unknown): boolean {
	return parseDay(text) !== null;
}

/** `YYYY-MM-DD` of an epoch day. */
export function formatDay(day: number): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(text: string, n: number): string {
	return formatDay(toDay(text) + n);
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
	return (((day + 4) % 7) + 7) % 7;
}

/** Year and month (1-12) of an epoch day. */
export function yearMonthOf(day: number): { year: number; month: number; date: number } {
	const dt = new Date(day * MS_PER_DAY);
	return { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, date: dt.getUTCDate() };
}

/** True for a seasonality `MM-DD` (02-29 allowed). */
export function isMonthDay(text: unknown): boolean {
	if (typeof text !== 'string') return false;
	const m = MONTH_DAY_RE.exec(text);
	if (!m) return false;
	const mo = Number(m[1]);
	const d = Number(m[2]);
	return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(2000, mo);
}

/** Same calendar date `years` earlier/later (02-29 falls back to 02-28). */
export function addYears(text: string, years: number): string {
	const m = DATE_RE.exec(text);
	if (!m || parseDay(text) === null) throw new Error(`${JSON.stringify(text)} is not a calendar date`);
	const y = Number(m[1]) + years;
	const mo = Number(m[2]);
	const d = Math.min(Number(m[3]), daysInMonth(y, mo));
	return formatDay(dayOf(y, mo, d));
}
