/**
 * Script parameters of the current deployment (or of the task that queued this execution), read
 * through N/runtime and normalised: empty → undefined, numbers parsed, checkboxes as booleans.
 * Every parameter name used here is declared in the script's SDF XML under src/Objects.
 */
import * as runtime from 'N/runtime';

/** A parameter's value as N/runtime returns it: the typings omit the null of an empty parameter. */
type ParamValue = boolean | number | Date | string | string[] | null | undefined;

function parameter(name: string): ParamValue {
	return runtime.getCurrentScript().getParameter({ name });
}

function raw(name: string): NonNullable<ParamValue> | undefined {
	const v = parameter(name);
	return v === null || v === undefined || v === '' ? undefined : v;
}

/** A text parameter, trimmed; undefined when empty. @example textParam('custscript_o2c_cursor') */
export function textParam(name: string): string | undefined {
	const v = raw(name);
	if (v === undefined) return undefined;
	const s = String(v).trim();
	return s === '' ? undefined : s;
}

/** An integer parameter; undefined when empty; throws on text that is not a whole number. @example intParam('custscript_o2c_backfill_days') */
export function intParam(name: string): number | undefined {
	const v = raw(name);
	if (v === undefined) return undefined;
	const n = typeof v === 'number' ? v : Number(String(v).trim());
	if (!Number.isSafeInteger(n))
		throw new Error(`Script parameter ${name} must be a whole number, got ${JSON.stringify(v)}`);
	return n;
}

/** A checkbox parameter (`true`, `'T'`); false when empty. @example boolParam('custscript_o2c_force_backfill') */
export function boolParam(name: string): boolean {
	const v = raw(name);
	return v === true || v === 'T' || v === 'true';
}
