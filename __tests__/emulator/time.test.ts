import { intlParts, zonedIsoDate, zonedParts, zonedToUtc, zoneOffsetMinutes } from '../../local/emulator/time';

// zones with whole-hour, half-hour (Lord Howe: a 30-minute DST shift), 45-minute (Kathmandu,
// Chatham) offsets, the southern hemisphere, a zone without DST and UTC
const ZONES = [
	'America/New_York',
	'America/Los_Angeles',
	'Europe/London',
	'Australia/Lord_Howe',
	'Asia/Kathmandu',
	'Pacific/Chatham',
	'America/Sao_Paulo',
	'Asia/Tokyo',
	'UTC',
];

describe('emulator time zones (the per-hour offset cache against Intl)', () => {
	const mismatches = (instants: Iterable<number>): string[] => {
		const bad: string[] = [];
		for (const tz of ZONES)
			for (const ms of instants) {
				const a = zonedParts(ms, tz);
				const b = intlParts(ms, tz);
				if (JSON.stringify(a) !== JSON.stringify(b)) bad.push(`${tz} ${new Date(ms).toISOString()}`);
			}
		return bad;
	};
	function* every(from: number, to: number, step: number): Generator<number> {
		for (let ms = from; ms < to; ms += step) yield ms;
	}

	it('gives the same wall-clock parts as Intl for every zone, every 3 h 17 min 13.007 s of 2026', () => {
		const instants = [...every(Date.UTC(2025, 11, 25), Date.UTC(2027, 0, 5), 3 * 3_600_000 + 17 * 60_000 + 13_007)];
		expect(instants.length).toBe(2_746);
		expect(mismatches(instants)).toEqual([]);
	});

	it('is exact on both sides of an offset change, to the millisecond', () => {
		// New York springs forward at 2026-03-08 07:00Z (02:00 EST -> 03:00 EDT), falls back at 2026-11-01 06:00Z
		const spring = Date.UTC(2026, 2, 8, 7);
		expect(zonedParts(spring - 1, 'America/New_York')).toMatchObject({
			day: 8,
			hour: 1,
			minute: 59,
			second: 59,
			millisecond: 999,
		});
		expect(zonedParts(spring, 'America/New_York')).toMatchObject({
			day: 8,
			hour: 3,
			minute: 0,
			second: 0,
			millisecond: 0,
		});
		const fall = Date.UTC(2026, 10, 1, 6);
		expect(zonedParts(fall - 1, 'America/New_York')).toMatchObject({ day: 1, hour: 1, minute: 59 });
		expect(zonedParts(fall, 'America/New_York')).toMatchObject({ day: 1, hour: 1, minute: 0 });
		// Lord Howe: +11 in summer, +10:30 in winter; the change falls at 15:00Z (02:00 local), mid-hour in no zone here
		const lh = Date.UTC(2026, 3, 4, 15);
		expect(zoneOffsetMinutes(lh - 1, 'Australia/Lord_Howe')).toBe(660);
		expect(zoneOffsetMinutes(lh, 'Australia/Lord_Howe')).toBe(630);
		// every zone's changes in 2026 (New York, London, Lord Howe, Chatham, ...) at minute steps around them
		const around = [
			spring,
			fall,
			lh,
			Date.UTC(2026, 2, 29, 1),
			Date.UTC(2026, 9, 25, 1),
			Date.UTC(2026, 3, 4, 14),
			Date.UTC(2026, 8, 26, 14),
			Date.UTC(2026, 2, 8, 10),
			Date.UTC(2026, 10, 1, 9),
		].flatMap((base) => [...every(base - 2 * 3_600_000, base + 2 * 3_600_000, 60_000 + 1)]);
		expect(mismatches(around)).toEqual([]);
	});

	it('converts local times to instants as before (gap pushed forward, overlap the earlier instant)', () => {
		expect(zonedToUtc({ year: 2026, month: 5, day: 4 }, 'America/New_York')).toBe(Date.UTC(2026, 4, 4, 4));
		expect(zonedToUtc({ year: 2026, month: 1, day: 15, hour: 12 }, 'America/New_York')).toBe(
			Date.UTC(2026, 0, 15, 17),
		);
		expect(zonedToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York')).toBe(
			Date.UTC(2026, 2, 8, 7, 30),
		);
		expect(zonedToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')).toBe(
			Date.UTC(2026, 10, 1, 5, 30),
		);
		expect(zonedToUtc({ year: 2026, month: 5, day: 4 }, 'Asia/Kathmandu')).toBe(Date.UTC(2026, 4, 3, 18, 15));
		expect(zonedIsoDate(Date.UTC(2026, 4, 4, 3, 59), 'America/New_York')).toBe('2026-05-03');
		expect(zonedIsoDate(Date.UTC(2026, 4, 4, 4), 'America/New_York')).toBe('2026-05-04');
	});
});
