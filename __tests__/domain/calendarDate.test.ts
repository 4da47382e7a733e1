import fc from 'fast-check';
import {
	addDays,
	addMonths,
	calendarDate,
	compareDates,
	dateParts,
	daysBetween,
	daysInMonth,
	fromEpochDay,
	isCalendarDate,
	isLeapYear,
	maxDate,
	minDate,
	monthDay,
	parseCalendarDate,
	startOfMonth,
	toEpochDay,
} from '../../src/TypeScripts/o2c_dso/domain/calendarDate';

const d = parseCalendarDate;

describe('parseCalendarDate / isCalendarDate', () => {
	it.each(['2026-05-04', '2024-02-29', '2000-02-29', '1970-01-01', '0001-01-01', '9999-12-31', '2026-12-31'])(
		'accepts %s',
		(text) => {
			expect(isCalendarDate(text)).toBe(true);
			expect(parseCalendarDate(text)).toBe(text);
		},
	);
	it.each([
		'2023-02-29',
		'1900-02-29',
		'2026-04-31',
		'2026-13-01',
		'2026-00-10',
		'2026-01-00',
		'2026-1-5',
		'5/4/2026',
		'2026-05-04T00:00:00Z',
		'',
		' 2026-05-04',
	])('rejects %p, naming it', (text) => {
		expect(isCalendarDate(text)).toBe(false);
		expect(() => parseCalendarDate(text)).toThrow(JSON.stringify(text));
	});
	it('rejects non-strings', () => {
		expect(isCalendarDate(20260504)).toBe(false);
		expect(isCalendarDate(null)).toBe(false);
		expect(() => parseCalendarDate(undefined as unknown as string)).toThrow(/Invalid calendar date/);
	});
	it('calendarDate builds and validates from parts', () => {
		expect(calendarDate(2024, 2, 29)).toBe('2024-02-29');
		expect(calendarDate(5, 1, 9)).toBe('0005-01-09');
		expect(() => calendarDate(2023, 2, 29)).toThrow(/2023-2-29/);
		expect(() => calendarDate(2023, 1.5, 1)).toThrow();
		expect(dateParts(d('2026-05-04'))).toEqual({ year: 2026, month: 5, day: 4 });
	});
});

describe('epoch days', () => {
	it.each([
		['1970-01-01', 0],
		['1970-01-02', 1],
		['1969-12-31', -1],
		['2000-03-01', 11017],
		['2024-01-01', 19723],
		['0000-01-01', -719528],
		['9999-12-31', 2932896],
	])('%s is epoch day %p', (text, day) => {
		expect(toEpochDay(d(text))).toBe(day);
		expect(fromEpochDay(day)).toBe(text);
	});
	it('matches Date.UTC for any date of years 100-9999', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(100, 0, 1) / 864e5, max: Date.UTC(9999, 11, 31) / 864e5 }),
				(day) => {
					const iso = new Date(day * 864e5).toISOString().slice(0, 10);
					expect(fromEpochDay(day)).toBe(iso);
					expect(toEpochDay(d(iso))).toBe(day);
				},
			),
		);
	});
	it.each([[0.5], [-719529], [2932897], [Number.NaN]])('fromEpochDay rejects %p', (n) => {
		expect(() => fromEpochDay(n)).toThrow(RangeError);
	});
});

describe('day arithmetic', () => {
	it.each([
		['2024-02-28', 1, '2024-02-29'],
		['2024-02-29', 1, '2024-03-01'],
		['2023-02-28', 1, '2023-03-01'],
		['2026-12-31', 1, '2027-01-01'],
		['2027-01-01', -1, '2026-12-31'],
		['2026-05-04', -30, '2026-04-04'],
		['2026-05-04', 0, '2026-05-04'],
		['2026-03-08', 1, '2026-03-09'], // US DST start: no drift
		['2026-11-01', 1, '2026-11-02'], // US DST end
	])('addDays(%s, %p) = %s', (from, n, to) => {
		expect(addDays(d(from), n)).toBe(to);
		expect(daysBetween(d(from), d(to))).toBe(n);
	});
	it.each([
		['2026-01-31', '2026-03-01', 29],
		['2024-01-31', '2024-03-01', 30],
		['2025-05-04', '2026-05-04', 365],
		['2023-05-04', '2024-05-04', 366],
		['2026-05-04', '2026-04-04', -30],
	])('daysBetween(%s, %s) = %p', (from, to, n) => {
		expect(daysBetween(d(from), d(to))).toBe(n);
	});
	it('addDays rejects fractions', () => {
		expect(() => addDays(d('2026-01-01'), 0.5)).toThrow(RangeError);
	});
	it('addDays and daysBetween round-trip', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -200000, max: 200000 }),
				fc.integer({ min: -100000, max: 100000 }),
				(start, n) => {
					const from = fromEpochDay(start);
					const to = addDays(from, n);
					expect(daysBetween(from, to)).toBe(n);
					expect(addDays(to, -n)).toBe(from);
					expect(compareDates(to, from)).toBe(n === 0 ? 0 : Math.sign(n));
				},
			),
		);
	});
});

describe('comparisons', () => {
	const a = d('2026-01-05');
	const b = d('2026-01-20');
	const c = d('2025-12-31');
	it('compareDates, minDate, maxDate', () => {
		expect([compareDates(a, b), compareDates(b, b), compareDates(b, a)]).toEqual([-1, 0, 1]);
		expect([b, a, c].sort(compareDates)).toEqual([c, a, b]);
		expect(minDate(a, b, c)).toBe(c);
		expect(maxDate(a, b, c)).toBe(b);
		expect(minDate(a)).toBe(a);
	});
});

describe('months', () => {
	it.each<[number, number, number]>([
		[2024, 2, 29],
		[2023, 2, 28],
		[1900, 2, 28],
		[2000, 2, 29],
		[2026, 4, 30],
		[2026, 12, 31],
	])('daysInMonth(%p, %p) = %p', (y, m, n) => {
		expect(daysInMonth(y, m)).toBe(n);
		expect(daysInMonth(calendarDate(y, m, 1))).toBe(n);
	});
	it('daysInMonth rejects a bad month', () => {
		expect(() => daysInMonth(2026, 13)).toThrow(RangeError);
	});
	it.each([
		[2024, true],
		[2023, false],
		[1900, false],
		[2000, true],
	])('isLeapYear(%p) = %p', (y, leap) => {
		expect(isLeapYear(y)).toBe(leap);
	});
	it.each([
		['2024-02-17', '2024-02-01', '2024-02-29'],
		['2023-02-01', '2023-02-01', '2023-02-28'],
		['2026-12-31', '2026-12-01', '2026-12-31'],
	])('month start of %s', (text, start, end) => {
		expect(startOfMonth(d(text))).toBe(start);
		// the last day: the day before the next month's first
		expect(addDays(startOfMonth(addMonths(d(text), 1)), -1)).toBe(end);
	});
	it.each([
		['2024-01-31', 1, '2024-02-29'],
		['2023-01-31', 1, '2023-02-28'],
		['2024-03-31', -1, '2024-02-29'],
		['2026-05-04', 12, '2027-05-04'],
		['2026-01-15', -1, '2025-12-15'],
		['2026-01-15', -13, '2024-12-15'],
		['2024-02-29', 12, '2025-02-28'],
		['2026-05-31', 0, '2026-05-31'],
	])('addMonths(%s, %p) = %s', (from, n, to) => {
		expect(addMonths(d(from), n)).toBe(to);
	});
	it.each([
		['2026-07-04', '07-04'],
		['2024-02-29', '02-29'],
		['2026-12-31', '12-31'],
	])('monthDay(%s) = %s', (text, md) => {
		expect(monthDay(d(text))).toBe(md);
	});
});

/**
 * toEpochDay and isCalendarDate read the characters directly (no regular expression, no Date, no
 * cache). An independent oracle: the pattern YYYY-MM-DD of ASCII digits, then a UTC Date built from
 * the parts must give the same parts back (no rollover such as 2023-02-29 → 03-01).
 */
function oracleEpochDay(text: string): number | null {
	const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
	if (m === null) return null;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const t = new Date(0);
	t.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years 0-99 as written
	if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
	return t.getTime() / 864e5;
}

/** What toEpochDay does with `text`: its epoch day, or the message it throws. */
function outcome(f: () => number): number | string {
	try {
		return f();
	} catch (e) {
		return (e as Error).message;
	}
}

/** Checks one text against the oracle (a plain comparison per text: expect's `toThrow` is slow in a loop of thousands). */
function expectSameAsOracle(text: string): void {
	const expected = oracleEpochDay(text);
	const got = {
		valid: isCalendarDate(text),
		epochDay: outcome(() => toEpochDay(text as never)),
		parsed: outcome(() => (parseCalendarDate(text) === text ? 0 : 1)),
		parts: expected === null ? null : dateParts(d(text)),
	};
	const want = {
		valid: expected !== null,
		epochDay: expected ?? `Invalid calendar date ${JSON.stringify(text)}`,
		parsed:
			expected === null
				? `Invalid calendar date ${JSON.stringify(text)}: expected a real date written YYYY-MM-DD`
				: 0,
		parts:
			expected === null
				? null
				: { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), day: Number(text.slice(8)) },
	};
	if (JSON.stringify(got) !== JSON.stringify(want)) expect({ text, ...got }).toEqual({ text, ...want });
}

describe('date text → epoch day, against an independent oracle', () => {
	const pad = (n: number, w: number): string =>
		n < 0 ? '-' + String(-n).padStart(w - 1, '0') : String(n).padStart(w, '0');
	it('agrees on every month and day number around the valid ranges, in leap and common years', () => {
		for (const year of [0, 1, 4, 99, 100, 400, 1600, 1900, 1970, 2000, 2023, 2024, 2100, 9996, 9999])
			for (let month = 0; month <= 13; month++)
				for (let day = 0; day <= 32; day++)
					expectSameAsOracle(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
	});
	it('agrees on generated parts, including impossible months and days', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 9999 }),
				fc.integer({ min: -1, max: 99 }),
				fc.integer({ min: -1, max: 99 }),
				(year, month, day) => {
					expectSameAsOracle(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
				},
			),
			{ numRuns: 5_000 },
		);
	});
	it('agrees on valid dates with one character replaced, inserted or removed', () => {
		const other = fc.constantFrom('0', '9', '-', '/', ':', ' ', 'a', '\n', '٣', '３', '\u0000', '+', '.');
		fc.assert(
			fc.property(
				fc.integer({ min: -719528, max: 2932896 }),
				fc.integer({ min: 0, max: 10 }),
				other,
				fc.constantFrom('replace', 'insert', 'remove'),
				(epochDay, at, c, how) => {
					const text = fromEpochDay(epochDay);
					const cut = how === 'insert' ? at : at + 1;
					const mutated = text.slice(0, at) + (how === 'remove' ? '' : c) + text.slice(cut);
					expectSameAsOracle(mutated);
				},
			),
			{ numRuns: 5_000 },
		);
	});
	it('agrees on arbitrary short strings of date characters', () => {
		fc.assert(
			fc.property(
				fc.string({
					unit: fc.constantFrom('0', '1', '2', '3', '9', '-', '/', ':', ' '),
					minLength: 8,
					maxLength: 12,
				}),
				(text) => {
					expectSameAsOracle(text);
				},
			),
			{ numRuns: 5_000 },
		);
	});
	it('rejects text around a real date and digits that are not ASCII', () => {
		for (const text of [
			'2026-05-04\n',
			'\n2026-05-04',
			'2026-05-04 ',
			'٢٠٢٦-٠٥-٠٤',
			'２０２６-０５-０４',
			'+2026-05-04',
			'2026-5-004',
		])
			expectSameAsOracle(text);
		expect(() => toEpochDay(undefined as never)).toThrow('Invalid calendar date undefined');
		expect(() => toEpochDay(20260504 as never)).toThrow('Invalid calendar date 20260504');
	});
});
