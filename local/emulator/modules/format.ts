/**
 * N/format: format / parse for DATE, DATETIME, DATETIMETZ (with `timezone`), INTEGER, FLOAT,
 * CURRENCY (and their POS/NONNEG variants), PERCENT, TEXT-like types; Type and Timezone enums.
 *
 * Dates: the user date format is AccountInfo.dateFormat (default M/D/YYYY); DATETIME appends
 * `h:mm am`, DATETIMETZ `h:mm:ss am`. Without `timezone` the user's time zone (the account's)
 * applies. format(DATE) gives the calendar date of the instant in that zone; parse(DATE) gives
 * midnight of that date in that zone, so format(parse(x)) === x.
 * Numbers use the US number format (1,234.50): CURRENCY 2 decimals, INTEGER rounded, FLOAT as
 * given. parse() of text that is not a valid value returns the text unchanged, as NetSuite does.
 */
import type { RuntimeContext } from '../services';
import { missingArg, unsupported } from '../errors';
import { guard, opts, scriptText } from './guard';
import { formatUserDate, isValidTimeZone, parseUserDate, zonedParts, zonedToUtc } from '../time';

const TYPE_VALUES = [
	'ADDRESS',
	'CCEXPDATE',
	'CCNUMBER',
	'CCVALIDFROM',
	'CHECKBOX',
	'CLOBTEXT',
	'COLOR',
	'CURRENCY',
	'CURRENCY2',
	'DATE',
	'DATETIME',
	'DATETIMETZ',
	'DOCUMENT',
	'DYNAMICPRECISION',
	'EMAIL',
	'EMAILS',
	'FLOAT',
	'FULLPHONE',
	'FUNCTION',
	'FURIGANA',
	'IDENTIFIER',
	'IDENTIFIERANYCASE',
	'INTEGER',
	'MMYYDATE',
	'MULTISELECT',
	'NONNEGCURRENCY',
	'NONNEGFLOAT',
	'PACKAGE',
	'PERCENT',
	'PHONE',
	'POSCURRENCY',
	'POSFLOAT',
	'POSINTEGER',
	'RADIO',
	'RATE',
	'RATEHIGHPRECISION',
	'SELECT',
	'TEXT',
	'TEXTAREA',
	'TIME',
	'TIMETRACK',
	'TIMEOFDAY',
	'URL',
];

/** format.Timezone keys (NetSuite's list) -> IANA ids, which are the enum's values. */
const TIMEZONE_KEYS = [
	'ETC_GMT_PLUS_12',
	'PACIFIC_SAMOA',
	'PACIFIC_HONOLULU',
	'AMERICA_ANCHORAGE',
	'AMERICA_LOS_ANGELES',
	'AMERICA_TIJUANA',
	'AMERICA_DENVER',
	'AMERICA_PHOENIX',
	'AMERICA_CHIHUAHUA',
	'AMERICA_CHICAGO',
	'AMERICA_REGINA',
	'AMERICA_GUATEMALA',
	'AMERICA_MEXICO_CITY',
	'AMERICA_NEW_YORK',
	'US_EAST_INDIANA',
	'AMERICA_BOGOTA',
	'AMERICA_CARACAS',
	'AMERICA_HALIFAX',
	'AMERICA_LA_PAZ',
	'AMERICA_MANAUS',
	'AMERICA_SANTIAGO',
	'AMERICA_ST_JOHNS',
	'AMERICA_SAO_PAULO',
	'AMERICA_BUENOS_AIRES',
	'ETC_GMT_PLUS_3',
	'AMERICA_GODTHAB',
	'AMERICA_MONTEVIDEO',
	'AMERICA_NORONHA',
	'ETC_GMT_PLUS_1',
	'ATLANTIC_AZORES',
	'EUROPE_LONDON',
	'GMT',
	'ATLANTIC_REYKJAVIK',
	'EUROPE_WARSAW',
	'EUROPE_PARIS',
	'ETC_GMT_MINUS_1',
	'EUROPE_AMSTERDAM',
	'EUROPE_BUDAPEST',
	'AFRICA_CAIRO',
	'EUROPE_ISTANBUL',
	'ASIA_JERUSALEM',
	'ASIA_AMMAN',
	'ASIA_BEIRUT',
	'AFRICA_JOHANNESBURG',
	'EUROPE_KIEV',
	'EUROPE_MINSK',
	'AFRICA_WINDHOEK',
	'ASIA_RIYADH',
	'EUROPE_MOSCOW',
	'ASIA_BAGHDAD',
	'AFRICA_NAIROBI',
	'ASIA_TEHRAN',
	'ASIA_MUSCAT',
	'ASIA_BAKU',
	'ASIA_YEREVAN',
	'ETC_GMT_MINUS_3',
	'ASIA_KABUL',
	'ASIA_KARACHI',
	'ASIA_YEKATERINBURG',
	'ASIA_TASHKENT',
	'ASIA_CALCUTTA',
	'ASIA_KATMANDU',
	'ASIA_ALMATY',
	'ASIA_DHAKA',
	'ASIA_RANGOON',
	'ASIA_BANGKOK',
	'ASIA_KRASNOYARSK',
	'ASIA_HONG_KONG',
	'ASIA_KUALA_LUMPUR',
	'ASIA_TAIPEI',
	'AUSTRALIA_PERTH',
	'ASIA_IRKUTSK',
	'ASIA_MANILA',
	'ASIA_SEOUL',
	'ASIA_TOKYO',
	'ASIA_YAKUTSK',
	'AUSTRALIA_DARWIN',
	'AUSTRALIA_ADELAIDE',
	'AUSTRALIA_SYDNEY',
	'AUSTRALIA_BRISBANE',
	'AUSTRALIA_HOBART',
	'PACIFIC_GUAM',
	'ASIA_VLADIVOSTOK',
	'ASIA_MAGADAN',
	'PACIFIC_KWAJALEIN',
	'PACIFIC_AUCKLAND',
	'PACIFIC_TONGATAPU',
];

function ianaOf(key: string): string {
	if (key === 'GMT') return 'GMT';
	if (key === 'US_EAST_INDIANA') return 'US/East-Indiana';
	const etc = /^ETC_GMT_(PLUS|MINUS)_(\d+)$/.exec(key);
	if (etc) return `Etc/GMT${etc[1] === 'PLUS' ? '+' : '-'}${etc[2]}`;
	const [region = '', ...rest] = key.split('_'); // split gives at least one part
	const cap = (w: string): string => w.charAt(0) + w.slice(1).toLowerCase();
	return `${cap(region)}/${rest.map(cap).join('_')}`;
}

/** format.Timezone as NetSuite has it: key -> IANA id (only zones this Node's ICU knows). */
export const TIMEZONES: Readonly<Record<string, string>> = Object.fromEntries(
	TIMEZONE_KEYS.map((k) => [k, ianaOf(k)] as const).filter(([, z]) => isValidTimeZone(z)),
);

/** The ICU canonical name of a zone (Asia/Kolkata and Asia/Calcutta are one zone), or null when unknown. */
function canonicalZone(tz: string): string | null {
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
	} catch {
		return null;
	}
}

const NETSUITE_CANONICAL = new Set(Object.values(TIMEZONES).map(canonicalZone));

/**
 * Whether an IANA id names one of NetSuite's zones by another name: a dataset's `Asia/Kolkata` is the
 * account whose Company Information says NetSuite's `Asia/Calcutta`.
 */
export function isNetSuiteZoneAlias(tz: string): boolean {
	const c = canonicalZone(tz);
	return c !== null && NETSUITE_CANONICAL.has(c);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function time12(h: number, m: number, s?: number): string {
	const ampm = h < 12 ? 'am' : 'pm';
	const h12 = h % 12 === 0 ? 12 : h % 12;
	return `${h12}:${pad2(m)}${s === undefined ? '' : `:${pad2(s)}`} ${ampm}`;
}

function groupThousands(intPart: string): string {
	return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatNumber(n: number, decimals: number | null): string {
	const neg = n < 0;
	const abs = Math.abs(n);
	const s = decimals === null ? String(abs) : abs.toFixed(decimals);
	if (/e/i.test(s)) return (neg ? '-' : '') + s;
	const [i = '', f] = s.split('.'); // split gives at least one part
	return `${neg ? '-' : ''}${groupThousands(i)}${f !== undefined ? `.${f}` : ''}`;
}

export function createFormatModule(ctx: RuntimeContext): object {
	const Type: Record<string, string> = {};
	for (const t of TYPE_VALUES) Type[t] = t.toLowerCase();
	const dateFormat = (): string => ctx.account.dateFormat || 'M/D/YYYY';

	const zoneOf = (tz: unknown): string => {
		if (tz === undefined || tz === null || tz === '') return ctx.account.timezone;
		const s = scriptText(tz);
		const iana = TIMEZONES[s];
		if (iana) return iana;
		if (Object.values(TIMEZONES).includes(s)) return s;
		// another name of one of NetSuite's zones (Asia/Kolkata for NetSuite's Asia/Calcutta): the same zone
		if (isNetSuiteZoneAlias(s)) return s;
		return 'GMT'; // "If the time zone is invalid, the time zone is set to GMT."
	};

	function toDate(v: unknown): Date | null {
		if (ctx.svc.isDate(v)) return Number.isNaN(v.getTime()) ? null : v;
		return null;
	}

	function format(options?: unknown): unknown {
		const o = opts(options);
		if (!('value' in o)) throw missingArg('format.format', 'value');
		if (o.type === undefined) throw missingArg('format.format', 'type');
		const type = scriptText(o.type).toLowerCase();
		const v = o.value;
		switch (type) {
			case 'date':
			case 'datetime':
			case 'datetimetz': {
				const d = toDate(v);
				if (!d && typeof v === 'string') return v; // already text
				if (!d) return v;
				const p = zonedParts(d.getTime(), zoneOf(o.timezone));
				const date = formatUserDate(p, dateFormat());
				if (type === 'date') return date;
				return `${date} ${type === 'datetime' ? time12(p.hour, p.minute) : time12(p.hour, p.minute, p.second)}`;
			}
			case 'integer':
			case 'posinteger': {
				const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
				return Number.isFinite(n) ? formatNumber(Math.round(n), 0) : v;
			}
			case 'currency':
			case 'currency2':
			case 'poscurrency':
			case 'nonnegcurrency': {
				const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
				return Number.isFinite(n) ? formatNumber(n, 2) : v;
			}
			case 'float':
			case 'posfloat':
			case 'nonnegfloat':
			case 'rate':
			case 'ratehighprecision': {
				const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
				return Number.isFinite(n) ? formatNumber(n, null) : v;
			}
			case 'percent': {
				const n = typeof v === 'number' ? v : Number(String(v).replace(/[,%]/g, ''));
				return Number.isFinite(n) ? `${formatNumber(n, null)}%` : v;
			}
			case 'text':
			case 'textarea':
			case 'email':
			case 'url':
			case 'phone':
			case 'clobtext':
				return v === null || v === undefined ? '' : scriptText(v);
			case 'checkbox':
				return v === true || v === 'T' ? 'T' : 'F';
			default:
				throw unsupported(`format.format for type ${type}`);
		}
	}

	function parse(options?: unknown): unknown {
		const o = opts(options);
		if (!('value' in o)) throw missingArg('format.parse', 'value');
		if (o.type === undefined) throw missingArg('format.parse', 'type');
		const type = scriptText(o.type).toLowerCase();
		const v = o.value;
		if (toDate(v)) return v;
		if (typeof v !== 'string') return v;
		const s = v.trim();
		switch (type) {
			case 'date': {
				const p = parseUserDate(s, dateFormat());
				return p ? ctx.svc.newDate(zonedToUtc(p, zoneOf(o.timezone))) : v;
			}
			case 'datetime':
			case 'datetimetz': {
				const m = /^(.*?)\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)$/i.exec(s);
				const p = parseUserDate(m?.[1] ?? s, dateFormat());
				if (!p) return v;
				let hour = 0;
				let minute = 0;
				let second = 0;
				if (m) {
					hour = (Number(m[2]) % 12) + (m[5]?.toLowerCase() === 'pm' ? 12 : 0);
					minute = Number(m[3]);
					second = Number(m[4] ?? 0);
				}
				return ctx.svc.newDate(zonedToUtc({ ...p, hour, minute, second }, zoneOf(o.timezone)));
			}
			case 'integer':
			case 'posinteger': {
				const c = s.replace(/,/g, '');
				return /^-?\d+$/.test(c) ? parseInt(c, 10) : v;
			}
			case 'currency':
			case 'currency2':
			case 'poscurrency':
			case 'nonnegcurrency':
			case 'float':
			case 'posfloat':
			case 'nonnegfloat':
			case 'rate':
			case 'ratehighprecision': {
				const c = s.replace(/,/g, '');
				return /^-?(\d+\.?\d*|\.\d+)$/.test(c) ? parseFloat(c) : v;
			}
			case 'percent': {
				const c = s.replace(/,/g, '').replace(/%$/, '');
				return /^-?(\d+\.?\d*|\.\d+)$/.test(c) ? parseFloat(c) : v;
			}
			case 'text':
			case 'textarea':
			case 'email':
			case 'url':
			case 'phone':
			case 'clobtext':
				return v;
			case 'checkbox':
				return s === 'T';
			default:
				throw unsupported(`format.parse for type ${type}`);
		}
	}

	return guard('N/format', {
		format,
		parse,
		Type: guard('format.Type', Type),
		Timezone: guard('format.Timezone', { ...TIMEZONES }),
	});
}
