/**
 * Type test (not a Jest file): checked by `npx tsc -p tsconfig.json --noEmit`.
 * Each `@ts-expect-error` line must fail to compile; if mixing currencies ever type-checks,
 * the directive becomes unused and type-checking fails.
 */
import { add, compare, money, Money, subtract, sum } from '../../src/TypeScripts/o2c_dso/domain/money';
import { CalendarDate, parseCalendarDate, addDays } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';

const usd = money(1000, 'USD');
const usd2 = money(250, 'USD');
const eur = money(500, 'EUR');

// Same currency compiles and keeps the literal type.
export const ok: Money<'USD'> = add(usd, usd2);
export const ok2: Money<'USD'> = subtract(usd, usd2);
export const ok3: -1 | 0 | 1 = compare(usd, usd2);
export const ok4: Money<'USD'> = sum([usd, usd2], 'USD');

// @ts-expect-error USD + EUR must not compile
export const bad1 = add(usd, eur);
// @ts-expect-error EUR + USD must not compile
export const bad2 = add(eur, usd);
// @ts-expect-error USD − EUR must not compile
export const bad3 = subtract(usd, eur);
// @ts-expect-error comparing USD with EUR must not compile
export const bad4 = compare(usd, eur);
// @ts-expect-error a EUR amount in a USD sum must not compile
export const bad5 = sum([usd, eur], 'USD');
// @ts-expect-error the result of a USD sum is not EUR
export const bad6: Money<'EUR'> = add(usd, usd2);

// A plain string is not a CalendarDate: it must go through parseCalendarDate.
export const date: CalendarDate = parseCalendarDate('2026-05-04');
// @ts-expect-error an unchecked string is not a CalendarDate
export const badDate: CalendarDate = '2026-05-04';
// @ts-expect-error addDays needs a CalendarDate
export const badAdd = addDays('2026-05-04', 1);
