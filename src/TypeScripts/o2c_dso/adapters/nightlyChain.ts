/**
 * The nightly chain on NetSuite (the steps and the day a night covers: app/nightly/chain.ts).
 *
 * - `customscript_o2c_nightly_ss` is the chain's only schedule: its SCHEDULED deployment fires once
 *   a day, fixes the day D the night covers (yesterday in the company time zone) and submits the
 *   first step with D in the step's night parameter. Run on demand with `custscript_o2c_nt_night`
 *   (and `custscript_o2c_nt_step`), it reruns a whole night, or the rest of one, for that day.
 * - Each step reads its day with {@link nightOf} and, when its work is done, calls
 *   {@link continueNight}, which submits the next step with the same D.
 * - A step whose deployment is busy (an earlier instance still queued or running) is refused by
 *   `submit()` with FAILED_TO_SUBMIT_JOB_REQUEST_1 (scheduled scripts; "when task cannot be submitted
 *   for some reason", SuiteScript task stubs), MAP_REDUCE_ALREADY_RUNNING (map/reduce: "Only one
 *   unfinished instance of a particular script deployment can exist at any time") or
 *   NO_DEPLOYMENTS_AVAILABLE. The start is then retried later, through the scheduling queue: the
 *   nightly script is queued with the night, the step and the attempt number; each attempt that
 *   finds the step still busy queues the next, up to {@link MAX_START_ATTEMPTS}, then logs an error
 *   naming the night, the step and how to finish it. Any other refusal (a wrong id, a deployment that
 *   is not Not Scheduled) is a configuration error: it is thrown, so the failing execution shows it.
 */
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import * as task from 'N/task';
import { CalendarDate, isCalendarDate } from '../domain/calendarDate';
import { NIGHTLY_CHAIN, NightlyStep, coveredDay, stepAfter, stepNamed, stepOf } from '../app/nightly/chain';
import { accountToday } from './clock';
import { intParam, textParam } from './scriptParams';

export const NIGHTLY_SCRIPT = 'customscript_o2c_nightly_ss';

/** Parameters of the nightly script (declared in src/Objects/customscript_o2c_nightly_ss.xml). */
export const NT = {
	night: 'custscript_o2c_nt_night',
	step: 'custscript_o2c_nt_step',
	attempt: 'custscript_o2c_nt_attempt',
} as const;

/** How many times a busy step's start is tried (each try a queued execution of the nightly script). */
export const MAX_START_ATTEMPTS = 48;

/** Refusals that mean "the deployment is busy now", worth trying again later. */
const BUSY = new Set(['FAILED_TO_SUBMIT_JOB_REQUEST_1', 'MAP_REDUCE_ALREADY_RUNNING', 'NO_DEPLOYMENTS_AVAILABLE']);

function errorName(e: unknown): string {
	const name = (e as { name?: unknown } | null)?.name;
	return typeof name === 'string' ? name : '';
}

function errorText(e: unknown): string {
	const message = (e as { message?: unknown } | null)?.message;
	return `${errorName(e)}: ${typeof message === 'string' ? message : String(e)}`;
}

/** A night parameter's value, checked. */
function nightValue(name: string): CalendarDate | null {
	const text = textParam(name);
	if (text === undefined) return null;
	if (!isCalendarDate(text))
		throw new Error(`Script parameter ${name} must be a date written YYYY-MM-DD, got ${JSON.stringify(text)}`);
	return text;
}

/**
 * The night this execution belongs to: its step's night parameter, set when the chain started it
 * (it then continues the chain when done); null for a run started otherwise. No units.
 * @example thenContinue(SCRIPT, chainNight(), work)
 */
export function chainNight(): CalendarDate | null {
	const step = stepOf(runtime.getCurrentScript().id);
	return step ? nightValue(step.nightParam) : null;
}

/**
 * The day this execution computes as of, and the night it belongs to: the step's night parameter
 * when the chain started it (it then continues the chain), else the as-of override `asOfParam`
 * (a rerun of one day, the chain does not continue), else the last complete day (yesterday in the
 * company time zone, 10 units; no chain either: a run started by hand).
 * @example const { asOf, night } = nightOf('custscript_o2c_cm_as_of')
 */
export function nightOf(asOfParam: string): { asOf: CalendarDate; night: CalendarDate | null } {
	const night = chainNight();
	if (night !== null) return { asOf: night, night };
	const override = textParam(asOfParam);
	return { asOf: override !== undefined ? accountToday(override) : coveredDay(accountToday()), night: null };
}

/**
 * Submits `step` for night D (20 units): true when queued, false when its deployment is busy.
 * @example submitStep(stepNamed('snapshot')!, '2026-05-04')
 */
export function submitStep(step: NightlyStep, night: CalendarDate, extra: Record<string, string> = {}): boolean {
	const options = {
		scriptId: step.scriptId,
		deploymentId: step.deploymentId,
		params: { [step.nightParam]: night, ...extra },
	};
	const t =
		step.taskType === 'MAP_REDUCE'
			? task.create({ taskType: task.TaskType.MAP_REDUCE, ...options })
			: task.create({ taskType: task.TaskType.SCHEDULED_SCRIPT, ...options });
	try {
		const id = t.submit();
		log.audit({ title: `Nightly chain ${night}: started ${step.name}`, details: `task ${id}` });
		return true;
	} catch (e) {
		if (!BUSY.has(errorName(e))) throw e;
		log.audit({ title: `Nightly chain ${night}: ${step.name} is busy`, details: errorText(e) });
		return false;
	}
}

/**
 * Queues the nightly script to try starting `step` again (attempt number `attempt`); after
 * MAX_START_ATTEMPTS, or when no relay can be queued, the night stops there with an error log
 * saying how to finish it.
 */
export function retryLater(step: NightlyStep, night: CalendarDate, attempt: number): void {
	const finish = `Run ${NIGHTLY_SCRIPT} on demand with ${NT.night} = ${night} and ${NT.step} = ${step.name} to finish the night.`;
	if (attempt > MAX_START_ATTEMPTS) {
		log.error({
			title: `Nightly chain ${night}: ${step.name} not started`,
			details: `Its deployment ${step.deploymentId} stayed busy through ${MAX_START_ATTEMPTS} attempts. ${finish}`,
		});
		return;
	}
	const me = runtime.getCurrentScript();
	// the nightly script queues itself behind its own execution; a step asks any idle relay deployment
	const deploymentId = me.id === NIGHTLY_SCRIPT ? me.deploymentId : undefined;
	try {
		task.create({
			taskType: task.TaskType.SCHEDULED_SCRIPT,
			scriptId: NIGHTLY_SCRIPT,
			...(deploymentId !== undefined ? { deploymentId } : {}),
			params: { [NT.night]: night, [NT.step]: step.name, [NT.attempt]: attempt },
		}).submit();
	} catch (e) {
		if (!BUSY.has(errorName(e))) throw e;
		log.error({
			title: `Nightly chain ${night}: ${step.name} not started`,
			details: `Its deployment was busy and no relay could be queued (${errorText(e)}). ${finish}`,
		});
	}
}

/**
 * Called by a step when its work for night D is done: starts the next step (or logs that the night
 * is complete); a busy next step is retried later.
 * @example summarize: (s) => { ...; if (night !== null) continueNight(SCRIPT, night); }
 */
export function continueNight(fromScriptId: string, night: CalendarDate): void {
	const next = stepAfter(fromScriptId);
	if (next === null) {
		log.audit({ title: `Nightly chain ${night}: complete`, details: `${NIGHTLY_CHAIN.length} steps` });
		return;
	}
	if (!submitStep(next, night)) retryLater(next, night, 2);
}

/**
 * The nightly script's execution: the schedule's trigger (no parameters: the first step, for
 * yesterday) or a relay / rerun (night, step, attempt from its parameters).
 * @example execute: (context) => startOrRetry(String(context.type))
 */
export function startOrRetry(invocation: string): void {
	const first = NIGHTLY_CHAIN[0];
	if (first === undefined) return;
	const night = nightValue(NT.night) ?? coveredDay(accountToday());
	const name = textParam(NT.step) ?? first.name;
	const step = stepNamed(name);
	if (step === undefined)
		throw new Error(
			`${NT.step} names no step of the nightly chain: ${name} (steps: ${NIGHTLY_CHAIN.map((s) => s.name).join(', ')})`,
		);
	const attempt = intParam(NT.attempt) ?? 1;
	log.audit({ title: `Nightly chain ${night}: ${step.name}, attempt ${attempt}`, details: `invoked ${invocation}` });
	if (!submitStep(step, night)) retryLater(step, night, attempt + 1);
}

/**
 * Runs a step's work and then continues the night: after the work completed, and also after it
 * failed (the failure stays this execution's error; the later steps run and report what they lack,
 * the alert for instance records "no snapshot"), but not when the work returns 'later' (a
 * checkpoint: the execution that finishes the work continues the night). Outside a night
 * (`night` null) only the work runs.
 * @example thenContinue(SNAPSHOT_SCRIPT, night, () => (runJob().status === 'checkpointed' ? 'later' : 'done'))
 */
export function thenContinue(scriptId: string, night: CalendarDate | null, work: () => 'done' | 'later'): void {
	let outcome: 'done' | 'later' | 'failed' = 'failed';
	try {
		outcome = work();
	} finally {
		if (night !== null && outcome === 'done') continueNight(scriptId, night);
		else if (night !== null && outcome === 'failed') {
			try {
				continueNight(scriptId, night);
			} catch (e) {
				// the work's own error is the one this execution reports
				log.error({
					title: `Nightly chain ${night}: the step after ${scriptId} was not started`,
					details: errorText(e),
				});
			}
		}
	}
}
