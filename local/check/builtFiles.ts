/**
 * Reading built SuiteScript files the way NetSuite does when it loads them: the leading JSDoc
 * header, the entry points the module exports, the modules it depends on, and the custom ids its
 * code mentions. Pure string analysis of the emitted AMD, no evaluation.
 */

/** The @NScriptType each SDF script object needs, and the entry points NetSuite looks for. */
export const SCRIPT_TYPES: Record<string, { scriptType: string; required: string[][] }> = {
	// `required` is a list of alternatives groups: each inner list needs at least one export.
	scheduledscript: { scriptType: 'ScheduledScript', required: [['execute']] },
	mapreducescript: { scriptType: 'MapReduceScript', required: [['getInputData'], ['map', 'reduce']] },
	restlet: { scriptType: 'Restlet', required: [['get', 'post', 'put', 'delete']] },
	portlet: { scriptType: 'Portlet', required: [['render']] },
	suitelet: { scriptType: 'Suitelet', required: [['onRequest']] },
	usereventscript: { scriptType: 'UserEventScript', required: [['beforeLoad', 'beforeSubmit', 'afterSubmit']] },
	datasetbuilderplugin: { scriptType: 'datasetbuilderplugin', required: [['createDataset']] },
	workbookbuilderplugin: { scriptType: 'workbookbuilderplugin', required: [['createWorkbook']] },
	clientscript: {
		scriptType: 'ClientScript',
		required: [['pageInit', 'fieldChanged', 'saveRecord', 'validateField', 'postSourcing', 'lineInit']],
	},
};

export interface EntryHeader {
	apiVersion?: string;
	scriptType?: string;
	moduleScope?: string;
}

/** The first block comment of the file, which must come before `define(`. */
export function readHeader(source: string): EntryHeader | null {
	const trimmed = source.replace(/^\uFEFF/, '').trimStart();
	if (!trimmed.startsWith('/**')) return null;
	const end = trimmed.indexOf('*/');
	if (end < 0) return null;
	const block = trimmed.slice(0, end);
	const tag = (name: string): string | undefined => {
		const m = new RegExp(`@${name}\\s+([\\w.]+)`).exec(block);
		return m ? m[1] : undefined;
	};
	return { apiVersion: tag('NApiVersion'), scriptType: tag('NScriptType'), moduleScope: tag('NModuleScope') };
}

/** Names the module exports: `exports.x = ...` (tsc AMD) or `return { x, y }` (hand-written AMD). */
export function readExports(source: string): Set<string> {
	const names = new Set<string>();
	for (const m of source.matchAll(/\bexports\.([A-Za-z_$][\w$]*)\s*=/g)) names.add(m[1] as string);
	for (const m of source.matchAll(/\bexports\[['"]([\w$]+)['"]\]\s*=/g)) names.add(m[1] as string);
	// hand-written AMD: the factory's last `return { a, b: c, d: {...} }`; keep top-level keys only
	const at = source.lastIndexOf('return {');
	if (at >= 0) {
		let depth = 0;
		let key = '';
		let expectingKey = true;
		for (let i = at + 'return '.length; i < source.length; i++) {
			const c = source[i] as string;
			if (c === '{' || c === '[' || c === '(') depth++;
			else if (c === '}' || c === ']' || c === ')') {
				depth--;
				if (depth === 0) break;
			} else if (depth === 1) {
				if (c === ',') {
					if (key) names.add(key);
					key = '';
					expectingKey = true;
				} else if (c === ':') {
					if (key) names.add(key);
					key = '';
					expectingKey = false;
				} else if (expectingKey && /[\w$]/.test(c)) key += c;
			}
		}
		if (key) names.add(key);
	}
	names.delete('__esModule');
	return names;
}

/** Dependency ids of the module's `define([...], ...)` call. */
export function readDependencies(source: string): string[] {
	const m = /define\s*\(\s*\[([^\]]*)\]/.exec(source);
	if (!m) return [];
	return [...(m[1] as string).matchAll(/["']([^"']+)["']/g)].map((x) => x[1] as string);
}

/**
 * The contents of every string literal in the source, comments skipped. Ids that code uses are
 * always string literals; prose in comments must not count as a use.
 */
export function stringLiterals(source: string): string[] {
	const out: string[] = [];
	let i = 0;
	const n = source.length;
	while (i < n) {
		const c = source[i];
		const next = source[i + 1];
		if (c === '/' && next === '/') {
			const end = source.indexOf('\n', i);
			i = end < 0 ? n : end + 1;
		} else if (c === '/' && next === '*') {
			const end = source.indexOf('*/', i + 2);
			i = end < 0 ? n : end + 2;
		} else if (c === '"' || c === "'" || c === '`') {
			let j = i + 1;
			let text = '';
			while (j < n && source[j] !== c) {
				if (source[j] === '\\') {
					text += source[j + 1] ?? '';
					j += 2;
				} else {
					text += source.charAt(j);
					j += 1;
				}
			}
			out.push(text);
			i = j + 1;
		} else {
			i += 1;
		}
	}
	return out;
}

const CUSTOM_ID =
	/\b(custscript_o2c_\w+|customrecord_o2c_\w+|custrecord_o2c_\w+|custentity_o2c_\w+|custbody_o2c_\w+|customscript_o2c_\w+|customdeploy_o2c_\w+)\b/g;

/** Custom object ids of ours that the code uses in string literals. */
export function readCustomIds(source: string): Set<string> {
	const ids = new Set<string>();
	for (const literal of stringLiterals(source)) {
		for (const m of literal.matchAll(CUSTOM_ID)) ids.add(m[1] as string);
	}
	return ids;
}
