/**
 * Calendar dates for the emulated N/search: stored values are `YYYY-MM-DD`; scripts see and pass
 * dates in the user's date format (account preference, default `M/D/YYYY`), or `Date` objects.
 */
import { emulatorLimit, SuiteScriptError, ssError } from './errors';

interface FormatParts {
	order: ('Y' | 'M' | 'D')[];
	pad: { M: boolean; D: boolean };
	seps: string[];
	regex: RegExp;
}

const formatCache = new Map<string, FormatParts>();

function parseFormat(fmt: string): FormatParts {
	const hit = formatCache.get(fmt);
	if (hit) return hit;
	const tokens = /^(YYYY|MM|M|DD|D)([^A-Za-z0-9]+)(YYYY|MM|M|DD|D)([^A-Za-z0-9]+)(YYYY|MM|M|DD|D)$/.exec(fmt);
	if (!tokens)
		throw emulatorLimit(`date format ${JSON.stringify(fmt)} is not supported (numeric Y/M/D formats only)`);
	const parts = [tokens[1], tokens[3], tokens[5]] as string[];
	const order = parts.map((p) => p.charAt(0) as 'Y' | 'M' | 'D');
	if (new Set(order).size !== 3) throw emulatorLimit(`date format ${JSON.stringify(fmt)} is not supported`);
	const seps = [tokens[2] as string, tokens[4] as string];
	const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	const group = (p: string): string => (p === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})');
	const regex = new RegExp(
		`^${group(parts[0] as string)}${esc(seps[0] as string)}${group(parts[1] as string)}${esc(seps[1] as string)}${group(parts[2] as string)}$`,
	);
	const out: FormatParts = {
		order,
		pad: { M: parts.includes('MM'), D: parts.includes('DD') },
		seps,
		regex,
	};
	formatCache.set(fmt, out);
	return out;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' -> user format ('M/D/YYYY' gives '1/5/2026'). */
const formatted = new Map<string, string>();

export function formatDate(iso: string, fmt: string): string {
	const key = `${fmt}|${iso}`;
	const hit = formatted.get(key);
	if (hit !== undefined) return hit;
	const out = formatDateUncached(iso, fmt);
	if (formatted.size > 50000) formatted.clear();
	formatted.set(key, out);
	return out;
}

function formatDateUncached(iso: string, fmt: string): string {
	const m = ISO.exec(iso);
	if (!m) return iso;
	const f = parseFormat(fmt);
	const y = m[1] as string;
	const mo = f.pad.M ? (m[2] as string) : String(Number(m[2]));
	const d = f.pad.D ? (m[3] as string) : String(Number(m[3]));
	const by = { Y: y, M: mo, D: d };
	return `${by[f.order[0] as 'Y']}${f.seps[0]}${by[f.order[1] as 'Y']}${f.seps[1]}${by[f.order[2] as 'Y']}`;
}

function validIso(y: number, m: number, d: number): string | null {
	const t = new Date(Date.UTC(y, m - 1, d));
	if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** user-format string -> 'YYYY-MM-DD', or null when it is not a date in that format. */
export function parseUserDate(text: string, fmt: string): string | null {
	const f = parseFormat(fmt);
	const m = f.regex.exec(text.trim());
	if (!m) return null;
	const v: Record<string, number> = {};
	f.order.forEach((k, i) => {
		v[k] = Number(m[i + 1]);
	});
	return validIso(v.Y as number, v.M as number, v.D as number);
}

/** True for Date objects from any realm (scripts run in a vm context with their own Date). */
export function isDateObject(v: unknown): v is Date {
	return Object.prototype.toString.call(v) === '[object Date]';
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone (the account's), 'YYYY-MM-DD'. */
export function dateInZone(d: Date, timeZone: string): string {
	const t = Date.prototype.getTime.call(d);
	if (Number.isNaN(t)) throw ssError('SSS_INVALID_SRCH_FILTER', 'Invalid Date given as a date filter value');
	let dtf = dtfCache.get(timeZone);
	if (!dtf) {
		try {
			dtf = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		} catch {
			dtf = new Intl.DateTimeFormat('en-CA', {
				timeZone: 'UTC',
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
			});
		}
		dtfCache.set(timeZone, dtf);
	}
	const parts = dtf.formatToParts(new Date(t));
	const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')}`;
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(iso: string, n: number): string {
	const m = ISO.exec(iso);
	if (!m) return iso;
	const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n));
	return t.toISOString().slice(0, 10);
}

export interface DateContext {
	dateFormat: string;
	timezone: string;
	/** 'today' in the account, YYYY-MM-DD */
	today: string;
}

/**
 * A date filter value -> 'YYYY-MM-DD'. Accepts user-format strings, Date objects (their calendar
 * date in the account's time zone), and the relative ids today/yesterday/tomorrow/daysagoN/
 * daysfromnowN (relative to the run's as-of date).
 */
export function toFilterDate(v: unknown, ctx: DateContext, fieldLabel: string): string {
	if (isDateObject(v)) return dateInZone(v, ctx.timezone);
	if (typeof v === 'string') {
		const s = v.trim();
		const parsed = parseUserDate(s, ctx.dateFormat);
		if (parsed) return parsed;
		const lower = s.toLowerCase();
		if (lower === 'today') return ctx.today;
		if (lower === 'yesterday') return addDays(ctx.today, -1);
		if (lower === 'tomorrow') return addDays(ctx.today, 1);
		const rel = /^days(ago|fromnow)(\d+)$/.exec(lower);
		if (rel) return addDays(ctx.today, (rel[1] === 'ago' ? -1 : 1) * Number(rel[2]));
	}
	throw invalidDate(v, ctx, fieldLabel);
}

function invalidDate(v: unknown, ctx: DateContext, fieldLabel: string): SuiteScriptError {
	return ssError(
		'SSS_INVALID_SRCH_FILTER',
		`Invalid date value ${JSON.stringify(v)} for ${fieldLabel}: expected a date in the user's format (${ctx.dateFormat}), a Date, or today/yesterday/tomorrow/daysagoN/daysfromnowN (other relative date ranges are an emulator limit)`,
	);
}
