/**
 * The DSO-increase alert email: an HTML body readable in any mail client (tables and inline styles
 * only: no `<style>` block, no scripts, no images, no external assets, no CSS layout features that
 * Outlook's Word engine drops) and a plain-text part with the same content.
 *
 * Every value that reaches the HTML (names, figures, notes, URLs) goes through `escapeHtml`
 * from `html.ts`; links are emitted only for absolute `http(s)` URLs (anything else is shown as
 * text), so a hostile customer name or a `javascript:` URL can never become markup. Money is
 * formatted with `money.ts` (`formatMoney`, `formatAmount`); DSO and days with one decimal, the
 * DSO row switching to two decimals when one decimal would hide why the rule fired (e.g. 40.04 vs
 * 30.00 is a rise of 10.04, which one decimal would show as +10.0).
 *
 * Pure: no `N/*`, no clock (the as-of date and every figure are inputs).
 */
import { AlertEvaluation } from './alertRule';
import { CalendarDate } from './calendarDate';
import { EscalationResult } from './escalation';
import { escapeHtml } from './html';
import { Investigation, LIST_MAX } from './investigation';
import { formatAmount, formatMoney, money } from './money';
import { roundTo } from './rounding';

/** Everything the email shows. Amounts are minor units of `currency`. */
export interface AlertEmailInput {
	readonly subsidiary: { readonly id: number; readonly name: string };
	readonly currency: string;
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
		readonly arMinor: { readonly this: number; readonly prior: number };
		readonly creditSalesMinor: { readonly this: number; readonly prior: number };
	};
	readonly investigation: Investigation;
	/** Absolute URLs into NetSuite; missing or non-http(s) ones are shown without a link. */
	readonly links: {
		readonly agingSearch: string | null;
		readonly customers: Readonly<Record<number, string>>;
		readonly evaluation?: string | null;
	};
	/** Internal id of the evaluation record, for the footer. */
	readonly evaluationId?: number | null;
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
export function dailySalesMinor(creditSalesMinor: number, windowDays: number): number {
	return Math.round(creditSalesMinor / windowDays);
}

/** `+27%`: whole-percent change, null when the prior value is 0. */
export function percentChange(thisMinor: number, priorMinor: number): string | null {
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

/** Decimals for the DSO row: 1, or 2 when one decimal would show a rise not above the threshold. */
export function dsoDecimals(dsoThis: number, dsoPrior: number, thresholdApplied: number, fired: boolean): 1 | 2 {
	if (!fired) return 1;
	const shown = roundTo(roundTo(dsoThis, 1) - roundTo(dsoPrior, 1), 1);
	return shown > thresholdApplied ? 1 : 2;
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
// The email
// ---------------------------------------------------------------------------------------------

interface Section {
	readonly title: string;
	readonly html: string;
	readonly text: string;
}

/**
 * Renders the alert email (see the module comment).
 * @example renderAlertEmail(input).subject // 'DSO alert: US Wholesale DSO 58.4 days, +11.2 on the prior 30 days'
 */
export function renderAlertEmail(input: AlertEmailInput): RenderedAlertEmail {
	const { figures, investigation: inv, currency, evaluation: ev, escalation: esc } = input;
	const W = input.windowDays;
	const dec = dsoDecimals(figures.dso.this, figures.dso.prior, ev.thresholdApplied, ev.reason === 'threshold');
	const dsoThis = fixed(figures.dso.this, dec);
	const dsoPrior = fixed(figures.dso.prior, dec);
	const dsoDelta = signed(Number(dsoThis) - Number(dsoPrior), dec);
	const dailyThis = dailySalesMinor(figures.creditSalesMinor.this, W);
	const dailyPrior = dailySalesMinor(figures.creditSalesMinor.prior, W);
	const custUrl = (id: number): string | null => safeUrl(input.links.customers[id]);
	const subName = oneLine(input.subsidiary.name);

	const subject = oneLine(
		`${esc.escalated ? '[Escalated] ' : ''}DSO alert: ${subName} DSO ${dsoThis} days, ${dsoDelta} on the prior ${W} days`,
	);

	const sections: Section[] = [];

	// 1. Summary
	const raiseRow = ev.seasonalityRow !== null && ev.seasonalityRow.action === 'raise' ? ev.seasonalityRow : null;
	const rule =
		`The alert fires when DSO rises more than ${fixed(ev.thresholdApplied, 1)} days` +
		(raiseRow !== null
			? ` (${fixed(input.thresholdDays, 1)} plus ${fixed(raiseRow.days ?? 0, 1)} from the seasonality window ${raiseRow.from} to ${raiseRow.to}${raiseRow.note !== '' ? `: ${raiseRow.note}` : ''})`
			: '') +
		` and DSO is above ${fixed(ev.floorDays, 1)} days.`;
	const summary = `As of ${input.asOf}, DSO of ${subName} for the last ${W} days is ${dsoThis} days, ${dsoDelta} on the prior ${W} days (${dsoPrior} days at ${input.priorAsOf}). ${rule}`;
	const escalationText = esc.escalated
		? `Escalated to the CFO because ${esc.why.join('; ')}.`
		: 'Sent to the AR clerk and the controller (no escalation criterion met).';
	sections.push({
		title: '',
		html:
			para(summary) +
			(esc.escalated
				? `<p style="${P}background-color:#fdecea;border-left:4px solid #c0392b;padding:8px 12px;">${escapeHtml(escalationText)}</p>`
				: para(escalationText)),
		text: `${summary}\n${escalationText}`,
	});

	// 2. Payload table
	const payloadHead: Cell[] = [
		{ text: 'Measure' },
		{ text: `Last ${W} days`, num: true },
		{ text: `Prior ${W} days`, num: true },
		{ text: 'Change', num: true },
	];
	const payloadRows: Cell[][] = [
		[
			{ text: 'DSO (days)' },
			{ text: dsoThis, num: true, strong: true },
			{ text: dsoPrior, num: true },
			{ text: dsoDelta, num: true, strong: true },
		],
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
	sections.push({
		title: 'DSO, A/R and sales',
		html: tableHtml(payloadHead, payloadRows),
		text: textTable(payloadHead, payloadRows),
	});

	// 3. Aging buckets
	const grew = inv.grewBucket;
	const agingHead: Cell[] = [
		{ text: 'Days past due' },
		{ text: `At ${input.asOf}`, num: true },
		{ text: `At ${input.priorAsOf}`, num: true },
		{ text: 'Change', num: true },
	];
	const agingRows: Cell[][] = inv.buckets.map((b) => [
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
	const grewText =
		grew === null
			? 'No past-due aging bucket grew against the prior period.'
			: `The ${grew.label} days past-due bucket grew the most: from ${moneyText(grew.priorMinor ?? 0, currency)} to ${moneyText(grew.thisMinor, currency)} (${moneyChange(grew.changeMinor ?? 0, currency)}).`;
	sections.push({
		title: 'Which aging bucket grew',
		html: para(grewText) + tableHtml(agingHead, agingRows),
		text: `${grewText}\n\n${textTable(agingHead, agingRows)}`,
	});

	// 4. Top contributors
	if (grew !== null) {
		const head: Cell[] = [
			{ text: 'Customer' },
			{ text: `${grew.label} prior`, num: true },
			{ text: `${grew.label} now`, num: true },
			{ text: 'Increase', num: true },
			{ text: 'Share of increases', num: true },
		];
		const rows: Cell[][] = inv.topContributors.map((c) => [
			{ text: c.name, href: custUrl(c.customerId) },
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
						: ` and fell by ${moneyChange(-b.decreasesMinor, currency)} (${plural(b.customersDown, 'customer')}): net ${moneyChange(grew.changeMinor ?? 0, currency)}. `);
		const intro =
			rows.length === 0
				? `${split}No single customer grew in that bucket.`
				: `${split}The ${rows.length === 1 ? 'largest increase' : `${rows.length} largest increases`}:`;
		sections.push({
			title: 'Top customers behind the growth',
			html: para(intro) + (rows.length > 0 ? tableHtml(head, rows) : ''),
			text: rows.length > 0 ? `${intro}\n\n${textTable(head, rows)}` : intro,
		});
	}

	// 5. Terms mix
	const tm = inv.termsMix;
	if (tm !== null) {
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
		sections.push({
			title: 'Payment-terms mix',
			html: para(verdict) + tableHtml(head, rows),
			text: `${verdict}\n\n${textTable(head, rows)}`,
		});
	}

	// 6. Triple threat
	{
		const head: Cell[] = [
			{ text: 'Customer' },
			{ text: 'More than 30 days past due', num: true },
			{ text: 'Credit used', num: true },
			{ text: 'Credit limit', num: true },
			{ text: 'Max days overdue', num: true },
		];
		const rows: Cell[][] = inv.tripleThreat.slice(0, LIST_MAX).map((t) => [
			{ text: t.name, href: custUrl(t.customerId) },
			{ text: moneyText(t.delinquentMinor, currency), num: true },
			{ text: `${fixed(t.creditUtilisation * 100, 0)}%`, num: true },
			{ text: t.creditLimitMinor === null ? 'n/a' : moneyText(t.creditLimitMinor, currency), num: true },
			{ text: t.maxDaysOverdue === null ? 'n/a' : String(t.maxDaysOverdue), num: true },
		]);
		const n = inv.tripleThreat.length;
		const intro =
			n === 0
				? 'No customer is both more than 30 days past due and at 85% or more of its credit limit.'
				: `${String(n)} ${n === 1 ? 'customer is' : 'customers are'} both more than 30 days past due and at 85% or more of ${n === 1 ? 'its' : 'their'} credit limit while DSO rises${
						n > LIST_MAX
							? ` (the ${String(LIST_MAX)} largest amounts past due below; the aging saved search lists every one)`
							: ''
					}:`;
		sections.push({
			title: 'Triple threat',
			html: para(intro) + (rows.length > 0 ? tableHtml(head, rows) : ''),
			text: rows.length > 0 ? `${intro}\n\n${textTable(head, rows)}` : intro,
		});
	}

	// 7. Cash application and lead time
	{
		const cmp = (label: string, c: Investigation['cashApplication'], unit: string, decimals: number): Cell[] => [
			{ text: label },
			{ text: c.this === null ? 'n/a' : `${fixed(c.this, decimals)}${unit}`, num: true },
			{ text: c.prior === null ? 'n/a' : `${fixed(c.prior, decimals)}${unit}`, num: true },
			{
				text: c.change === null ? 'n/a' : `${signed(c.change, decimals)}${unit === '%' ? ' pts' : unit}`,
				num: true,
			},
		];
		const head: Cell[] = [
			{ text: 'Process measure' },
			{ text: `Last ${W} days`, num: true },
			{ text: `Prior ${W} days`, num: true },
			{ text: 'Change', num: true },
		];
		const rows: Cell[][] = [
			cmp('Cash application rate (receipts applied)', inv.cashApplication, '%', 1),
			cmp('Sales order to invoice lead time', inv.leadTime, ' days', 1),
		];
		sections.push({
			title: 'Cash application and billing lead time',
			html: tableHtml(head, rows),
			text: textTable(head, rows),
		});
	}

	// 8. Recommended actions
	{
		const items = inv.actions.map((a) => {
			const customerLinks = a.customerIds
				.map((id) => {
					const c =
						inv.topContributors.find((x) => x.customerId === id) ??
						inv.tripleThreat.find((x) => x.customerId === id);
					return c === undefined ? null : { name: c.name, url: custUrl(id) };
				})
				.filter((x): x is { name: string; url: string | null } => x !== null);
			const aging = a.kind === 'review-aging' ? safeUrl(input.links.agingSearch) : null;
			const htmlLinks: string[] = [];
			const textLinks: string[] = [];
			for (const c of customerLinks) {
				if (c.url !== null) {
					htmlLinks.push(link(c.name, c.url));
					textLinks.push(`${c.name}: ${c.url}`);
				}
			}
			if (aging !== null) {
				htmlLinks.push(link('A/R aging saved search', aging));
				textLinks.push(`A/R aging saved search: ${aging}`);
			}
			return {
				html: `<li style="${FONT}font-size:14px;color:#1f2a37;margin:0 0 8px 0;">${escapeHtml(a.text)}${htmlLinks.length > 0 ? `<br>${htmlLinks.join(' | ')}` : ''}</li>`,
				text: `${a.text}${textLinks.map((l) => `\n     ${l}`).join('')}`,
			};
		});
		sections.push({
			title: 'Recommended actions',
			html: `<ol style="margin:0 0 16px 0;padding-left:24px;">${items.map((i) => i.html).join('')}</ol>`,
			text: items.map((i, n) => `${n + 1}. ${i.text}`).join('\n'),
		});
	}

	const footer =
		`One alert per subsidiary per period: this is the alert of ${subName} for period ${input.periodKey}` +
		(input.evaluationId === undefined || input.evaluationId === null
			? ''
			: ` (evaluation record ${String(input.evaluationId)})`) +
		'. Thresholds, recipients and the seasonality calendar are set in the O2C DSO Alert Setting and Seasonality Window records.';
	const evalUrl = safeUrl(input.links.evaluation);

	const title = `DSO alert: ${subName}`;
	const html =
		'<!DOCTYPE html>' +
		'<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">' +
		'<meta name="viewport" content="width=device-width, initial-scale=1">' +
		`<title>${escapeHtml(title)}</title></head>` +
		'<body style="margin:0;padding:0;background-color:#f4f6f8;">' +
		'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f6f8;"><tr><td align="center" style="padding:16px;">' +
		'<table role="presentation" width="720" cellpadding="0" cellspacing="0" border="0" style="max-width:720px;width:100%;background-color:#ffffff;border:1px solid #d8dde3;"><tr><td style="padding:20px 24px;">' +
		`<h1 style="${FONT}font-size:20px;color:${esc.escalated ? '#c0392b' : '#1f2a37'};margin:0 0 12px 0;">${escapeHtml(
			`${esc.escalated ? 'Escalated ' : ''}DSO alert: ${subName} DSO ${dsoThis} days (${dsoDelta})`,
		)}</h1>` +
		sections.map((s) => (s.title === '' ? '' : heading(s.title)) + s.html).join('') +
		`<p style="${FONT}font-size:12px;color:#5b6675;line-height:1.4;margin:16px 0 0 0;">${escapeHtml(footer)}${evalUrl === null ? '' : ` ${link('Open the evaluation record', evalUrl)}`}</p>` +
		'</td></tr></table></td></tr></table></body></html>';

	const ruler = '='.repeat(72);
	const text =
		[
			`${esc.escalated ? 'ESCALATED ' : ''}DSO ALERT: ${subName}`,
			ruler,
			...sections.map((s) =>
				s.title === '' ? s.text : `${s.title.toUpperCase()}\n${'-'.repeat(s.title.length)}\n${s.text}`,
			),
			footer,
		].join('\n\n') + (evalUrl === null ? '\n' : `\nEvaluation record: ${evalUrl}\n`);

	return { subject, html, text };
}

function plural(n: number, word: string): string {
	return `${String(n)} ${n === 1 ? word : `${word}s`}`;
}

function pctSuffix(thisMinor: number, priorMinor: number): string {
	const p = percentChange(thisMinor, priorMinor);
	return p === null ? '' : ` (${p})`;
}
