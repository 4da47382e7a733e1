/**
 * The DSO-increase alert email: an HTML body readable in any mail client (tables and inline styles
 * only: no `<style>` block, no scripts, no images, no external assets, no CSS layout features that
 * Outlook's Word engine drops) and a plain-text part with the same content.
 *
 * Every value that reaches the HTML (names, figures, notes, URLs) goes through `escapeHtml`
 * from `html.ts`; links are emitted only for absolute `http(s)` URLs (anything else is shown as
 * text), so a hostile customer name or a `javascript:` URL can never become markup. Money is
 * formatted with `money.ts` (`formatMoney`, `formatAmount`). DSO figures have two decimals and the
 * change is the rule's own delta (rounded once, from the unrounded figures: the evaluation record's
 * value), never a difference of rounded figures; its split into the part from the A/R and the part
 * from sales (`dso.ts` `splitDsoChange`) adds up to it exactly and comes in the first lines. The
 * aging section reconciles to the A/R balance shown above it (open invoices − unapplied cash and
 * credits = A/R balance), and the recommended actions name each customer once.
 *
 * Pure: no `N/*`, no clock (the as-of date and every figure are inputs).
 */
import { AlertEvaluation } from './alertRule';
import type { CashOutlook } from './cashForecast';
import { CalendarDate } from './calendarDate';
import type { DsoChangeSplit } from './dso';
import { EscalationResult } from './escalation';
import { escapeHtml } from './html';
import { Investigation, LIST_MAX } from './investigation';
import { formatAmount, formatMoney, Minor, money } from './money';
import { roundTo, toHundredths } from './rounding';

/** Everything the email shows. Amounts are minor units of `currency`. */
export interface AlertEmailInput<C extends string = string> {
	readonly subsidiary: { readonly id: number; readonly name: string };
	readonly currency: C;
	readonly asOf: CalendarDate;
	/** End of the prior window (D − W). */
	readonly priorAsOf: CalendarDate;
	readonly windowDays: number;
	/** The alert period this email is the one alert of (e.g. `2026-05`). */
	readonly periodKey: string;
	readonly evaluation: Pick<
		AlertEvaluation,
		'delta' | 'thresholdApplied' | 'floorDays' | 'seasonalityRow' | 'reason'
	>;
	/** The threshold setting before any seasonality raise. */
	readonly thresholdDays: number;
	readonly escalation: Pick<EscalationResult, 'escalated' | 'why' | 'causes'>;
	readonly figures: {
		readonly dso: { readonly this: number; readonly prior: number };
		readonly arMinor: { readonly this: Minor<C>; readonly prior: Minor<C> };
		readonly creditSalesMinor: { readonly this: Minor<C>; readonly prior: Minor<C> };
		/** Unapplied cash and credits at D (open invoices − A/R, the snapshot's figure). */
		readonly unappliedMinor: Minor<C>;
		/** The change split into A/R and sales, adding up to the rule's delta (null without one). */
		readonly split: DsoChangeSplit | null;
	};
	readonly investigation: Investigation<C>;
	/** Absolute URLs into NetSuite; missing or non-http(s) ones are shown without a link. */
	readonly links: {
		readonly agingSearch: string | null;
		readonly customers: Readonly<Record<number, string>>;
		readonly evaluation?: string | null;
	};
	/** Internal id of the evaluation record, for the footer. */
	readonly evaluationId?: number | null;
	/** The subsidiary's stored cash-in forecast; the section is left out when there is none. */
	readonly forecast?: CashOutlook | null;
}

export interface RenderedAlertEmail {
	/** One line, no control characters. */
	readonly subject: string;
	readonly html: string;
	readonly text: string;
}

// ---------------------------------------------------------------------------------------------
// Formatting (no Intl, no locale: the same bytes on every server)
// ---------------------------------------------------------------------------------------------

function fixed(x: number, decimals: number): string {
	const r = roundTo(x, decimals);
	return (r === 0 ? 0 : r).toFixed(decimals);
}

function signed(x: number, decimals: number): string {
	const text = fixed(x, decimals);
	return Number(text) > 0 ? `+${text}` : text;
}

/** Daily sales (minor units) = window sales ÷ W, rounded to the cent. */
function dailySalesMinor(creditSalesMinor: number, windowDays: number): number {
	return Math.round(creditSalesMinor / windowDays);
}

/** `+27%`: whole-percent change, null when the prior value is 0. */
function percentChange(thisMinor: number, priorMinor: number): string | null {
	if (priorMinor === 0) return null;
	return `${signed(((thisMinor - priorMinor) / Math.abs(priorMinor)) * 100, 0)}%`;
}

function moneyText(minor: number, currency: string): string {
	return formatMoney(money(minor, currency));
}

function moneyChange(minor: number, currency: string): string {
	const text = formatAmount(money(Math.abs(minor), currency));
	return minor > 0 ? `+${text}` : minor < 0 ? `-${text}` : text;
}

function safeUrl(url: string | null | undefined): string | null {
	if (typeof url !== 'string') return null;
	const u = url.trim();
	return /^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : null;
}

function oneLine(text: string): string {
	return (
		text
			// eslint-disable-next-line no-control-regex -- removing control characters is this regex's purpose
			.replace(/[\u0000-\u001f\u007f]+/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
	);
}

// ---------------------------------------------------------------------------------------------
// HTML building blocks (inline styles only)
// ---------------------------------------------------------------------------------------------

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TABLE = 'border-collapse:collapse;margin:0 0 16px 0;';
const TH = `${FONT}font-size:13px;text-align:left;padding:6px 10px;border:1px solid #c9ced6;background-color:#eef1f5;color:#1f2a37;`;
const TD = `${FONT}font-size:13px;padding:6px 10px;border:1px solid #c9ced6;color:#1f2a37;`;
const NUM = `${TD}text-align:right;white-space:nowrap;`;
const H2 = `${FONT}font-size:16px;color:#1f2a37;margin:20px 0 8px 0;`;
const P = `${FONT}font-size:14px;color:#1f2a37;line-height:1.5;margin:0 0 12px 0;`;

/** A cell: text is escaped here; `num` right-aligns. */
interface Cell {
	readonly text: string;
	readonly num?: boolean;
	readonly href?: string | null;
	readonly strong?: boolean;
}

function cellHtml(c: Cell, tag: 'td' | 'th'): string {
	const style = tag === 'th' ? (c.num ? `${TH}text-align:right;` : TH) : c.num ? NUM : TD;
	let inner = escapeHtml(c.text);
	const href = safeUrl(c.href);
	if (href !== null) inner = `<a href="${escapeHtml(href)}" style="color:#0b5cad;">${inner}</a>`;
	if (c.strong === true) inner = `<strong>${inner}</strong>`;
	return `<${tag} style="${style}">${inner}</${tag}>`;
}

function tableHtml(head: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
	return (
		`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${TABLE}">` +
		`<tr>${head.map((c) => cellHtml(c, 'th')).join('')}</tr>` +
		rows.map((r) => `<tr>${r.map((c) => cellHtml(c, 'td')).join('')}</tr>`).join('') +
		'</table>'
	);
}

function para(text: string): string {
	return `<p style="${P}">${escapeHtml(text)}</p>`;
}

function heading(text: string): string {
	return `<h2 style="${H2}">${escapeHtml(text)}</h2>`;
}

function link(text: string, url: string | null | undefined): string {
	const href = safeUrl(url);
	return href === null
		? escapeHtml(text)
		: `<a href="${escapeHtml(href)}" style="color:#0b5cad;">${escapeHtml(text)}</a>`;
}

// ---------------------------------------------------------------------------------------------
// Plain-text building blocks
// ---------------------------------------------------------------------------------------------

function textTable(head: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
	const all = [head, ...rows];
	const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i]?.text ?? '').length)));
	const line = (r: readonly Cell[]): string =>
		r
			.map((c, i) => {
				const w = widths[i] as number;
				return head[i]?.num === true ? c.text.padStart(w) : c.text.padEnd(w);
			})
			.join('  ')
			.replace(/\s+$/, '');
	return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The sections of the email
// ---------------------------------------------------------------------------------------------

interface Section {
	readonly title: string;
	readonly html: string;
	readonly text: string;
}

/** What every section reads: the input and the figures as shown (rounded once). */
interface Shown {
	readonly input: AlertEmailInput;
	readonly W: number;
	readonly subName: string;
	readonly dsoThis: string;
	readonly dsoPrior: string;
	/** The rule's delta, signed, two decimals. */
	readonly delta: string;
	readonly custUrl: (id: number) => string | null;
}

function money2(minor: number, currency: string): string {
	return formatMoney(money(minor, currency));
}

function section(title: string, paragraphs: readonly string[], table?: { head: Cell[]; rows: Cell[][] }): Section {
	const hasTable = table !== undefined && table.rows.length > 0;
	return {
		title,
		html: paragraphs.map(para).join('') + (hasTable ? tableHtml(table.head, table.rows) : ''),
		text: [...paragraphs, ...(hasTable ? [textTable(table.head, table.rows)] : [])].join('\n\n'),
	};
}

/** Why DSO moved, in one sentence: the A/R part and the sales part of the rule's delta. */
function whyText(sh: Shown): string | null {
	const { figures: f, currency } = sh.input;
	const split = f.split;
	if (split === null) return null;
	const dailyThis = dailySalesMinor(f.creditSalesMinor.this, sh.W);
	const dailyPrior = dailySalesMinor(f.creditSalesMinor.prior, sh.W);
	const arMove = percentChange(f.arMinor.this, f.arMinor.prior);
	const salesMove = percentChange(dailyThis, dailyPrior);
	return (
		`Why it moved: ${signed(split.fromAr, 2)} days from the A/R (${money2(f.arMinor.prior, currency)} to ${money2(f.arMinor.this, currency)}${arMove === null ? '' : `, ${arMove}`}) ` +
		`and ${signed(split.fromSales, 2)} days from sales (daily credit sales ${money2(dailyPrior, currency)} to ${money2(dailyThis, currency)}${salesMove === null ? '' : `, ${salesMove}`}): ` +
		`together the ${sh.delta} days (each change valued at the average of the other, so neither is counted first).`
	);
}

/** 1. The first lines: the figures, why they moved, the rule, who it went to. */
function summarySection(sh: Shown): Section {
	const { input } = sh;
	const { evaluation: ev, escalation: esc, figures } = input;
	const raiseRow = ev.seasonalityRow !== null && ev.seasonalityRow.action === 'raise' ? ev.seasonalityRow : null;
	const rule =
		`The alert fires when DSO rises more than ${fixed(ev.thresholdApplied, 1)} days` +
		(raiseRow !== null
			? ` (${fixed(input.thresholdDays, 1)} plus ${fixed(raiseRow.days ?? 0, 1)} from the seasonality window ${raiseRow.from} to ${raiseRow.to}${raiseRow.note !== '' ? `: ${raiseRow.note}` : ''})`
			: '') +
		` and DSO is above ${fixed(ev.floorDays, 1)} days.`;
	const rounded =
		ev.delta !== null && toHundredths(figures.dso.this) - toHundredths(figures.dso.prior) !== toHundredths(ev.delta)
			? ` (${sh.dsoThis} and ${sh.dsoPrior} are each rounded; the change is worked out before rounding, as the rule compares it.)`
			: '';
	const summary = `As of ${input.asOf}, DSO of ${sh.subName} for the last ${sh.W} days is ${sh.dsoThis} days, ${sh.delta} on the prior ${sh.W} days (${sh.dsoPrior} days at ${input.priorAsOf}).${rounded}`;
	const why = whyText(sh);
	const escalationText = esc.escalated
		? `Escalated to the CFO because ${esc.why.join('; ')}.`
		: 'Sent to the AR clerk and the controller (no escalation criterion met).';
	const lines = [summary, ...(why === null ? [] : [why]), rule];
	return {
		title: '',
		html:
			lines.map(para).join('') +
			(esc.escalated
				? `<p style="${P}background-color:#fdecea;border-left:4px solid #c0392b;padding:8px 12px;">${escapeHtml(escalationText)}</p>`
				: para(escalationText)),
		text: [...lines, escalationText].join('\n'),
	};
}

/** 2. DSO, A/R and daily sales, this window vs prior. */
function payloadSection(sh: Shown): Section {
	const { figures, currency } = sh.input;
	const W = sh.W;
	const dailyThis = dailySalesMinor(figures.creditSalesMinor.this, W);
	const dailyPrior = dailySalesMinor(figures.creditSalesMinor.prior, W);
	const split = figures.split;
	const head: Cell[] = [
		{ text: 'Measure' },
		{ text: `Last ${W} days`, num: true },
		{ text: `Prior ${W} days`, num: true },
		{ text: 'Change', num: true },
	];
	const rows: Cell[][] = [
		[
			{ text: 'DSO (days)' },
			{ text: sh.dsoThis, num: true, strong: true },
			{ text: sh.dsoPrior, num: true },
			{ text: sh.delta, num: true, strong: true },
		],
		...(split === null
			? []
			: [
					[
						{ text: '   of which from the A/R' },
						{ text: '', num: true },
						{ text: '', num: true },
						{ text: signed(split.fromAr, 2), num: true },
					],
					[
						{ text: '   of which from sales' },
						{ text: '', num: true },
						{ text: '', num: true },
						{ text: signed(split.fromSales, 2), num: true },
					],
				]),
		[
			{ text: `A/R balance (${currency})` },
			{ text: moneyText(figures.arMinor.this, currency), num: true },
			{ text: moneyText(figures.arMinor.prior, currency), num: true },
			{
				text: `${moneyChange(figures.arMinor.this - figures.arMinor.prior, currency)}${pctSuffix(figures.arMinor.this, figures.arMinor.prior)}`,
				num: true,
			},
		],
		[
			{ text: `Daily credit sales (${currency})` },
			{ text: moneyText(dailyThis, currency), num: true },
			{ text: moneyText(dailyPrior, currency), num: true },
			{ text: `${moneyChange(dailyThis - dailyPrior, currency)}${pctSuffix(dailyThis, dailyPrior)}`, num: true },
		],
	];
	return section('DSO, A/R and sales', [], { head, rows });
}

/** 3. The aging table, the bucket that grew, and the reconciliation to the A/R balance. */
function agingSection(sh: Shown): Section {
	const { investigation: inv, currency, asOf, priorAsOf, figures } = sh.input;
	const grew = inv.grewBucket;
	const head: Cell[] = [
		{ text: 'Days past due' },
		{ text: `At ${asOf}`, num: true },
		{ text: `At ${priorAsOf}`, num: true },
		{ text: 'Change', num: true },
	];
	const rows: Cell[][] = inv.buckets.map((b) => [
		{
			text: b.label === 'current' ? 'Current (not due)' : b.label,
			strong: grew !== null && b.label === grew.label,
		},
		{ text: moneyText(b.thisMinor, currency), num: true, strong: grew !== null && b.label === grew.label },
		{ text: b.priorMinor === null ? 'n/a' : moneyText(b.priorMinor, currency), num: true },
		{
			text:
				b.changeMinor === null
					? 'n/a'
					: `${moneyChange(b.changeMinor, currency)}${b.priorMinor === null ? '' : pctSuffix(b.thisMinor, b.priorMinor)}`,
			num: true,
		},
	]);
	let open = 0;
	for (const b of inv.buckets) open += b.thisMinor;
	rows.push([
		{ text: 'Open invoices', strong: true },
		{ text: moneyText(open, currency), num: true, strong: true },
		{ text: '', num: true },
		{ text: '', num: true },
	]);
	const grewText =
		grew === null
			? 'No past-due aging bucket grew against the prior period.'
			: `The ${grew.label} days past-due bucket grew the most: from ${moneyText(grew.priorMinor ?? 0, currency)} to ${moneyText(grew.thisMinor, currency)} (${moneyChange(grew.changeMinor ?? 0, currency)}).`;
	const netOfUnapplied = open - figures.unappliedMinor;
	const reconciles = netOfUnapplied === figures.arMinor.this;
	const reconciliation =
		`Open invoices ${moneyText(open, currency)} − unapplied cash and credits ${moneyText(figures.unappliedMinor, currency)} = ` +
		(reconciles
			? `A/R balance ${moneyText(figures.arMinor.this, currency)}, as above.`
			: `${moneyText(netOfUnapplied, currency)}, but the A/R balance above is ${moneyText(figures.arMinor.this, currency)}: a difference of ${moneyChange(netOfUnapplied - figures.arMinor.this, currency)} between the aging and the snapshot (rerun the A/R snapshot for ${asOf}).`);
	const table = section('Which aging bucket grew', [grewText], { head, rows });
	return { ...table, html: table.html + para(reconciliation), text: `${table.text}\n\n${reconciliation}` };
}

/** 4. The customers behind the bucket's growth (only when a bucket grew). */
function contributorsSection(sh: Shown): Section | null {
	const { investigation: inv, currency } = sh.input;
	const grew = inv.grewBucket;
	if (grew === null) return null;
	const head: Cell[] = [
		{ text: 'Customer' },
		{ text: `${grew.label} prior`, num: true },
		{ text: `${grew.label} now`, num: true },
		{ text: 'Increase', num: true },
		{ text: 'Share of increases', num: true },
	];
	const rows: Cell[][] = inv.topContributors.map((c) => [
		{ text: c.name, href: sh.custUrl(c.customerId) },
		{ text: moneyText(c.priorMinor, currency), num: true },
		{ text: moneyText(c.thisMinor, currency), num: true },
		{ text: moneyChange(c.growthMinor, currency), num: true },
		{ text: `${fixed(c.sharePercent, 1)}%`, num: true },
	]);
	const b = inv.growthBreakdown;
	const split =
		b === null
			? ''
			: `Customers' amounts in the ${grew.label} days bucket rose by ${moneyChange(b.increasesMinor, currency)} (${plural(b.customersUp, 'customer')})` +
				(b.customersDown === 0
					? ' and fell for none. '
					: ` and fell by ${moneyChange(0 - b.decreasesMinor, currency)} (${plural(b.customersDown, 'customer')}): net ${moneyChange(grew.changeMinor ?? 0, currency)}. `);
	const intro =
		rows.length === 0
			? `${split}No single customer grew in that bucket.`
			: `${split}The ${rows.length === 1 ? 'largest increase' : `${rows.length} largest increases`}:`;
	return section('Top customers behind the growth', [intro], { head, rows });
}

/** 5. Whether the payment-terms mix shifted (only when the mix is known). */
function termsSection(sh: Shown): Section | null {
	const tm = sh.input.investigation.termsMix;
	if (tm === null) return null;
	const W = sh.W;
	const wThis = tm.weightedDays.this;
	const wPrior = tm.weightedDays.prior;
	const verdict =
		tm.shiftDays === null
			? `Sales-weighted average terms: ${wThis === null ? 'n/a' : `${fixed(wThis, 1)} days`} (prior period unknown).`
			: tm.shiftedLonger
				? `The payment-terms mix shifted toward longer terms: the sales-weighted average terms rose from ${fixed(wPrior ?? 0, 1)} to ${fixed(wThis ?? 0, 1)} days (${signed(tm.shiftDays, 1)}). Part of the rise is structural.`
				: `No material shift in the payment-terms mix: sales-weighted average terms ${fixed(wThis ?? 0, 1)} days vs ${fixed(wPrior ?? 0, 1)} (${signed(tm.shiftDays, 1)}).`;
	const head: Cell[] = [
		{ text: 'Terms' },
		{ text: `Share of sales, last ${W} days`, num: true },
		{ text: `Prior ${W} days`, num: true },
	];
	const rows: Cell[][] = tm.rows.map((r) => [
		{ text: r.label },
		{ text: `${fixed(r.shareThis, 1)}%`, num: true },
		{ text: r.sharePrior === null ? 'n/a' : `${fixed(r.sharePrior, 1)}%`, num: true },
	]);
	return section('Payment-terms mix', [verdict], { head, rows });
}

/** 6. Customers both delinquent and near their credit limit (limits in each customer's currency). */
function tripleThreatSection(sh: Shown): Section {
	const { investigation: inv, currency } = sh.input;
	const head: Cell[] = [
		{ text: 'Customer' },
		{ text: 'More than 30 days past due', num: true },
		{ text: 'Credit used', num: true },
		{ text: 'Credit limit', num: true },
		{ text: 'Max days overdue', num: true },
	];
	const rows: Cell[][] = inv.tripleThreat.slice(0, LIST_MAX).map((t) => [
		{ text: t.name, href: sh.custUrl(t.customerId) },
		{ text: moneyText(t.delinquentMinor, currency), num: true },
		{ text: `${fixed(t.creditUtilisation * 100, 0)}%`, num: true },
		{ text: t.creditLimit === null ? 'n/a' : formatMoney(t.creditLimit), num: true },
		{ text: t.maxDaysOverdue === null ? 'n/a' : String(t.maxDaysOverdue), num: true },
	]);
	const n = inv.tripleThreat.length;
	const intro =
		n === 0
			? 'No customer is both more than 30 days past due and at 85% or more of its credit limit.'
			: `${String(n)} ${n === 1 ? 'customer is' : 'customers are'} both more than 30 days past due and at 85% or more of ${n === 1 ? 'its' : 'their'} credit limit while DSO rises (credit used = balance and unbilled orders over the limit, in the customer's currency)${
					n > LIST_MAX
						? ` (the ${String(LIST_MAX)} largest amounts past due below; the aging saved search lists every one)`
						: ''
				}:`;
	return section('Triple threat', [intro], { head, rows });
}

/** 7. Cash application rate and billing lead time, this vs prior. */
function processSection(sh: Shown): Section {
	const inv = sh.input.investigation;
	const cmp = (label: string, c: Investigation['cashApplication'], unit: string, decimals: number): Cell[] => [
		{ text: label },
		{ text: c.this === null ? 'n/a' : `${fixed(c.this, decimals)}${unit}`, num: true },
		{ text: c.prior === null ? 'n/a' : `${fixed(c.prior, decimals)}${unit}`, num: true },
		{ text: c.change === null ? 'n/a' : `${signed(c.change, decimals)}${unit === '%' ? ' pts' : unit}`, num: true },
	];
	const head: Cell[] = [
		{ text: 'Process measure' },
		{ text: `Last ${sh.W} days`, num: true },
		{ text: `Prior ${sh.W} days`, num: true },
		{ text: 'Change', num: true },
	];
	const rows: Cell[][] = [
		cmp('Cash application rate (receipts applied)', inv.cashApplication, '%', 1),
		cmp('Sales order to invoice lead time', inv.leadTime, ' days', 1),
	];
	return section('Cash application and billing lead time', [], { head, rows });
}

/**
 * 8. The cash-in forecast: what the invoices open today should bring in over the next 4 weeks
 * against what came in over the last 4, and what is expected only after 13 weeks.
 */
function forecastSection(sh: Shown): Section | null {
	const f = sh.input.forecast;
	if (f === undefined || f === null) return null;
	const m = (minor: number): string => moneyText(minor, f.currency);
	const vs = percentChange(f.next4Minor, f.prior4Minor);
	const when = f.asOf === sh.input.asOf ? 'today' : `on ${f.asOf} (the latest forecast stored)`;
	const paragraphs = [
		`Receipts expected from the invoices open ${when}: ${m(f.next4Minor)} in the next 4 weeks, against ${m(f.prior4Minor)} received in the last 4 weeks${vs === null ? '' : ` (${vs})`}.`,
		f.beyondMinor === 0
			? 'All of it is expected within 13 weeks.'
			: `${m(f.beyondMinor)} is expected only after 13 weeks, ${m(f.overdueBeyondMinor)} of it already overdue.`,
		"Each invoice is dated from its customer's own payment history (or a promise to pay); the range is the 20th to 80th percentile.",
	];
	const head: Cell[] = [
		{ text: 'Week' },
		{ text: 'Dates' },
		{ text: 'Expected', num: true },
		{ text: 'Likely range', num: true },
	];
	const rows: Cell[][] = f.weeks.map((w) => [
		{ text: String(w.week) },
		{ text: `${w.start} to ${w.end}` },
		{ text: m(w.expectedMinor), num: true },
		{
			text: `${formatAmount(money(w.lowMinor, f.currency))} to ${formatAmount(money(w.highMinor, f.currency))}`,
			num: true,
		},
	]);
	return section('Cash-in forecast', paragraphs, { head, rows });
}

/** 9. Recommended actions, linking each customer named and the aging saved search. */
function actionsSection(sh: Shown): Section {
	const { investigation: inv, links } = sh.input;
	const items = inv.actions.map((a) => {
		const htmlLinks: string[] = [];
		const textLinks: string[] = [];
		for (const id of a.customerIds) {
			const c =
				inv.topContributors.find((x) => x.customerId === id) ??
				inv.tripleThreat.find((x) => x.customerId === id);
			const url = sh.custUrl(id);
			if (c === undefined || url === null) continue;
			htmlLinks.push(link(c.name, url));
			textLinks.push(`${c.name}: ${url}`);
		}
		const aging = a.kind === 'review-aging' ? safeUrl(links.agingSearch) : null;
		if (aging !== null) {
			htmlLinks.push(link('A/R aging saved search', aging));
			textLinks.push(`A/R aging saved search: ${aging}`);
		}
		return {
			html: `<li style="${FONT}font-size:14px;color:#1f2a37;margin:0 0 8px 0;">${escapeHtml(a.text)}${htmlLinks.length > 0 ? `<br>${htmlLinks.join(' | ')}` : ''}</li>`,
			text: `${a.text}${textLinks.map((l) => `\n     ${l}`).join('')}`,
		};
	});
	return {
		title: 'Recommended actions',
		html: `<ol style="margin:0 0 16px 0;padding-left:24px;">${items.map((i) => i.html).join('')}</ol>`,
		text: items.map((i, n) => `${n + 1}. ${i.text}`).join('\n'),
	};
}

function footerText(sh: Shown): string {
	const id = sh.input.evaluationId;
	return (
		`One alert per subsidiary per period: this is the alert of ${sh.subName} for period ${sh.input.periodKey}` +
		(id === undefined || id === null ? '' : ` (evaluation record ${String(id)})`) +
		'. Thresholds, recipients and the seasonality calendar are set in the O2C DSO Alert Setting and Seasonality Window records.'
	);
}

function htmlDocument(sh: Shown, sections: readonly Section[]): string {
	const esc = sh.input.escalation;
	const evalUrl = safeUrl(sh.input.links.evaluation);
	return (
		'<!DOCTYPE html>' +
		'<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">' +
		'<meta name="viewport" content="width=device-width, initial-scale=1">' +
		`<title>${escapeHtml(`DSO alert: ${sh.subName}`)}</title></head>` +
		'<body style="margin:0;padding:0;background-color:#f4f6f8;">' +
		'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f6f8;"><tr><td align="center" style="padding:16px;">' +
		'<table role="presentation" width="720" cellpadding="0" cellspacing="0" border="0" style="max-width:720px;width:100%;background-color:#ffffff;border:1px solid #d8dde3;"><tr><td style="padding:20px 24px;">' +
		`<h1 style="${FONT}font-size:20px;color:${esc.escalated ? '#c0392b' : '#1f2a37'};margin:0 0 12px 0;">${escapeHtml(
			`${esc.escalated ? 'Escalated ' : ''}DSO alert: ${sh.subName} DSO ${sh.dsoThis} days (${sh.delta})`,
		)}</h1>` +
		sections.map((s) => (s.title === '' ? '' : heading(s.title)) + s.html).join('') +
		`<p style="${FONT}font-size:12px;color:#5b6675;line-height:1.4;margin:16px 0 0 0;">${escapeHtml(footerText(sh))}${evalUrl === null ? '' : ` ${link('Open the evaluation record', evalUrl)}`}</p>` +
		'</td></tr></table></td></tr></table></body></html>'
	);
}

function textDocument(sh: Shown, sections: readonly Section[]): string {
	const evalUrl = safeUrl(sh.input.links.evaluation);
	return (
		[
			`${sh.input.escalation.escalated ? 'ESCALATED ' : ''}DSO ALERT: ${sh.subName}`,
			'='.repeat(72),
			...sections.map((s) =>
				s.title === '' ? s.text : `${s.title.toUpperCase()}\n${'-'.repeat(s.title.length)}\n${s.text}`,
			),
			footerText(sh),
		].join('\n\n') + (evalUrl === null ? '\n' : `\nEvaluation record: ${evalUrl}\n`)
	);
}

/**
 * Renders the alert email (see the module comment).
 * @example renderAlertEmail(input).subject // 'DSO alert: US Wholesale DSO 58.36 days, +11.13 on the prior 30 days'
 */
export function renderAlertEmail<C extends string>(input: AlertEmailInput<C>): RenderedAlertEmail {
	const { figures, evaluation: ev } = input;
	const sh: Shown = {
		input,
		W: input.windowDays,
		subName: oneLine(input.subsidiary.name),
		dsoThis: fixed(figures.dso.this, 2),
		dsoPrior: fixed(figures.dso.prior, 2),
		delta: signed(ev.delta ?? figures.dso.this - figures.dso.prior, 2),
		custUrl: (id) => safeUrl(input.links.customers[id]),
	};
	const subject = oneLine(
		`${input.escalation.escalated ? '[Escalated] ' : ''}DSO alert: ${sh.subName} DSO ${sh.dsoThis} days, ${sh.delta} on the prior ${sh.W} days`,
	);
	const sections = [
		summarySection(sh),
		payloadSection(sh),
		agingSection(sh),
		contributorsSection(sh),
		termsSection(sh),
		tripleThreatSection(sh),
		processSection(sh),
		forecastSection(sh),
		actionsSection(sh),
	].filter((x): x is Section => x !== null);
	return { subject, html: htmlDocument(sh, sections), text: textDocument(sh, sections) };
}

function plural(n: number, word: string): string {
	return `${String(n)} ${n === 1 ? word : `${word}s`}`;
}

function pctSuffix(thisMinor: number, priorMinor: number): string {
	const p = percentChange(thisMinor, priorMinor);
	return p === null ? '' : ` (${p})`;
}
