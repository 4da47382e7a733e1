/**
 * Wiring of the forecast map/reduce (`customscript_o2c_forecast_mr`): the run's as-of date, the
 * input (the customers, cut into batches: adapters/customerRun.ts), no map stage, reduce (one
 * batch: its customers' invoice rows, segments, promises and prediction records read in one search
 * each; per customer its predictions, records upserted, its part of the subsidiary forecast written
 * out), summarize (each subsidiary's 13 weeks from the parts, errors per customer, records of
 * customers that left the input). Every id here is declared in
 * src/Objects/customscript_o2c_forecast_mr.xml.
 *
 * **Pooled histories.** A customer with thin history falls back on its segment's and its
 * subsidiary's paid invoices. Those pools are built once per subsidiary and run, by the first reduce
 * that needs them, and kept in a private N/cache entry (`Cache.get` with a loader: the loader runs
 * on a miss, so an evicted entry is rebuilt the same way). Building one reads the subsidiary's
 * invoices paid in the 365 days (5 + 5 units per 1,000 application rows) and its customers'
 * segments (5 + 5 per 1,000 customers): ~235 units on L, counted in the estimate of every batch of
 * the subsidiary (several reduces may build them at once when they run concurrently).
 *
 * **Governance.** getInputData reads what each batch will cost (input counts, the invoices open at
 * D, the prediction records, promises, each subsidiary's pool rows: L ~1,300 units of 10,000) and
 * cuts batches by their estimated units ({@link forecastModel}: pages, writes, and building the pools
 * of each subsidiary the batch touches, 2,000 at most); customers are taken by subsidiary, so a
 * batch touches one or two. Before the estimate, batches of 250 consecutive customers of the
 * name-sorted input touched every subsidiary, and the first reduce of a night built all their pools
 * (L, 20 subsidiaries: 96.6 % of its 5,000 units on the first night, 76.8 % on the steady night).
 * One customer above the budget is a batch of its own and could outgrow a reduce, so writing stops
 * at a margin: the forecast still counts every invoice, the records not refreshed keep the previous
 * night's values (their as-of date shows it) and the reduce logs how many. Each reduce logs (debug)
 * its units against its estimate, and an audit entry when it used more.
 */
import * as cache from 'N/cache';
import * as log from 'N/log';
import * as search from 'N/search';
import { addDays, CalendarDate } from '../domain/calendarDate';
import { expectedWithin, subsidiaryForecast } from '../domain/cashForecast';
import type { InvoiceRow } from '../domain/paymentHistory';
import type { PromiseToPay } from '../domain/paymentPrediction';
import { addTallies, decodeTally, forecastCustomer, SubsidiaryTally, tallyOf } from '../app/forecast/forecastCustomer';
import { buildPools, decodePools, encodePools, SubsidiaryPools } from '../app/forecast/pools';
import { chainNight } from './nightlyChain';
import {
	activePromiseCounts,
	batchCustomers,
	batchOf,
	BatchModel,
	CustomerLoad,
	CustomerRunSummary,
	endsInvocation,
	errorText,
	FAILED_PREFIX,
	failedAndReduced,
	logUsage,
	ROWS_PER_COUNTED,
	PAGE_UNITS,
	runDate,
} from './customerRun';
import { remainingUsage } from './governance';
import { textParam } from './scriptParams';
import {
	ForecastInputRow,
	forecastInputCounts,
	forecastOpenInvoices,
	forecastPoolRowCounts,
	forecastPoolRows,
	forecastRowsOf,
} from './searches/forecastInput';
import { loadSubsidiaries } from './searches/subsidiaries';
import {
	customerSegments,
	deletePrediction,
	existingForecastRecords,
	existingPredictionsOf,
	metricsRecordsBySubsidiary,
	predictionsByCustomer,
	promisesToPayOf,
	receiptsBetween,
	savePrediction,
	saveSubsidiaryForecast,
	stalePredictions,
	subsidiarySegments,
} from './records/forecastRecords';

export const P_FC = {
	asOf: 'custscript_o2c_fc_as_of',
	input: 'custscript_o2c_srch_fc_input',
	nativeField: 'custscript_o2c_fc_native_field',
} as const;

const CACHE_NAME = 'o2c_forecast_run';
const RUN = runDate(CACHE_NAME, P_FC.asOf);
/** Long enough for any run of the job (seconds). */
const CACHE_TTL = 24 * 3600;
/** Units a reduce keeps in hand after its last record write. */
const WRITE_MARGIN = 100;

function runCache(): cache.Cache {
	return cache.getCache({ name: CACHE_NAME, scope: cache.Scope.PRIVATE });
}

/** The run's as-of date: fixed by getInputData, recomputed the same way if the cache lost it. */
export function runAsOf(): CalendarDate {
	return RUN.get();
}

/** The night the run belongs to (its parameter, the same in every stage), or null. */
export function runNight(): CalendarDate | null {
	return chainNight();
}

/** Units of building one subsidiary's pools besides its two searches' pages (see {@link forecastModel}). */
const POOL_BUILD_FIXED = 2 + 5 + 5 + 5 + 2;

/**
 * How the forecast cuts its input (adapters/customerRun.ts): a batch is estimated at
 * - 26 fixed: its as-of cache read (1), the input search's load (5) and the runs of its four
 *   searches (5 each): detail rows, segments, promises, prediction records;
 * - 5 per started 1,000 rows of each of those searches (`reads`: twice the input's invoice count,
 *   {@link ROWS_PER_COUNTED}; one metrics record per customer, active promises, prediction records);
 * - its writes, per customer 2 per prediction updated, 6 per created and 4 per deleted;
 * - per subsidiary it touches: the cache read of its pools (1) and, as if this batch had to build
 *   them (the first batch of a night does; so may several at once when reduces run concurrently or
 *   the cache lost the entry), {@link POOL_BUILD_FIXED}: the cache miss 2, the pool search's load 5
 *   and run 5, the segments search's run 5, the currency lookups 2, plus 5 per started 1,000 pool
 *   rows and 5 per started 1,000 of the subsidiary's metrics records.
 * Budget: 2,000 units, 40 % of a reduce's 5,000, so an estimate that is short (an invoice with
 * more than two applications, a customer with duplicated metrics records) still leaves the batch
 * under half; the reduce logs an audit entry when it used more than its estimate.
 */
export function forecastModel(
	poolRows: ReadonlyMap<string, number>,
	metricsRecords: ReadonlyMap<string, number>,
): BatchModel {
	return {
		maxUnits: 2000,
		maxRows: 20_000,
		fixedUnits: 1 + 5 + 4 * 5,
		searches: ['detail rows', 'segments', 'promises', 'prediction records'],
		subsidiaryUnits: (id) =>
			1 +
			POOL_BUILD_FIXED +
			PAGE_UNITS * Math.ceil((poolRows.get(id) ?? 0) / 1000) +
			PAGE_UNITS * Math.ceil((metricsRecords.get(id) ?? 0) / 1000),
	};
}

/**
 * The write units of a customer: 6 per invoice open at D without a record (create), 2 per one with
 * a record (update), 4 per record whose invoice is no longer open (delete).
 * @example predictionWriteUnits(new Set(['1', '2']), new Set(['2', '3'])) // 6 + 2 + 4 = 12
 */
export function predictionWriteUnits(open: ReadonlySet<string>, recorded: ReadonlySet<string>): number {
	let units = 0;
	for (const id of open) units += recorded.has(id) ? 2 : 6;
	for (const id of recorded) if (!open.has(id)) units += 4;
	return units;
}

/**
 * getInputData: fixes the as-of date, reads what each customer costs (its input rows, the invoices
 * open at D, its prediction records and promises; per subsidiary the pool rows and metrics records)
 * and returns the batches of customers (key → batch). L (1M invoices): ~1,300 units of 10,000.
 */
export function inputForRun(): Record<string, string> {
	const asOf = RUN.fix();
	const searchId = textParam(P_FC.input);
	const counts = [...forecastInputCounts(asOf, searchId).values()];
	const open = forecastOpenInvoices(asOf, searchId);
	const records = predictionsByCustomer();
	const promises = activePromiseCounts();
	const subsidiaries = [...new Set(counts.flatMap((c) => c.subsidiaryIds))];
	const model = forecastModel(forecastPoolRowCounts(asOf, subsidiaries, searchId), metricsRecordsBySubsidiary());
	const none = new Set<string>();
	const loads: CustomerLoad[] = counts.map((c) => {
		const recorded = records.get(c.customerId);
		return {
			...c,
			reads: [ROWS_PER_COUNTED * c.rows, 1, promises.get(c.customerId) ?? 0, recorded?.records ?? 0],
			writeUnits: predictionWriteUnits(open.get(c.customerId) ?? none, recorded?.invoices ?? none),
		};
	});
	return batchCustomers(loads, model, 'Forecast');
}

/* ---------------------------------------------------------------------------- pools */

interface PoolEntry {
	currency: string;
	pools: SubsidiaryPools;
}

function currencyOf(subsidiaryId: string): string {
	const s = search.lookupFields({ type: 'subsidiary', id: subsidiaryId, columns: ['currency'] });
	const ref = s.currency;
	const currencyId = Array.isArray(ref) ? ref[0]?.value : undefined;
	if (currencyId === undefined || currencyId === '')
		throw new Error(`Subsidiary ${subsidiaryId} has no base currency`);
	const symbol = search.lookupFields({ type: 'currency', id: currencyId, columns: ['symbol'] }).symbol;
	const code = typeof symbol === 'string' ? symbol : '';
	if (code === '') throw new Error(`Currency ${currencyId} of subsidiary ${subsidiaryId} has no ISO code`);
	return code;
}

function loadPools(asOf: CalendarDate, subsidiaryId: string): string {
	const segments = subsidiarySegments(subsidiaryId);
	const rows = new Map<string, InvoiceRow[]>();
	for (const r of forecastPoolRows(asOf, subsidiaryId, textParam(P_FC.input))) {
		const list = rows.get(r.customerId);
		if (list === undefined) rows.set(r.customerId, [r.row]);
		else list.push(r.row);
	}
	const entry = { currency: currencyOf(subsidiaryId), pools: buildPools(rows, (c) => segments.get(c) ?? null, asOf) };
	return JSON.stringify({ currency: entry.currency, pools: JSON.parse(encodePools(entry.pools)) as unknown });
}

/**
 * Decoded pools of the cache texts seen by this script instance (a reduce often runs in an
 * instance that already decoded its subsidiary's: the text is compared, so a rebuilt entry is read again).
 */
const decoded = new Map<string, { text: string; entry: PoolEntry }>();

/** The subsidiary's pools and base currency for this run (cached; built by the first caller). */
function poolsFor(asOf: CalendarDate, subsidiaryId: string): PoolEntry {
	const key = `pools:${asOf}:${subsidiaryId}`;
	const text = runCache().get({ key, loader: () => loadPools(asOf, subsidiaryId), ttl: CACHE_TTL });
	if (text === null) throw new Error(`Forecast pools of subsidiary ${subsidiaryId} could not be built`);
	const known = decoded.get(key);
	if (known?.text === text) return known.entry;
	const o = JSON.parse(text) as { currency?: unknown; pools?: unknown };
	if (typeof o.currency !== 'string') throw new Error(`Forecast pools of subsidiary ${subsidiaryId}: no currency`);
	const entry = { currency: o.currency, pools: decodePools(JSON.stringify(o.pools)) };
	decoded.set(key, { text, entry });
	return entry;
}

/* ---------------------------------------------------------------------------- reduce */

/** What a batch reads once for all its customers. */
interface BatchReads {
	rows: Map<string, ForecastInputRow[]>;
	segments: Map<string, string>;
	promises: Map<string, PromiseToPay[]>;
	existing: Map<string, Map<string, number>>;
	/** The pools of each subsidiary, read from the cache once per batch (1 unit each). */
	pools: (subsidiaryId: string) => PoolEntry;
}

/**
 * One customer of a batch → its predictions (records upserted, closed invoices' records deleted)
 * and one tally per subsidiary it has invoices in, for the summarize stage.
 */
function forecastOne(customerId: string, asOf: CalendarDate, batch: BatchReads): { key: string; value: string }[] {
	const bySubsidiary = new Map<string, InvoiceRow[]>();
	for (const r of batch.rows.get(customerId) ?? []) {
		const list = bySubsidiary.get(r.subsidiaryId);
		if (list === undefined) bySubsidiary.set(r.subsidiaryId, [r.row]);
		else list.push(r.row);
	}
	const segment = batch.segments.get(customerId) ?? null;
	const promises = batch.promises.get(customerId) ?? [];
	const existing = batch.existing.get(customerId) ?? new Map<string, number>();
	const open = new Set<string>();
	const out: { key: string; value: string }[] = [];
	let skipped = 0;
	for (const [subsidiaryId, rows] of bySubsidiary) {
		const { currency, pools } = batch.pools(subsidiaryId);
		const f = forecastCustomer({ asOf, customerId, subsidiaryId, segment, rows, promises, pools });
		for (const p of f.predictions) {
			open.add(p.invoice.invoiceId);
			const id = existing.get(p.invoice.invoiceId);
			if (remainingUsage() < WRITE_MARGIN + (id === undefined ? 6 : 2)) {
				skipped++;
				continue;
			}
			savePrediction(p, { customerId, subsidiaryId, currency, asOf }, id);
		}
		const tally: SubsidiaryTally = tallyOf(f);
		out.push({ key: subsidiaryId, value: JSON.stringify(tally) });
	}
	for (const [invoiceId, id] of existing) {
		if (open.has(invoiceId)) continue;
		if (remainingUsage() < WRITE_MARGIN + 4) {
			skipped++;
			continue;
		}
		deletePrediction(id);
	}
	if (skipped > 0)
		log.audit({
			title: `Forecast: customer ${customerId} ran short of units`,
			details: `${String(skipped)} prediction records not refreshed tonight (they keep their earlier values and as-of date)`,
		});
	return out;
}

/**
 * reduce: one batch of customers → their rows, segments, promises and prediction records (one
 * search each) → per customer its predictions and tallies (output key: the subsidiary). A customer
 * that fails is output as `failed:<customer>` with its error and writes no tally; the others go on.
 */
export function reduceBatch(key: string, values: readonly string[]): { key: string; value: string }[] {
	const batch = batchOf(key, values, 'forecast');
	const start = remainingUsage();
	const { customers } = batch;
	const asOf = runAsOf();
	const ids = customers.map((c) => c.id);
	const pools = new Map<string, PoolEntry>();
	const reads: BatchReads = {
		rows: forecastRowsOf(ids, asOf, textParam(P_FC.input), textParam(P_FC.nativeField)),
		segments: customerSegments(ids),
		promises: promisesToPayOf(ids),
		existing: existingPredictionsOf(ids),
		pools: (subsidiaryId) => {
			const known = pools.get(subsidiaryId);
			if (known !== undefined) return known;
			const entry = poolsFor(asOf, subsidiaryId);
			pools.set(subsidiaryId, entry);
			return entry;
		},
	};
	const out: { key: string; value: string }[] = [];
	for (const c of customers) {
		try {
			out.push(...forecastOne(c.id, asOf, reads));
		} catch (e) {
			if (endsInvocation(e)) throw e; // the whole batch is retried; nothing here may carry on
			out.push({ key: `${FAILED_PREFIX}${c.id}`, value: errorText(e) });
		}
	}
	logUsage('Forecast', batch, start - remainingUsage());
	return out;
}

/* ------------------------------------------------------------------------- summarize */

interface SummaryLike extends CustomerRunSummary {
	output: { iterator(): { each(f: (key: string, value: string) => boolean): void } };
}

/**
 * summarize: each subsidiary's forecast from its customers' tallies (a subsidiary with nothing
 * open gets zeros, so no stale weeks stay on record), failures logged per customer, prediction
 * records of customers no longer in the input deleted. Returns counts for the log.
 */
export function summarizeRun(summary: SummaryLike): {
	subsidiaries: number;
	customers: number;
	failed: number;
	deleted: number;
} {
	const asOf = runAsOf();
	const { failed, reduced } = failedAndReduced(summary, 'Forecast');
	const tallies = new Map<string, SubsidiaryTally[]>();
	summary.output.iterator().each((key, value) => {
		if (key.startsWith(FAILED_PREFIX)) return true; // logged by failedAndReduced
		const list = tallies.get(key);
		const t = decodeTally(value);
		if (list === undefined) tallies.set(key, [t]);
		else list.push(t);
		return true;
	});

	const existing = existingForecastRecords();
	const subsidiaries = loadSubsidiaries();
	for (const sub of subsidiaries) {
		const list = tallies.get(sub.id) ?? [];
		const forecast = subsidiaryForecast(
			list.map((t) => t.part),
			asOf,
			sub.currency,
		);
		const { sources, native } = addTallies(list);
		saveSubsidiaryForecast(
			forecast,
			{
				subsidiaryId: sub.id,
				sources,
				native,
				prior4Minor: receiptsBetween(sub.id, addDays(asOf, -27), asOf),
				next4Minor: expectedWithin(forecast, 4).minor,
			},
			existing,
		);
		if (native.compared > 0)
			log.audit({
				title: `Forecast: subsidiary ${sub.id} against NetSuite's predicted payment dates`,
				details: `${String(native.compared)} invoices carry both; mean difference ${(native.absDaysSum / native.compared).toFixed(1)} days; within 7 days: ${String(native.within7)}`,
			});
	}
	let deleted = 0;
	for (const stale of stalePredictions(asOf)) {
		// Reduced customers cleaned up their own (what is left they could not refresh); failed ones keep theirs.
		if (reduced.has(stale.customerId) || failed.has(stale.customerId)) continue;
		deletePrediction(stale.id);
		deleted++;
	}
	return { subsidiaries: subsidiaries.length, customers: reduced.size, failed: failed.size, deleted };
}
