/**
 * `npm run local -- backtest --data <file> --from <date> --to <date> [--step 30]`: replays a
 * dataset's history to measure the payment forecast. At each date D (from, from + step, … ≤ to)
 * it builds the account as it stood on D (the emulator hides every later transaction), runs the
 * customer metrics and the payment forecast map/reduce exactly as deployed, reads the predictions
 * the script stored, and compares them with what the dataset says happened after D:
 *
 * - **days**: for every invoice open at D that was later closed by a payment, |predicted − actual
 *   payment date| (the date of the payment that closed it); the mean is the MAE. Invoices closed
 *   by a credit memo (returns, write-offs) and invoices still unpaid at the end of the data are
 *   counted, never scored. Two baselines: "pays on its due date, or tomorrow when already past due"
 *   (the main one: a forecaster at D knows the invoice is still unpaid) and the bare due date.
 * - **interval**: the share of those payments dated inside [low, high] (both ends included).
 * - **weeks**: per subsidiary and week 1–13 after D, the forecast's expected receipts against the
 *   payments actually applied to the invoices open at D in that week (new invoices billed after D
 *   are not in either), and the same for the due-date baseline (each invoice's open amount in the
 *   week of its due date, or week 1 when past due). Only weeks that end on or before the dataset's
 *   last transaction are scored. The error is the mean absolute difference in base currency, and
 *   the share of weeks whose actual receipts fell inside the forecast's low/high band.
 *
 * **Disputes.** A dataset's `disputed` flag has no date (dataset-format.md §1): it says the invoice
 * was disputed at some point, not when. Shown at D on an invoice still open at D, it would tell the
 * forecast about a dispute that may only be raised later (and that predicts a late payment): the
 * future leaking in. So by default a backtest shows the flag at D only on invoices already closed
 * by D (their dispute was raised before they closed) and hides it on the open ones: the forecast
 * is measured as if no open dispute were known, a lower bound of what a team that records its
 * disputes would get. `disputes: 'as-dataset'` shows every flag at every date instead (the upper
 * bound, leaking), to tell what knowing open disputes is worth.
 *
 * The actual outcomes are computed here from the dataset alone (not from the scripts' code), so
 * the backtest is an independent check of what the scripts stored.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from './emulator';
import { OutputError } from './outputs';
import { accountInfo, buildStore, convertCents } from './emulator/account';
import type { RecordStore } from './emulator/store';
import type { Dataset, DsTransaction } from './data/dataset';
import { loadDataset } from './data/load';
import { addDays, isCalendarDate, toDay } from './data/calendar';
import { loadSdfProject } from './sdf/objects';
import type { SdfProject } from './sdf/types';

export const FORECAST_SCRIPT = 'customscript_o2c_forecast_mr';
export const METRICS_SCRIPT = 'customscript_o2c_cust_metrics_mr';
const WEEKS = 13;

export class BacktestError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BacktestError';
	}
}

export interface BacktestOptions {
	projectRoot: string;
	data: string | Dataset;
	from: string;
	to: string;
	/** days between backtest dates (default 30) */
	step?: number;
	/**
	 * Which disputed flags the account shows at D (see the module comment): `closed` (default) only
	 * those of invoices closed by D; `as-dataset` every flag, including disputes not yet raised.
	 */
	disputes?: DisputeVisibility;
	progress?: (line: string) => void;
}

export type DisputeVisibility = 'closed' | 'as-dataset';
export const DISPUTE_VISIBILITIES: readonly DisputeVisibility[] = ['closed', 'as-dataset'];
export function isDisputeVisibility(x: unknown): x is DisputeVisibility {
	return DISPUTE_VISIBILITIES.some((v) => v === x);
}

/** Sums from which the means are taken (so dates pool exactly into the overall figures). */
export interface Tally {
	/** invoices open at D */
	open: number;
	/** of which later closed by a payment within the data: the scored ones */
	scored: number;
	/** closed by a credit memo after D (not a payment: not scored) */
	returned: number;
	/** still open at the end of the data */
	unresolved: number;
	/** Σ |predicted − paid| days, Σ |baseline − paid|, Σ |due − paid| */
	errorDays: number;
	baselineDays: number;
	dueDateDays: number;
	/** payments dated within [low, high] */
	inside: number;
	/** subsidiary-weeks scored, Σ |expected − actual|, Σ |baseline − actual|, Σ actual, weeks within the band */
	weeks: number;
	weekError: number;
	weekBaselineError: number;
	weekActual: number;
	weekInside: number;
	/** by prediction source: scored count and Σ error days */
	bySource: Record<string, { scored: number; errorDays: number; inside: number }>;
}

export interface BacktestDate extends Tally {
	asOf: string;
	/** weeks whose end is after the data's last transaction (not scored) */
	weeksBeyondData: number;
	/** map/reduce keys that failed that night (customers without predictions) */
	failures: string[];
}

/** The first key of a backtest's JSON file: how the CLI knows a file is one it wrote. */
export const BACKTEST_FORMAT = 'o2c-backtest/1';

export interface BacktestResult {
	format: typeof BACKTEST_FORMAT;
	dataset: string;
	from: string;
	to: string;
	step: number;
	disputes: DisputeVisibility;
	lastDataDate: string;
	dates: BacktestDate[];
	overall: Tally;
}

/** What happened to an invoice, from the dataset: its payments by date, and how it closed. */
interface Outcome {
	/** base-currency receipts (payments only) by date */
	receipts: { date: string; cents: number }[];
	/** date and kind of the application that brought it to zero, or null while open */
	closedOn: string | null;
	closedByPayment: boolean;
}

function emptyTally(): Tally {
	return {
		open: 0,
		scored: 0,
		returned: 0,
		unresolved: 0,
		errorDays: 0,
		baselineDays: 0,
		dueDateDays: 0,
		inside: 0,
		weeks: 0,
		weekError: 0,
		weekBaselineError: 0,
		weekActual: 0,
		weekInside: 0,
		bySource: {},
	};
}

function addTally(into: Tally, t: Tally): void {
	const keys = [
		'open',
		'scored',
		'returned',
		'unresolved',
		'errorDays',
		'baselineDays',
		'dueDateDays',
		'inside',
		'weeks',
		'weekError',
		'weekBaselineError',
		'weekActual',
		'weekInside',
	] as const;
	for (const k of keys) into[k] += t[k];
	for (const [s, v] of Object.entries(t.bySource)) {
		const acc = (into.bySource[s] ??= { scored: 0, errorDays: 0, inside: 0 });
		acc.scored += v.scored;
		acc.errorDays += v.errorDays;
		acc.inside += v.inside;
	}
}

function cents(amount: number): number {
	return Math.round(amount * 100);
}

/** Every invoice's outcome over the whole dataset, in the invoice's base currency. */
function outcomes(transactions: readonly DsTransaction[]): Map<number, Outcome> {
	const invoices = new Map<number, DsTransaction>();
	for (const t of transactions) if (t.type === 'CustInvc') invoices.set(t.id, t);
	const apps = new Map<number, { date: string; cents: number; payment: boolean; seq: number }[]>();
	let seq = 0;
	for (const t of transactions) {
		if ((t.type !== 'CustPymt' && t.type !== 'CustCred') || !t.apply) continue;
		for (const a of t.apply) {
			const list = apps.get(a.doc) ?? [];
			list.push({ date: t.tranDate, cents: cents(a.amount), payment: t.type === 'CustPymt', seq: seq++ });
			apps.set(a.doc, list);
		}
	}
	const out = new Map<number, Outcome>();
	for (const [id, inv] of invoices) {
		const rate = inv.exchangeRate ?? 1;
		let fxOpen = cents(inv.amount);
		let baseOpen = convertCents(fxOpen, rate);
		const list = (apps.get(id) ?? []).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq));
		const receipts: Outcome['receipts'] = [];
		let closedOn: string | null = null;
		let closedByPayment = false;
		for (const a of list) {
			fxOpen -= a.cents;
			const nextBase = fxOpen <= 0 ? 0 : convertCents(fxOpen, rate);
			if (a.payment) receipts.push({ date: a.date, cents: baseOpen - nextBase });
			baseOpen = nextBase;
			if (fxOpen <= 0 && closedOn === null) {
				closedOn = a.date;
				// every application of that day: a payment among them closes it as paid
				closedByPayment = list.some((b) => b.date === a.date && b.payment);
			}
		}
		out.set(id, { receipts, closedOn, closedByPayment });
	}
	return out;
}

/**
 * The dataset as known at `asOf` for disputes: an invoice still open at D (closed later or never)
 * shows no disputed flag, since the dataset cannot say the dispute was raised by D. Returns the
 * same dataset when no flag needs hiding; never changes `ds`.
 * @example disputesKnownAt(ds, '2013-01-01', outcomes(ds.transactions))
 */
export function disputesKnownAt(
	ds: Dataset,
	asOf: string,
	outcome: ReadonlyMap<number, { readonly closedOn: string | null }>,
): Dataset {
	const open = (t: DsTransaction): boolean => {
		const closedOn = outcome.get(t.id)?.closedOn ?? null;
		return closedOn === null || closedOn > asOf;
	};
	if (!ds.transactions.some((t) => t.type === 'CustInvc' && t.disputed === true && open(t))) return ds;
	return {
		...ds,
		transactions: ds.transactions.map((t) =>
			t.type === 'CustInvc' && t.disputed === true && open(t) ? { ...t, disputed: false } : t,
		),
	};
}

function daysBetween(a: string, b: string): number {
	return toDay(b) - toDay(a);
}

/** Week index 0–12 of a date after D, or 13 for after the horizon. */
function weekOf(asOf: string, date: string): number {
	const day = Math.max(1, daysBetween(asOf, date));
	return Math.min(WEEKS, Math.floor((day - 1) / 7));
}

interface StoredPrediction {
	invoice: number;
	subsidiary: number;
	date: string;
	low: string;
	high: string;
	due: string;
	open: number;
	source: string;
}

function predictionsOf(store: RecordStore, asOf: string): StoredPrediction[] {
	const out: StoredPrediction[] = [];
	for (const r of store.all('customrecord_o2c_pay_pred')) {
		const v = r.values;
		if (v.custrecord_o2c_pp_as_of !== asOf) continue;
		out.push({
			invoice: Number(v.custrecord_o2c_pp_invoice),
			subsidiary: Number(v.custrecord_o2c_pp_subsidiary),
			date: String(v.custrecord_o2c_pp_date),
			low: String(v.custrecord_o2c_pp_low),
			high: String(v.custrecord_o2c_pp_high),
			due: String(v.custrecord_o2c_pp_due),
			open: cents(Number(v.custrecord_o2c_pp_open)),
			source: String(v.custrecord_o2c_pp_source),
		});
	}
	return out;
}

function weeksOf(store: RecordStore, asOf: string): Map<number, { expected: number; low: number; high: number }[]> {
	const out = new Map<number, { expected: number; low: number; high: number }[]>();
	for (const r of store.all('customrecord_o2c_cash_fc_week')) {
		const v = r.values;
		if (v.custrecord_o2c_fw_as_of !== asOf) continue;
		const sub = Number(v.custrecord_o2c_fw_subsidiary);
		const list = out.get(sub) ?? new Array<{ expected: number; low: number; high: number }>(WEEKS);
		list[Number(v.custrecord_o2c_fw_week) - 1] = {
			expected: cents(Number(v.custrecord_o2c_fw_expected)),
			low: cents(Number(v.custrecord_o2c_fw_low)),
			high: cents(Number(v.custrecord_o2c_fw_high)),
		};
		out.set(sub, list);
	}
	return out;
}

/**
 * Runs the customer metrics and the forecast on the account as of `asOf`; returns its store and
 * the keys that failed (a failed customer has no predictions that night; the run goes on).
 */
function runAt(
	projectRoot: string,
	project: SdfProject,
	ds: Dataset,
	asOf: string,
): { store: RecordStore; failures: string[] } {
	const store = buildStore(ds, asOf, project);
	const emu = new Emulator({ projectRoot, project, store, account: accountInfo(ds, asOf) });
	const failures: string[] = [];
	try {
		for (const script of [METRICS_SCRIPT, FORECAST_SCRIPT]) {
			const run = emu.runMapReduce(script);
			const stageError = run.inputError ?? run.summarizeError;
			if (stageError !== null) throw new BacktestError(`${script} failed at ${asOf}: ${stageError}`);
			for (const k of [...(run.map ?? []), ...(run.reduce ?? [])]) {
				if (k.state === 'FAILED')
					failures.push(`${script} key ${k.key}: ${k.errors[k.errors.length - 1]?.error ?? 'failed'}`);
			}
		}
	} finally {
		emu.close();
	}
	return { store, failures };
}

function scoreDate(
	asOf: string,
	store: RecordStore,
	ds: Dataset,
	outcome: Map<number, Outcome>,
	lastDataDate: string,
): BacktestDate {
	const t: BacktestDate = { ...emptyTally(), asOf, weeksBeyondData: 0, failures: [] };
	const tomorrow = addDays(asOf, 1);
	const predictions = predictionsOf(store, asOf);
	const actualWeeks = new Map<number, number[]>();
	const baselineWeeks = new Map<number, number[]>();
	const row = (m: Map<number, number[]>, sub: number): number[] => {
		let r = m.get(sub);
		if (r === undefined) {
			r = new Array<number>(WEEKS + 1).fill(0);
			m.set(sub, r);
		}
		return r;
	};
	for (const p of predictions) {
		t.open++;
		const o = outcome.get(p.invoice);
		if (o === undefined)
			throw new BacktestError(`prediction for invoice ${p.invoice}, which the dataset does not have`);
		const baselineDate = p.due > asOf ? p.due : tomorrow;
		const b = row(baselineWeeks, p.subsidiary);
		b[weekOf(asOf, baselineDate)] = (b[weekOf(asOf, baselineDate)] as number) + p.open;
		const a = row(actualWeeks, p.subsidiary);
		for (const r of o.receipts)
			if (r.date > asOf) a[weekOf(asOf, r.date)] = (a[weekOf(asOf, r.date)] as number) + r.cents;
		if (o.closedOn === null || o.closedOn <= asOf) {
			t.unresolved++;
			continue;
		}
		if (!o.closedByPayment) {
			t.returned++;
			continue;
		}
		const paid = o.closedOn;
		const err = Math.abs(daysBetween(p.date, paid));
		t.scored++;
		t.errorDays += err;
		t.baselineDays += Math.abs(daysBetween(baselineDate, paid));
		t.dueDateDays += Math.abs(daysBetween(p.due, paid));
		const inside = p.low <= paid && paid <= p.high ? 1 : 0;
		t.inside += inside;
		const s = (t.bySource[p.source] ??= { scored: 0, errorDays: 0, inside: 0 });
		s.scored++;
		s.errorDays += err;
		s.inside += inside;
	}
	const forecastWeeks = weeksOf(store, asOf);
	for (const sub of ds.subsidiaries) {
		const f = forecastWeeks.get(sub.id);
		if (f === undefined) throw new BacktestError(`no stored forecast weeks for subsidiary ${sub.id} at ${asOf}`);
		const a = row(actualWeeks, sub.id);
		const b = row(baselineWeeks, sub.id);
		for (let w = 0; w < WEEKS; w++) {
			if (addDays(asOf, 7 * w + 7) > lastDataDate) {
				t.weeksBeyondData++;
				continue;
			}
			const week = f[w];
			if (week === undefined) throw new BacktestError(`subsidiary ${sub.id} has no week ${w + 1} at ${asOf}`);
			const actual = a[w] as number;
			t.weeks++;
			t.weekActual += actual;
			t.weekError += Math.abs(week.expected - actual);
			t.weekBaselineError += Math.abs((b[w] as number) - actual);
			if (week.low <= actual && actual <= week.high) t.weekInside++;
		}
	}
	return t;
}

/**
 * Runs the backtest (see the module comment).
 * @example backtest({ projectRoot, data: 'out/real.json', from: '2012-07-01', to: '2013-12-01' })
 */
export function backtest(opts: BacktestOptions): BacktestResult {
	const say = opts.progress ?? (() => undefined);
	const step = opts.step ?? 30;
	if (!isCalendarDate(opts.from)) throw new BacktestError(`--from ${opts.from} is not a date (YYYY-MM-DD)`);
	if (!isCalendarDate(opts.to)) throw new BacktestError(`--to ${opts.to} is not a date (YYYY-MM-DD)`);
	if (opts.to < opts.from) throw new BacktestError(`--to ${opts.to} is before --from ${opts.from}`);
	if (!Number.isInteger(step) || step < 1) throw new BacktestError(`--step must be a whole number of days ≥ 1`);
	const disputes = opts.disputes ?? 'closed';
	if (!isDisputeVisibility(disputes))
		throw new BacktestError(`--disputes must be ${DISPUTE_VISIBILITIES.join(' or ')} (got ${String(disputes)})`);
	const ds = typeof opts.data === 'string' ? loadDataset(opts.data) : opts.data;
	const project = loadSdfProject(path.join(opts.projectRoot, 'src'));
	let lastDataDate = '';
	for (const t of ds.transactions) if (t.tranDate > lastDataDate) lastDataDate = t.tranDate;
	const outcome = outcomes(ds.transactions);
	const dates: BacktestDate[] = [];
	const overall = emptyTally();
	for (let d = opts.from; d <= opts.to; d = addDays(d, step)) {
		say(`Backtest: ${d} (${dates.length + 1} of ${Math.floor(daysBetween(opts.from, opts.to) / step) + 1})`);
		const known = disputes === 'closed' ? disputesKnownAt(ds, d, outcome) : ds;
		const { store, failures } = runAt(opts.projectRoot, project, known, d);
		const r = scoreDate(d, store, ds, outcome, lastDataDate);
		r.failures = failures;
		dates.push(r);
		addTally(overall, r);
	}
	return {
		format: BACKTEST_FORMAT,
		dataset: typeof opts.data === 'string' ? opts.data : ds.account.name,
		from: opts.from,
		to: opts.to,
		step,
		disputes,
		lastDataDate,
		dates,
		overall,
	};
}

/* ------------------------------------------------------------------------------ output */

/**
 * Checks that the backtest's JSON may be written to `file`: a new file, or one an earlier backtest
 * wrote (it starts with {"format":"o2c-backtest/1"); never a folder, never an input, never some
 * other file (a tool never overwrites what it did not create). Throws an OutputError otherwise.
 * @example checkBacktestFile('out/bt.json', ['out/real.json'])
 */
export function checkBacktestFile(file: string, inputs: readonly string[]): void {
	const target = path.resolve(file);
	for (const input of inputs)
		if (path.resolve(input) === target)
			throw new OutputError(`--json ${file} is the input file; write it elsewhere`);
	if (!fs.existsSync(target)) return;
	if (fs.statSync(target).isDirectory())
		throw new OutputError(`--json ${file} is a folder; give a file name, e.g. ${path.join(file, 'backtest.json')}`);
	const head = fs.readFileSync(target, 'utf8').slice(0, 64).replace(/\s+/g, '');
	if (!head.startsWith(`{"format":"${BACKTEST_FORMAT}"`))
		throw new OutputError(
			`--json ${file} already exists and is not a backtest this tool wrote; nothing was changed. Give a new file name.`,
		);
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** The figures of a tally (means, shares): what the table and the README show. */
export function figures(t: Tally): {
	mae: number | null;
	baselineMae: number | null;
	dueDateMae: number | null;
	maeRatio: number | null;
	inside: number | null;
	weekMae: number | null;
	weekBaselineMae: number | null;
	weekRatio: number | null;
	weekWape: number | null;
	weekBandInside: number | null;
} {
	return {
		mae: ratio(t.errorDays, t.scored),
		baselineMae: ratio(t.baselineDays, t.scored),
		dueDateMae: ratio(t.dueDateDays, t.scored),
		maeRatio: ratio(t.errorDays, t.baselineDays),
		inside: ratio(t.inside, t.scored),
		weekMae: ratio(t.weekError, t.weeks * 100),
		weekBaselineMae: ratio(t.weekBaselineError, t.weeks * 100),
		weekRatio: ratio(t.weekError, t.weekBaselineError),
		weekWape: ratio(t.weekError, t.weekActual),
		weekBandInside: ratio(t.weekInside, t.weeks),
	};
}

function fmt(x: number | null, digits = 1): string {
	return x === null ? '—' : x.toFixed(digits);
}

function pct(x: number | null): string {
	return x === null ? '—' : `${(100 * x).toFixed(0)}%`;
}

function money(x: number | null): string {
	return x === null ? '—' : Math.round(x).toLocaleString('en-US');
}

/** The result as a Markdown table (per date and overall), then the error by prediction source. */
export function formatBacktest(r: BacktestResult): string {
	const head =
		'| Date | Open | Scored | MAE days | Baseline | Ratio | Due date | In 20–80 | Weeks | Week MAE | Baseline | Ratio | In band |\n' +
		'|---|---|---|---|---|---|---|---|---|---|---|---|---|';
	const line = (label: string, t: Tally): string => {
		const f = figures(t);
		return `| ${label} | ${t.open} | ${t.scored} | ${fmt(f.mae)} | ${fmt(f.baselineMae)} | ${fmt(f.maeRatio, 2)} | ${fmt(f.dueDateMae)} | ${pct(f.inside)} | ${t.weeks} | ${money(f.weekMae)} | ${money(f.weekBaselineMae)} | ${fmt(f.weekRatio, 2)} | ${pct(f.weekBandInside)} |`;
	};
	const rows = r.dates.map((d) => line(d.asOf, d));
	const o = r.overall;
	const sources = Object.entries(o.bySource)
		.sort((a, b) => b[1].scored - a[1].scored)
		.map(
			([s, v]) =>
				`| ${s} | ${v.scored} | ${fmt(ratio(v.errorDays, v.scored))} | ${pct(ratio(v.inside, v.scored))} |`,
		);
	return [
		`Backtest of ${r.dataset}: ${r.from} to ${r.to} every ${r.step} days (data ends ${r.lastDataDate}); ` +
			(r.disputes === 'closed'
				? "disputes shown only on invoices closed by D (an open invoice's dispute may not be raised yet)."
				: 'every disputed flag shown at every date (leaks disputes raised after D: an upper bound).'),
		'',
		head,
		...rows,
		line('**overall**', o),
		'',
		`Not scored: ${o.returned} invoices closed by a credit memo after D, ${o.unresolved} still unpaid at the end of the data.`,
		...r.dates.filter((d) => d.failures.length > 0).map((d) => `Failures at ${d.asOf}: ${d.failures.join('; ')}`),
		'',
		'| Source | Scored | MAE days | In 20–80 |',
		'|---|---|---|---|',
		...sources,
	].join('\n');
}
