/**
 * The invoice drill-down Suitelet's request handling: open invoices (main lines, status Open,
 * amounts in each subsidiary's base currency) filtered by subsidiary, customer and aging bucket,
 * sorted, one page of {@link PAGE_SIZE} rows on screen, or every row as CSV.
 *
 * Costs per screen page: today 10, subsidiaries ≈ 20, the page 5 + 5, the totals 10, the page's
 * payment predictions 10, a customer name 1: about 65 units whatever the account's size. The CSV costs 5 + 5 per 1,000 rows and is
 * written page by page with `response.write`, so it never builds one large string or file
 * (N/file content is limited to 10 MB in memory): before writing anything it checks that the
 * remaining units cover every page, and otherwise says so instead of sending a partial file.
 */
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import * as url from 'N/url';
import type { EntryPoints } from 'N/types';
import type { CalendarDate } from '../../domain/calendarDate';
import { fromDecimal } from '../../domain/money';
import {
	csvFileName,
	csvHeaderLine,
	csvLine,
	dueDateRange,
	PAGE_SIZE,
	parseDrilldownQuery,
	renderDrilldownPage,
	DEFAULT_QUERY,
	type DrilldownQuery,
	type DrilldownRow,
	type SortKey,
} from '../../domain/dashboard/drilldown';
import { accountToday } from '../clock';
import { fromNsDate, toNsDate } from '../nsDate';
import { baseCurrencySettings, textOf, valueOf } from '../searches/searchKit';
import { loadSubsidiaries, type SubsidiaryInfo } from '../searches/subsidiaries';
import { DRILLDOWN, nsLinks } from './portletKit';
import { PAY_PREDICTION, PAY_PREDICTION_FIELDS as P } from '../records/forecastRecords';

/** Units kept back for the end of a CSV export (headers, the last write). */
const CSV_MARGIN_UNITS = 20;
const CSV_PAGE_ROWS = 1000;

function dateCondition(field: string, range: { from: CalendarDate | null; to: CalendarDate | null }): unknown[] {
	if (range.from !== null && range.to !== null) return [field, 'within', toNsDate(range.from), toNsDate(range.to)];
	if (range.from !== null) return [field, 'onorafter', toNsDate(range.from)];
	return [field, 'onorbefore', toNsDate(range.to as CalendarDate)];
}

/** The filter expression of a query at `today`. */
export function drilldownFilters(q: DrilldownQuery, today: CalendarDate): unknown[] {
	const f: unknown[] = [
		['type', 'anyof', 'CustInvc'],
		'AND',
		['mainline', 'is', 'T'],
		'AND',
		['status', 'anyof', 'CustInvc:A'],
	];
	if (q.subsidiaryId !== null) f.push('AND', ['subsidiary', 'anyof', String(q.subsidiaryId)]);
	if (q.customerId !== null) f.push('AND', ['entity', 'anyof', String(q.customerId)]);
	const range = dueDateRange(q.bucket, today);
	if (range !== null) {
		// an invoice without a due date ages from its invoice date (dataset-format.md §2)
		f.push('AND', [
			dateCondition('duedate', range),
			'OR',
			[['duedate', 'isempty', ''], 'AND', dateCondition('trandate', range)],
		]);
	}
	return f;
}

const SORT_COLUMNS: Readonly<Record<SortKey, { name: string; invert: boolean }>> = {
	// more days overdue = an earlier due date
	daysoverdue: { name: 'duedate', invert: true },
	amount: { name: 'amountremaining', invert: false },
	tranid: { name: 'tranid', invert: false },
	customer: { name: 'entity', invert: false },
	trandate: { name: 'trandate', invert: false },
	duedate: { name: 'duedate', invert: false },
};

function rowsSearch(q: DrilldownQuery, today: CalendarDate): search.Search {
	const s = SORT_COLUMNS[q.sort];
	const asc = (q.dir === 'asc') !== s.invert;
	return search.create({
		type: 'invoice',
		filters: drilldownFilters(q, today),
		settings: baseCurrencySettings(),
		columns: [
			search.createColumn({ name: s.name, sort: asc ? search.Sort.ASC : search.Sort.DESC }),
			// a unique order, so that pages neither repeat nor skip an invoice (runPaged needs one)
			search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
			'tranid',
			'entity',
			'subsidiary',
			'trandate',
			'duedate',
			'amountremaining',
			'memo',
		],
	});
}

function rowOf(r: search.Result, currencyOf: ReadonlyMap<string, string>): DrilldownRow {
	const id = Number(r.id);
	const sub = valueOf(r, { name: 'subsidiary' });
	const currency = currencyOf.get(sub) ?? '';
	const customerId = Number(valueOf(r, { name: 'entity' }));
	return {
		id,
		tranId: valueOf(r, { name: 'tranid' }),
		customerId,
		customerName: textOf(r, { name: 'entity' }),
		subsidiaryName: textOf(r, { name: 'subsidiary' }),
		currency,
		tranDate: fromNsDate(valueOf(r, { name: 'trandate' })) ?? ('' as CalendarDate),
		dueDate: fromNsDate(valueOf(r, { name: 'duedate' })),
		openMinor: fromDecimal(valueOf(r, { name: 'amountremaining' }) || '0', currency || 'XXX').minor,
		memo: valueOf(r, { name: 'memo' }),
		invoiceUrl: nsLinks.invoice(id),
		customerUrl: nsLinks.customer(customerId),
	};
}

/** Count and Σ open amount of every matching invoice (one summary search, grouped by subsidiary). */
function totals(
	q: DrilldownQuery,
	today: CalendarDate,
	currencyOf: ReadonlyMap<string, string>,
): { count: number; minor: number | null; currency: string | null } {
	const s = search.create({
		type: 'invoice',
		filters: drilldownFilters(q, today),
		settings: baseCurrencySettings(),
		columns: [
			search.createColumn({ name: 'subsidiary', summary: search.Summary.GROUP }),
			search.createColumn({ name: 'amountremaining', summary: search.Summary.SUM }),
			search.createColumn({ name: 'internalid', summary: search.Summary.COUNT }),
		],
	});
	let count = 0;
	let minor = 0;
	const currencies = new Set<string>();
	for (const r of s.run().getRange({ start: 0, end: 1000 })) {
		const currency = currencyOf.get(valueOf(r, { name: 'subsidiary', summary: search.Summary.GROUP })) ?? 'XXX';
		currencies.add(currency);
		count += Number(valueOf(r, { name: 'internalid', summary: search.Summary.COUNT }));
		minor += fromDecimal(
			valueOf(r, { name: 'amountremaining', summary: search.Summary.SUM }) || '0',
			currency,
		).minor;
	}
	const one = currencies.size === 1 ? ([...currencies][0] ?? null) : null;
	return { count, minor: one === null ? null : minor, currency: one };
}

/** The stored payment predictions of a page's invoices (one search, 10 units; none before the forecast job ran). */
function predictions(rows: readonly DrilldownRow[]): DrilldownRow[] {
	if (rows.length === 0) return [];
	const s = search.create({
		type: PAY_PREDICTION,
		filters: [[P.invoice, 'anyof', ...rows.map((r) => String(r.id))], 'AND', ['isinactive', 'is', 'F']],
		columns: [P.invoice, P.date, P.low, P.high],
	});
	const byInvoice = new Map<number, NonNullable<DrilldownRow['predicted']>>();
	for (const r of s.run().getRange({ start: 0, end: 1000 })) {
		const date = fromNsDate(valueOf(r, { name: P.date }));
		if (date === null) continue;
		byInvoice.set(Number(valueOf(r, { name: P.invoice })), {
			date,
			low: fromNsDate(valueOf(r, { name: P.low })),
			high: fromNsDate(valueOf(r, { name: P.high })),
		});
	}
	return rows.map((r) => ({ ...r, predicted: byInvoice.get(r.id) ?? null }));
}

function customerName(id: number | null): string | null {
	if (id === null) return null;
	const v = search.lookupFields({ type: 'customer', id: String(id), columns: ['companyname', 'entityid'] });
	const name = v.companyname ?? v.entityid;
	return typeof name === 'string' && name !== '' ? name : `Customer ${String(id)}`;
}

/** Writes every matching invoice as CSV, or returns why it cannot (nothing written then). */
function writeCsv(
	response: EntryPoints.Suitelet.onRequestContext['response'],
	q: DrilldownQuery,
	today: CalendarDate,
	currencyOf: ReadonlyMap<string, string>,
): string | null {
	const paged = rowsSearch(q, today).runPaged({ pageSize: CSV_PAGE_ROWS });
	const needed = 5 * paged.pageRanges.length + CSV_MARGIN_UNITS;
	const remaining = runtime.getCurrentScript().getRemainingUsage();
	if (needed > remaining) {
		return (
			`${String(paged.count)} invoices match: one export can read about ${String(Math.floor((remaining - CSV_MARGIN_UNITS) / 5) * CSV_PAGE_ROWS)} rows ` +
			"within the Suitelet's 1,000 governance units. Narrow the filters (subsidiary, customer, bucket) and export each part."
		);
	}
	response.setHeader({ name: 'Content-Type', value: 'text/csv; charset=utf-8' });
	response.setHeader({ name: 'Content-Disposition', value: `attachment; filename="${csvFileName(q, today)}"` });
	// a byte-order mark, so that spreadsheet programs read the file as UTF-8
	response.write({ output: `\uFEFF${csvHeaderLine()}` });
	for (const range of paged.pageRanges) {
		const page = paged.fetch({ index: range.index });
		response.write({ output: page.data.map((r) => csvLine(rowOf(r, currencyOf), today)).join('') });
	}
	return null;
}

export function handleDrilldownRequest(ctx: EntryPoints.Suitelet.onRequestContext): void {
	const params = (ctx.request.parameters ?? {}) as Record<string, string | undefined>;
	const parsed = parseDrilldownQuery(params);
	const problems = parsed.ok ? [] : parsed.problems;
	const format = (params.format ?? '').trim();
	if (format !== '' && format !== 'csv') problems.push(`format must be csv or empty; got ${JSON.stringify(format)}`);
	const q = parsed.ok ? parsed.query : DEFAULT_QUERY;
	const today = accountToday();
	const subsidiaries: SubsidiaryInfo[] = loadSubsidiaries();
	const currencyOf = new Map(subsidiaries.map((s) => [s.id, s.currency]));
	let exportProblem: string | null = null;
	if (problems.length === 0 && format === 'csv') {
		exportProblem = writeCsv(ctx.response, q, today, currencyOf);
		if (exportProblem === null) return;
	}
	let rows: DrilldownRow[] = [];
	let pageCount = 0;
	let t: { count: number; minor: number | null; currency: string | null } = { count: 0, minor: null, currency: null };
	if (problems.length === 0) {
		const paged = rowsSearch(q, today).runPaged({ pageSize: PAGE_SIZE });
		pageCount = paged.pageRanges.length;
		if (q.page <= pageCount)
			rows = predictions(paged.fetch({ index: q.page - 1 }).data.map((r) => rowOf(r, currencyOf)));
		t = totals(q, today, currencyOf);
	}
	ctx.response.write({
		output: renderDrilldownPage({
			today,
			query: q,
			problems,
			subsidiaries: subsidiaries.map((s) => ({ id: Number(s.id), name: s.name, currency: s.currency })),
			customerName: customerName(q.customerId),
			rows,
			count: t.count,
			totalMinor: t.minor,
			totalCurrency: t.currency,
			pageCount,
			formAction: url.resolveScript({ scriptId: DRILLDOWN.scriptId, deploymentId: DRILLDOWN.deploymentId }),
			urlFor: (next, csv) => nsLinks.drilldown(next, csv === true),
			...(exportProblem === null ? {} : { exportProblem }),
		}),
	});
}
