/**
 * Per script and stage of one night: what the emulator's governance rows say (units against the
 * limit, search pages, records written, executions, wall time), and the ratios the benchmark
 * reports. Pure over the rows, so a unit test can check the arithmetic.
 */
import type { GovernanceEntry } from '../emulator';
import { addCalls, type ApiCalls } from '../emulator/governance';
import type { Floor } from './floor';

/** API calls that fetch one page of search results (≤ 1,000 rows each; `each` ≤ 4,000). */
export const PAGE_APIS = ['PagedData.fetch', 'ResultSet.getRange', 'ResultSet.each'] as const;
const RECORD_WRITE = /^(Record\.save|record\.submitFields|record\.delete)\./;

export interface StageStats {
	script: string;
	/** map/reduce stage; none for a scheduled script */
	stage?: string;
	/** all units of the stage (every execution or invocation) */
	units: number;
	/** the most one execution (scheduled) or invocation (map, reduce) used, and its limit */
	maxUnits: number;
	limit: number;
	/** scheduled: executions (1 + reschedules); map/reduce stage: invocations */
	executions: number;
	pages: number;
	records: number;
	/** getInputData: key/value pairs (the input search is paged by the platform, outside governance) */
	inputPairs?: number;
	wallMs: number;
	/** the slowest single execution or invocation */
	maxExecutionMs: number;
	/** calls and units per API over the stage (where the units went) */
	calls: Record<string, ApiCalls>;
}

function count(calls: GovernanceEntry['calls'], match: (api: string) => boolean): number {
	let n = 0;
	for (const [api, c] of Object.entries(calls ?? {})) if (match(api)) n += c.calls;
	return n;
}

/** One row per script and stage, in the order they first ran. */
export function stageStats(rows: readonly GovernanceEntry[]): StageStats[] {
	const out = new Map<string, StageStats>();
	for (const g of rows) {
		const key = `${g.script}|${g.stage ?? ''}`;
		const perInvocation = g.invocations !== undefined;
		const max = perInvocation ? (g.maxInvocationUnits ?? 0) : g.unitsUsed;
		const ms = g.wallMs ?? 0;
		const s = out.get(key) ?? {
			script: g.script,
			...(g.stage !== undefined ? { stage: g.stage } : {}),
			units: 0,
			maxUnits: 0,
			limit: g.unitsLimit,
			executions: 0,
			pages: 0,
			records: 0,
			wallMs: 0,
			maxExecutionMs: 0,
			calls: {},
		};
		s.units += g.unitsUsed;
		s.maxUnits = Math.max(s.maxUnits, max);
		s.executions += perInvocation ? (g.invocations ?? 0) : 1;
		s.pages += count(g.calls, (api) => (PAGE_APIS as readonly string[]).includes(api));
		s.records += count(g.calls, (api) => RECORD_WRITE.test(api));
		s.wallMs += ms;
		addCalls(s.calls, Object.entries(g.calls ?? {}));
		s.maxExecutionMs = Math.max(s.maxExecutionMs, perInvocation ? (g.maxInvocationMs ?? 0) : ms);
		if (g.inputPairs !== undefined) s.inputPairs = (s.inputPairs ?? 0) + g.inputPairs;
		out.set(key, s);
	}
	return [...out.values()];
}

/** A script's figures over its stages (a scheduled script: its executions). */
export interface ScriptTotals {
	script: string;
	units: number;
	pages: number;
	records: number;
	/** scheduled: executions; map/reduce: 1 job */
	executions: number;
	wallMs: number;
}

export function scriptTotals(stages: readonly StageStats[]): ScriptTotals[] {
	const out = new Map<string, ScriptTotals>();
	for (const s of stages) {
		const t = out.get(s.script) ?? { script: s.script, units: 0, pages: 0, records: 0, executions: 0, wallMs: 0 };
		t.units += s.units;
		t.pages += s.pages;
		t.records += s.records;
		t.wallMs += s.wallMs;
		t.executions = s.stage === undefined ? t.executions + s.executions : 1;
		out.set(s.script, t);
	}
	return [...out.values()];
}

/** How far above the floor: used / floor (1 = at the floor). */
export function floorRatio(used: number, floor: Floor): number {
	return floor.units > 0 ? used / floor.units : Number.NaN;
}

/** How far below the naive baseline: naive / used (20 = twenty times fewer units). */
export function naiveRatio(naiveUnits: number, used: number): number {
	return used > 0 ? naiveUnits / used : Number.NaN;
}

/** The largest share of its limit any execution or invocation of the stage used. */
export function limitShare(s: StageStats): number {
	return s.maxUnits / s.limit;
}
