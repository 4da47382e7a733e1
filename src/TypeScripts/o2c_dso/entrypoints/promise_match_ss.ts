/**
 * Daily promise job (scheduled; a step of the nightly chain, after the snapshot and before the
 * customer metrics, which count kept and broken promises): decides every pending promise to pay
 * as of the day the night covers (kept, partial, broken, cancelled: domain/collections/promiseMatch.ts)
 * and escalates each broken one once (a task on the customer, an email to the AR clerk, the push
 * flag). When units run short it queues itself on the on-demand deployment for the same night,
 * resuming after the last promise it examined; the execution that finishes continues the night.
 *
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */

import * as log from 'N/log';
import type { EntryPoints } from 'N/types';
import { matchPromises } from '../app/collections/matchPromises';
import { createPromiseMatchPorts } from '../adapters/collections/nsPromiseMatch';
import { rescheduleScheduled } from '../adapters/governance';
import { chainNight, nightOf, thenContinue } from '../adapters/nightlyChain';
import { intParam } from '../adapters/scriptParams';

const SCRIPT = 'customscript_o2c_promise_match_ss';
const ON_DEMAND = 'customdeploy_o2c_promise_match_od';
const P = {
	night: 'custscript_o2c_pm_night',
	asOf: 'custscript_o2c_pm_as_of',
	grace: 'custscript_o2c_pm_grace_days',
	author: 'custscript_o2c_pm_author',
	resumeAfter: 'custscript_o2c_pm_resume_after',
} as const;
/** The employee escalation emails come from when the parameter is empty (the account's first). */
const DEFAULT_AUTHOR = 1;

export const execute: EntryPoints.Scheduled.execute = () => {
	const night = chainNight();
	thenContinue(SCRIPT, night, () => {
		const { asOf } = nightOf(P.asOf);
		const grace = Math.max(0, intParam(P.grace) ?? 0);
		const resumeAfter = Math.max(0, intParam(P.resumeAfter) ?? 0);
		const ports = createPromiseMatchPorts(intParam(P.author) ?? DEFAULT_AUTHOR);
		const result = matchPromises(ports, asOf, grace, resumeAfter);
		const d = result.decided;
		// still pending: those examined and not decided, and those the selection read and left
		// (window open, nothing paid or closed that decides them)
		log.audit({
			title: `Promises ${asOf}: ${String(d.kept)} kept, ${String(d.partial)} partial, ${String(d.broken)} broken, ${String(d.cancelled)} cancelled`,
			details: `still pending ${String(result.stillPending + ports.notDue())}, escalated ${String(result.escalated)}${result.more ? ', more to do: rescheduled' : ''}`,
		});
		if (!result.more) return 'done';
		// the next execution starts after the last promise this one examined (it reads no promise twice)
		const params: Record<string, string | number> = { [P.asOf]: asOf, [P.resumeAfter]: result.resumeAfter };
		if (night !== null) params[P.night] = night;
		if (intParam(P.grace) !== undefined) params[P.grace] = grace;
		const author = intParam(P.author);
		if (author !== undefined) params[P.author] = author;
		rescheduleScheduled(SCRIPT, ON_DEMAND, params);
		return 'later';
	});
};
