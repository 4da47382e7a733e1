/**
 * What every emulated N/* module receives when a script execution is set up. Owned by the
 * emulator runtime; the search engine (modules/search.ts) and record module build on it.
 */
import type { RecordStore } from './store';
import type { SdfProject } from '../sdf/types';

/** Governance for one execution (a scheduled run, one map invocation, one RESTlet call, ...). */
export interface Meter {
	/** Charge units for an API call; throws SSS_USAGE_LIMIT_EXCEEDED when the limit is crossed. */
	charge(units: number, api: string): void;
	remaining(): number;
	used(): number;
	readonly limit: number;
}

/** A saved search as stored in the emulated account (what Search.save persisted). */
export interface SavedSearchDef {
	id: string;
	title: string;
	/** the serialisable definition the search module needs to rebuild the search */
	definition: unknown;
}

export interface AccountInfo {
	name: string;
	/** IANA zone, e.g. America/New_York */
	timezone: string;
	/** user date format preference used by N/format and search values, default 'M/D/YYYY' */
	dateFormat: string;
	features: string[];
	/** as-of date of the run ('today' in the account), YYYY-MM-DD */
	asOf: string;
}

export interface ScriptInfo {
	scriptId: string;
	deploymentId: string;
	/** SDF object tag: scheduledscript, mapreducescript, restlet, portlet, suitelet, ... */
	objectType: string;
	/** parameter values for this execution (deployment values overridden by task params) */
	params: Record<string, unknown>;
	logLevel: string;
}

export interface ModuleContext {
	store: RecordStore;
	objects: SdfProject;
	meter: Meter;
	account: AccountInfo;
	script: ScriptInfo;
	/** persisted for the emulator's life, shared across executions */
	savedSearches: Map<string, SavedSearchDef>;
}
