/**
 * The invoice drill-down (Suitelet): which open invoices a request asks for, the page that lists
 * them, and the CSV export. The query comes from URL parameters and is validated here (a bad
 * parameter is named on the page, never ignored). Pure: no `N/*`.
 */
import { addDays, type CalendarDate } from '../calendarDate';
import { agingBucketOf, daysOverdue } from '../aging';
import { escapeHtml } from '../html';
import { formatCents } from './format';
import { link } from './html';
import { BUCKET_LABELS, type Bucket, isBucket } from './views';

export const SORT_KEYS = ['daysoverdue', 'amount', 'tranid', 'customer', 'trandate', 'duedate'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** `open`: every open invoice; `overdue`: every bucket past due; else one aging bucket. */
export type BucketFilter = Bucket | 'overdue' | 'open';

export interface DrilldownQuery {
	readonly subsidiaryId: number | null;
	readonly customerId: number | null;
	readonly bucket: BucketFilter;
	readonly sort: SortKey;
	readonly dir: 'asc' | 'desc';
	/** 1-based */
	readonly page: number;
}

export const DEFAULT_QUERY: DrilldownQuery = {
	subsidiaryId: null,
	customerId: null,
	bucket: 'open',
	sort: 'daysoverdue',
	dir: 'desc',
	page: 1,
};

/** Rows per page on screen. */
export const PAGE_SIZE = 50;

const SORT_LABELS: Readonly<Record<SortKey, string>> = {
	daysoverdue: 'Days overdue',
	amount: 'Open amount',
	tranid: 'Invoice',
	customer: 'Customer',
	trandate: 'Invoice date',
	duedate: 'Due date',
};

const BUCKET_FILTER_LABELS: Readonly<Record<BucketFilter, string>> = {
	open: 'All open',
	overdue: 'All overdue',
	...BUCKET_LABELS,
};

export type ParsedQuery = { ok: true; query: DrilldownQuery } | { ok: false; problems: string[] };

function positiveId(raw: string | undefined, name: string, problems: string[]): number | null {
	if (raw === undefined || raw.trim() === '') return null;
	const n = Number(raw);
	if (!Number.isSafeInteger(n) || n <= 0) {
		problems.push(`${name} must be an internal id (a positive whole number), got ${JSON.stringify(raw)}`);
		return null;
	}
	return n;
}

/**
 * The query of a request's parameters; unknown values are named.
 * @example parseDrilldownQuery({ subsidiary: '1', bucket: '90+' }) // { ok: true, query: { subsidiaryId: 1, bucket: '90+', ... } }
 */
export function parseDrilldownQuery(params: Readonly<Record<string, string | undefined>>): ParsedQuery {
	const problems: string[] = [];
	const subsidiaryId = positiveId(params.subsidiary, 'subsidiary', problems);
	const customerId = positiveId(params.customer, 'customer', problems);
	const bucketRaw = (params.bucket ?? '').trim();
	let bucket: BucketFilter = DEFAULT_QUERY.bucket;
	if (bucketRaw !== '') {
		if (bucketRaw === 'open' || bucketRaw === 'overdue' || isBucket(bucketRaw)) bucket = bucketRaw;
		else
			problems.push(
				`bucket must be one of open, overdue, current, 1-30, 31-60, 61-90, 90+; got ${JSON.stringify(bucketRaw)}`,
			);
	}
	const sortRaw = (params.sort ?? '').trim();
	let sort: SortKey = DEFAULT_QUERY.sort;
	if (sortRaw !== '') {
		if ((SORT_KEYS as readonly string[]).includes(sortRaw)) sort = sortRaw as SortKey;
		else problems.push(`sort must be one of ${SORT_KEYS.join(', ')}; got ${JSON.stringify(sortRaw)}`);
	}
	const dirRaw = (params.dir ?? '').trim();
	let dir: 'asc' | 'desc' =
		sortRaw === '' ? DEFAULT_QUERY.dir : sort === 'daysoverdue' || sort === 'amount' ? 'desc' : 'asc';
	if (dirRaw !== '') {
		if (dirRaw === 'asc' || dirRaw === 'desc') dir = dirRaw;
		else problems.push(`dir must be asc or desc; got ${JSON.stringify(dirRaw)}`);
	}
	let page = 1;
	const pageRaw = (params.page ?? '').trim();
	if (pageRaw !== '') {
		const n = Number(pageRaw);
		if (!Number.isSafeInteger(n) || n < 1)
			problems.push(`page must be a whole number from 1; got ${JSON.stringify(pageRaw)}`);
		else page = n;
	}
	if (problems.length > 0) return { ok: false, problems };
	return { ok: true, query: { subsidiaryId, customerId, bucket, sort, dir, page } };
}

/** The URL parameters of a query (defaults left out), for links back to the Suitelet. */
export function queryParams(q: DrilldownQuery): Record<string, string> {
	const p: Record<string, string> = {};
	if (q.subsidiaryId !== null) p.subsidiary = String(q.subsidiaryId);
	if (q.customerId !== null) p.customer = String(q.customerId);
	if (q.bucket !== DEFAULT_QUERY.bucket) p.bucket = q.bucket;
	if (q.sort !== DEFAULT_QUERY.sort || q.dir !== DEFAULT_QUERY.dir) {
		p.sort = q.sort;
		p.dir = q.dir;
	}
	if (q.page !== 1) p.page = String(q.page);
	return p;
}

/**
 * The due-date range of a bucket at `today`: an invoice `d` days overdue is due on `today − d`
 * (an invoice without a due date ages from its transaction date, so the same range applies to
 * that date). Null bounds are open.
 * @example dueDateRange('1-30', d('2026-05-04')) // { from: '2026-04-04', to: '2026-05-03' }
 */
export function dueDateRange(
	bucket: BucketFilter,
	today: CalendarDate,
): { from: CalendarDate | null; to: CalendarDate | null } | null {
	const days: Record<BucketFilter, [number | null, number | null] | null> = {
		open: null,
		overdue: [1, null],
		current: [null, 0],
		'1-30': [1, 30],
		'31-60': [31, 60],
		'61-90': [61, 90],
		'90+': [91, null],
	};
	const r = days[bucket];
	if (r === null) return null;
	const [lo, hi] = r;
	return { from: hi === null ? null : addDays(today, -hi), to: lo === null ? null : addDays(today, -lo) };
}

/** One open invoice as the drill-down lists it (open amount in the subsidiary's base currency). */
export interface DrilldownRow {
	readonly id: number;
	readonly tranId: string;
	readonly customerId: number;
	readonly customerName: string;
	readonly subsidiaryName: string;
	readonly currency: string;
	readonly tranDate: CalendarDate;
	readonly dueDate: CalendarDate | null;
	readonly openMinor: number;
	readonly memo: string;
	readonly invoiceUrl: string | null;
	readonly customerUrl: string | null;
	/** the payment forecast's predicted date and interval, when the forecast job stored one */
	readonly predicted?: {
		readonly date: CalendarDate;
		readonly low: CalendarDate | null;
		readonly high: CalendarDate | null;
	} | null;
}

/** Days overdue shown (never negative: an invoice not yet due is 0) and its bucket. */
export function rowAging(
	r: Pick<DrilldownRow, 'tranDate' | 'dueDate'>,
	today: CalendarDate,
): { days: number; bucket: Bucket } {
	const days = daysOverdue({ tranDate: r.tranDate, dueDate: r.dueDate }, today);
	return { days: Math.max(0, days), bucket: agingBucketOf(days) };
}

/* ------------------------------------------------------------------ CSV */

/**
 * One CSV cell (RFC 4180): text that a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a leading `'`; cells holding a comma, quote or line
 * break are quoted with inner quotes doubled.
 * @example csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 */
export function csvCell(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = [
	'Invoice internal id',
	'Invoice',
	'Customer internal id',
	'Customer',
	'Subsidiary',
	'Invoice date',
	'Due date',
	'Days overdue',
	'Aging bucket',
	'Open amount',
	'Currency',
	'Memo',
];

/** One CSV line (CRLF, as RFC 4180 writes it). */
export function csvLine(r: DrilldownRow, today: CalendarDate): string {
	const a = rowAging(r, today);
	return (
		[
			csvCell(r.id),
			csvCell(r.tranId),
			csvCell(r.customerId),
			csvCell(r.customerName),
			csvCell(r.subsidiaryName),
			csvCell(r.tranDate),
			csvCell(r.dueDate),
			csvCell(a.days),
			csvCell(BUCKET_LABELS[a.bucket]),
			csvCell(formatCents(r.openMinor).replace(/,/g, '')),
			csvCell(r.currency),
			csvCell(r.memo),
		].join(',') + '\r\n'
	);
}

export function csvHeaderLine(): string {
	return `${CSV_HEADER.map(csvCell).join(',')}\r\n`;
}

/** The export's file name: `open-invoices-<YYYY-MM-DD>[-sub<id>][-cust<id>][-<bucket>].csv`. */
export function csvFileName(q: DrilldownQuery, today: CalendarDate): string {
	const bucket = q.bucket === 'open' ? '' : `-${q.bucket.replace('+', 'plus')}`;
	return `open-invoices-${today}${q.subsidiaryId === null ? '' : `-sub${String(q.subsidiaryId)}`}${q.customerId === null ? '' : `-cust${String(q.customerId)}`}${bucket}.csv`;
}

/* ------------------------------------------------------------------ the page */

export interface DrilldownPageView {
	readonly today: CalendarDate;
	readonly query: DrilldownQuery;
	readonly problems: readonly string[];
	readonly subsidiaries: readonly { readonly id: number; readonly name: string; readonly currency: string }[];
	readonly customerName: string | null;
	readonly rows: readonly DrilldownRow[];
	readonly count: number;
	/** Σ open amounts of every matching invoice; null when they are in several currencies */
	readonly totalMinor: number | null;
	readonly totalCurrency: string | null;
	readonly pageCount: number;
	/** the Suitelet's own path (the filter form posts back to it) */
	readonly formAction: string | null;
	readonly urlFor: (q: DrilldownQuery, csv?: boolean) => string | null;
	/** set when the export was asked for but cannot be produced whole */
	readonly exportProblem?: string;
}

const PAGE_STYLE =
	'body{font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#1f2a37;margin:0;background:#f4f6f8}' +
	'header{background:#2b3a4d;color:#fff;padding:10px 16px;font-size:16px}' +
	'main{padding:12px 16px}table{border-collapse:collapse;width:100%;background:#fff}' +
	'th,td{padding:5px 8px;border-bottom:1px solid #e3e7ec;text-align:left;vertical-align:top}' +
	'th{background:#eef1f5;font-size:12px;white-space:nowrap}td.n,th.n{text-align:right;white-space:nowrap}' +
	'a{color:#1f5ea8;text-decoration:none}form{margin:0 0 10px 0}label{margin-right:10px}' +
	'.problem{background:#fdecea;border:1px solid #f5c2c0;padding:8px;margin:0 0 10px 0}' +
	'.pager{margin:10px 0}.pager a,.pager span{margin-right:12px}.muted{color:#5b6675}';

function hidden(name: string, value: string | number | null): string {
	return value === null ? '' : `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

/** The whole Suitelet page (a document of its own, not a portlet fragment). */
export function renderDrilldownPage(v: DrilldownPageView): string {
	const q = v.query;
	const sub = v.subsidiaries.find((s) => s.id === q.subsidiaryId) ?? null;
	const scope = [
		sub === null ? 'All subsidiaries' : `${sub.name} (${sub.currency})`,
		v.customerName,
		BUCKET_FILTER_LABELS[q.bucket],
	]
		.filter((x): x is string => x !== null)
		.join(' · ');
	const parts: string[] = [];
	parts.push(
		`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Open invoices · ${escapeHtml(scope)}</title>` +
			`<style>${PAGE_STYLE}</style></head><body><header>Open invoices <span class="muted" style="color:#c9d3de">${escapeHtml(scope)}</span></header><main>`,
	);
	for (const p of v.problems) parts.push(`<div class="problem">${escapeHtml(p)}</div>`);
	if (v.exportProblem !== undefined) parts.push(`<div class="problem">${escapeHtml(v.exportProblem)}</div>`);
	// filters: a GET form back to the Suitelet
	const subOptions = ['<option value="">All subsidiaries</option>']
		.concat(
			v.subsidiaries.map(
				(s) =>
					`<option value="${String(s.id)}"${s.id === q.subsidiaryId ? ' selected' : ''}>${escapeHtml(`${s.name} (${s.currency})`)}</option>`,
			),
		)
		.join('');
	const bucketOptions = (Object.keys(BUCKET_FILTER_LABELS) as BucketFilter[])
		.map(
			(b) =>
				`<option value="${escapeHtml(b)}"${b === q.bucket ? ' selected' : ''}>${escapeHtml(BUCKET_FILTER_LABELS[b])}</option>`,
		)
		.join('');
	if (v.formAction !== null) {
		const action = v.formAction.split('?');
		const actionParams = new Map<string, string>();
		for (const kv of (action[1] ?? '').split('&')) {
			if (kv === '') continue;
			const [k, val] = kv.split('=');
			actionParams.set(decodeURIComponent(k ?? ''), decodeURIComponent(val ?? ''));
		}
		parts.push(
			`<form method="get" action="${escapeHtml(action[0] ?? '')}">` +
				[...actionParams.entries()].map(([k, val]) => hidden(k, val)).join('') +
				hidden('customer', q.customerId) +
				`<label>Subsidiary <select name="subsidiary">${subOptions}</select></label>` +
				`<label>Aging <select name="bucket">${bucketOptions}</select></label>` +
				hidden('sort', q.sort) +
				hidden('dir', q.dir) +
				'<button type="submit">Show</button></form>',
		);
	}
	if (v.problems.length === 0) {
		const total =
			v.totalMinor === null || v.totalCurrency === null
				? 'several currencies: filter by subsidiary for a total'
				: `${v.totalCurrency} ${formatCents(v.totalMinor)}`;
		parts.push(
			`<p><b>${String(v.count)}</b> open invoice${v.count === 1 ? '' : 's'}, open amount <b>${escapeHtml(total)}</b> (as of ${escapeHtml(v.today)}, each subsidiary's base currency). ` +
				link('Export CSV', v.urlFor(q, true), 'Every matching invoice as a CSV file') +
				(v.customerName === null
					? ''
					: ` · ${link('All customers', v.urlFor({ ...q, customerId: null, page: 1 }))}`) +
				'</p>',
		);
		const th = (key: SortKey, num = false): string => {
			const active = q.sort === key;
			const nextDir = active
				? q.dir === 'asc'
					? 'desc'
					: 'asc'
				: key === 'daysoverdue' || key === 'amount'
					? 'desc'
					: 'asc';
			const arrow = active ? (q.dir === 'asc' ? ' ▲' : ' ▼') : '';
			return `<th${num ? ' class="n"' : ''}>${link(SORT_LABELS[key] + arrow, v.urlFor({ ...q, sort: key, dir: nextDir, page: 1 }), 'Sort')}</th>`;
		};
		parts.push(
			`<table><tr>${th('tranid')}${th('customer')}<th>Subsidiary</th>${th('trandate')}${th('duedate')}${th('daysoverdue', true)}<th>Bucket</th>${th('amount', true)}<th>Predicted payment</th><th>Memo</th></tr>`,
		);
		for (const r of v.rows) {
			const a = rowAging(r, v.today);
			parts.push(
				`<tr><td>${link(r.tranId, r.invoiceUrl, 'Open the invoice')}</td><td>${link(r.customerName, r.customerUrl, 'Open the customer')}</td>` +
					`<td>${escapeHtml(r.subsidiaryName)}</td><td>${escapeHtml(r.tranDate)}</td><td>${escapeHtml(r.dueDate ?? '—')}</td>` +
					`<td class="n">${String(a.days)}</td><td>${escapeHtml(BUCKET_LABELS[a.bucket])}</td>` +
					`<td class="n">${escapeHtml(`${r.currency} ${formatCents(r.openMinor)}`)}</td>` +
					`<td${r.predicted?.low && r.predicted.high ? ` title="${escapeHtml(`between ${r.predicted.low} and ${r.predicted.high}`)}"` : ''}>${escapeHtml(r.predicted?.date ?? '—')}</td>` +
					`<td>${escapeHtml(r.memo)}</td></tr>`,
			);
		}
		if (v.rows.length === 0) parts.push('<tr><td colspan="10" class="muted">No open invoice matches.</td></tr>');
		parts.push('</table>');
		const pager: string[] = [];
		if (q.page > 1) pager.push(link('‹ Previous', v.urlFor({ ...q, page: q.page - 1 })));
		pager.push(
			`<span>Page ${String(Math.min(q.page, Math.max(1, v.pageCount)))} of ${String(Math.max(1, v.pageCount))}</span>`,
		);
		if (q.page < v.pageCount) pager.push(link('Next ›', v.urlFor({ ...q, page: q.page + 1 })));
		parts.push(`<div class="pager">${pager.join('')}</div>`);
	}
	parts.push('</main></body></html>');
	return parts.join('');
}
