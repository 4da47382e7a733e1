/**
 * The pure domain core on one million open invoices, timed against a single pass that only reads
 * the same rows (every field the core reads, summed so nothing is optimised away): the floor for
 * any computation over them. Rows are generated (seeded) as the adapters hand them to the core:
 * per customer, invoices with integer minor-unit amounts (Minor<'USD'>) and `YYYY-MM-DD` dates
 * (one string per distinct date, as the adapters' date cache returns them).
 *
 * The core per customer is what the product calls for it: the customer metrics' one domain call,
 * `agedBehaviour` (app/customers/customerMetrics.ts): aging in the five buckets and the payment
 * behaviour (open, overdue, most days overdue, score and segment), one pass over the open invoices.
 */
import { Rng } from '../data/prng';
import { agedBehaviour, type OpenInvoice } from '../../src/TypeScripts/o2c_dso/domain/paymentBehaviour';
import { addDays, type CalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import { minorUnits } from '../../src/TypeScripts/o2c_dso/domain/money';

export interface CoreTiming {
	invoices: number;
	customers: number;
	/** best of the repeats, milliseconds of CPU time (user + system) */
	coreMs: number;
	readOnlyMs: number;
	/** best of the repeats, wall-clock milliseconds (on a shared machine: includes waiting for a core) */
	coreWallMs: number;
	readOnlyWallMs: number;
	/** coreMs / readOnlyMs (CPU time) */
	ratio: number;
	repeats: number;
}

function rows(invoices: number, customers: number, asOf: CalendarDate): OpenInvoice<'USD'>[][] {
	const rng = new Rng('bench-core');
	const out: OpenInvoice<'USD'>[][] = Array.from({ length: customers }, () => []);
	// One string per distinct date, as the adapters hand them over (nsDate.ts's fromNsDate returns
	// its cached CalendarDate for each NetSuite date text), not a new string per invoice.
	const dates = new Map<CalendarDate, Map<number, CalendarDate>>();
	const addDaysShared = (d: CalendarDate, days: number): CalendarDate => {
		const from = dates.get(d) ?? new Map<number, CalendarDate>();
		dates.set(d, from);
		const known = from.get(days) ?? addDays(d, days);
		from.set(days, known);
		return known;
	};
	for (let i = 0; i < invoices; i++) {
		const age = Math.floor(rng.next() * 150);
		const tranDate = addDaysShared(asOf, -age);
		const amount = 1_000 + Math.floor(rng.next() * 5_000_000);
		const partly = rng.next() < 0.1;
		(out[Math.floor(rng.next() * customers)] as OpenInvoice<'USD'>[]).push({
			openMinor: minorUnits<'USD'>(partly ? Math.floor(amount / 2) : amount),
			amountMinor: minorUnits<'USD'>(amount),
			tranDate,
			dueDate: rng.next() < 0.02 ? null : addDaysShared(tranDate, 30),
			disputed: rng.next() < 0.01,
		});
	}
	return out;
}

interface Timed {
	ms: number;
	cpuMs: number;
	check: number;
}

/**
 * Best of `repeats` for each of `fs`: wall time and this process's CPU time (user + system). The
 * repeats take turns (a, b, a, b, ...), so a burst of load on the shared machine falls on both
 * passes rather than on one; the ratio is taken on CPU time: on a shared machine the wall clock
 * also counts the time other processes held the cores.
 */
function timeInTurns(fs: readonly (() => number)[], repeats: number): Timed[] {
	const out: Timed[] = fs.map(() => ({ ms: Infinity, cpuMs: Infinity, check: 0 }));
	for (let r = 0; r < repeats; r++) {
		fs.forEach((f, i) => {
			const best = out[i] as Timed;
			const t = process.hrtime.bigint();
			const c = process.cpuUsage();
			best.check = f();
			const used = process.cpuUsage(c);
			best.ms = Math.min(best.ms, Number(process.hrtime.bigint() - t) / 1e6);
			best.cpuMs = Math.min(best.cpuMs, (used.user + used.system) / 1e3);
		});
	}
	return out;
}

/** Times the core and the read-only pass over the same rows (best of `repeats`). */
export function timeCore(invoices = 1_000_000, customers = 50_000, repeats = 5): CoreTiming {
	const asOf = '2026-05-04' as CalendarDate;
	const data = rows(invoices, customers, asOf);
	const readOnlyPass = (): number => {
		let sum = 0;
		for (const list of data)
			for (const inv of list)
				sum +=
					inv.openMinor +
					inv.amountMinor +
					inv.tranDate.length +
					(inv.dueDate?.length ?? 0) +
					(inv.disputed === true ? 1 : 0);
		return sum;
	};
	const corePass = (): number => {
		let sum = 0;
		for (const list of data) {
			const { aging, behaviour: b } = agedBehaviour({ asOf, closedInvoices: [], openInvoices: list });
			sum += aging.totalMinor + aging.buckets['90+'] + b.overdueMinor + b.maxDaysOverdue + b.openMinor;
		}
		return sum;
	};
	const [readOnly, core] = timeInTurns([readOnlyPass, corePass], repeats) as [Timed, Timed];
	if (!(core.check > 0) || !(readOnly.check > 0)) throw new Error('bench core: nothing was computed');
	return {
		invoices,
		customers,
		coreMs: core.cpuMs,
		readOnlyMs: readOnly.cpuMs,
		coreWallMs: core.ms,
		readOnlyWallMs: readOnly.ms,
		ratio: core.cpuMs / readOnly.cpuMs,
		repeats,
	};
}
