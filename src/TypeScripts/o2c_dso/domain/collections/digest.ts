/**
 * The daily due-date digest to the AR team: the open invoices falling due in the next N days
 * (D + 1 through D + N, D the day the night covers) of customers in risky payment-behaviour
 * segments (configurable; at-risk and deteriorating by default), soonest first, per subsidiary.
 * A disputed invoice is listed and marked (the dispute is the clerk's to chase, not a reminder's).
 *
 * Worked example (D = 2026-05-04, N = 7, segments at-risk): invoice 6 of an at-risk customer due
 * 05-10 with 500.00 open is listed; the same customer's invoice due 05-12 is not (after D + 7), nor
 * one due 05-04 (already due), nor a reliable customer's due 05-06.
 */
import { addDays, type CalendarDate } from '../calendarDate';
import { escapeHtml } from '../html';
import { formatMoney, money } from '../money';

export const DEFAULT_DIGEST_DAYS = 7;
export const DEFAULT_DIGEST_SEGMENTS: readonly string[] = ['at-risk', 'deteriorating'];

export interface DueInvoice {
	readonly id: number;
	readonly tranId: string;
	readonly customerId: number;
	readonly customerName: string;
	readonly subsidiaryId: number;
	readonly dueDate: CalendarDate;
	readonly currency: string;
	readonly openMinor: number;
	readonly disputed: boolean;
}

export interface DigestLine extends DueInvoice {
	readonly segment: string;
}

/**
 * The lines of the digest at night D.
 * @example digestLines(invoices, segmentOf, d('2026-05-04'), 7, ['at-risk']).map((l) => l.id) // [6]
 */
export function digestLines(
	invoices: readonly DueInvoice[],
	segmentOf: ReadonlyMap<number, string>,
	night: CalendarDate,
	days: number,
	segments: readonly string[],
): DigestLine[] {
	const last = addDays(night, days);
	const out: DigestLine[] = [];
	for (const inv of invoices) {
		const segment = segmentOf.get(inv.customerId);
		if (segment === undefined || !segments.includes(segment)) continue;
		if (inv.dueDate <= night || inv.dueDate > last || inv.openMinor <= 0) continue;
		out.push({ ...inv, segment });
	}
	return out.sort(
		(a, b) =>
			(a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
			(a.customerName < b.customerName ? -1 : a.customerName > b.customerName ? 1 : 0) ||
			a.id - b.id,
	);
}

/**
 * Reads the segments setting: a comma-separated list of segment names; throws naming the unknown.
 * @example parseSegments('at-risk, deteriorating', KNOWN) // ['at-risk', 'deteriorating']
 */
export function parseSegments(text: string | undefined, known: readonly string[]): string[] {
	if (text === undefined || text.trim() === '') return [...DEFAULT_DIGEST_SEGMENTS];
	const list = text
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');
	const unknown = list.filter((s) => !known.includes(s));
	if (unknown.length > 0)
		throw new Error(`Unknown segment(s) ${unknown.join(', ')}: the segments are ${known.join(', ')}`);
	return list;
}

/** The email of one subsidiary's digest (every value escaped). */
export function renderDigest(
	subsidiaryName: string,
	night: CalendarDate,
	days: number,
	segments: readonly string[],
	lines: readonly DigestLine[],
): { subject: string; html: string } {
	const rows = lines
		.map(
			(l) =>
				`<tr><td>${escapeHtml(l.dueDate)}</td><td>${escapeHtml(l.customerName)}</td><td>${escapeHtml(l.tranId)}</td>` +
				`<td align="right">${escapeHtml(formatMoney(money(l.openMinor, l.currency)))}</td><td>${escapeHtml(l.segment)}</td>` +
				`<td>${l.disputed ? 'disputed' : ''}</td></tr>`,
		)
		.join('');
	const intro =
		`<p>${String(lines.length)} open invoice${lines.length === 1 ? '' : 's'} of customers in ${escapeHtml(segments.join(', '))} ` +
		`fall${lines.length === 1 ? 's' : ''} due from ${escapeHtml(addDays(night, 1))} to ${escapeHtml(addDays(night, days))}.</p>`;
	return {
		subject: `Invoices due in the next ${String(days)} days from risky customers: ${subsidiaryName}, ${String(lines.length)}`,
		html:
			intro +
			'<table><tr><th>Due</th><th>Customer</th><th>Invoice</th><th>Open</th><th>Segment</th><th></th></tr>' +
			rows +
			'</table>',
	};
}
