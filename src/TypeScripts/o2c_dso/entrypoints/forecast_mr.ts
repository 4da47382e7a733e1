/**
 * Payment forecast (map/reduce, started by the nightly chain after the customer metrics and the
 * DSO alert, as of the day the night covers): for every
 * invoice open today a predicted payment date with its 20–80 interval and the history it came
 * from (customrecord_o2c_pay_pred, one record per open invoice, upserted), and per subsidiary the
 * 13-week cash-in forecast in base currency (customrecord_o2c_cash_fc and
 * customrecord_o2c_cash_fc_week). One customer per reduce; a failed customer never stops the others.
 *
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import * as log from 'N/log';
import type { EntryPoints } from 'N/types';
import { inputForRun, mapRow, reduceCustomer, runNight, summarizeRun } from '../adapters/forecastJob';
import { thenContinue } from '../adapters/nightlyChain';

export const config = { retryCount: 2, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => inputForRun();

export const map: EntryPoints.MapReduce.map = (context) => {
	const { key, value } = mapRow(context.value);
	context.write({ key, value });
};

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
	for (const out of reduceCustomer(context.key)) context.write(out);
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
