/**
 * N/runtime: getCurrentScript (id, deploymentId, logLevel, apiVersion, getParameter typed by the
 * parameter's fieldtype, getRemainingUsage), getCurrentUser, executionContext, accountId,
 * envType, isFeatureInEffect and the ContextType / EnvType enums.
 *
 * getParameter({name}): the deployment's value (task or run params override it), typed by the
 * scriptcustomfield fieldtype: INTEGER/FLOAT/CURRENCY/PERCENT -> number, CHECKBOX -> boolean,
 * DATE -> Date (midnight in the account time zone), anything else -> string. A name the script
 * does not declare -> null. A declared parameter without a value -> '' (false for CHECKBOX).
 * SDF references `[scriptid=customsearch_x]` are returned as the script id (`customsearch_x`),
 * which N/search.load accepts (NetSuite returns the internal id).
 */
import type { RuntimeContext } from '../services';
import { missingArg, unsupported } from '../errors';
import { guard, opts, scriptText } from './guard';
import { parseIsoDate, parseUserDate, zonedToUtc } from '../time';

export const CONTEXT_TYPES: Record<string, string> = {
	ACTION: 'ACTION',
	BUNDLE_INSTALLATION: 'BUNDLEINSTALLATION',
	CLIENT: 'CLIENT',
	CSV_IMPORT: 'CSVIMPORT',
	CUSTOM_MASSUPDATE: 'CUSTOMMASSUPDATE',
	DEBUGGER: 'DEBUGGER',
	MAP_REDUCE: 'MAPREDUCE',
	PORTLET: 'PORTLET',
	RESTLET: 'RESTLET',
	REST_WEBSERVICES: 'RESTWEBSERVICES',
	SCHEDULED: 'SCHEDULED',
	SDF_INSTALLATION: 'SDFINSTALLATION',
	SUITELET: 'SUITELET',
	USEREVENT: 'USEREVENT',
	USER_INTERFACE: 'USERINTERFACE',
	WEBSERVICES: 'WEBSERVICES',
	WORKFLOW: 'WORKFLOW',
};

export const ENV_TYPES: Record<string, string> = {
	SANDBOX: 'SANDBOX',
	PRODUCTION: 'PRODUCTION',
	BETA: 'BETA',
	INTERNAL: 'INTERNAL',
};

const NUMBER_TYPES = new Set([
	'INTEGER',
	'FLOAT',
	'CURRENCY',
	'PERCENT',
	'POSCURRENCY',
	'POSFLOAT',
	'POSINTEGER',
	'NONNEGFLOAT',
]);

/** A parameter value (as written in the deployment XML, or given by task params) typed by fieldtype. */
export function typeParameter(ctx: RuntimeContext, fieldtype: string, raw: unknown): unknown {
	const t = fieldtype.toUpperCase();
	if (raw === undefined || raw === null || raw === '') return t === 'CHECKBOX' ? false : '';
	if (t === 'CHECKBOX') {
		if (typeof raw === 'boolean') return raw;
		const s = scriptText(raw);
		return s.toUpperCase() === 'T' || s.toLowerCase() === 'true';
	}
	if (NUMBER_TYPES.has(t)) {
		if (typeof raw === 'number') return raw;
		const s = scriptText(raw).replace(/,/g, '').replace(/%$/, '').trim();
		const n = t === 'INTEGER' || t === 'POSINTEGER' ? parseInt(s, 10) : parseFloat(s);
		return Number.isFinite(n) ? n : '';
	}
	if (t === 'DATE') {
		if (ctx.svc.isDate(raw)) return ctx.svc.newDate(raw.getTime());
		const s = scriptText(raw);
		let p: { year: number; month: number; day: number } | null = null;
		try {
			p = parseIsoDate(s);
		} catch {
			p = parseUserDate(s, ctx.account.dateFormat || 'M/D/YYYY');
		}
		if (!p) return s;
		return ctx.svc.newDate(zonedToUtc(p, ctx.account.timezone));
	}
	const s = scriptText(raw);
	const ref = /^\[scriptid=([^\]]+)\]$/.exec(s.trim());
	return ref ? ref[1] : s;
}

export function createRuntimeModule(ctx: RuntimeContext): object {
	const scriptDef = ctx.objects.scripts.get(ctx.script.scriptId);
	const paramTypes = new Map((scriptDef?.parameters ?? []).map((p) => [p.scriptid, p]));

	const script = guard('runtime.Script', {
		id: ctx.script.scriptId,
		deploymentId: ctx.script.deploymentId,
		logLevel: ctx.script.logLevel,
		apiVersion: '2.1',
		bundleIds: [] as string[],
		getParameter(options?: unknown): unknown {
			const name = opts(options).name;
			if (typeof name !== 'string' || name === '') throw missingArg('Script.getParameter', 'name');
			const def = paramTypes.get(name);
			if (!def) return null;
			const raw = Object.prototype.hasOwnProperty.call(ctx.script.params, name)
				? ctx.script.params[name]
				: def.defaultvalue;
			return typeParameter(ctx, def.fieldtype, raw);
		},
		getRemainingUsage(): number {
			return ctx.meter.remaining();
		},
		get percentComplete(): never {
			throw unsupported('runtime.Script.percentComplete');
		},
	});

	const u = ctx.svc.user;
	const user = guard('runtime.User', {
		id: u.id,
		name: u.name,
		email: u.email,
		role: u.role,
		roleId: u.roleId,
		roleCenter: u.roleCenter,
		subsidiary: u.subsidiary,
		department: u.department,
		location: u.location,
		contact: 0,
		getPreference(options?: unknown): unknown {
			const name = scriptText(opts(options).name ?? '').toUpperCase();
			if (name === 'DATEFORMAT') return ctx.account.dateFormat || 'M/D/YYYY';
			if (name === 'TIMEZONE') return ctx.account.timezone;
			throw unsupported(`runtime.User.getPreference({name: '${name}'})`);
		},
	});

	const features = new Set([
		...ctx.account.features.map((f) => f.toUpperCase()),
		// a deployed project's required features are necessarily enabled in the account
		...(ctx.objects.manifest?.features ?? []).filter((f) => f.required).map((f) => f.id.toUpperCase()),
	]);

	return guard('N/runtime', {
		getCurrentScript: () => script,
		getCurrentUser: () => user,
		get executionContext(): string {
			return ctx.svc.executionContext;
		},
		accountId: ctx.svc.accountId,
		envType: ctx.svc.envType,
		ContextType: guard('runtime.ContextType', { ...CONTEXT_TYPES }),
		EnvType: guard('runtime.EnvType', { ...ENV_TYPES }),
		isFeatureInEffect(options?: unknown): boolean {
			const f = opts(options).feature;
			if (typeof f !== 'string' || f === '') throw missingArg('runtime.isFeatureInEffect', 'feature');
			return features.has(f.toUpperCase());
		},
		get version(): never {
			throw unsupported('runtime.version');
		},
		get processorCount(): never {
			throw unsupported('runtime.processorCount');
		},
		get queueCount(): never {
			throw unsupported('runtime.queueCount');
		},
		getCurrentSession(): never {
			throw unsupported('runtime.getCurrentSession');
		},
	});
}
