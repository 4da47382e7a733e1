/**
 * Roles, users and script-deployment audiences, as NetSuite applies them when someone opens a
 * dashboard portlet, a Suitelet or calls a RESTlet.
 *
 * Sources (see README.md "Roles and audiences"):
 * - SDF role references (`audslctrole`, `publisheddashboard` roles): the `generic_role` list
 *   (Salto `netsuite-adapter/src/autogen/types/enums.ts`, generated from the SDF XML reference).
 * - Internal ids (`runtime.getCurrentUser().role`): Administrator 3 (many public scripts test
 *   `role === 3`); Accountant 1, A/R Clerk 5, Sales Person 10, CFO 41 from one public connector's
 *   role table (unverified beyond that).
 * - Centers: Oracle help "NetSuite Standard Centers" (section_N132466): the Accounting Center holds
 *   A/P Clerk, A/R Clerk, Accountant, Bookkeeper, CFO, ...; the Classic Center holds Administrator.
 * - Audience rules: Oracle help "Defining Script Audience" (chapter_N2999041): an empty audience runs
 *   only for the script owner, even when the deployment is Released; roles AND departments are
 *   intersected, other audience fields are OR'ed. A deployment with status Testing runs only for the
 *   owner (Script Deployment record help). The owner of a deployed project's scripts is the
 *   employee who deployed it: employee 1 in the emulated account.
 */
import type { SdfDeployment, SdfScript } from '../sdf/types';
import type { UserInfo } from './services';
import type { RecordStore } from './store';

export interface RoleDef {
	/** internal id, what `runtime.getCurrentUser().role` returns */
	id: number;
	/** the SDF `generic_role` value (`audslctrole`, published dashboard roles) */
	sdf: string;
	name: string;
	/** the role's center (`role_centertype`) */
	center: string;
	/** a custom role of the project (SDF `role` object): its script id, referenced as `[scriptid=…]` */
	scriptId?: string;
}

/** Internal ids the emulator gives the project's custom roles: 1001, 1002, … by script id. */
const CUSTOM_ROLE_BASE_ID = 1000;

/** The custom role a `[scriptid=customrole_x]` audience entry names (null for a standard role). */
function customRoleRef(ref: string): string | null {
	const m = /^\[scriptid=([a-z0-9_]+)\]$/i.exec(ref.trim());
	return m?.[1]?.toLowerCase() ?? null;
}

/** A custom role referenced by the project, with an emulated internal id (stable: sorted script ids). */
function customRoleDef(scriptId: string, index: number): RoleDef {
	return {
		id: CUSTOM_ROLE_BASE_ID + 1 + index,
		sdf: `[scriptid=${scriptId}]`,
		name: scriptId,
		center: 'BASIC',
		scriptId,
	};
}

/** The standard roles the emulator knows. */
export const STANDARD_ROLES: readonly RoleDef[] = [
	{ id: 1, sdf: 'ACCOUNTANT', name: 'Accountant', center: 'ACCOUNTCENTER' },
	{ id: 3, sdf: 'ADMINISTRATOR', name: 'Administrator', center: 'BASIC' },
	{ id: 5, sdf: 'AR_CLERK', name: 'A/R Clerk', center: 'ACCOUNTCENTER' },
	{ id: 10, sdf: 'SALES_PERSON', name: 'Sales Person', center: 'SALESCENTER' },
	{ id: 41, sdf: 'CUSTOMROLE41', name: 'CFO', center: 'ACCOUNTCENTER' },
];

/** The employee who deployed the project, and so owns every script in it. */
export const SCRIPT_OWNER_ID = 1;

export function roleBySdf(ref: string): RoleDef | undefined {
	return STANDARD_ROLES.find((r) => r.sdf === ref.trim().toUpperCase());
}

export function roleById(id: number): RoleDef | undefined {
	return STANDARD_ROLES.find((r) => r.id === id);
}

/** A user with a standard role (the emulator's users are all employees). */
export function userWithRole(base: UserInfo, role: RoleDef, id: number, name: string, email: string): UserInfo {
	return {
		...base,
		id,
		name,
		email,
		role: role.id,
		roleId: role.scriptId ?? role.sdf.toLowerCase(),
		roleCenter: role.center,
	};
}

/** What a deployment's Audience subtab holds. */
export interface Audience {
	allRoles: boolean;
	/** `audslctrole` entries as written (generic_role values or `[scriptid=customrole_x]`) */
	roles: string[];
	allEmployees: boolean;
	allPartners: boolean;
	/** audience fields present that the emulator does not evaluate (departments, groups, ...) */
	unmodelled: string[];
}

const UNMODELLED_AUDIENCE_FIELDS = ['auddepartment', 'audemployee', 'audgroup', 'audpartner', 'audsubsidiary'];

function flag(v: string | undefined): boolean {
	return (v ?? '').trim().toUpperCase() === 'T';
}

export function audienceOf(dep: SdfDeployment): Audience {
	const e = dep.extra;
	return {
		allRoles: flag(e.allroles),
		roles: (e.audslctrole ?? '')
			.split('|')
			.map((s) => s.trim())
			.filter((s) => s !== ''),
		allEmployees: flag(e.allemployees),
		allPartners: flag(e.allpartners),
		unmodelled: UNMODELLED_AUDIENCE_FIELDS.filter((f) => (e[f] ?? '').trim() !== ''),
	};
}

export function isEmptyAudience(a: Audience): boolean {
	return !a.allRoles && a.roles.length === 0 && !a.allEmployees && !a.allPartners && a.unmodelled.length === 0;
}

export type AccessDecision =
	| { ok: true }
	| {
			ok: false;
			/** NOT_DEPLOYED: the deployment does not run for anyone; DENIED: not for this user */
			kind: 'NOT_DEPLOYED' | 'DENIED';
			reason: string;
	  };

/**
 * Whether `user` may run `dep` (portlet render, Suitelet request, RESTlet call).
 * Throws for an audience field the emulator does not evaluate, rather than guess.
 */
export function checkAccess(script: SdfScript, dep: SdfDeployment, user: UserInfo): AccessDecision {
	const where = `${script.scriptid}/${dep.scriptid}`;
	if ((dep.extra.isdeployed ?? 'T').trim().toUpperCase() === 'F') {
		return { ok: false, kind: 'NOT_DEPLOYED', reason: `${where} is not deployed (isdeployed F)` };
	}
	const owner = user.id === SCRIPT_OWNER_ID;
	const status = dep.status.trim().toUpperCase();
	if (status !== 'RELEASED') {
		if (status === 'TESTING') {
			return owner
				? { ok: true }
				: {
						ok: false,
						kind: 'DENIED',
						reason: `${where} has status Testing: only the script owner can run it`,
					};
		}
		return { ok: false, kind: 'NOT_DEPLOYED', reason: `${where} has status ${dep.status}` };
	}
	if (owner) return { ok: true };
	const a = audienceOf(dep);
	if (a.unmodelled.length > 0) {
		throw new Error(
			`${where}: the emulator does not evaluate the audience field(s) ${a.unmodelled.join(', ')}; use allroles or audslctrole`,
		);
	}
	if (isEmptyAudience(a)) {
		return {
			ok: false,
			kind: 'DENIED',
			reason: `${where} has an empty audience: it runs only for the script owner`,
		};
	}
	const role = roleById(user.role);
	if (a.allRoles || a.allEmployees) return { ok: true };
	if (role && a.roles.some((r) => r.toUpperCase() === role.sdf)) return { ok: true };
	// a custom role: the user's roleId is its script id
	if (a.roles.some((r) => customRoleRef(r) === user.roleId.toLowerCase())) return { ok: true };
	return {
		ok: false,
		kind: 'DENIED',
		reason: `${where}: the role ${role?.name ?? String(user.role)} is not in the deployment's audience (${a.roles.join(', ') || 'none'})`,
	};
}

/** Every standard role named in some deployment's audience of the project's portlets, Suitelets and RESTlets. */
export function audienceRoles(scripts: Iterable<SdfScript>): RoleDef[] {
	const out = new Map<string, RoleDef>();
	const custom = new Set<string>();
	for (const s of scripts) {
		if (!['portlet', 'suitelet', 'restlet'].includes(s.objectType)) continue;
		for (const d of s.deployments) {
			for (const ref of audienceOf(d).roles) {
				const role = roleBySdf(ref);
				if (role) out.set(role.sdf, role);
				const c = customRoleRef(ref);
				if (c !== null) custom.add(c);
			}
		}
	}
	[...custom].sort().forEach((c, i) => out.set(c, customRoleDef(c, i)));
	return [...out.values()].sort((a, b) => a.id - b.id);
}

/** Adds an employee record for a user the emulator signs in as, unless the account already has that employee. */
export function ensureEmployee(store: RecordStore, user: UserInfo): void {
	if (store.get('employee', user.id)) return;
	store.put({
		type: 'employee',
		id: user.id,
		values: { internalid: user.id, entityid: user.name, email: user.email, subsidiary: user.subsidiary },
		texts: {},
	});
}
