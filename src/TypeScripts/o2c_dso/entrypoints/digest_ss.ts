/**
 * Due-date digest (scheduled; a nightly chain step after the push, before the reminders): emails each subsidiary's AR clerk
 * the open invoices due in the next N days from customers in risky segments, once per night
 * (app/collections/sendDigest.ts).
 *
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */

import * as log from 'N/log';
import type { EntryPoints } from 'N/types';
import { DEFAULT_DIGEST_DAYS, parseSegments } from '../domain/collections/digest';
import { SEGMENTS } from '../domain/collections/query';
import { sendDigest } from '../app/collections/sendDigest';
import { createDigestPorts } from '../adapters/collections/nsDigest';
import { chainNight, nightOf, thenContinue } from '../adapters/nightlyChain';
import { intParam, textParam } from '../adapters/scriptParams';

const SCRIPT = 'customscript_o2c_digest_ss';
const P = {
	asOf: 'custscript_o2c_dg_as_of',
	days: 'custscript_o2c_dg_days',
	segments: 'custscript_o2c_dg_segments',
	author: 'custscript_o2c_dg_author',
} as const;
/** The employee digests come from when the parameter is empty (the account's first). */
const DEFAULT_AUTHOR = 1;

export const execute: EntryPoints.Scheduled.execute = () => {
	thenContinue(SCRIPT, chainNight(), () => {
		const { asOf } = nightOf(P.asOf);
		const days = intParam(P.days) ?? DEFAULT_DIGEST_DAYS;
		if (days < 0 || days > 90) throw new Error(`${P.days} must be 0 to 90 days, got ${String(days)}`);
		const segments = parseSegments(textParam(P.segments), SEGMENTS);
		const outcomes = sendDigest(createDigestPorts(intParam(P.author) ?? DEFAULT_AUTHOR), asOf, days, segments);
		log.audit({
			title: `Due-date digest ${asOf}: ${String(outcomes.filter((o) => o.result === 'sent').length)} sent`,
			details: outcomes
				.map((o) => `subsidiary ${String(o.subsidiaryId)}: ${o.result} (${String(o.lines)})`)
				.join('; '),
		});
		return 'done';
	});
};
