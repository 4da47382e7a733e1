/**
 * Customer reminders (scheduled; the nightly chain's last step, after the AR team's digest): emails
 * each customer with an invoice at a reminder level one reminder listing those invoices, at most
 * one per customer per day, each level once per invoice, paused while an invoice is disputed or
 * under a pending promise, never after it is paid (app/collections/sendReminders.ts). Off until an
 * admin turns it on in an O2C DSO Reminder Setting record. When units run short it queues itself on
 * the on-demand deployment for the same night; the execution that finishes continues the night.
 *
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */

import * as log from 'N/log';
import type { EntryPoints } from 'N/types';
import { sendReminders } from '../app/collections/sendReminders';
import { createReminderPorts } from '../adapters/collections/nsReminders';
import { rescheduleScheduled } from '../adapters/governance';
import { chainNight, nightOf, thenContinue } from '../adapters/nightlyChain';
import { intParam } from '../adapters/scriptParams';

const SCRIPT = 'customscript_o2c_reminder_ss';
const ON_DEMAND = 'customdeploy_o2c_reminder_od';
const P = {
	night: 'custscript_o2c_rm_night',
	asOf: 'custscript_o2c_rm_as_of',
	author: 'custscript_o2c_rm_author',
} as const;
/** The employee reminders come from when the parameter is empty (the account's first). */
const DEFAULT_AUTHOR = 1;

export const execute: EntryPoints.Scheduled.execute = () => {
	const night = chainNight();
	thenContinue(SCRIPT, night, () => {
		const { asOf } = nightOf(P.asOf);
		const r = sendReminders(createReminderPorts(intParam(P.author) ?? DEFAULT_AUTHOR), asOf);
		log.audit({
			title: r.enabled ? `Reminders ${asOf}: ${String(r.sent)} sent` : `Reminders ${asOf}: off`,
			details:
				`invoices ${String(r.lines)}, failed ${String(r.failed)}, unconfirmed ${String(r.unconfirmed)}, ` +
				`mailed today already ${String(r.mailedToday)}, paused: disputed ${String(r.paused.disputed)}, ` +
				`promise ${String(r.paused.promise)}; no email address ${String(r.noAddress.length)}` +
				(r.noAddress.length > 0 ? ` (customers ${r.noAddress.slice(0, 50).join(', ')})` : '') +
				(r.more ? '; more to do: rescheduled' : ''),
		});
		if (!r.more) return 'done';
		const params: Record<string, string | number> = { [P.asOf]: asOf };
		if (night !== null) params[P.night] = night;
		const author = intParam(P.author);
		if (author !== undefined) params[P.author] = author;
		rescheduleScheduled(SCRIPT, ON_DEMAND, params);
		return 'later';
	});
};
