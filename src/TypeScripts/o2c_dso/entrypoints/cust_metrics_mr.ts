/**
 * Customer metrics (map/reduce, started by the nightly chain after the A/R snapshot): per customer,
 * open balance, overdue, aging, max days overdue, credit-limit utilisation, days to pay and days
 * late, behaviour score and segment, open promises to pay, into customrecord_o2c_cust_metrics
 * (one record per customer, upserted: a restarted stage never duplicates).
 *
 * Stages: getInputData reads the customers to compute and cuts them into batches (key: the
 * customers' ids); no map; one reduce per batch reads its customers' rows, records, promises and
 * credit in one search each and writes each customer's record (adapters/customerRun.ts,
 * customerMetricsJob.ts); a customer that fails is written to the output and the batch goes on.
 *
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import * as log from 'N/log';
import type { EntryPoints } from 'N/types';
import { inputForRun, reduceBatch, runNight, summarizeRun } from '../adapters/customerMetricsJob';
import { thenContinue } from '../adapters/nightlyChain';

export const config = { retryCount: 2, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => inputForRun();

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
	for (const failure of reduceBatch(context.key, context.values)) context.write(failure);
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
