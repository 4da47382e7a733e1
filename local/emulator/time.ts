/**
 * Time for the emulator: IANA time-zone arithmetic (Intl only, no dependencies), the user date
 * format (M/D/YYYY and friends) and the execution clock.
 */

export interface ZonedParts {
	year: number;
	month: number; // 1-12
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();

function dtf(timeZone: string): Intl.DateTimeFormat {
	let f = dtfCache.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		dtfCache.set(timeZone, f);
	}
	return f;
}

export function isValidTimeZone(tz: string): boolean {
	try {
		dtf(tz);
		return true;
	} catch {
		return false;
	}
}

/** Wall-clock parts of instant `ms` in `timeZone`. */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
	const offset = hourOffsetMs(ms, timeZone);
	if (offset === null) return intlParts(ms, timeZone);
	const d = new Date(ms + offset);
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hour: d.getUTCHours(),
		minute: d.getUTCMinutes(),
		second: d.getUTCSeconds(),
		millisecond: ((ms % 1000) + 1000) % 1000,
	};
}

const HOUR_MS = 3_600_000;
/** per zone: UTC hour number -> the zone's offset (ms) through that whole hour, null when it changes inside it */
const offsetByHour = new Map<string, Map<number, number | null>>();
const MAX_CACHED_HOURS = 500_000;

/**
 * The zone's offset from UTC through the UTC hour holding `ms`, from Intl at the hour's first and
 * last millisecond: equal means no change of offset inside the hour (a zone never changes twice
 * within an hour), so every instant of it is the UTC time plus that offset; null when it changes
 * there (zonedParts then asks Intl for that instant). Formatting through Intl is slow (a sixteenth
 * of a local run on M went to it, mostly format.parse of dates), and a run asks about few hours.
 */
function hourOffsetMs(ms: number, timeZone: string): number | null {
	const hour = Math.floor(ms / HOUR_MS);
	let byHour = offsetByHour.get(timeZone);
	if (!byHour) {
		byHour = new Map();
		offsetByHour.set(timeZone, byHour);
	}
	const known = byHour.get(hour);
	if (known !== undefined) return known;
	const start = hour * HOUR_MS;
	const first = intlOffsetMs(start, timeZone);
	const offset = first === intlOffsetMs(start + HOUR_MS - 1, timeZone) ? first : null;
	if (byHour.size >= MAX_CACHED_HOURS) byHour.clear();
	byHour.set(hour, offset);
	return offset;
}

function intlOffsetMs(ms: number, timeZone: string): number {
	const p = intlParts(ms, timeZone);
	return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - ms;
}

/** zonedParts straight from Intl (the definition the hour cache above is checked against). */
export function intlParts(ms: number, timeZone: string): ZonedParts {
	const parts = dtf(timeZone).formatToParts(new Date(ms));
	const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
	return {
		year: get('year'),
		month: get('month'),
		day: get('day'),
		hour: get('hour') % 24,
		minute: get('minute'),
		second: get('second'),
		millisecond: ((ms % 1000) + 1000) % 1000,
	};
}

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (New York in winter: -300). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
	const p = zonedParts(ms, timeZone);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
	return Math.round((asUtc - ms) / 60000);
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local time. In a DST gap the
 * time is pushed forward by the gap; in an overlap the earlier instant is chosen.
 */
export function zonedToUtc(
	local: {
		year: number;
		month: number;
		day: number;
		hour?: number;
		minute?: number;
		second?: number;
		millisecond?: number;
	},
	timeZone: string,
): number {
	const naive = Date.UTC(
		local.year,
		local.month - 1,
		local.day,
		local.hour ?? 0,
		local.minute ?? 0,
		local.second ?? 0,
		local.millisecond ?? 0,
	);
	// two candidates around the naive time; pick the one that maps back to the local time
	const o1 = zoneOffsetMinutes(naive - 36e5 * 12, timeZone);
	const o2 = zoneOffsetMinutes(naive + 36e5 * 12, timeZone);
	const candidates = [naive - o1 * 60000, naive - o2 * 60000].sort((a, b) => a - b);
	for (const c of candidates) {
		if (zoneOffsetMinutes(c, timeZone) * 60000 + c === naive) return c;
	}
	// DST gap: no instant shows this local time; move forward by the gap
	return naive - Math.min(o1, o2) * 60000;
}

/** 'YYYY-MM-DD' -> {year, month, day}; throws on anything else. */
export function parseIsoDate(s: string): { year: number; month: number; day: number } {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) throw new Error(`not a YYYY-MM-DD date: ${s}`);
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = Number(m[3]);
	const d = new Date(Date.UTC(year, month - 1, day));
	if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
		throw new Error(`not a calendar date: ${s}`);
	}
	return { year, month, day };
}

export function isoDate(p: { year: number; month: number; day: number }): string {
	return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The calendar date (YYYY-MM-DD) that instant `ms` falls on in `timeZone`. */
export function zonedIsoDate(ms: number, timeZone: string): string {
	return isoDate(zonedParts(ms, timeZone));
}

/** 'HH:MM[:SS][Z]' (SDF starttime) -> {hour, minute, second}. */
export function parseStartTime(s: string): { hour: number; minute: number; second: number } {
	const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?$/i.exec(s.trim());
	if (!m) throw new Error(`not a start time: ${s}`);
	return { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0) };
}

/* ------------------------------------------------------------------ user date format */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

/** The name of month 1..12 in `names` (a month outside that range is a caller's bug). */
function monthName(names: readonly string[], month: number): string {
	const name = names[month - 1];
	if (name === undefined) throw new RangeError(`formatUserDate: month ${month} is not 1..12`);
	return name;
}

/** Date-format tokens NetSuite offers: M/D/YYYY, D/M/YYYY, YYYY/M/D, MM/DD/YYYY, DD.MM.YYYY, D-Mon-YYYY, ... */
const TOKEN_RE = /YYYY|YY|MONTH|Month|Mon|MON|MM|M|DD|D/g;

/** Format a calendar date in a user date format such as 'M/D/YYYY'. */
export function formatUserDate(p: { year: number; month: number; day: number }, fmt: string): string {
	return fmt.replace(TOKEN_RE, (t) => {
		switch (t) {
			case 'YYYY':
				return String(p.year).padStart(4, '0');
			case 'YY':
				return String(p.year % 100).padStart(2, '0');
			case 'MONTH':
				return monthName(MONTHS_LONG, p.month).toUpperCase();
			case 'Month':
				return monthName(MONTHS_LONG, p.month);
			case 'MON':
				return monthName(MONTHS, p.month).toUpperCase();
			case 'Mon':
				return monthName(MONTHS, p.month);
			case 'MM':
				return String(p.month).padStart(2, '0');
			case 'M':
				return String(p.month);
			case 'DD':
				return String(p.day).padStart(2, '0');
			default:
				return String(p.day);
		}
	});
}

/** Parse a date written in a user date format; null when it does not match. */
export function parseUserDate(s: string, fmt: string): { year: number; month: number; day: number } | null {
	const order: string[] = [];
	let re = '';
	let last = 0;
	fmt.replace(TOKEN_RE, (t, offset: number) => {
		re += fmt.slice(last, offset).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
		last = offset + t.length;
		order.push(t);
		if (t === 'YYYY') re += '(\\d{4})';
		else if (t === 'YY') re += '(\\d{2})';
		else if (/^mon/i.test(t)) re += '([A-Za-z]+)';
		else re += '(\\d{1,2})';
		return t;
	});
	re += fmt.slice(last).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	const m = new RegExp(`^${re}$`).exec(s.trim());
	if (!m) return null;
	let year = NaN;
	let month = NaN;
	let day = NaN;
	order.forEach((t, i) => {
		const v = m[i + 1];
		if (v === undefined) throw new Error(`parseUserDate: no group for ${t} in /${re}/`); // one group per token
		if (t === 'YYYY') year = Number(v);
		else if (t === 'YY') year = 2000 + Number(v);
		else if (/^mon/i.test(t)) {
			const idx = (t.length > 3 ? MONTHS_LONG : MONTHS).findIndex((x) => x.toLowerCase() === v.toLowerCase());
			month = idx + 1;
		} else if (t === 'MM' || t === 'M') month = Number(v);
		else day = Number(v);
	});
	if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 1)) return null;
	const d = new Date(Date.UTC(year, month - 1, day));
	if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
	return { year, month, day };
}

/* ------------------------------------------------------------------ clock */

/**
 * The execution clock. It starts at the deployment's scheduled start time on the as-of date and
 * advances by exactly 1 ms each time it is read (`new Date()`, `Date.now()`, a module stamping a
 * record). It never follows the wall clock, so runs are reproducible; it is monotonic, so two
 * readings are always ordered and a loop waiting for time to pass terminates; and it does not
 * pretend work takes time (a script's elapsed-time checks see only its own clock readings).
 */
export class Clock {
	private t: number;
	constructor(startMs: number) {
		this.t = startMs;
	}
	/** read the clock (advances it by 1 ms) */
	now(): number {
		return this.t++;
	}
	/** look without advancing */
	peek(): number {
		return this.t;
	}
	/** move forward to `ms` if it is later (never backwards) */
	advanceTo(ms: number): void {
		if (ms > this.t) this.t = ms;
	}
}
