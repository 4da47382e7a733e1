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
 *
 * The steps, each a function below: {@link evaluateRuleStep} (settings, snapshots, the rule),
 * {@link recordQuiet} (did not fire), {@link investigateStep} (why, and whether to escalate),
 * {@link recordDuplicate} (the period's email already went), {@link sendStep} (claim, render, send,
 * confirm). Every failure is written to the evaluation record before it is thrown
 * ({@link failRecorded}).
 */
import {
	ageOpenItems,
	AGING_LABELS,
	AgingAmounts,
	AgingResult,
	emptyAging,
	openPosition,
	overdueOf,
} from '../../domain/aging';
import { AlertEvaluation, evaluateAlertRule } from '../../domain/alertRule';
import {
	alertEvalKey,
	alertPeriodKey,
	AlertEmailStatus,
	decideAlertEmail,
	EmailDecision,
	HOLDS_PERIOD,
} from '../../domain/alertPeriod';
import {
	alertRecipients,
	AlertSettingsError,
	resolveAlertSettings,
	ResolvedAlertSettings,
} from '../../domain/alertSettings';
import { addDays, CalendarDate } from '../../domain/calendarDate';
import { creditUtilisation } from '../../domain/credit';
import { splitDsoChange } from '../../domain/dso';
import { decideEscalation, EscalationResult } from '../../domain/escalation';
import { investigate, Investigation, InvestigationCustomer } from '../../domain/investigation';
import { money, plus, zeroMinor } from '../../domain/money';
import { renderAlertEmail } from '../../domain/renderAlertEmail';
import { toHundredths } from '../../domain/rounding';
import {
	AlertPorts,
	AlertSnapshot,
	CustomerCredit,
	EmailFields,
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

/** What every step of one subsidiary's evaluation shares. */
interface Run<C extends string> {
	readonly job: SubsidiaryJob<C>;
	readonly ports: AlertPorts<C>;
	readonly period: string;
	readonly key: string;
	/** Evaluation records of the period (this day's among them, if any). */
	readonly existing: readonly StoredEvaluation[];
	/** This day's record, from an earlier run of the day. */
	readonly own: StoredEvaluation | null;
	/** Whether this day's record already holds the period's email (its email fields stay as they are). */
	readonly ownHolds: boolean;
}

function startRun<C extends string>(job: SubsidiaryJob<C>, ports: AlertPorts<C>): Run<C> {
	const period = alertPeriodKey(job.asOf);
	const key = alertEvalKey(job.subsidiary.id, job.asOf);
	const existing = job.periodEvaluations ?? ports.periodEvaluations(job.subsidiary.id, period);
	const own = existing.find((e) => e.key === key) ?? null;
	return {
		job,
		ports,
		period,
		key,
		existing,
		own,
		ownHolds: own !== null && (HOLDS_PERIOD as readonly string[]).includes(own.emailStatus),
	};
}

/** Writes the failure to this day's evaluation record, then throws it as a {@link RecordedAlertError}. */
function failRecorded(run: Run<string>, values: EvaluationValues, what: string, email: EmailFields | undefined): never {
	const id = run.ports.saveEvaluation(run.own?.id ?? null, { ...values, error: what }, email);
	const sub = run.job.subsidiary;
	throw new RecordedAlertError(`Subsidiary ${String(sub.id)} (${sub.name}) at ${run.job.asOf}: ${what}`, id);
}

function blankValues(run: Run<string>): EvaluationValues {
	const sub = run.job.subsidiary;
	return {
		name: `${sub.name} ${run.job.asOf}`,
		key: run.key,
		subsidiaryId: sub.id,
		asOf: run.job.asOf,
		period: run.period,
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
}

/** Step 1's result: the settings in force, the snapshots read and the rule's outcome. */
interface RuleStep<C extends string> {
	readonly settings: ResolvedAlertSettings;
	readonly snap: AlertSnapshot<C>;
	/** Snapshots at D, D − W and D − 2W (those that exist). */
	readonly snaps: ReadonlyMap<CalendarDate, AlertSnapshot<C>>;
	readonly evaluation: AlertEvaluation;
	readonly values: EvaluationValues;
}

/** The snapshots at `dates`: the job's preloaded ones when they were read for these dates, else the ports'. */
function snapshotsAt<C extends string>(
	job: SubsidiaryJob<C>,
	ports: AlertPorts<C>,
	dates: readonly CalendarDate[],
): Map<CalendarDate, AlertSnapshot<C>> {
	const pre = job.preloadedSnapshots;
	if (pre?.dates.length === dates.length && pre.dates.every((d, i) => d === dates[i]))
		return new Map(pre.snapshots.map((s) => [s.date, s]));
	return ports.snapshots(job.subsidiary.id, dates);
}

/** Step 1: settings, seasonality, the stored snapshots and the rule. A failure is recorded, then thrown. */
function evaluateRuleStep<C extends string>(run: Run<C>): RuleStep<C> {
	const { job, ports } = run;
	const sub = job.subsidiary;
	let values = blankValues(run);
	try {
		const settings = resolveAlertSettings(job.settingsRows, sub.id);
		values = {
			...values,
			windowDays: settings.windowDays,
			floorDays: settings.floorDays,
			settings: settingsText(settings),
		};
		if (job.seasonalityErrors.length > 0)
			throw new Error(`Invalid seasonality rows: ${job.seasonalityErrors.join('; ')}`);
		const W = settings.windowDays;
		const snaps = snapshotsAt(job, ports, [job.asOf, addDays(job.asOf, -W), addDays(job.asOf, -2 * W)]);
		const snap = snaps.get(job.asOf);
		if (snap === undefined) {
			throw new Error(
				`No A/R snapshot of subsidiary ${String(sub.id)} at ${job.asOf} (customrecord_o2c_sub_snapshot key ${run.key}): the nightly snapshot must run before the alert`,
			);
		}
		if (snap.windowDays !== W) {
			throw new Error(
				`The snapshot of ${job.asOf} uses a ${String(snap.windowDays)}-day window but the alert setting asks for ${String(W)} days: align the alert setting's window with the snapshot job's`,
			);
		}
		const evaluation = evaluateAlertRule({
			subsidiaryId: sub.id,
			asOf: job.asOf,
			dso: { this: snap.dso, prior: snap.dsoPrior },
			settings: {
				enabled: settings.enabled,
				thresholdDays: settings.thresholdDays,
				floorDays: settings.floorDays,
			},
			seasonality: job.seasonalityRows,
		});
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
		return { settings, snap, snaps, evaluation, values };
	} catch (e) {
		return failRecorded(run, values, errorText(e), run.ownHolds ? undefined : { emailStatus: 'not-needed' });
	}
}

function outcomeOf(
	run: Run<string>,
	rule: RuleStep<string>,
	id: number | null,
	emailStatus: AlertEmailStatus | null,
	escalated: boolean,
	recipients: number,
): SubsidiaryOutcome {
	return {
		subsidiaryId: run.job.subsidiary.id,
		asOf: run.job.asOf,
		period: run.period,
		evaluationId: id,
		reason: rule.evaluation.reason,
		fired: rule.evaluation.fired,
		escalated,
		emailStatus,
		recipients,
	};
}

/** Step 2 (the rule did not fire): record it, keeping an email outcome this day's record may already hold. */
function recordQuiet<C extends string>(run: Run<C>, rule: RuleStep<C>): SubsidiaryOutcome {
	const { own, ports } = run;
	if (own !== null && own.emailStatus === 'sending') {
		ports.saveEvaluation(own.id, rule.values, { emailStatus: 'unconfirmed', error: unconfirmedText(own.id) });
		return outcomeOf(run, rule, own.id, 'unconfirmed', false, 0);
	}
	const id = ports.saveEvaluation(
		own?.id ?? null,
		rule.values,
		run.ownHolds ? undefined : { emailStatus: 'not-needed' },
	);
	const status = own !== null && run.ownHolds ? (own.emailStatus as AlertEmailStatus) : 'not-needed';
	return outcomeOf(run, rule, id, status, false, 0);
}

/**
 * Per-customer aging at D and D − W from open items; customers with nothing open at either date
 * are dropped. Returns the subsidiary totals (the sum of the customers, so bucket growth and the
 * contributors' shares agree by construction).
 */
function customerAgings<C extends string>(
	openItems: ReturnType<AlertPorts<C>['customerOpenItems']>,
	asOf: CalendarDate,
	priorAsOf: CalendarDate,
): {
	byCustomer: Map<number, { this: AgingResult<C>; prior: AgingResult<C>; maxDays: number }>;
	total: { this: AgingAmounts<C>; prior: AgingAmounts<C> };
} {
	const byCustomer = new Map<number, { this: AgingResult<C>; prior: AgingResult<C>; maxDays: number }>();
	const totalThis = emptyAging<C>();
	const totalPrior = emptyAging<C>();
	for (const [id, items] of openItems) {
		// the aging at D and the most days overdue from one pass (each due date converted once)
		const a = openPosition(items.this, asOf);
		const b = ageOpenItems(items.prior, priorAsOf);
		if (a.totalMinor === 0 && b.totalMinor === 0) continue;
		const aging: AgingResult<C> = { buckets: a.buckets, counts: a.counts, totalMinor: a.totalMinor };
		byCustomer.set(id, { this: aging, prior: b, maxDays: a.maxDaysOverdue });
		for (const l of AGING_LABELS) {
			totalThis[l] = plus(totalThis[l], a.buckets[l]);
			totalPrior[l] = plus(totalPrior[l], b.buckets[l]);
		}
	}
	return { byCustomer, total: { this: totalThis, prior: totalPrior } };
}

/**
 * The investigation. `forEmail` false (the period's email already went): the customers' names and
 * credit positions, which only the email shows (contributors, triple threat), are not read; the
 * buckets and the terms mix the escalation is decided on are the same.
 */
function buildInvestigation<C extends string>(
	run: Run<C>,
	snap: AlertSnapshot<C>,
	priorSnap: AlertSnapshot<C> | null,
	priorAsOf: CalendarDate,
	forEmail: boolean,
): Investigation<C> {
	const { job, ports } = run;
	const sub = job.subsidiary;
	const agings = customerAgings(ports.customerOpenItems(sub, job.asOf, priorAsOf), job.asOf, priorAsOf);
	const credit = forEmail ? ports.customers(sub) : new Map<number, CustomerCredit>();
	const customers: InvestigationCustomer<C>[] = [];
	for (const [id, a] of agings.byCustomer) {
		const c = credit.get(id);
		const limit = c?.credit.limitMinor ?? null;
		customers.push({
			id,
			name: c?.name ?? `Customer ${String(id)}`,
			aging: { this: a.this.buckets, prior: a.prior.buckets },
			creditUtilisation: c === undefined ? null : creditUtilisation(c.credit),
			creditLimit: c === undefined || limit === null ? null : money(limit, c.credit.currency),
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

/** Step 3's result: the investigation, the escalation, and the values with the escalation recorded. */
interface InvestigateStep<C extends string> {
	readonly priorAsOf: CalendarDate;
	readonly investigation: Investigation<C>;
	readonly escalation: EscalationResult<C>;
	readonly values: EvaluationValues;
}

/** Step 3 (fired): why, and whether to escalate (recorded even when the email is a duplicate). */
function investigateStep<C extends string>(run: Run<C>, rule: RuleStep<C>, forEmail: boolean): InvestigateStep<C> {
	const { settings, snap, snaps } = rule;
	const W = settings.windowDays;
	const priorAsOf = addDays(run.job.asOf, -W);
	try {
		const priorSnap = snaps.get(priorAsOf) ?? null;
		const investigation = buildInvestigation(
			run,
			snap,
			priorSnap?.windowDays === W ? priorSnap : null,
			priorAsOf,
			forEmail,
		);
		const previousPeriods = [1, 2].map((k) => {
			const s = snaps.get(addDays(run.job.asOf, -k * W));
			if (s?.windowDays !== W) return null;
			return evaluateAlertRule({
				subsidiaryId: run.job.subsidiary.id,
				asOf: s.date,
				dso: { this: s.dso, prior: s.dsoPrior },
				settings: { enabled: true, thresholdDays: settings.thresholdDays, floorDays: settings.floorDays },
				seasonality: run.job.seasonalityRows,
			}).conditionMet;
		});
		const thisAging = emptyAging<C>();
		const priorAging = emptyAging<C>();
		for (const b of investigation.buckets) {
			thisAging[b.label] = b.thisMinor;
			priorAging[b.label] = b.priorMinor ?? zeroMinor<C>();
		}
		const priorKnown = investigation.buckets.every((b) => b.priorMinor !== null);
		const escalation = decideEscalation({
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
		const values = { ...rule.values, escalated: escalation.escalated, escalation: escalationJson(escalation) };
		return { priorAsOf, investigation, escalation, values };
	} catch (e) {
		const message = errorText(e);
		return failRecorded(
			run,
			rule.values,
			`Investigation failed: ${message}`,
			run.ownHolds ? undefined : { emailStatus: 'failed', error: message },
		);
	}
}

/**
 * Step 4: when the period's email already went (or may have), record this day as a duplicate (or
 * mark a stale claim unconfirmed) and send nothing; null when this evaluation may send.
 */
function recordDuplicate(
	run: Run<string>,
	rule: RuleStep<string>,
	step: InvestigateStep<string>,
	decision: EmailDecision,
): SubsidiaryOutcome | null {
	const { own, ports } = run;
	const escalated = step.escalation.escalated;
	if (decision.action === 'send') return null;
	if (decision.action === 'mark-unconfirmed')
		ports.setEmail(decision.ref, { emailStatus: 'unconfirmed', error: unconfirmedText(decision.ref) });
	if (decision.ref === own?.id) {
		ports.saveEvaluation(own.id, step.values);
		const status = decision.action === 'mark-unconfirmed' ? 'unconfirmed' : decision.refStatus;
		return outcomeOf(run, rule, own.id, status, escalated, 0);
	}
	const id = ports.saveEvaluation(own?.id ?? null, step.values, { emailStatus: 'duplicate', emailRef: decision.ref });
	return outcomeOf(run, rule, id, 'duplicate', escalated, 0);
}

/** The alert email of an evaluation stored as `id`: its figures, the A/R / sales split of the rule's delta, the links. */
function composeEmail<C extends string>(
	run: Run<C>,
	rule: RuleStep<C>,
	step: InvestigateStep<C>,
	id: number,
): ReturnType<typeof renderAlertEmail> {
	const { job, ports } = run;
	const { settings, snap, evaluation } = rule;
	const { investigation, escalation } = step;
	const customerLinks: Record<number, string> = {};
	for (const c of [
		...investigation.topContributors.map((x) => x.customerId),
		...investigation.tripleThreat.map((x) => x.customerId),
	]) {
		const u = ports.customerUrl(c);
		if (u !== null) customerLinks[c] = u;
	}
	const W = settings.windowDays;
	const figures = {
		dso: { this: snap.dso ?? 0, prior: snap.dsoPrior ?? 0 },
		arMinor: { this: snap.arMinor, prior: snap.arPriorMinor },
		creditSalesMinor: { this: snap.salesThisMinor, prior: snap.salesPriorMinor },
		unappliedMinor: snap.unappliedMinor,
	};
	const split =
		evaluation.delta === null
			? null
			: splitDsoChange(
					{ arMinor: figures.arMinor, creditSalesMinor: figures.creditSalesMinor, windowDays: W },
					toHundredths(evaluation.delta),
				);
	return renderAlertEmail({
		subsidiary: { id: job.subsidiary.id, name: job.subsidiary.name },
		currency: job.subsidiary.currency,
		asOf: job.asOf,
		priorAsOf: step.priorAsOf,
		windowDays: W,
		periodKey: run.period,
		evaluation,
		thresholdDays: settings.thresholdDays,
		escalation,
		figures: { ...figures, split },
		investigation,
		links: {
			agingSearch: job.agingSearchUrl ?? ports.agingSearchUrl?.() ?? null,
			customers: customerLinks,
			evaluation: ports.evaluationUrl(id),
		},
		evaluationId: id,
		forecast: ports.forecast?.(job.subsidiary.id) ?? null,
	});
}

/** Step 5: the claim, then render, send and confirm (module comment). */
function sendStep<C extends string>(run: Run<C>, rule: RuleStep<C>, step: InvestigateStep<C>): SubsidiaryOutcome {
	const { job, ports, own } = run;
	const { settings } = rule;
	const { escalation, values } = step;
	let to: readonly string[];
	let missing: readonly string[];
	try {
		({ to, missing } = alertRecipients(settings, escalation.escalated));
	} catch (e) {
		if (!(e instanceof AlertSettingsError)) throw e;
		return failRecorded(run, values, e.message, { emailStatus: 'config-error', recipients: 0, error: e.message });
	}
	const gaps = missing.length === 0 ? '' : `sent without: ${missing.join(', ')} (no address in the alert settings)`;
	const id = ports.saveEvaluation(
		own?.id ?? null,
		{ ...values, error: gaps },
		{ emailStatus: 'sending', recipients: to.length },
	);
	let text = '';
	try {
		const email = composeEmail(run, rule, step, id);
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
		const sub = job.subsidiary;
		throw new RecordedAlertError(
			`Subsidiary ${String(sub.id)} (${sub.name}) at ${job.asOf}: the alert email failed: ${message}`,
			id,
		);
	}
	ports.setEmail(id, {
		emailStatus: 'sent',
		recipients: to.length,
		emailText: text,
		...(gaps === '' ? {} : { error: gaps }),
	});
	return outcomeOf(run, rule, id, 'sent', escalation.escalated, to.length);
}

/**
 * Runs one subsidiary (see the module comment). Throws after recording the failure on the
 * evaluation record (as {@link RecordedAlertError}); the map/reduce reports it in summarize.
 * @example evaluateSubsidiary(job, ports).reason // 'threshold'
 */
export function evaluateSubsidiary<C extends string>(job: SubsidiaryJob<C>, ports: AlertPorts<C>): SubsidiaryOutcome {
	const run = startRun(job, ports);
	const rule = evaluateRuleStep(run);
	if (!rule.evaluation.fired) return recordQuiet(run, rule);
	const decision = decideAlertEmail(run.existing);
	const step = investigateStep(run, rule, decision.action === 'send');
	return recordDuplicate(run, rule, step, decision) ?? sendStep(run, rule, step);
}

/**
 * The escalation as stored on the evaluation record (JSON, read by the local report): whether, the
 * causes and their explanations, and the three measures with their values even when not met.
 */
function escalationJson(e: EscalationResult): string {
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
