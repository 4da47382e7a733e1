/**
 * The daily promise job: decides the pending promises to pay as of night D (the rule:
 * domain/collections/promiseMatch.ts) and escalates each broken promise once.
 *
 * Escalating a broken promise: a NetSuite task on the customer and an email to the AR clerk of
 * the customer's subsidiary, and the promise is flagged for the next collections push. Crash
 * safety, in this order:
 * 1. the outcome, the escalation day, the push flag and the email state `sending` are written in
 *    one submitFields, so the promise is never decided twice;
 * 2. the task is created under an external id derived from the promise (NetSuite keeps external
 *    ids unique per record type): a repeat finds it and creates none;
 * 3. the email is sent, then its state set to `sent` (or `no_recipient` when the subsidiary has no
 *    AR clerk address, `failed` when the send throws: both logged as errors).
 * A later run finds any promise still `sending` (the execution died between 1 and 3): it makes
 * sure of the task and, because an email cannot be taken back or checked, marks the email
 * `unconfirmed` and logs an error naming the promise, rather than risking a second email.
 */
import { type CalendarDate } from '../../domain/calendarDate';
import { escapeHtml } from '../../domain/html';
import { formatMoney, money } from '../../domain/money';
import {
	decidePromise,
	type PendingPromise,
	type PromiseDecision,
	type PromiseFacts,
} from '../../domain/collections/promiseMatch';

export type EscalationEmailState = 'sending' | 'sent' | 'no_recipient' | 'failed' | 'unconfirmed';

export interface EscalationMessage {
	readonly to: string;
	readonly subject: string;
	readonly html: string;
}

export interface BrokenPromise extends PendingPromise {
	readonly paidMinor: number;
}

export interface PromiseMatchPorts {
	/**
	 * The pending promises made on or before D with an id above `afterId` whose decision may be due
	 * at D, lowest id first, at most `limit`; fewer than `limit` only when there are no more. It may
	 * leave out a promise only when D cannot decide it (its window is open and its facts decide
	 * nothing yet: domain `decisionDue`); returning more is never wrong, only dearer.
	 */
	pending(night: CalendarDate, afterId: number, limit: number, graceDays: number): PendingPromise[];
	/** the payments and open amounts of these promises' invoices (or customers) */
	facts(promises: readonly PendingPromise[]): Map<number, PromiseFacts>;
	/** writes the decision (and, for a broken promise, the escalation start) */
	record(p: PendingPromise, d: PromiseDecision, night: CalendarDate): void;
	/** broken promises whose escalation email is still `sending` */
	interruptedEscalations(): BrokenPromise[];
	/** creates the escalation task (keyed by the promise): false when it already existed */
	ensureTask(p: BrokenPromise, night: CalendarDate, customerName: string): boolean;
	customer(customerId: number): { name: string; subsidiaryId: number } | null;
	/** the AR clerk's address for a subsidiary, null when none is set */
	arClerk(subsidiaryId: number): string | null;
	/** a link to the promise record, null when unknown */
	promiseUrl(promiseId: number): string | null;
	send(message: EscalationMessage, promiseId: number): void;
	setEmailState(promiseId: number, state: EscalationEmailState): void;
	remainingUnits(): number;
	error(title: string, details: string): void;
}

/** Units one promise may cost: its share of the searches, a submitFields, a task, an email. */
export const UNITS_PER_PROMISE = 80;

export interface PromiseMatchResult {
	readonly night: CalendarDate;
	readonly decided: Readonly<Record<'kept' | 'partial' | 'broken' | 'cancelled', number>>;
	readonly stillPending: number;
	readonly escalated: number;
	/** true when units ran short: the rest is for the next execution */
	readonly more: boolean;
	/**
	 * The highest promise id this execution examined (or the `afterId` it started from): the next
	 * execution of the same night starts after it, so the promises still pending are not read again
	 * and a night with more pending promises than one execution can read still ends.
	 */
	readonly resumeAfter: number;
}

/** The escalation email (every value escaped). */
export function escalationMessage(
	p: BrokenPromise,
	customerName: string,
	to: string,
	link: string | null,
	night: CalendarDate,
): EscalationMessage {
	const amount = formatMoney(money(p.amountMinor, p.currency));
	const invoices = p.invoiceIds.length > 0 ? p.invoiceIds.join(', ') : 'none named';
	const rows: [string, string][] = [
		['Customer', customerName],
		['Promised', `${amount} by ${p.promisedDate}`],
		['Paid by then', formatMoney(money(p.paidMinor, p.currency))],
		['Invoices (internal ids)', invoices],
		['Promise made on', p.madeOn],
	];
	const table = rows
		.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
		.join('');
	const open = link === null ? '' : `<p><a href="${escapeHtml(link)}">Open the promise</a></p>`;
	return {
		to,
		subject: `Broken promise to pay: ${customerName}, ${amount} due ${p.promisedDate}`,
		html:
			`<p>${escapeHtml(customerName)} did not pay the ${escapeHtml(amount)} promised for ${escapeHtml(p.promisedDate)} ` +
			`(checked on the night of ${escapeHtml(night)}). A task to follow up is on the customer.</p>` +
			`<table>${table}</table>${open}`,
	};
}

function escalate(p: BrokenPromise, night: CalendarDate, ports: PromiseMatchPorts, resumed: boolean): void {
	const customer = ports.customer(p.customerId);
	const name = customer?.name ?? `customer ${String(p.customerId)}`;
	ports.ensureTask(p, night, name);
	if (resumed) {
		ports.setEmailState(p.id, 'unconfirmed');
		ports.error(
			`Broken promise ${String(p.id)}: escalation email unconfirmed`,
			'An earlier execution stopped while sending it; it is not sent again. Check the promise record’s Messages subtab.',
		);
		return;
	}
	const to = customer === null ? null : ports.arClerk(customer.subsidiaryId);
	if (to === null) {
		ports.setEmailState(p.id, 'no_recipient');
		ports.error(
			`Broken promise ${String(p.id)}: no AR clerk to email`,
			`Set the AR clerk on the DSO alert setting of subsidiary ${String(customer?.subsidiaryId ?? '?')} (the task on the customer was created).`,
		);
		return;
	}
	try {
		ports.send(escalationMessage(p, name, to, ports.promiseUrl(p.id), night), p.id);
	} catch (e) {
		ports.setEmailState(p.id, 'failed');
		ports.error(
			`Broken promise ${String(p.id)}: escalation email failed`,
			String((e as { message?: unknown } | null)?.message ?? e),
		);
		return;
	}
	ports.setEmailState(p.id, 'sent');
}

/**
 * Decides the pending promises at night D with an id above `afterId` (0: all; a rescheduled
 * execution passes the previous one's `resumeAfter`) and escalates the broken ones.
 * @example matchPromises(ports, d('2026-05-09'), 0).decided.broken // 1
 */
export function matchPromises(
	ports: PromiseMatchPorts,
	night: CalendarDate,
	graceDays: number,
	startAfterId = 0,
): PromiseMatchResult {
	const decided = { kept: 0, partial: 0, broken: 0, cancelled: 0 };
	let escalated = 0;
	for (const p of ports.interruptedEscalations()) {
		escalate(p, night, ports, true);
		escalated++;
	}
	let stillPending = 0;
	let more = false;
	let afterId = startAfterId;
	for (;;) {
		const budget = Math.floor((ports.remainingUnits() - 100) / UNITS_PER_PROMISE);
		if (budget <= 0) {
			more = true;
			break;
		}
		const limit = Math.min(budget, 200);
		const batch = ports.pending(night, afterId, limit, graceDays);
		if (batch.length === 0) break;
		const facts = ports.facts(batch);
		for (const p of batch) {
			afterId = p.id;
			const d = decidePromise(p, facts.get(p.id) ?? { payments: [], openMinor: null }, night, graceDays);
			if (d.status === 'pending') {
				stillPending++;
				continue;
			}
			ports.record(p, d, night);
			decided[d.status]++;
			if (d.status === 'broken') {
				escalate({ ...p, paidMinor: d.paidMinor }, night, ports, false);
				escalated++;
			}
		}
		if (batch.length < limit) break;
	}
	return { night, decided, stillPending, escalated, more, resumeAfter: afterId };
}
