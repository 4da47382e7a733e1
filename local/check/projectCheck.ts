/**
 * Offline project check: what `suitecloud project:validate` would catch, without an account.
 *
 * - every object XML is well-formed and named after its scriptid; ids carry our prefixes;
 * - every script object points at a built file that exists;
 * - every built entry file has the header its object type needs (@NApiVersion 2.1 and the
 *   matching @NScriptType above `define(`) and exports that type's entry points;
 * - every script parameter, custom record, custom field, script and deployment id that the built
 *   code names is defined in src/Objects;
 * - manifest.xml is an account customization project and deploy.xml deploys the built files and
 *   the objects, and every path it lists exists.
 *
 * Each problem names the file and the id. Nothing is changed on disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listXmlFiles, loadDeploy, loadManifest, loadSdfProject, parseSdfObjectXml } from '../sdf/objects';
import type { ParsedObject } from '../sdf/objects';
import type { SdfProject } from '../sdf/types';
import { readCustomIds, readDependencies, readExports, readHeader, SCRIPT_TYPES } from './builtFiles';

export interface CheckResult {
	problems: string[];
	/** counts of what was checked, for the summary line */
	checked: { objects: number; scripts: number; builtFiles: number };
}

const APP_FOLDER = 'SuiteScripts/o2c_dso';

function listJsFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...listJsFiles(full));
		else if (entry.name.endsWith('.js')) out.push(full);
	}
	return out.sort();
}

/** Paths in messages are relative to the repository root, so they match what a developer sees. */
function relativize(repoRoot: string, text: string): string {
	return text.split(`${repoRoot}${path.sep}`).join('');
}

function objectId(parsed: ParsedObject): { id: string; prefix?: string } {
	switch (parsed.kind) {
		case 'script':
			return { id: parsed.script.scriptid, prefix: 'customscript_o2c_' };
		case 'customrecordtype':
			return { id: parsed.record.scriptid, prefix: 'customrecord_o2c_' };
		case 'entitycustomfield':
			return { id: parsed.field.scriptid, prefix: 'custentity_o2c_' };
		case 'transactionbodycustomfield':
			return { id: parsed.field.scriptid, prefix: 'custbody_o2c_' };
		case 'other':
			return { id: parsed.scriptid };
	}
}

/** Well-formedness, file name = scriptid (both enforced by the parser), id prefixes and length. */
function checkObjectFile(repoRoot: string, file: string, problems: string[]): boolean {
	let parsed: ParsedObject;
	try {
		parsed = parseSdfObjectXml(fs.readFileSync(file, 'utf8'), file);
	} catch (e) {
		problems.push(relativize(repoRoot, (e as Error).message));
		return false;
	}
	const { id, prefix } = objectId(parsed);
	const where = `${path.relative(repoRoot, file)}: ${id}`;
	if (prefix && !id.startsWith(prefix)) problems.push(`${where}: this kind of object needs an id starting ${prefix}`);
	if (id.length > 40) problems.push(`${where}: longer than 40 characters`);
	// SDF limits: a script's <name> and a custom record's <recordname> are at most 40 characters
	const name =
		parsed.kind === 'script'
			? parsed.script.name
			: parsed.kind === 'customrecordtype'
				? parsed.record.recordname
				: undefined;
	if (name !== undefined && (name.length === 0 || name.length > 40)) {
		problems.push(`${where}: its name "${name}" must have 1 to 40 characters`);
	}
	return true;
}

function checkManifestAndDeploy(repoRoot: string, srcDir: string, problems: string[]): void {
	const manifestFile = path.join(srcDir, 'manifest.xml');
	const deployFile = path.join(srcDir, 'deploy.xml');
	const where = (file: string): string => path.relative(repoRoot, file);
	if (!fs.existsSync(manifestFile)) {
		problems.push(`${where(manifestFile)}: missing`);
	} else {
		try {
			const manifest = loadManifest(manifestFile);
			if (manifest.projecttype !== 'ACCOUNTCUSTOMIZATION') {
				problems.push(`${where(manifestFile)}: projecttype must be ACCOUNTCUSTOMIZATION`);
			}
		} catch (e) {
			problems.push(relativize(repoRoot, (e as Error).message));
		}
	}
	if (!fs.existsSync(deployFile)) {
		problems.push(`${where(deployFile)}: missing`);
		return;
	}
	let paths: string[];
	try {
		const deploy = loadDeploy(deployFile);
		paths = [...deploy.configuration, ...deploy.files, ...deploy.objects, ...deploy.translationimports];
	} catch (e) {
		problems.push(relativize(repoRoot, (e as Error).message));
		return;
	}
	const covers = (wanted: string): boolean => paths.some((p) => wanted.startsWith(p.replace(/\*$/, '')));
	if (!covers(`~/FileCabinet/${APP_FOLDER}/`)) {
		problems.push(`${where(deployFile)}: does not deploy the built scripts (~/FileCabinet/${APP_FOLDER}/*)`);
	}
	if (!covers('~/Objects/')) problems.push(`${where(deployFile)}: does not deploy the objects (~/Objects/*)`);
	for (const p of paths) {
		const local = path.join(srcDir, p.replace(/^~\//, '').replace(/\/?\*$/, ''));
		if (!fs.existsSync(local)) problems.push(`${where(deployFile)}: path ${p} does not exist`);
	}
}

/** Which ids the built code may name, and the kind of object that defines each. */
function definedIds(project: SdfProject): Map<string, string> {
	const ids = new Map<string, string>();
	for (const script of project.scripts.values()) {
		ids.set(script.scriptid, 'script');
		for (const p of script.parameters) ids.set(p.scriptid, 'parameter');
		for (const d of script.deployments) ids.set(d.scriptid, 'deployment');
	}
	for (const rt of project.customRecordTypes.values()) {
		ids.set(rt.scriptid, 'custom record type');
		for (const f of rt.fields.keys()) ids.set(f, 'custom record field');
	}
	for (const f of project.entityFields.keys()) ids.set(f, 'entity field');
	for (const f of project.bodyFields.keys()) ids.set(f, 'transaction body field');
	return ids;
}

const KIND_BY_PREFIX: [string, string][] = [
	['custscript_', 'script parameter'],
	['customrecord_', 'custom record type'],
	['custrecord_', 'custom record field'],
	['custentity_', 'entity field'],
	['custbody_', 'transaction body field'],
	['customscript_', 'script'],
	['customdeploy_', 'script deployment'],
];

function checkScripts(repoRoot: string, project: SdfProject, fileCabinet: string, problems: string[]): number {
	let n = 0;
	for (const script of project.scripts.values()) {
		n++;
		const where = `${path.relative(repoRoot, script.file)}: ${script.scriptid}`;
		const built = path.join(fileCabinet, script.scriptfile.replace(/^\//, ''));
		if (!script.scriptfile.startsWith(`/${APP_FOLDER}/`)) {
			problems.push(`${where}: scriptfile ${script.scriptfile} is outside /${APP_FOLDER}/`);
		}
		if (!fs.existsSync(built)) {
			problems.push(`${where}: scriptfile ${script.scriptfile} does not exist (was the project built?)`);
			continue;
		}
		const source = fs.readFileSync(built, 'utf8');
		const expected = SCRIPT_TYPES[script.objectType];
		const header = readHeader(source);
		if (!header) {
			problems.push(`${where}: ${script.scriptfile} does not start with a /** @NApiVersion ... */ header`);
		} else {
			if (header.apiVersion !== '2.1') {
				problems.push(
					`${where}: ${script.scriptfile} has @NApiVersion ${header.apiVersion ?? '(none)'}, expected 2.1`,
				);
			}
			if (expected && header.scriptType?.toLowerCase() !== expected.scriptType.toLowerCase()) {
				problems.push(
					`${where}: ${script.scriptfile} has @NScriptType ${header.scriptType ?? '(none)'}, ` +
						`but <${script.objectType}> needs ${expected.scriptType}`,
				);
			}
		}
		if (expected) {
			const exported = readExports(source);
			for (const group of expected.required) {
				if (!group.some((name) => exported.has(name))) {
					problems.push(
						`${where}: ${script.scriptfile} exports none of ${group.join(', ')} (a ${expected.scriptType} entry point)`,
					);
				}
			}
		}
		const plugin = PLUGIN_TYPES.includes(script.objectType);
		if (plugin && script.deployments.length > 0)
			problems.push(`${where}: a ${script.objectType} has no deployments in SDF`);
		if (!plugin && script.deployments.length === 0) problems.push(`${where}: has no deployment`);
		for (const d of script.deployments) {
			if (AUDIENCE_TYPES.includes(script.objectType) && !hasAudience(d.extra)) {
				problems.push(
					`${where}: deployment ${d.scriptid} has an empty audience (it would run only for the script owner): set allroles T or audslctrole`,
				);
			}
			if (!d.scriptid.startsWith('customdeploy_o2c_')) {
				problems.push(`${where}: deployment ${d.scriptid} must start with customdeploy_o2c_`);
			}
		}
		for (const p of script.parameters) {
			if (!p.scriptid.startsWith('custscript_o2c_'))
				problems.push(`${where}: parameter ${p.scriptid} must start with custscript_o2c_`);
		}
	}
	return n;
}

/** Builder plug-ins: no deployments (netsuite-platform.md §2.3). */
const PLUGIN_TYPES = ['datasetbuilderplugin', 'workbookbuilderplugin'];
/** Script types whose deployments carry an audience (platform §2.1). */
const AUDIENCE_TYPES = ['portlet', 'suitelet', 'restlet', 'usereventscript'];

function hasAudience(extra: Record<string, string>): boolean {
	const set = (k: string): boolean => (extra[k] ?? '').trim() !== '' && (extra[k] ?? '').trim().toUpperCase() !== 'F';
	return [
		'allroles',
		'allemployees',
		'allpartners',
		'audslctrole',
		'auddepartment',
		'audemployee',
		'audgroup',
		'audpartner',
		'audsubsidiary',
	].some(set);
}

/** Every module a built file loads, relative ids resolved; reports missing ones. */
function checkBuiltFiles(repoRoot: string, project: SdfProject, appDir: string, problems: string[]): number {
	const defined = definedIds(project);
	const files = listJsFiles(appDir);
	for (const file of files) {
		const source = fs.readFileSync(file, 'utf8');
		for (const dep of readDependencies(source)) {
			if (dep.startsWith('./') || dep.startsWith('../')) {
				const target = path.resolve(path.dirname(file), `${dep}.js`);
				if (!fs.existsSync(target))
					problems.push(`${path.relative(repoRoot, file)}: imports ${dep}, which was not built`);
			} else if (!dep.startsWith('N/') && !['require', 'exports', 'module'].includes(dep)) {
				problems.push(
					`${path.relative(repoRoot, file)}: imports ${dep}; NetSuite cannot load npm packages (bundle it or drop it)`,
				);
			}
		}
		for (const id of readCustomIds(source)) {
			if (defined.has(id)) continue;
			const kind = KIND_BY_PREFIX.find(([prefix]) => id.startsWith(prefix))?.[1] ?? 'object';
			problems.push(
				`${path.relative(repoRoot, file)}: uses ${kind} ${id}, which no object in src/Objects defines`,
			);
		}
	}
	return files.length;
}

/** Run every check on the SDF project under `<repoRoot>/src`. */
export function checkProject(repoRoot: string): CheckResult {
	const srcDir = path.join(repoRoot, 'src');
	const objectsDir = path.join(srcDir, 'Objects');
	const fileCabinet = path.join(srcDir, 'FileCabinet');
	const appDir = path.join(fileCabinet, APP_FOLDER);
	const problems: string[] = [];

	checkManifestAndDeploy(repoRoot, srcDir, problems);
	const objectFiles = listXmlFiles(objectsDir);
	const usable = objectFiles.map((f) => checkObjectFile(repoRoot, f, problems)).every(Boolean);
	if (!fs.existsSync(appDir))
		problems.push(`${path.relative(repoRoot, appDir)}: no built scripts (run npm run build)`);

	let scripts = 0;
	let builtFiles = 0;
	if (usable) {
		let project: SdfProject | undefined;
		try {
			project = loadSdfProject(srcDir);
		} catch (e) {
			problems.push(relativize(repoRoot, (e as Error).message));
		}
		if (project) {
			scripts = checkScripts(repoRoot, project, fileCabinet, problems);
			builtFiles = checkBuiltFiles(repoRoot, project, appDir, problems);
		}
	}
	return { problems, checked: { objects: objectFiles.length, scripts, builtFiles } };
}
