/**
 * Parser for the SDF project (src/): every `Objects/**\/*.xml`, `manifest.xml` and `deploy.xml`.
 *
 * Pure apart from reading files: no global state, no logging. Used by the emulator (which scripts
 * exist, their parameters and deployments, which custom records and fields exist) and by the
 * offline project check. Shapes follow ../shared/reference/netsuite-platform.md §1–3.
 */
import * as fs from 'fs';
import * as path from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type {
	SdfCustomRecordType,
	SdfDeploy,
	SdfDeployment,
	SdfField,
	SdfManifest,
	SdfParameter,
	SdfProject,
	SdfRecurrence,
	SdfScript,
	XmlIssue,
} from './types';

/** A problem that makes the project unusable; `file` (and `scriptid`, `line` when known) name it. */
export class SdfError extends Error {
	constructor(
		message: string,
		readonly file: string,
		readonly scriptid?: string,
		readonly line?: number,
	) {
		super(message);
		this.name = 'SdfError';
	}
}

/** SDF script object element names (each one carries scriptfile/scriptcustomfields/scriptdeployments). */
export const SCRIPT_OBJECT_TYPES: readonly string[] = [
	'scheduledscript',
	'mapreducescript',
	'restlet',
	'portlet',
	'suitelet',
	'usereventscript',
	'clientscript',
	'workflowactionscript',
	'massupdatescript',
	'bundleinstallationscript',
	'sdfinstallationscript',
	'customglplugin',
	'emailcaptureplugin',
	'pluginimplementation',
	'datasetbuilderplugin',
	'workbookbuilderplugin',
];

/* ------------------------------------------------------------------ generic XML tree */

/** A parsed element: name, attributes, child elements in order, and its own text. */
export interface XNode {
	name: string;
	attrs: Record<string, string>;
	children: XNode[];
	text: string;
}

type OrderedEntry = Record<string, unknown>;

const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	processEntities: true,
	ignoreDeclaration: true,
	ignorePiTags: true,
});

function toNodes(entries: OrderedEntry[]): { nodes: XNode[]; text: string } {
	const nodes: XNode[] = [];
	let text = '';
	for (const e of entries) {
		for (const key of Object.keys(e)) {
			if (key === ':@') continue;
			const value = e[key];
			if (key === '#text') {
				text += String(value);
				continue;
			}
			const inner = toNodes(Array.isArray(value) ? (value as OrderedEntry[]) : []);
			const attrs: Record<string, string> = {};
			const rawAttrs = e[':@'];
			if (rawAttrs && typeof rawAttrs === 'object') {
				for (const [k, v] of Object.entries(rawAttrs as Record<string, unknown>)) attrs[k] = String(v);
			}
			nodes.push({ name: key, attrs, children: inner.nodes, text: inner.text });
		}
	}
	return { nodes, text };
}

/** Well-formedness problems of an XML text (empty when well-formed with exactly one root). */
export function validateXmlText(xml: string, file: string): XmlIssue[] {
	const res = XMLValidator.validate(xml, { allowBooleanAttributes: false });
	if (res !== true) {
		return [{ file, line: res.err.line, col: res.err.col, message: `${res.err.code}: ${res.err.msg}` }];
	}
	const roots = toNodes(parser.parse(xml) as OrderedEntry[]).nodes;
	if (roots.length !== 1) {
		return [
			{
				file,
				line: 1,
				col: 1,
				message: roots.length === 0 ? 'no root element' : `${roots.length} root elements (exactly one allowed)`,
			},
		];
	}
	return [];
}

/** Well-formedness problems of an XML file, with the file name and line of each. */
export function validateXml(file: string): XmlIssue[] {
	let xml: string;
	try {
		xml = fs.readFileSync(file, 'utf8');
	} catch (e) {
		return [{ file, line: 0, col: 0, message: `cannot read: ${(e as Error).message}` }];
	}
	return validateXmlText(xml, file);
}

/** Parse a well-formed XML text into its root element; throws SdfError (with line) otherwise. */
export function parseXmlText(xml: string, file: string): XNode {
	const issues = validateXmlText(xml, file);
	const first = issues[0];
	if (first) {
		throw new SdfError(
			`${file}:${first.line}:${first.col}: malformed XML: ${first.message}`,
			file,
			undefined,
			first.line,
		);
	}
	const root = toNodes(parser.parse(xml) as OrderedEntry[]).nodes[0];
	if (!root) throw new SdfError(`${file}: no root element`, file);
	return root;
}

function child(node: XNode, name: string): XNode | undefined {
	return node.children.find((c) => c.name === name);
}

function childText(node: XNode, name: string): string | undefined {
	const c = child(node, name);
	return c ? c.text : undefined;
}

function bool(v: string | undefined): boolean | undefined {
	if (v === undefined) return undefined;
	return v.toUpperCase() === 'T';
}

/* ------------------------------------------------------------------ objects */

/** What one object file holds. */
export type ParsedObject =
	| { kind: 'script'; script: SdfScript }
	| { kind: 'customrecordtype'; record: SdfCustomRecordType }
	| { kind: 'entitycustomfield'; field: SdfField }
	| { kind: 'transactionbodycustomfield'; field: SdfField }
	| { kind: 'other'; objectType: string; scriptid: string };

function parseRecurrence(node: XNode): SdfRecurrence | undefined {
	const kindNode = node.children[0];
	if (!kindNode) return undefined;
	const raw: Record<string, string> = {};
	for (const c of kindNode.children) raw[c.name] = c.text;
	const rec: SdfRecurrence = { kind: kindNode.name, raw };
	if (raw.startdate !== undefined) rec.startdate = raw.startdate;
	if (raw.starttime !== undefined) rec.starttime = raw.starttime;
	if (raw.enddate !== undefined) rec.enddate = raw.enddate;
	if (raw.repeat !== undefined) rec.repeat = raw.repeat;
	if (raw.everyxdays !== undefined) rec.everyxdays = Number(raw.everyxdays);
	return rec;
}

function parseField(node: XNode, file: string, owner: string): SdfField {
	const scriptid = node.attrs.scriptid;
	if (!scriptid) throw new SdfError(`${file}: a ${node.name} in ${owner} has no scriptid`, file, owner);
	const fieldtype = childText(node, 'fieldtype');
	if (!fieldtype) throw new SdfError(`${file}: field ${scriptid} has no fieldtype`, file, scriptid);
	const field: SdfField = { scriptid, fieldtype: fieldtype.toUpperCase(), label: childText(node, 'label') ?? '' };
	const extra: Record<string, string> = {};
	for (const c of node.children) {
		if (c.name === 'fieldtype' || c.name === 'label') continue;
		if (c.name === 'selectrecordtype') field.selectrecordtype = c.text;
		else if (c.name === 'ismandatory') field.ismandatory = bool(c.text);
		else if (c.name === 'defaultvalue') field.defaultvalue = c.text;
		else extra[c.name] = c.text;
	}
	field.extra = extra;
	return field;
}

function parseScript(root: XNode, file: string, scriptid: string): SdfScript {
	const scriptfileRaw = childText(root, 'scriptfile');
	const parameters: SdfParameter[] = [];
	const fieldsNode = child(root, 'scriptcustomfields');
	for (const f of fieldsNode?.children ?? []) {
		if (f.name !== 'scriptcustomfield') continue;
		const pid = f.attrs.scriptid;
		if (!pid) throw new SdfError(`${file}: a scriptcustomfield of ${scriptid} has no scriptid`, file, scriptid);
		const fieldtype = childText(f, 'fieldtype');
		if (!fieldtype) throw new SdfError(`${file}: parameter ${pid} of ${scriptid} has no fieldtype`, file, scriptid);
		const p: SdfParameter = {
			scriptid: pid,
			fieldtype: fieldtype.toUpperCase(),
			label: childText(f, 'label') ?? '',
		};
		const sel = childText(f, 'selectrecordtype');
		if (sel !== undefined) p.selectrecordtype = sel;
		const def = childText(f, 'defaultvalue');
		if (def !== undefined) p.defaultvalue = def;
		parameters.push(p);
	}
	const paramIds = new Set(parameters.map((p) => p.scriptid));

	const deployments: SdfDeployment[] = [];
	const depsNode = child(root, 'scriptdeployments');
	for (const d of depsNode?.children ?? []) {
		if (d.name !== 'scriptdeployment') continue;
		const did = d.attrs.scriptid;
		if (!did) throw new SdfError(`${file}: a scriptdeployment of ${scriptid} has no scriptid`, file, scriptid);
		const dep: SdfDeployment = {
			scriptid: did,
			title: childText(d, 'title') ?? '',
			status: (childText(d, 'status') ?? '').toUpperCase(),
			loglevel: (childText(d, 'loglevel') ?? 'DEBUG').toUpperCase(),
			params: {},
			extra: {},
		};
		for (const c of d.children) {
			if (c.name === 'title' || c.name === 'status' || c.name === 'loglevel') continue;
			if (c.name === 'recurrence') {
				const r = parseRecurrence(c);
				if (r) dep.recurrence = r;
			} else if (paramIds.has(c.name)) {
				dep.params[c.name] = c.text;
			} else if (c.name.startsWith('custscript')) {
				throw new SdfError(
					`${file}: deployment ${did} of ${scriptid} sets ${c.name}, which is not a parameter (scriptcustomfield) of the script`,
					file,
					scriptid,
				);
			} else {
				dep.extra[c.name] = c.text;
			}
		}
		deployments.push(dep);
	}

	const script: SdfScript = {
		scriptid,
		objectType: root.name,
		name: childText(root, 'name') ?? '',
		scriptfile: scriptfileRaw ? stripRef(scriptfileRaw) : '',
		parameters,
		deployments,
		file,
	};
	const portlettype = childText(root, 'portlettype');
	if (portlettype !== undefined) script.portlettype = portlettype.toUpperCase();
	const description = childText(root, 'description');
	if (description !== undefined) script.description = description;
	const extra: Record<string, string> = {};
	for (const c of root.children) {
		if (
			['name', 'scriptfile', 'scriptcustomfields', 'scriptdeployments', 'portlettype', 'description'].includes(
				c.name,
			)
		)
			continue;
		extra[c.name] = c.text;
	}
	script.extra = extra;
	return script;
}

/** `[/SuiteScripts/x.js]` -> `/SuiteScripts/x.js`; other text unchanged. */
export function stripRef(v: string): string {
	const t = v.trim();
	return t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1) : t;
}

/**
 * Parse one object file's text. `file` is used for messages and for the rule that the file name
 * (without `.xml`) equals the object's scriptid.
 */
export function parseSdfObjectXml(xml: string, file: string): ParsedObject {
	const root = parseXmlText(xml, file);
	const scriptid = root.attrs.scriptid;
	const base = path.basename(file).replace(/\.xml$/i, '');
	if (!scriptid) throw new SdfError(`${file}: <${root.name}> has no scriptid attribute`, file);
	if (scriptid !== base) {
		throw new SdfError(
			`${file}: object scriptid "${scriptid}" does not match its file name "${base}.xml" (SDF requires them to be equal)`,
			file,
			scriptid,
		);
	}
	if (SCRIPT_OBJECT_TYPES.includes(root.name)) return { kind: 'script', script: parseScript(root, file, scriptid) };
	if (root.name === 'customrecordtype') {
		const fields = new Map<string, SdfField>();
		for (const f of child(root, 'customrecordcustomfields')?.children ?? []) {
			if (f.name !== 'customrecordcustomfield') continue;
			const field = parseField(f, file, scriptid);
			if (fields.has(field.scriptid)) {
				throw new SdfError(`${file}: field ${field.scriptid} is declared twice in ${scriptid}`, file, scriptid);
			}
			fields.set(field.scriptid, field);
		}
		const extra: Record<string, string> = {};
		for (const c of root.children) {
			if (c.name === 'customrecordcustomfields' || c.name === 'recordname') continue;
			extra[c.name] = c.text;
		}
		const record: SdfCustomRecordType = {
			scriptid,
			recordname: childText(root, 'recordname') ?? '',
			fields,
			file,
			includename: bool(childText(root, 'includename')) ?? true,
			extra,
		};
		return { kind: 'customrecordtype', record };
	}
	if (root.name === 'entitycustomfield' || root.name === 'transactionbodycustomfield') {
		const field = parseField(root, file, scriptid);
		return root.name === 'entitycustomfield'
			? { kind: 'entitycustomfield', field }
			: { kind: 'transactionbodycustomfield', field };
	}
	return { kind: 'other', objectType: root.name, scriptid };
}

/* ------------------------------------------------------------------ manifest, deploy */

export function parseManifestXml(xml: string, file: string): SdfManifest {
	const root = parseXmlText(xml, file);
	if (root.name !== 'manifest')
		throw new SdfError(`${file}: root element is <${root.name}>, expected <manifest>`, file);
	const deps = child(root, 'dependencies');
	const features: { id: string; required: boolean }[] = [];
	for (const f of child(deps ?? root, 'features')?.children ?? []) {
		if (f.name === 'feature') features.push({ id: f.text, required: (f.attrs.required ?? 'true') !== 'false' });
	}
	const objects: string[] = [];
	for (const o of (deps ? child(deps, 'objects')?.children : undefined) ?? []) {
		if (o.name === 'object') objects.push(o.text);
	}
	const m: SdfManifest = {
		projecttype: root.attrs.projecttype ?? '',
		projectname: childText(root, 'projectname') ?? '',
		frameworkversion: childText(root, 'frameworkversion') ?? '',
		features,
		objects,
		file,
	};
	const publisherid = childText(root, 'publisherid');
	if (publisherid !== undefined) m.publisherid = publisherid;
	const projectid = childText(root, 'projectid');
	if (projectid !== undefined) m.projectid = projectid;
	const projectversion = childText(root, 'projectversion');
	if (projectversion !== undefined) m.projectversion = projectversion;
	return m;
}

export function parseDeployXml(xml: string, file: string): SdfDeploy {
	const root = parseXmlText(xml, file);
	if (root.name !== 'deploy') throw new SdfError(`${file}: root element is <${root.name}>, expected <deploy>`, file);
	const d: SdfDeploy = { configuration: [], files: [], objects: [], translationimports: [], file };
	for (const section of root.children) {
		const key = section.name as keyof Omit<SdfDeploy, 'file'>;
		if (!(key in d) || key === ('file' as string)) {
			throw new SdfError(`${file}: unknown deploy section <${section.name}>`, file);
		}
		for (const p of section.children) if (p.name === 'path') d[key].push(p.text);
	}
	return d;
}

export function loadManifest(file: string): SdfManifest {
	return parseManifestXml(fs.readFileSync(file, 'utf8'), file);
}

export function loadDeploy(file: string): SdfDeploy {
	return parseDeployXml(fs.readFileSync(file, 'utf8'), file);
}

/* ------------------------------------------------------------------ project */

/** Every `*.xml` under dir, sorted, recursively. */
export function listXmlFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	const out: string[] = [];
	const walk = (d: string): void => {
		for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walk(p);
			else if (e.isFile() && e.name.toLowerCase().endsWith('.xml')) out.push(p);
		}
	};
	walk(dir);
	return out;
}

/**
 * Parse the SDF project in `srcDir` (the folder holding manifest.xml, deploy.xml and Objects/).
 * Throws SdfError naming the file (and object id) on malformed XML, a file name that differs from
 * its object's scriptid, or a scriptid declared twice.
 */
export function loadSdfProject(srcDir: string): SdfProject {
	const root = path.resolve(srcDir);
	const project: SdfProject = {
		root,
		scripts: new Map(),
		customRecordTypes: new Map(),
		entityFields: new Map(),
		bodyFields: new Map(),
		objects: new Map(),
	};
	const deploymentOwner = new Map<string, string>();
	for (const file of listXmlFiles(path.join(root, 'Objects'))) {
		const parsed = parseSdfObjectXml(fs.readFileSync(file, 'utf8'), file);
		const id =
			parsed.kind === 'script'
				? parsed.script.scriptid
				: parsed.kind === 'customrecordtype'
					? parsed.record.scriptid
					: parsed.kind === 'other'
						? parsed.scriptid
						: parsed.field.scriptid;
		const objectType =
			parsed.kind === 'script'
				? parsed.script.objectType
				: parsed.kind === 'other'
					? parsed.objectType
					: parsed.kind;
		const prev = project.objects.get(id);
		if (prev) throw new SdfError(`${file}: scriptid ${id} is already defined in ${prev.file}`, file, id);
		project.objects.set(id, { objectType, file });
		switch (parsed.kind) {
			case 'script':
				for (const dep of parsed.script.deployments) {
					const owner = deploymentOwner.get(dep.scriptid);
					if (owner) {
						throw new SdfError(
							`${file}: deployment ${dep.scriptid} is already defined by ${owner}`,
							file,
							id,
						);
					}
					deploymentOwner.set(dep.scriptid, id);
				}
				project.scripts.set(id, parsed.script);
				break;
			case 'customrecordtype':
				project.customRecordTypes.set(id, parsed.record);
				break;
			case 'entitycustomfield':
				project.entityFields.set(id, parsed.field);
				break;
			case 'transactionbodycustomfield':
				project.bodyFields.set(id, parsed.field);
				break;
			case 'other':
				break;
		}
	}
	const manifest = path.join(root, 'manifest.xml');
	if (fs.existsSync(manifest)) project.manifest = loadManifest(manifest);
	const deploy = path.join(root, 'deploy.xml');
	if (fs.existsSync(deploy)) project.deploy = loadDeploy(deploy);
	return project;
}
