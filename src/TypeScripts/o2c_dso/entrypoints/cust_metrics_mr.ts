/**
 * Customer metrics (map/reduce, started by the nightly chain after the A/R snapshot): per customer,
 * open balance, overdue, aging, max days overdue, credit-limit utilisation, days to pay and days
 * late, behaviour score and segment, open promises to pay, into customrecord_o2c_cust_metrics
 * (one record per customer, upserted: a restarted stage never duplicates).
 *
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import * as log from 'N/log';
import type { EntryPoints } from 'N/types';
import { inputForRun, mapRow, reduceCustomer, runNight, summarizeRun } from '../adapters/customerMetricsJob';
import { thenContinue } from '../adapters/nightlyChain';

export const config = { retryCount: 2, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => inputForRun();

export const map: EntryPoints.MapReduce.map = (context) => {
	const { key, value } = mapRow(context.value);
	context.write({ key, value });
};

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
	reduceCustomer(context.key, context.values);
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
	thenContinue('customscript_o2c_cust_metrics_mr', runNight(), () => {
		const counts = summarizeRun(summary);
		log.audit({
			title: 'Customer metrics: done',
			details: `customers ${counts.reduced}, failed ${counts.failed}, cleared ${counts.cleared}, units ${summary.usage}`,
		});
		return 'done';
	});
};
