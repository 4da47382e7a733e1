/**
 * The DSO-increase alert for ONE subsidiary at D (one map/reduce reduce key): evaluate the rule
 * from the stored snapshot, record the evaluation, and when it fires send the period's one email
 * with the investigation. Orchestration only, over {@link AlertPorts}: no `N/*` here, so Jest runs
 * it with in-memory ports (the N/* implementations are `nsPorts.ts`).
 *
 * Order of I/O when the alert fires (exactly-once design, domain/alertPeriod.ts):
 * 1. read the period's evaluation records and decide (send / duplicate / unconfirmed);
 * 2. save this day's evaluation with status `sending` (the claim);
 * 3. render the email (pure) and `email.send`;
 * 4. set the status to `sent` (or `failed` with the error, and rethrow).
 * A restart finds the claim: `sent` → nothing is sent again; `sending` → marked `unconfirmed`,
 * nothing is sent (the residual risk: a crash between 2 and 4 may lose that period's email, and
 * the record says so).
 */
import { ageOpenItems, AgingResult, maxDaysOverdue } from '../../domain/aging';
import { AlertEvaluation, evaluateAlertRule } from '../../domain/alertRule';
import { alertEvalKey, alertPeriodKey, decideAlertEmail, HOLDS_PERIOD } from '../../domain/alertPeriod';
import {
	alertRecipients,
	AlertSettingsError,
	resolveAlertSettings,
	ResolvedAlertSettings,
} from '../../domain/alertSettings';
import { addDays, CalendarDate } from '../../domain/calendarDate';
import { decideEscalation, EscalationResult } from '../../domain/escalation';
import {
	AgingAmounts,
	AGING_LABELS,
	investigate,
	Investigation,
	InvestigationCustomer,
} from '../../domain/investigation';
import { renderAlertEmail } from '../../domain/renderAlertEmail';
import {
	AlertPorts,
	AlertSnapshot,
	EvaluationValues,
	StoredEvaluation,
	SubsidiaryJob,
	SubsidiaryOutcome,
} from './ports';

/** An error that already has its evaluation record (so the caller does not write another). */
export class RecordedAlertError extends Error {
	constructor(
		message: string,
		readonly evaluationId: number | null,
	) {
		super(message);
		this.name = 'RecordedAlertError';
		Object.setPrototypeOf(this, RecordedAlertError.prototype);
	}
}

function errorText(e: unknown): string {
	if (e instanceof Error) return `${e.name}: ${e.message}`;
	const o = e as { name?: unknown; message?: unknown } | null;
	if (o !== null && typeof o === 'object' && typeof o.message === 'string')
		return `${typeof o.name === 'string' ? o.name : 'Error'}: ${o.message}`;
	return String(e);
}

function emptyAging(): Record<keyof AgingAmounts, number> {
	return { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
}

function overdueOf(a: AgingAmounts): number {
	return a['1-30'] + a['31-60'] + a['61-90'] + a['90+'];
}

function settingsText(s: ResolvedAlertSettings): string {
	const src = s.sources;
	const lines = [
		`threshold ${String(s.thresholdDays)} days (${src.thresholdDays}), floor ${String(s.floorDays)} days (${src.floorDays}), window ${String(s.windowDays)} days (${src.windowDays}), ${s.enabled ? 'enabled' : 'disabled'} (${src.enabled})`,
		`recipients: AR clerk ${s.recipients.arClerk === null ? 'not set' : `set (${src.arClerk})`}, controller ${s.recipients.controller === null ? 'not set' : `set (${src.controller})`}, CFO ${s.recipients.cfo === null ? 'not set' : `set (${src.cfo})`}`,
		`setting records: subsidiary ${s.rowIds.subsidiary === null ? 'none' : String(s.rowIds.subsidiary)}, account-wide ${s.rowIds.account === null ? 'none' : String(s.rowIds.account)}`,
		...s.warnings,
	];
	return lines.join('\n');
}

function seasonText(ev: AlertEvaluation): { season: string; seasonNote: string } {
	const r = ev.seasonalityRow;
	if (r === null) return { season: '', seasonNote: '' };
	const id = r.id === undefined ? '' : `record ${String(r.id)}: `;
	const what = r.action === 'raise' ? `raise +${String(r.days ?? 0)} days` : 'suppress';
	return {
		season: `${id}${what}, ${r.from} to ${r.to}${r.subsidiaryId === null ? ' (every subsidiary)' : ''}`,
		seasonNote: r.note,
	};
}

/**
 * Per-customer aging at D and D − W from open items; customers with nothing open at either date
 * are dropped. Returns the subsidiary totals (the sum of the customers, so bucket growth and the
 * contributors' shares agree by construction).
 */
function customerAgings(
	openItems: ReturnType<AlertPorts['customerOpenItems']>,
	asOf: CalendarDate,
	priorAsOf: CalendarDate,
): {
	byCustomer: Map<number, { this: AgingResult; prior: AgingResult; maxDays: number }>;
	total: { this: AgingAmounts; prior: AgingAmounts };
} {
	const byCustomer = new Map<number, { this: AgingResult; prior: AgingResult; maxDays: number }>();
	const totalThis = emptyAging();
	const totalPrior = emptyAging();
	for (const [id, items] of openItems) {
		const a = ageOpenItems(items.this, asOf);
		const b = ageOpenItems(items.prior, priorAsOf);
		if (a.totalMinor === 0 && b.totalMinor === 0) continue;
		byCustomer.set(id, { this: a, prior: b, maxDays: maxDaysOverdue(items.this, asOf) });
		for (const l of AGING_LABELS) {
			totalThis[l] += a.buckets[l];
			totalPrior[l] += b.buckets[l];
		}
	}
	return { byCustomer, total: { this: totalThis, prior: totalPrior } };
}

function buildInvestigation(
	job: SubsidiaryJob,
	ports: AlertPorts,
	snap: AlertSnapshot,
	priorSnap: AlertSnapshot | null,
	priorAsOf: CalendarDate,
): Investigation {
	const sub = job.subsidiary;
	const agings = customerAgings(ports.customerOpenItems(sub, job.asOf, priorAsOf), job.asOf, priorAsOf);
	const credit = ports.customers(sub);
	const customers: InvestigationCustomer[] = [];
	for (const [id, a] of agings.byCustomer) {
		const c = credit.get(id);
		const limit = c?.creditLimitMinor ?? null;
		const utilisation =
			c === undefined || limit === null || limit <= 0 ? null : (c.balanceMinor + c.unbilledOrdersMinor) / limit;
		customers.push({
			id,
			name: c?.name ?? `Customer ${String(id)}`,
			aging: { this: a.this.buckets, prior: a.prior.buckets },
			creditUtilisation: utilisation,
			creditLimitMinor: limit !== null && limit > 0 ? limit : null,
			maxDaysOverdue: a.maxDays,
		});
	}
	return investigate({
		currency: sub.currency,
		aging: agings.total,
		customers,
		termsMix: { this: snap.termsMix, prior: priorSnap?.termsMix ?? null },
		cashApplicationRate: { this: snap.cashApplicationRate, prior: priorSnap?.cashApplicationRate ?? null },
		leadTimeDays: { this: snap.leadTimeDays, prior: priorSnap?.leadTimeDays ?? null },
	});
}

/**
 * Runs one subsidiary (see the module comment). Throws after recording the failure on the
 * evaluation record (as {@link RecordedAlertError}); the map/reduce reports it in summarize.
 * @example evaluateSubsidiary(job, ports).reason // 'threshold'
 */
export function evaluateSubsidiary(job: SubsidiaryJob, ports: AlertPorts): SubsidiaryOutcome {
	const sub = job.subsidiary;
	const asOf = job.asOf;
	const period = alertPeriodKey(asOf);
	const key = alertEvalKey(sub.id, asOf);
	const existing: StoredEvaluation[] = ports.periodEvaluations(sub.id, period);
	const own = existing.find((e) => e.key === key) ?? null;
	const ownHolds = own !== null && (HOLDS_PERIOD as readonly string[]).includes(own.emailStatus);

	const base: EvaluationValues = {
		name: `${sub.name} ${asOf}`,
		key,
		subsidiaryId: sub.id,
		asOf,
		period,
		windowDays: null,
		dsoThis: null,
		dsoPrior: null,
		delta: null,
		thresholdApplied: null,
		floorDays: null,
		reason: '',
		fired: false,
		ruleMet: false,
		season: '',
		seasonNote: '',
		escalated: false,
		escalation: '',
		settings: '',
		error: '',
	};

	// 1. Settings, seasonality, snapshots, the rule. Any failure is recorded, then rethrown.
	let settings: ResolvedAlertSettings;
	let evaluation: AlertEvaluation;
	let snap: AlertSnapshot;
	let snaps: Map<CalendarDate, AlertSnapshot>;
	let values: EvaluationValues = base;
	try {
		settings = resolveAlertSettings(job.settingsRows, sub.id);
		values = {
			...values,
			windowDays: settings.windowDays,
			floorDays: settings.floorDays,
			settings: settingsText(settings),
		};
		if (job.seasonalityErrors.length > 0)
			throw new Error(`Invalid seasonality rows: ${job.seasonalityErrors.join('; ')}`);
		const W = settings.windowDays;
		snaps = ports.snapshots(sub.id, [asOf, addDays(asOf, -W), addDays(asOf, -2 * W)]);
		const found = snaps.get(asOf);
		if (found === undefined) {
			throw new Error(
				`No A/R snapshot of subsidiary ${String(sub.id)} at ${asOf} (customrecord_o2c_sub_snapshot key ${key}): the nightly snapshot must run before the alert`,
			);
		}
		if (found.windowDays !== W) {
			throw new Error(
				`The snapshot of ${asOf} uses a ${String(found.windowDays)}-day window but the alert setting asks for ${String(W)} days: align the alert setting's window with the snapshot job's`,
			);
		}
		snap = found;
		evaluation = evaluateAlertRule({
			subsidiaryId: sub.id,
			asOf,
			dso: { this: snap.dso, prior: snap.dsoPrior },
			settings: {
				enabled: settings.enabled,
				thresholdDays: settings.thresholdDays,
				floorDays: settings.floorDays,
			},
			seasonality: job.seasonalityRows,
		});
	} catch (e) {
		const message = errorText(e);
		const id = ports.saveEvaluation(
			own?.id ?? null,
			{ ...values, error: message },
			ownHolds ? undefined : { emailStatus: 'not-needed' },
		);
		throw new RecordedAlertError(`Subsidiary ${String(sub.id)} (${sub.name}) at ${asOf}: ${message}`, id);
	}

	values = {
		...values,
		dsoThis: snap.dso,
		dsoPrior: snap.dsoPrior,
		delta: evaluation.delta,
		thresholdApplied: evaluation.thresholdApplied,
		reason: evaluation.reason,
		fired: evaluation.fired,
		ruleMet: evaluation.conditionMet,
		...seasonText(evaluation),
	};
	const outcome = (
		id: number | null,
		emailStatus: SubsidiaryOutcome['emailStatus'],
		escalated: boolean,
		recipients: number,
	): SubsidiaryOutcome => ({
		subsidiaryId: sub.id,
		asOf,
		period,
		evaluationId: id,
		reason: evaluation.reason,
		fired: evaluation.fired,
		escalated,
		emailStatus,
		recipients,
	});

	// 2. Not fired: record it (keeping an email outcome this day's record may already hold).
	if (!evaluation.fired) {
		if (own !== null && own.emailStatus === 'sending') {
			ports.saveEvaluation(own.id, values, { emailStatus: 'unconfirmed', error: unconfirmedText(own.id) });
			return outcome(own.id, 'unconfirmed', false, 0);
		}
		const id = ports.saveEvaluation(own?.id ?? null, values, ownHolds ? undefined : { emailStatus: 'not-needed' });
		return outcome(id, ownHolds ? (own.emailStatus as SubsidiaryOutcome['emailStatus']) : 'not-needed', false, 0);
	}

	// 3. Fired: investigation and escalation (recorded even when the email is a duplicate).
	const W = settings.windowDays;
	const priorAsOf = addDays(asOf, -W);
	let investigation: Investigation;
	let escalation: EscalationResult;
	try {
		const priorSnap = snaps.get(priorAsOf) ?? null;
		investigation = buildInvestigation(job, ports, snap, priorSnap?.windowDays === W ? priorSnap : null, priorAsOf);
		const previousPeriods = [1, 2].map((k) => {
			const s = snaps.get(addDays(asOf, -k * W));
			if (s?.windowDays !== W) return null;
			return evaluateAlertRule({
				subsidiaryId: sub.id,
				asOf: s.date,
				dso: { this: s.dso, prior: s.dsoPrior },
				settings: { enabled: true, thresholdDays: settings.thresholdDays, floorDays: settings.floorDays },
				seasonality: job.seasonalityRows,
			}).conditionMet;
		});
		const thisAging = investigation.buckets.reduce((acc, b) => ({ ...acc, [b.label]: b.thisMinor }), emptyAging());
		const priorKnown = investigation.buckets.every((b) => b.priorMinor !== null);
		const priorAging = investigation.buckets.reduce(
			(acc, b) => ({ ...acc, [b.label]: b.priorMinor ?? 0 }),
			emptyAging(),
		);
		escalation = decideEscalation({
			fired: true,
			previousPeriods,
			termsDays: {
				this: investigation.termsMix?.weightedDays.this ?? null,
				prior: investigation.termsMix?.weightedDays.prior ?? null,
			},
			overdueMinor: { this: overdueOf(thisAging), prior: priorKnown ? overdueOf(priorAging) : null },
			creditSalesThisMinor: snap.salesThisMinor,
			windowDays: W,
		});
	} catch (e) {
		const message = errorText(e);
		const id = ports.saveEvaluation(
			own?.id ?? null,
			{ ...values, error: `Investigation failed: ${message}` },
			ownHolds ? undefined : { emailStatus: 'failed', error: message },
		);
		throw new RecordedAlertError(
			`Subsidiary ${String(sub.id)} (${sub.name}) at ${asOf}: investigation failed: ${message}`,
			id,
		);
	}
	values = {
		...values,
		escalated: escalation.escalated,
		escalation: escalationJson(escalation),
	};

	// 4. One email per subsidiary per period.
	const decision = decideAlertEmail(existing);
	if (decision.action === 'mark-unconfirmed') {
		ports.setEmail(decision.ref, { emailStatus: 'unconfirmed', error: unconfirmedText(decision.ref) });
		if (decision.ref === own?.id) {
			ports.saveEvaluation(own.id, values);
			return outcome(own.id, 'unconfirmed', escalation.escalated, 0);
		}
		const id = ports.saveEvaluation(own?.id ?? null, values, { emailStatus: 'duplicate', emailRef: decision.ref });
		return outcome(id, 'duplicate', escalation.escalated, 0);
	}
	if (decision.action === 'skip') {
		if (decision.ref === own?.id) {
			ports.saveEvaluation(own.id, values);
			return outcome(own.id, decision.refStatus, escalation.escalated, 0);
		}
		const id = ports.saveEvaluation(own?.id ?? null, values, { emailStatus: 'duplicate', emailRef: decision.ref });
		return outcome(id, 'duplicate', escalation.escalated, 0);
	}

	let to: readonly string[];
	let missing: readonly string[];
	try {
		const routing = alertRecipients(settings, escalation.escalated);
		to = routing.to;
		missing = routing.missing;
	} catch (e) {
		if (!(e instanceof AlertSettingsError)) throw e;
		const id = ports.saveEvaluation(
			own?.id ?? null,
			{ ...values, error: e.message },
			{ emailStatus: 'config-error', recipients: 0, error: e.message },
		);
		throw new RecordedAlertError(`Subsidiary ${String(sub.id)} (${sub.name}) at ${asOf}: ${e.message}`, id);
	}
	const gaps = missing.length === 0 ? '' : `sent without: ${missing.join(', ')} (no address in the alert settings)`;

	// The claim, then render, send, confirm.
	const id = ports.saveEvaluation(
		own?.id ?? null,
		{ ...values, error: gaps },
		{ emailStatus: 'sending', recipients: to.length },
	);
	let text = '';
	try {
		const customerLinks: Record<number, string> = {};
		for (const c of [
			...investigation.topContributors.map((x) => x.customerId),
			...investigation.tripleThreat.map((x) => x.customerId),
		]) {
			const u = ports.customerUrl(c);
			if (u !== null) customerLinks[c] = u;
		}
		const email = renderAlertEmail({
			subsidiary: { id: sub.id, name: sub.name },
			currency: sub.currency,
			asOf,
			priorAsOf,
			windowDays: W,
			periodKey: period,
			evaluation,
			thresholdDays: settings.thresholdDays,
			escalation,
			figures: {
				dso: { this: snap.dso as number, prior: snap.dsoPrior as number },
				arMinor: { this: snap.arMinor, prior: snap.arPriorMinor },
				creditSalesMinor: { this: snap.salesThisMinor, prior: snap.salesPriorMinor },
			},
			investigation,
			links: { agingSearch: job.agingSearchUrl, customers: customerLinks, evaluation: ports.evaluationUrl(id) },
			evaluationId: id,
		});
		text = email.text;
		ports.send({ to, subject: email.subject, html: email.html }, id);
	} catch (e) {
		const message = errorText(e);
		ports.setEmail(id, {
			emailStatus: 'failed',
			recipients: to.length,
			error: `email not sent: ${message}`,
			emailText: text,
		});
		throw new RecordedAlertError(
			`Subsidiary ${String(sub.id)} (${sub.name}) at ${asOf}: the alert email failed: ${message}`,
			id,
		);
	}
	ports.setEmail(id, {
		emailStatus: 'sent',
		recipients: to.length,
		emailText: text,
		...(gaps === '' ? {} : { error: gaps }),
	});
	return outcome(id, 'sent', escalation.escalated, to.length);
}

/**
 * The escalation as stored on the evaluation record (JSON, read by the local report): whether, the
 * causes and their explanations, and the three measures with their values even when not met.
 */
export function escalationJson(e: EscalationResult): string {
	return JSON.stringify({
		escalated: e.escalated,
		causes: e.causes,
		why: e.why,
		consecutivePeriods: e.consecutivePeriods,
		termsShiftDays: e.termsShiftDays,
		impactMinor: e.impactMinor,
		monthlyRevenueMinor: e.monthlyRevenueMinor,
		impactSharePercent: e.impactSharePercent,
	});
}

function unconfirmedText(id: number): string {
	return `evaluation ${String(id)} claimed this period's email but the execution stopped before email.send was confirmed (map/reduce restart); it was not sent again. Check the record's Messages subtab to see whether it went out.`;
}
