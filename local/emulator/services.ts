/**
 * What the emulator runtime gives its own N/* modules beyond the shared ModuleContext
 * (context.ts): the clock, sinks for logs and emails, the task queue, caches, user identity.
 * A RuntimeContext is a ModuleContext, so N/search (modules/search.ts) receives the same object.
 */
import type { ModuleContext } from './context';
import type { Clock } from './time';
import type { SwitchMeter } from './governance';
import type { DatasetSpec } from './modules/analytics/datasetEngine';

export type MapReduceStage = 'getInputData' | 'map' | 'reduce' | 'summarize';

export type LogLevel = 'DEBUG' | 'AUDIT' | 'ERROR' | 'EMERGENCY';
export const LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'AUDIT', 'ERROR', 'EMERGENCY'];

export interface LogEntry {
	level: LogLevel;
	title: string;
	details: string;
	script: string;
	deployment: string;
	stage?: MapReduceStage;
	/** map/reduce key being processed */
	key?: string;
	/** clock time, ISO */
	at: string;
	/** true for entries the emulator writes itself (uncaught errors), as NetSuite's system log lines */
	system?: boolean;
}

export interface CapturedEmail {
	/** 1-based sequence number in this emulator */
	seq: number;
	author: number;
	authorEmail: string;
	to: string[];
	cc: string[];
	bcc: string[];
	replyTo?: string;
	subject: string;
	body: string;
	isHtml: boolean;
	relatedRecords?: Record<string, unknown>;
	script: string;
	deployment: string;
	at: string;
	/** files written under outDir (when set) */
	files?: { eml: string; html: string };
}

export interface UserInfo {
	id: number;
	name: string;
	email: string;
	role: number;
	roleId: string;
	roleCenter: string;
	subsidiary: number;
	department: number;
	location: number;
}

export type TaskKind = 'SCHEDULED_SCRIPT' | 'MAP_REDUCE';
export type TaskState = 'PENDING' | 'PROCESSING' | 'COMPLETE' | 'FAILED';

export interface TaskRecord {
	taskId: string;
	kind: TaskKind;
	scriptId: string;
	deploymentId: string;
	params: Record<string, unknown>;
	status: TaskState;
	/** map/reduce: the stage it is in (task.MapReduceStage value) while processing */
	stage?: string;
	submittedBy: { scriptId: string; deploymentId: string };
}

export interface TaskService {
	/** queue a run; returns the task id, or null when a script resubmits its own running deployment */
	submit(
		kind: TaskKind,
		req: { scriptId: unknown; deploymentId: unknown; params: unknown },
		from: { scriptId: string; deploymentId: string },
	): string | null;
	status(taskId: string): TaskRecord | undefined;
}

export interface EmulatorServices {
	/** runtime.executionContext (a runtime.ContextType value) */
	executionContext: string;
	stage?: MapReduceStage;
	clock: Clock;
	/** a Date in the script's realm (so `instanceof Date` holds inside the script) */
	newDate(ms: number): Date;
	/** the Date constructor of the script's realm, to recognise Dates the script passes in */
	isDate(v: unknown): v is Date;
	log(entry: Omit<LogEntry, 'script' | 'deployment' | 'at' | 'stage' | 'key'>): void;
	/** the map/reduce key under way, for log entries */
	currentKey?: string;
	email(e: Omit<CapturedEmail, 'seq' | 'script' | 'deployment' | 'at' | 'files'>): CapturedEmail;
	tasks: TaskService;
	/** N/cache storage, shared by every execution of the emulator */
	caches: Map<string, Map<string, { value: string; expires: number }>>;
	user: UserInfo;
	accountId: string;
	envType: string;
	https: { connectTimeoutMs: number; requestTimeoutMs: number };
	httpClient: SyncHttp;
	/** API secrets by script id (lower-case), resolved only when a request is sent */
	secrets: ReadonlyMap<string, string>;
	/** the switchable meter the modules were given (runners point it at each invocation's meter) */
	meterSwitch?: SwitchMeter;
	/** dataset.load of a Dataset Builder plug-in: runs its createDataset and gives its dataset */
	analytics?: { loadDataset(scriptId: string): DatasetSpec };
}

export interface RuntimeContext extends ModuleContext {
	svc: EmulatorServices;
}

export type ModuleFactory = (ctx: RuntimeContext) => object;

/* ---- synchronous HTTP (implemented in modules/httpClient.ts) ---- */

export interface HttpRequestSpec {
	method: string;
	url: string;
	headers: Record<string, string>;
	body?: string;
	connectTimeoutMs: number;
	requestTimeoutMs: number;
}

export type HttpResult =
	| { ok: true; code: number; headers: Record<string, string>; body: string }
	| {
			ok: false;
			error: 'TIMEOUT' | 'CONNECTION_CLOSED' | 'UNKNOWN_HOST' | 'INVALID_HOST_CERT' | 'INVALID_URL' | 'OTHER';
			message: string;
	  };

export interface SyncHttp {
	request(spec: HttpRequestSpec): HttpResult;
	close(): void;
}
