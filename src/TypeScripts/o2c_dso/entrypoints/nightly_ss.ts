/**
 * Nightly chain trigger and relay (scheduled; the only deployment with a schedule): fixes the day
 * the night covers (yesterday in the company time zone) and starts the chain's first step; run on
 * demand with a night (and a step) it reruns that night from that step; it also retries a step
 * whose deployment was busy (app/nightly/chain.ts, adapters/nightlyChain.ts).
 *
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { startOrRetry } from '../adapters/nightlyChain';

export const execute: EntryPoints.Scheduled.execute = (context) => {
	startOrRetry(String(context.type));
};
