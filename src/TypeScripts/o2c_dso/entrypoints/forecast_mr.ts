/**
 * Payment forecast (map/reduce, started by the nightly chain after the customer metrics and the
 * DSO alert, as of the day the night covers): for every
 * invoice open today a predicted payment date with its 20–80 interval and the history it came
 * from (customrecord_o2c_pay_pred, one record per open invoice, upserted), and per subsidiary the
 * 13-week cash-in forecast in base currency (customrecord_o2c_cash_fc and
 * customrecord_o2c_cash_fc_week). getInputData cuts the customers into batches (key: their ids);
 * no map; one reduce per batch reads its customers' rows, segments, promises and predictions in one
 * search each (adapters/customerRun.ts, forecastJob.ts); a failed customer never stops the others.
 *
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import * as log from 'N/log';
import type { EntryPoints } from 'N/types';
import { inputForRun, reduceBatch, runNight, summarizeRun } from '../adapters/forecastJob';
import { thenContinue } from '../adapters/nightlyChain';

export const config = { retryCount: 2, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => inputForRun();

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
	for (const out of reduceBatch(context.key, context.values)) context.write(out);
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
	thenContinue('customscript_o2c_forecast_mr', runNight(), () => {
		const counts = summarizeRun(summary);
		log.audit({
			title: 'Forecast: done',
			details: `subsidiaries ${String(counts.subsidiaries)}, customers ${String(counts.customers)}, failed ${String(counts.failed)}, stale predictions deleted ${String(counts.deleted)}, units ${String(summary.usage)}`,
		});
		return 'done';
	});
};
