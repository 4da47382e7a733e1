/**
 * Alert periods and the one-email-per-period decision of the DSO-increase alert.
 *
 * - The map/reduce evaluates every subsidiary every day; each evaluation is one record keyed
 *   `<subsidiary id>:<YYYY-MM-DD>` (a rerun of the same day updates it).
 * - The ALERT PERIOD is the calendar month of the as-of date (`YYYY-MM`): at most one email per
 *   subsidiary per month. A rise that is still there the next month alerts again (and counts
 *   toward the CFO escalation by persistence).
 * - The evaluation record is also the claim: before sending, the record is saved with status
 *   `sending`; after `email.send` returns, `sent`. A new evaluation sends only when no record of
 *   the period is `sending`, `sent` or `unconfirmed`. A `sending` record found later is a claim
 *   whose execution died between the claim and the confirmation: it is marked `unconfirmed` and
 *   nothing is sent (at most once: a possible missed email, visible on the record, rather than a
 *   possible second one).
 *
 * Pure: no `N/*`.
 */
import { CalendarDate } from './calendarDate';

/** Email status of an evaluation record. */
export type AlertEmailStatus =
	/** The rule did not fire. */
	| 'not-needed'
	/** Claimed; `email.send` not yet confirmed. */
	| 'sending'
	/** `email.send` returned. */
	| 'sent'
	/** Fired, but the period's email had already gone (see `email_ref`). */
	| 'duplicate'
	/** `email.send` threw; a later evaluation of the period may send. */
	| 'failed'
	/** A claim found without confirmation after a restart: the email may or may not have gone. */
	| 'unconfirmed'
	/** Fired, but the settings name nobody to send to; a later evaluation may send once fixed. */
	| 'config-error';

export const ALERT_EMAIL_STATUSES: readonly AlertEmailStatus[] = [
	'not-needed',
	'sending',
	'sent',
	'duplicate',
	'failed',
	'unconfirmed',
	'config-error',
];

/** Statuses that hold the period's one email (or may): nothing else is sent in that period. */
export const HOLDS_PERIOD: readonly AlertEmailStatus[] = ['sending', 'sent', 'unconfirmed'];

/** The alert period of an as-of date: its calendar month. @example alertPeriodKey(d('2026-05-04')) // '2026-05' */
export function alertPeriodKey(asOf: CalendarDate): string {
	return asOf.slice(0, 7);
}

/** Key of the evaluation record of a subsidiary and day. @example alertEvalKey(1, d('2026-05-04')) // '1:2026-05-04' */
export function alertEvalKey(subsidiaryId: number, asOf: CalendarDate): string {
	return `${String(subsidiaryId)}:${asOf}`;
}

/** An evaluation record of the period as the decision needs it. */
export interface PeriodEvaluation {
	readonly id: number;
	readonly key: string;
	/** An {@link AlertEmailStatus}, or whatever text the record holds (read back as is). */
	readonly emailStatus: string;
}

/** What to do about the email of a fired evaluation. */
export type EmailDecision =
	| { readonly action: 'send' }
	/** The period's email went (or may have): record `duplicate`, referring to `ref`. */
	| { readonly action: 'skip'; readonly ref: number; readonly refStatus: 'sent' | 'unconfirmed' }
	/** A claim without confirmation: mark record `ref` unconfirmed, send nothing. */
	| { readonly action: 'mark-unconfirmed'; readonly ref: number };

/**
 * Decides whether a fired evaluation may send the period's email (see the module comment).
 * Precedence: a `sent` record wins (skip), then a stale `sending` claim (mark unconfirmed), then
 * an `unconfirmed` one (skip), else send. Among several, the lowest id is referred to.
 * @example decideAlertEmail([]) // { action: 'send' }
 */
export function decideAlertEmail(periodEvaluations: readonly PeriodEvaluation[]): EmailDecision {
	const byId = periodEvaluations.slice().sort((a, b) => a.id - b.id);
	const sent = byId.find((e) => e.emailStatus === 'sent');
	if (sent !== undefined) return { action: 'skip', ref: sent.id, refStatus: 'sent' };
	const sending = byId.find((e) => e.emailStatus === 'sending');
	if (sending !== undefined) return { action: 'mark-unconfirmed', ref: sending.id };
	const unconfirmed = byId.find((e) => e.emailStatus === 'unconfirmed');
	if (unconfirmed !== undefined) return { action: 'skip', ref: unconfirmed.id, refStatus: 'unconfirmed' };
	return { action: 'send' };
}
