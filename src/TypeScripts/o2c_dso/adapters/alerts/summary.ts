/**
 * summarize of the DSO-increase alert: one ERROR log line per failed subsidiary (its message names
 * the subsidiary, the date and what to fix; the evaluation record holds it too) and one AUDIT line
 * with the totals. Never logs recipients' addresses (the outcomes carry only a count).
 */
import * as log from 'N/log';
import type { EntryPoints } from 'N/types';
import { SubsidiaryOutcome } from '../../app/alert/ports';

/** The message of a serialised map/reduce error (`{"name":…,"message":…}` or plain text). */
export function errorMessage(serialised: string): string {
	try {
		const o: unknown = JSON.parse(serialised);
		if (o !== null && typeof o === 'object' && 'message' in o && typeof o.message === 'string')
			return 'name' in o && typeof o.name === 'string' ? `${o.name}: ${o.message}` : o.message;
	} catch {
		// not JSON: use as is
	}
	return serialised;
}

/** Totals of a run for the AUDIT line. */
export interface AlertRunTotals {
	readonly evaluated: number;
	readonly byReason: Record<string, number>;
	readonly emailsSent: number;
	readonly escalated: number;
	readonly failed: number;
}

/** Counts outcomes and failures (pure, for tests). */
export function totals(outcomes: readonly SubsidiaryOutcome[], failed: number): AlertRunTotals {
	const byReason: Record<string, number> = {};
	let emailsSent = 0;
	let escalated = 0;
	for (const o of outcomes) {
		byReason[o.reason] = (byReason[o.reason] ?? 0) + 1;
		if (o.emailStatus === 'sent' && o.recipients > 0) emailsSent++;
		if (o.escalated && o.emailStatus === 'sent') escalated++;
	}
	return { evaluated: outcomes.length, byReason, emailsSent, escalated, failed };
}

/**
 * Logs the failures per subsidiary and the run's totals.
 * @example reportAlertSummary(summaryContext)
 */
export function reportAlertSummary(summary: EntryPoints.MapReduce.summarizeContext): AlertRunTotals {
	let failed = 0;
	if (summary.inputSummary.error) {
		failed++;
		log.error({
			title: 'DSO alert: getInputData failed (no subsidiary was evaluated)',
			details: errorMessage(summary.inputSummary.error),
		});
	}
	summary.mapSummary.errors.iterator().each((key, error) => {
		failed++;
		log.error({ title: `DSO alert: subsidiary ${key} could not be queued`, details: errorMessage(error) });
		return true;
	});
	summary.reduceSummary.errors.iterator().each((key, error, executionNo) => {
		failed++;
		log.error({
			title: `DSO alert: subsidiary ${key} failed (attempt ${String(executionNo)})`,
			details: errorMessage(error),
		});
		return true;
	});
	const outcomes: SubsidiaryOutcome[] = [];
	summary.output.iterator().each((_key, value) => {
		outcomes.push(JSON.parse(value) as SubsidiaryOutcome);
		return true;
	});
	const t = totals(outcomes, failed);
	log.audit({
		title: 'DSO alert: run complete',
		details: `evaluated ${String(t.evaluated)} subsidiaries (${Object.entries(t.byReason)
			.map(([r, n]) => `${r} ${String(n)}`)
			.join(
				', ',
			)}); emails sent ${String(t.emailsSent)} (escalated ${String(t.escalated)}); failures ${String(t.failed)}`,
	});
	return t;
}
