/**
 * Collections push (map/reduce, the nightly chain's last step, after the customer metrics): overdue customers selected by
 * customrecord_o2c_collections_setting are pushed to the collections calling system over N/https,
 * through the outbox customrecord_o2c_push_outbox (written before each request, updated after it),
 * with retries across runs and dead letters. adapters/collectionsPushJob.ts has the details.
 *
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { PUSH_SCRIPT, inputForRun, pushCustomer, pushNight, summarizeRun } from '../adapters/collectionsPushJob';
import { thenContinue } from '../adapters/nightlyChain';

// a failed customer is retried by the framework; its outbox entry makes the retry safe
export const config = { retryCount: 2, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => inputForRun(new Date());

export const map: EntryPoints.MapReduce.map = (context) => {
	context.write({ key: context.key, value: JSON.stringify(pushCustomer(context.key, context.value, new Date())) });
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
	thenContinue(PUSH_SCRIPT, pushNight(), () => {
		summarizeRun(summary);
		return 'done';
	});
};
