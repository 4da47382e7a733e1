/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

/*
 * DSO-increase alert (customscript_o2c_dso_alert_mr), started by the nightly chain after the A/R
 * snapshot and the customer metrics, as of the day the night covers.
 * getInputData: one job per active subsidiary, with what every subsidiary needs read once
 * (adapters/alerts/jobs.ts: settings, calendar, snapshots, the period's evaluations); map: key the
 * job by subsidiary id; reduce: evaluate, record, and send the period's one email
 * (app/alert/evaluateSubsidiary.ts); summarize:
 * failures per subsidiary and totals. One subsidiary's failure never stops the others (reduce
 * errors stay with their key; exitOnError is off).
 */
import type { EntryPoints } from 'N/types';
import { evaluateSubsidiary } from '../app/alert/evaluateSubsidiary';
import { AlertJob, buildAlertJobs } from '../adapters/alerts/jobs';
import { createAlertPorts } from '../adapters/alerts/nsPorts';
import { reportAlertSummary } from '../adapters/alerts/summary';
import { SubsidiaryJob } from '../app/alert/ports';
import { intParam } from '../adapters/scriptParams';
import { chainNight, nightOf, thenContinue } from '../adapters/nightlyChain';

const ALERT_SCRIPT = 'customscript_o2c_dso_alert_mr';
const AS_OF = 'custscript_o2c_alert_as_of';

/** Employee the alert emails are sent from when the parameter is empty (the emulated account's admin). */
const DEFAULT_AUTHOR = 1;

/** Errors stay with their subsidiary; an interrupted key is re-run (isRestarted) and finds its claim. */
export const config = { exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => buildAlertJobs(nightOf(AS_OF).asOf);

export const map: EntryPoints.MapReduce.map = (ctx) => {
	const job = JSON.parse(ctx.value) as SubsidiaryJob;
	ctx.write({ key: String(job.subsidiary.id), value: ctx.value });
};

export const reduce: EntryPoints.MapReduce.reduce = (ctx) => {
	const { currencyCodes, periodEvaluations, ...rest } = JSON.parse(ctx.values[0] as string) as AlertJob;
	// A restarted reduce may have written its claim before it stopped: it reads the period's
	// evaluation records again instead of getInputData's.
	const job: SubsidiaryJob = ctx.isRestarted ? rest : { ...rest, periodEvaluations };
	const outcome = evaluateSubsidiary(
		job,
		createAlertPorts(
			intParam('custscript_o2c_alert_author') ?? DEFAULT_AUTHOR,
			new Map(Object.entries(currencyCodes)),
		),
	);
	ctx.write({ key: ctx.key, value: JSON.stringify(outcome) });
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
	thenContinue(ALERT_SCRIPT, chainNight(), () => {
		reportAlertSummary(summary);
		return 'done';
	});
};
