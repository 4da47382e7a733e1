/**
 * The nightly A/R snapshot use case: per subsidiary and day, compute the figures and upsert the
 * day's snapshot record; fill the backfill range's missing days (all of them on the first run, or
 * every day when forced); stop before governance runs out and hand a cursor to a fresh execution.
 *
 * Resumability: the days are processed in a fixed order (date, then subsidiary id) and the cursor
 * names the last one written. Which days are due is decided by the same rule in every execution
 * (forced, the as-of date, or no record yet), and the days after the cursor were not written by
 * this run, so a resumed run writes exactly what an uninterrupted one would; a snapshot depends
 * only on the account data and its day, never on when it was computed.
 */
import type { AgingItem } from '../../domain/aging';
import { ArLedger, buildArLedger, countbackDsoAt, DailyFlow, trailingPeriods } from '../../domain/arBalance';
import { CalendarDate, addDays } from '../../domain/calendarDate';
import { Minor, minus, plus, zeroMinor } from '../../domain/money';
import { openItemsAt } from '../../domain/snapshotMath';
import { COUNTBACK_MONTHS_FOR_RANGE } from './constants';
import { DataRanges, dataRanges } from './windows';
import { computeSubsidiarySnapshot, snapshotKey } from './subsidiarySnapshot';
import type {
	JobControl,
	SnapshotCursor,
	SnapshotRepository,
	SnapshotSources,
	SubsidiaryInfo,
	TermsInfo,
} from './types';

export interface SnapshotJobOptions {
	/** Today in the account (or the as-of override); ignored when resuming from a cursor. */
	readonly today: CalendarDate;
	readonly cursor: SnapshotCursor | null;
	/** Days the backfill range covers, ending today (≥ 1). */
	readonly backfillDays: number;
	/** Recompute every day of the range instead of only the missing ones. */
	readonly forceBackfill: boolean;
	/** Checkpoint when fewer units than this remain (after at least one snapshot this execution). */
	readonly marginUnits: number;
	/** DSO window W in days for every subsidiary; null: each subsidiary's alert setting. */
	readonly windowDays: number | null;
}

export interface SnapshotJobResult {
	readonly status: 'complete' | 'checkpointed';
	readonly asOf: CalendarDate;
	/** Snapshots written by this execution. */
	readonly written: number;
	/** Snapshots still due when this execution stopped (0 when complete). */
	readonly remaining: number;
	readonly cursor: SnapshotCursor | null;
}

/** Units one snapshot and a reschedule need at least (6 + 20, rounded up). */
export const MIN_UNITS_TO_PROGRESS = 30;

/** Window when neither the parameter nor an alert setting gives one (the alert's default). */
export const DEFAULT_WINDOW_DAYS = 30;

interface Task {
	readonly date: CalendarDate;
	readonly subsidiary: SubsidiaryInfo;
	readonly key: string;
}

/** Task order: date, then subsidiary id (numeric when both are numbers). */
function compareTasks(a: { date: string; subsidiaryId: string }, b: { date: string; subsidiaryId: string }): number {
	if (a.date !== b.date) return a.date < b.date ? -1 : 1;
	const x = Number(a.subsidiaryId);
	const y = Number(b.subsidiaryId);
	if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
	return a.subsidiaryId < b.subsidiaryId ? -1 : a.subsidiaryId > b.subsidiaryId ? 1 : 0;
}

function parseKey(key: string): { date: string; subsidiaryId: string } {
	const i = key.lastIndexOf(':');
	return { subsidiaryId: key.slice(0, i), date: key.slice(i + 1) };
}

/** Validates options and starts (or resumes) the run's plan. */
function planOf(options: SnapshotJobOptions): SnapshotCursor {
	if (options.cursor !== null) return options.cursor;
	if (!Number.isSafeInteger(options.backfillDays) || options.backfillDays < 1) {
		throw new RangeError(`backfill days must be a whole number ≥ 1, got ${String(options.backfillDays)}`);
	}
	return {
		v: 1,
		asOf: options.today,
		from: addDays(options.today, 1 - options.backfillDays),
		force: options.forceBackfill,
		after: null,
	};
}

/** Each subsidiary's DSO window (the option, else its alert setting); throws naming a bad one. */
function windowsOf(
	options: SnapshotJobOptions,
	sources: SnapshotSources,
	subsidiaries: readonly SubsidiaryInfo[],
): Map<string, number> {
	const windows =
		options.windowDays === null
			? sources.windowDays(subsidiaries)
			: new Map(subsidiaries.map((s) => [s.id, options.windowDays as number]));
	const out = new Map<string, number>();
	for (const s of subsidiaries) {
		const w = windows.get(s.id) ?? DEFAULT_WINDOW_DAYS;
		if (!Number.isSafeInteger(w) || w < 1)
			throw new RangeError(
				`DSO window of subsidiary ${s.id} must be a whole number of days ≥ 1, got ${String(w)}`,
			);
		out.set(s.id, w);
	}
	return out;
}

/** The (day, subsidiary) snapshots still to write, in order: missing days, all when forced, and always the as-of day. */
function pendingTasks(
	plan: SnapshotCursor,
	subsidiaries: readonly SubsidiaryInfo[],
	existing: ReadonlyMap<string, unknown>,
): Task[] {
	const tasks: Task[] = [];
	const after = plan.after === null ? null : parseKey(plan.after);
	for (let d = plan.from; d <= plan.asOf; d = addDays(d, 1)) {
		for (const subsidiary of subsidiaries) {
			const key = snapshotKey(subsidiary.id, d);
			if (after !== null && compareTasks({ date: d, subsidiaryId: subsidiary.id }, after) <= 0) continue;
			if (plan.force || d === plan.asOf || !existing.has(key)) tasks.push({ date: d, subsidiary, key });
		}
	}
	return tasks.sort((a, b) =>
		compareTasks({ date: a.date, subsidiaryId: a.subsidiary.id }, { date: b.date, subsidiaryId: b.subsidiary.id }),
	);
}

/** Net A/R movement of flows (invoices raise it, payments and credit memos lower it). */
function netOf<C extends string>(flows: readonly DailyFlow<C>[]): Minor<C> {
	let net = zeroMinor<C>();
	for (const f of flows) net = minus(minus(plus(net, f.invoicesMinor), f.paymentsMinor), f.creditsMinor);
	return net;
}

/** Whether the countback at `day` walks into a month that starts before the ledger's first flow day `from`. */
function countbackReachesBefore(ledger: ArLedger, day: CalendarDate, from: CalendarDate): boolean {
	const used = countbackDsoAt(ledger, day, COUNTBACK_MONTHS_FOR_RANGE).periodsUsed;
	const oldest = trailingPeriods(day, used)[used - 1];
	return oldest !== undefined && oldest.from < from;
}

/**
 * Each subsidiary's A/R ledger for the due days: the opening balance and the flows from
 * `ranges.ledgerFrom` (one search each). A day's countback walks back month by month until the
 * A/R is used up (12 months at most): while every due day's walk stays within the months read,
 * the older ones cannot change it (the walk reads the same sales and the same A/R); when one
 * reaches further, the rest of the 12 months is read in one more search and the opening moved
 * back by its net movement.
 */
function ledgersFor(
	sources: SnapshotSources,
	subsidiaries: readonly SubsidiaryInfo[],
	ranges: DataRanges,
	days: readonly CalendarDate[],
	asOf: CalendarDate,
): Map<string, ArLedger> {
	const opening = sources.arOpening(ranges.ledgerFrom, subsidiaries);
	const flows = sources.arDailyFlows(ranges.ledgerFrom, asOf, subsidiaries);
	const ledgerOf = (id: string, from: Map<string, DailyFlow[]>, open: Map<string, Minor>): ArLedger =>
		buildArLedger(from.get(id) ?? [], open.get(id) ?? zeroMinor());
	const ledgers = new Map(subsidiaries.map((s) => [s.id, ledgerOf(s.id, flows, opening)]));
	if (ranges.countbackFrom >= ranges.ledgerFrom) return ledgers;
	const short = [...ledgers.values()];
	if (!short.some((ledger) => days.some((day) => countbackReachesBefore(ledger, day, ranges.ledgerFrom))))
		return ledgers;
	const older = sources.arDailyFlows(ranges.countbackFrom, addDays(ranges.ledgerFrom, -1), subsidiaries);
	const all = new Map<string, DailyFlow[]>();
	const earlierOpening = new Map<string, Minor>();
	for (const s of subsidiaries) {
		const before = older.get(s.id) ?? [];
		all.set(s.id, [...before, ...(flows.get(s.id) ?? [])]);
		earlierOpening.set(s.id, minus(opening.get(s.id) ?? zeroMinor(), netOf(before)));
	}
	return new Map(subsidiaries.map((s) => [s.id, ledgerOf(s.id, all, earlierOpening)]));
}

/**
 * Reads everything the pending days need, once (the searches; the countback's older months only
 * when a day needs them), and returns the input of one task's snapshot.
 */
function snapshotInputs(
	sources: SnapshotSources,
	subsidiaries: readonly SubsidiaryInfo[],
	windows: ReadonlyMap<string, number>,
	days: readonly CalendarDate[],
	asOf: CalendarDate,
): (task: Task) => Parameters<typeof computeSubsidiarySnapshot>[0] {
	const firstDay = days[0] as CalendarDate;
	const widest = Math.max(DEFAULT_WINDOW_DAYS, ...windows.values());
	const ranges = dataRanges(firstDay, asOf, widest);
	const ledgers = ledgersFor(sources, subsidiaries, ranges, days, asOf);
	const history = sources.agingHistory(asOf, ranges.agingCoveredAfter, subsidiaries);
	const termsFlows = sources.termsFlows(ranges.windowFrom, asOf, subsidiaries);
	const termIds = new Set<string>();
	for (const list of termsFlows.values()) for (const f of list) if (f.termsId !== '') termIds.add(f.termsId);
	const terms = new Map<string, TermsInfo>(sources.terms([...termIds].sort()).map((t) => [t.id, t]));
	const receipts = sources.receiptFlows(ranges.windowFrom, asOf, subsidiaries);
	const orders = sources.billedOrders(ranges.windowFrom, asOf);
	const openItemsCache = new Map<CalendarDate, Map<string, AgingItem[]>>();
	const openItems = (subsidiaryId: string, at: CalendarDate): AgingItem[] => {
		let byKey = openItemsCache.get(at);
		if (byKey === undefined) openItemsCache.set(at, (byKey = openItemsAt(history, at)));
		return byKey.get(subsidiaryId) ?? [];
	};
	return (task) => ({
		subsidiary: task.subsidiary,
		date: task.date,
		source: task.date === asOf ? 'nightly' : 'backfill',
		windowDays: windows.get(task.subsidiary.id) ?? DEFAULT_WINDOW_DAYS,
		ledger: ledgers.get(task.subsidiary.id) as ArLedger,
		openItemsAt: (at) => openItems(task.subsidiary.id, at),
		termsFlows: termsFlows.get(task.subsidiary.id) ?? [],
		terms,
		receipts: receipts.get(task.subsidiary.id) ?? [],
		billedOrders: orders.get(task.subsidiary.id) ?? [],
	});
}

/**
 * Runs (or resumes) the snapshot job until done or until governance says stop.
 * @example runSnapshotJob({ today, cursor: null, backfillDays: 90, forceBackfill: false, marginUnits: 200, windowDays: 30 }, sources, repo, control)
 */
export function runSnapshotJob(
	options: SnapshotJobOptions,
	sources: SnapshotSources,
	repo: SnapshotRepository,
	control: JobControl,
): SnapshotJobResult {
	const plan = planOf(options);
	const subsidiaries = sources.subsidiaries();
	const windows = windowsOf(options, sources, subsidiaries);
	const existing = repo.existing(plan.from, plan.asOf);
	const tasks = pendingTasks(plan, subsidiaries, existing);
	if (tasks.length === 0) return { status: 'complete', asOf: plan.asOf, written: 0, remaining: 0, cursor: null };
	const days = [...new Set(tasks.map((t) => t.date))];
	const inputOf = snapshotInputs(sources, subsidiaries, windows, days, plan.asOf);

	let written = 0;
	let last: string | null = plan.after;
	for (let i = 0; i < tasks.length; i++) {
		const task = tasks[i] as Task;
		if (written === 0 && control.remainingUnits() < MIN_UNITS_TO_PROGRESS) {
			// Reading the searches left no room for even one snapshot: rescheduling would loop forever.
			throw new Error(
				`A/R snapshot: only ${control.remainingUnits()} usage units left after reading the searches; the account needs a smaller range per execution`,
			);
		}
		if (written > 0 && control.remainingUnits() < options.marginUnits) {
			const cursor: SnapshotCursor = { ...plan, after: last };
			control.checkpoint(cursor);
			return { status: 'checkpointed', asOf: plan.asOf, written, remaining: tasks.length - i, cursor };
		}
		repo.save(computeSubsidiarySnapshot(inputOf(task)), existing.get(task.key));
		written++;
		last = task.key;
	}
	return { status: 'complete', asOf: plan.asOf, written, remaining: 0, cursor: null };
}

/** The cursor as the text of the cursor parameter. @example serializeCursor(cursor) */
export function serializeCursor(cursor: SnapshotCursor): string {
	return JSON.stringify(cursor);
}

/** Reads the cursor parameter (empty → null); throws on text that is not a cursor. @example parseCursor(param) */
export function parseCursor(text: string | undefined): SnapshotCursor | null {
	if (text === undefined || text.trim() === '') return null;
	const c = JSON.parse(text) as Partial<SnapshotCursor>;
	const isDate = (x: unknown): x is CalendarDate => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x);
	if (
		c.v !== 1 ||
		!isDate(c.asOf) ||
		!isDate(c.from) ||
		typeof c.force !== 'boolean' ||
		(c.after !== null && typeof c.after !== 'string')
	) {
		throw new Error(`Invalid snapshot cursor ${text}`);
	}
	return { v: 1, asOf: c.asOf, from: c.from, force: c.force, after: c.after ?? null };
}
