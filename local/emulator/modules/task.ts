/**
 * N/task: create({taskType: MAP_REDUCE | SCHEDULED_SCRIPT, scriptId, deploymentId, params}),
 * Task.submit() (20 units) queuing the run in the emulator (which drains the queue in
 * submission order after the current top-level run), checkStatus({taskId}) (0 units).
 * Submission rules are the emulator's TaskService (runners.ts): a deployment with an unfinished
 * instance is refused (MAP_REDUCE_ALREADY_RUNNING for map/reduce), a script resubmitting its own
 * running deployment is deferred and gets no task id.
 */
import type { RuntimeContext, TaskKind } from '../services';
import { charge } from '../governance';
import { missingArg, nsError, unsupported } from '../errors';
import { guard, opts, scriptText } from './guard';

const TASK_TYPES: Record<string, string> = {
	SCHEDULED_SCRIPT: 'SCHEDULED_SCRIPT',
	MAP_REDUCE: 'MAP_REDUCE',
	CSV_IMPORT: 'CSV_IMPORT',
	ENTITY_DEDUPLICATION: 'ENTITY_DEDUPLICATION',
	WORKFLOW_TRIGGER: 'WORKFLOW_TRIGGER',
	SEARCH: 'SEARCH',
	RECORD_ACTION: 'RECORD_ACTION',
	PIVOT: 'PIVOT',
	QUERY: 'QUERY',
	SUITE_QL: 'SUITE_QL',
};

export function createTaskModule(ctx: RuntimeContext): object {
	const from = { scriptId: ctx.script.scriptId, deploymentId: ctx.script.deploymentId };

	function create(options?: unknown): object {
		const o = opts(options);
		if (o.taskType === undefined) throw missingArg('task.create', 'taskType');
		const type = scriptText(o.taskType);
		if (!(type in TASK_TYPES)) throw nsError('INVALID_TASK_TYPE', `Invalid task type: ${type}`, 'create(N/task)');
		if (type !== 'MAP_REDUCE' && type !== 'SCHEDULED_SCRIPT') throw unsupported(`N/task ${type} tasks`);
		charge(ctx.meter, 'task.create');
		const kind: TaskKind = type;
		const className = kind === 'MAP_REDUCE' ? 'task.MapReduceScriptTask' : 'task.ScheduledScriptTask';
		const t = {
			id: null as string | null,
			scriptId: o.scriptId,
			deploymentId: o.deploymentId,
			params: (o.params ?? null) as unknown,
			submit(): string | null {
				if (t.scriptId === undefined || t.scriptId === null || t.scriptId === '') {
					throw missingArg(`${className.slice(5)}.submit`, 'scriptId');
				}
				charge(ctx.meter, kind === 'MAP_REDUCE' ? 'MapReduceScriptTask.submit' : 'ScheduledScriptTask.submit');
				const id = ctx.svc.tasks.submit(
					kind,
					{ scriptId: t.scriptId, deploymentId: t.deploymentId, params: t.params },
					from,
				);
				t.id = id;
				return id;
			},
			toString(): string {
				return className;
			},
			toJSON(): object {
				return { id: t.id, scriptId: t.scriptId, deploymentId: t.deploymentId, params: t.params };
			},
		};
		return guard(className, t);
	}

	function checkStatus(options?: unknown): object {
		const o = opts(options);
		if (o.taskId === undefined || o.taskId === null || o.taskId === '')
			throw missingArg('task.checkStatus', 'taskId');
		charge(ctx.meter, 'task.checkStatus');
		const rec = ctx.svc.tasks.status(scriptText(o.taskId));
		if (!rec) throw nsError('INVALID_TASK_ID', `Invalid task id: ${scriptText(o.taskId)}`, 'checkStatus(N/task)');
		const base = {
			taskId: rec.taskId,
			scriptId: rec.scriptId,
			deploymentId: rec.deploymentId,
			status: rec.status,
			toString: () =>
				rec.kind === 'MAP_REDUCE' ? 'task.MapReduceScriptTaskStatus' : 'task.ScheduledScriptTaskStatus',
		};
		if (rec.kind === 'MAP_REDUCE') {
			return guard('task.MapReduceScriptTaskStatus', { ...base, stage: rec.stage ?? null });
		}
		return guard('task.ScheduledScriptTaskStatus', base);
	}

	return guard('N/task', {
		create,
		checkStatus,
		TaskType: guard('task.TaskType', { ...TASK_TYPES }),
		TaskStatus: guard('task.TaskStatus', {
			PENDING: 'PENDING',
			PROCESSING: 'PROCESSING',
			COMPLETE: 'COMPLETE',
			FAILED: 'FAILED',
		}),
		MapReduceStage: guard('task.MapReduceStage', {
			GET_INPUT: 'GET_INPUT',
			MAP: 'MAP',
			SHUFFLE: 'SHUFFLE',
			REDUCE: 'REDUCE',
			SUMMARIZE: 'SUMMARIZE',
		}),
	});
}
