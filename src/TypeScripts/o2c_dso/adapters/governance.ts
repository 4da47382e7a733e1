/**
 * Governance for long jobs: how many usage units are left in this execution, and handing the rest
 * of the work to a fresh execution (N/task) with a cursor parameter when they run short.
 *
 * A scheduled script cannot yield (SuiteScript 2.x), so a job that may outgrow one execution's
 * 10,000 units checks `remaining()` before each unit of work and, below its margin, submits itself
 * again on an on-demand (NOTSCHEDULED) deployment with the cursor saying where to resume. NetSuite
 * queues a resubmission of the running deployment until the current execution completes.
 */
import * as runtime from 'N/runtime';
import * as task from 'N/task';

/** Units `ScheduledScriptTask.submit` costs (platform §8.2): kept in reserve by every margin. */
export const SUBMIT_COST = 20;

/** Remaining usage units of the current execution. */
export function remainingUsage(): number {
	return runtime.getCurrentScript().getRemainingUsage();
}

/** The running script and deployment ids. */
export function currentScript(): { scriptId: string; deploymentId: string } {
	const s = runtime.getCurrentScript();
	return { scriptId: s.id, deploymentId: s.deploymentId };
}

/**
 * Queues the scheduled script on `deploymentId` with `params` (20 units) and returns the task id.
 * @example rescheduleScheduled('customscript_o2c_ar_snapshot_ss', 'customdeploy_o2c_ar_snapshot_od', { custscript_o2c_cursor: '{...}' })
 */
export function rescheduleScheduled(
	scriptId: string,
	deploymentId: string,
	params: Record<string, string | number | boolean>,
): string {
	const t = task.create({ taskType: task.TaskType.SCHEDULED_SCRIPT, scriptId, deploymentId, params });
	return t.submit();
}
