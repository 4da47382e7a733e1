/**
 * The terminal summary of a local run, written for someone who has never used NetSuite: what DSO
 * is, what each subsidiary's figures are, whether the alert fired and why (or why not), what the
 * customers look like, and how much of NetSuite's governance each script used.
 */
import * as path from 'node:path';
import type { RunResult } from './run';
import type { ReportGovernance, ReportSubsidiary } from './report';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const days = (n: number | null): string => (n === null ? 'n/a' : n.toFixed(1));
const signed = (n: number | null): string => (n === null ? 'n/a' : `${n >= 0 ? '+' : ''}${n.toFixed(1)}`);
const pct = (used: number, limit: number): string => `${((100 * used) / limit).toFixed(used * 1000 < limit ? 2 : 1)}%`;

function plural(n: number, one: string, many: string): string {
	return `${int(n)} ${n === 1 ? one : many}`;
}

function pad(s: string, width: number): string {
	return s.length >= width ? s : s + ' '.repeat(width - s.length);
}
function padLeft(s: string, width: number): string {
	return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

/** Why the alert did or did not fire, in plain words. */
export function alertExplanation(s: ReportSubsidiary): string {
	const a = s.alert;
	const threshold = typeof a.thresholdApplied === 'number' ? a.thresholdApplied : null;
	const floor = typeof a.floor === 'number' ? a.floor : null;
	const esc = a.escalated ? ', escalated to the CFO' : '';
	switch (a.reason) {
		case 'threshold':
			return `FIRED: DSO rose ${days(s.dso.delta)} days, more than the ${days(threshold)}-day threshold${esc}`;
		case 'below-threshold':
			return `quiet: the change is within the ${days(threshold)}-day threshold`;
		case 'below-floor':
			return `quiet: DSO ${days(s.dso.this)} is not above the ${days(floor)}-day floor`;
		case 'no-sales':
			return 'quiet: no credit sales in a window, so DSO is undefined';
		case 'seasonality':
			return `suppressed by the seasonality calendar${typeof a.seasonality === 'string' ? ` (${a.seasonality})` : ''}`;
		case 'disabled':
			return 'the alert is switched off for this subsidiary';
		default:
			return a.reason;
	}
}

function governanceLine(g: ReportGovernance): string {
	const what = g.stage ? `${g.script} [${g.stage}]` : g.script;
	const base = `${pad(what, 48)} ${padLeft(int(g.unitsUsed), 6)} of ${padLeft(int(g.unitsLimit), 6)} units (${pct(g.unitsUsed, g.unitsLimit)})`;
	if (typeof g.invocations === 'number') {
		return `${base}, the largest of ${int(g.invocations)} invocations; ${int(Number(g.totalUnits))} units in all`;
	}
	return base;
}

/** A path as the user should type it: relative inside the project, absolute outside. */
function shown(projectRoot: string, p: string): string {
	const rel = path.relative(projectRoot, p);
	return rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

const amount = (n: unknown): string => int(Number(n));

/** The cash-in forecast per subsidiary and where the predicted dates came from (none before the forecast ran). */
function forecastLines(report: RunResult['report'], w: number): string[] {
	const f = report.forecast;
	if (f === undefined) return [];
	const names = new Map(report.subsidiaries.map((s) => [s.id, s.name]));
	const out = [
		'',
		'Cash-in forecast: what the invoices open today should bring in (band: 20th-80th percentile).',
		`${pad('Subsidiary', w)}${pad('Cur', 5)}${padLeft('next week (low-high)', 30)}${padLeft('next 4 weeks', 14)}${padLeft('last 4 weeks', 14)}${padLeft('after 13 weeks', 16)}${padLeft('of it overdue', 15)}`,
	];
	for (const s of f.subsidiaries) {
		const w1 = s.weeks[0];
		const next = w1 === undefined ? '' : `${amount(w1.expected)} (${amount(w1.low)}-${amount(w1.high)})`;
		out.push(
			`${pad(names.get(s.id) ?? String(s.id), w)}${pad(String(s.currency), 5)}${padLeft(next, 30)}${padLeft(amount(s.next4Weeks), 14)}` +
				`${padLeft(amount(s.prior4Weeks), 14)}${padLeft(amount(s.beyondHorizon), 16)}${padLeft(amount(s.overdueBeyondHorizon), 15)}`,
		);
	}
	const sources = new Map<string, number>();
	for (const i of f.invoices) sources.set(String(i.source), (sources.get(String(i.source)) ?? 0) + 1);
	out.push(
		`Predicted payment dates: ${int(f.invoices.length)} open invoices (` +
			[...sources.entries()]
				.sort((a, b) => b[1] - a[1])
				.map(([src, n]) => `${int(n)} ${src}`)
				.join(', ') +
			`)${f.missingInvoices.length > 0 ? `; ${int(f.missingInvoices.length)} without a prediction (see the script log)` : ''}`,
	);
	return out;
}

/** A decimal string with thousands separators, digits untouched. @example groupedDecimal('188738.04') // '188,738.04' */
function groupedDecimal(text: string): string {
	const [whole = '', fraction] = text.split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** What the collections push selected and what the calling system received (the first few payloads). */
export function collectionsLines(result: RunResult, projectRoot: string): string[] {
	const c = result.report.collections;
	const lines = [
		`Collections push: ${int(c.selected)} payloads selected, ${int(c.acknowledged)} acknowledged, ` +
			`${int(c.deadLettered)} dead-lettered, ${int(c.pending)} pending a retry (${plural(c.attempts, 'request', 'requests')} sent)` +
			(c.note ? `: ${c.note}` : ''),
	];
	for (const s of c.stopped ?? []) lines.push(`  stopped: ${s}`);
	const rows = [...result.emulator.store.all('customrecord_o2c_push_outbox')]
		.map((r) => r.values)
		.filter((v) => typeof v.custrecord_o2c_po_payload === 'string' && v.custrecord_o2c_po_payload !== '');
	const shownRows = rows.slice(0, 8);
	for (const v of shownRows) {
		const p = JSON.parse(String(v.custrecord_o2c_po_payload)) as {
			customer_number: string;
			customer_name: string;
			currency: string;
			overdue_amount: string;
			days_overdue: number;
			as_of: string;
			overdue_invoice_count: number;
		};
		const amount = groupedDecimal(p.overdue_amount);
		lines.push(
			`  ${p.as_of} ${pad(`${p.customer_number} ${p.customer_name}`, 36)} ${p.currency} ${padLeft(amount, 14)} overdue, ` +
				`oldest ${String(p.days_overdue)} days, ${plural(p.overdue_invoice_count, 'invoice', 'invoices')} -> ${String(v.custrecord_o2c_po_status)}`,
		);
	}
	if (rows.length > shownRows.length) lines.push(`  ... and ${int(rows.length - shownRows.length)} more`);
	const received = path.join(result.out, 'collections', 'received.ndjson');
	if (c.attempts > 0) lines.push(`  Requests received by the local endpoint: ${shown(projectRoot, received)}`);
	return lines;
}

export function formatSummary(result: RunResult, projectRoot: string): string {
	const { report, dataset } = result;
	const invoices = dataset.transactions.filter((t) => t.type === 'CustInvc' && t.tranDate <= report.asOf).length;
	const lines: string[] = [];
	const nights = result.nights.length;
	const first = result.nights[0]?.night ?? report.asOf;
	lines.push(
		(nights > 1
			? `O2C DSO: ${int(nights)} nights of "${dataset.account.name}" on one account, ${first} to ${report.asOf}; figures as of ${report.asOf}: `
			: `O2C DSO: nightly run of "${dataset.account.name}" as of ${report.asOf}: `) +
			`${plural(report.subsidiaries.length, 'subsidiary', 'subsidiaries')}, ${int(dataset.customers.length)} customers, ${int(invoices)} invoices to date.`,
	);
	lines.push('');
	lines.push('DSO (days sales outstanding) = A/R balance / average daily credit sales over the last 30 days.');
	lines.push('The alert fires when DSO rose more than the threshold since 30 days ago and is above the floor.');
	lines.push('');
	const w = Math.max(10, ...report.subsidiaries.map((s) => s.name.length)) + 2;
	lines.push(
		`${pad('Subsidiary', w)}${pad('Cur', 5)}${padLeft('A/R balance', 16)}${padLeft('DSO now', 9)}${padLeft('prior', 8)}${padLeft('change', 8)}   Alert`,
	);
	for (const s of report.subsidiaries) {
		lines.push(
			`${pad(s.name, w)}${pad(s.currency, 5)}${padLeft(s.arBalance.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }), 16)}` +
				`${padLeft(days(s.dso.this), 9)}${padLeft(days(s.dso.prior), 8)}${padLeft(signed(s.dso.delta), 8)}   ${alertExplanation(s)}`,
		);
	}
	lines.push('');
	const segments = new Map<string, number>();
	for (const c of report.customers) segments.set(c.segment, (segments.get(c.segment) ?? 0) + 1);
	lines.push(
		`Customers with open A/R or a payment in the last year: ${int(report.customers.length)} (` +
			[...segments.entries()]
				.sort((a, b) => b[1] - a[1])
				.map(([seg, n]) => `${int(n)} ${seg}`)
				.join(', ') +
			')',
	);
	lines.push(...collectionsLines(result, projectRoot));
	lines.push(...forecastLines(report, w));
	lines.push('');
	lines.push(
		'Scripts run as deployed in src/Objects. NetSuite meters every script: each API call costs units and an',
	);
	lines.push(
		nights > 1
			? `execution that reaches its limit is stopped. Units used per execution of the last night (${report.asOf}; report.json has every night):`
			: 'execution that reaches its limit is stopped. Units used per execution against its limit:',
	);
	for (const g of report.governance.filter((x) => nights <= 1 || x.night === report.asOf))
		lines.push(`  ${governanceLine(g)}`);
	lines.push('');
	if (result.emails.length > 0) {
		lines.push('Emails sent:');
		for (const e of result.emails) {
			lines.push(
				`  "${e.subject}" to ${e.to.length} recipient(s)${e.file ? `: ${shown(projectRoot, e.file)}` : ''}`,
			);
		}
	} else {
		lines.push('Emails sent: none');
	}
	if (result.portlets.length > 0) {
		lines.push('Dashboard portlets (open in a browser; `npm run local -- serve` shows the whole dashboard):');
		for (const p of result.portlets) {
			lines.push(`  ${shown(projectRoot, p.file)}${p.error ? `  FAILED: ${p.error}` : ''}`);
		}
	}
	lines.push(`Report: ${shown(projectRoot, path.join(result.out, 'report.json'))}`);
	return lines.join('\n');
}
