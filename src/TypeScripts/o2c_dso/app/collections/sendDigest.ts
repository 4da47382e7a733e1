/**
 * The nightly due-date digest (rules and email: domain/collections/digest.ts), once per
 * subsidiary and night: the digest record (keyed by subsidiary and night, NetSuite keeps external
 * ids unique per record type) is written before the email is sent, so a rerun of the night finds
 * it and sends nothing; a subsidiary with nothing due sends nothing and writes nothing.
 */
import { addDays, type CalendarDate } from '../../domain/calendarDate';
import { digestLines, renderDigest, type DueInvoice } from '../../domain/collections/digest';

export type DigestState = 'sending' | 'sent' | 'failed' | 'no_recipient';

export interface DigestPorts {
	subsidiaries(): { id: number; name: string }[];
	/** open invoices due from `from` through `to` */
	dueInvoices(from: CalendarDate, to: CalendarDate): DueInvoice[];
	/** the customers' payment-behaviour segments (customer metrics) */
	segments(customerIds: readonly number[]): Map<number, string>;
	arClerk(subsidiaryId: number): string | null;
	/** writes the digest record; null when this subsidiary's digest of the night exists already */
	claim(subsidiaryId: number, night: CalendarDate, lines: number): number | null;
	send(to: string, subject: string, html: string, recordId: number): void;
	setState(recordId: number, state: DigestState): void;
	error(title: string, details: string): void;
}

export interface DigestOutcome {
	readonly subsidiaryId: number;
	readonly lines: number;
	readonly result: 'sent' | 'nothing_due' | 'already_sent' | 'no_recipient' | 'failed';
}

/** @example sendDigest(ports, d('2026-05-04'), 7, ['at-risk']).map((o) => o.result) // ['sent'] */
export function sendDigest(
	ports: DigestPorts,
	night: CalendarDate,
	days: number,
	segments: readonly string[],
): DigestOutcome[] {
	if (days <= 0) return [];
	const invoices = ports.dueInvoices(addDays(night, 1), addDays(night, days));
	const segmentOf = ports.segments([...new Set(invoices.map((i) => i.customerId))]);
	const out: DigestOutcome[] = [];
	for (const sub of ports.subsidiaries()) {
		const lines = digestLines(
			invoices.filter((i) => i.subsidiaryId === sub.id),
			segmentOf,
			night,
			days,
			segments,
		);
		const done = (result: DigestOutcome['result']): void => {
			out.push({ subsidiaryId: sub.id, lines: lines.length, result });
		};
		if (lines.length === 0) {
			done('nothing_due');
			continue;
		}
		const id = ports.claim(sub.id, night, lines.length);
		if (id === null) {
			done('already_sent');
			continue;
		}
		const to = ports.arClerk(sub.id);
		if (to === null) {
			ports.setState(id, 'no_recipient');
			ports.error(
				`Due-date digest ${night}: no AR clerk for ${sub.name}`,
				`Set the AR clerk on the DSO alert setting of subsidiary ${String(sub.id)} (or the account's).`,
			);
			done('no_recipient');
			continue;
		}
		const mail = renderDigest(sub.name, night, days, segments, lines);
		try {
			ports.send(to, mail.subject, mail.html, id);
		} catch (e) {
			ports.setState(id, 'failed');
			ports.error(
				`Due-date digest ${night}: email to ${sub.name}'s AR clerk failed`,
				String((e as { message?: unknown } | null)?.message ?? e),
			);
			done('failed');
			continue;
		}
		ports.setState(id, 'sent');
		done('sent');
	}
	return out;
}
