/** The parsed SDF project (src/Objects + manifest + deploy), as the emulator and project check use it. */

export interface SdfParameter {
	scriptid: string;
	fieldtype: string;
	label: string;
	selectrecordtype?: string;
	defaultvalue?: string;
}

export interface SdfRecurrence {
	/** 'daily' | 'single' | 'everyweekday' | 'weekly' | ... (the element name) */
	kind: string;
	startdate?: string;
	/** e.g. '02:00:00Z' */
	starttime?: string;
	everyxdays?: number;
	repeat?: string;
	enddate?: string;
	/** every child element of the recurrence kind, raw text (weekly days, everyxweeks, ...) */
	raw?: Record<string, string>;
}

export interface SdfDeployment {
	scriptid: string;
	title: string;
	status: string;
	loglevel: string;
	/** parameter values set on the deployment, as written in the XML */
	params: Record<string, string>;
	recurrence?: SdfRecurrence;
	/** every other child element, raw text */
	extra: Record<string, string>;
}

export interface SdfScript {
	scriptid: string;
	/** element name: scheduledscript, mapreducescript, restlet, portlet, suitelet, ... */
	objectType: string;
	name: string;
	/** '/SuiteScripts/o2c_dso/entrypoints/x_ss.js' (brackets stripped) */
	scriptfile: string;
	portlettype?: string;
	description?: string;
	/** top-level children not modelled above (status, loglevel, ...), raw text */
	extra?: Record<string, string>;
	parameters: SdfParameter[];
	deployments: SdfDeployment[];
	/** the XML file it was read from */
	file: string;
}

export interface SdfField {
	scriptid: string;
	fieldtype: string;
	label: string;
	selectrecordtype?: string;
	ismandatory?: boolean;
	defaultvalue?: string;
	/** every other child element, raw text (displaytype, appliestocustomer, ...) */
	extra?: Record<string, string>;
}

export interface SdfCustomRecordType {
	scriptid: string;
	recordname: string;
	fields: Map<string, SdfField>;
	file: string;
	/** `includename` (default T): whether the record has a Name field */
	includename?: boolean;
	/** every other top-level child element, raw text */
	extra?: Record<string, string>;
}

export interface SdfProject {
	/** root folder of the SDF project (the repo's src/) */
	root: string;
	scripts: Map<string, SdfScript>;
	customRecordTypes: Map<string, SdfCustomRecordType>;
	/** custentity_* fields (entitycustomfield objects) */
	entityFields: Map<string, SdfField>;
	/** custbody_* fields (transactionbodycustomfield objects) */
	bodyFields: Map<string, SdfField>;
	/** every object by scriptid with its element name and file, including kinds not modelled above */
	objects: Map<string, { objectType: string; file: string }>;
	/** `manifest.xml` and `deploy.xml`, when present */
	manifest?: SdfManifest;
	deploy?: SdfDeploy;
}

/* ---- Additions (all optional, so earlier users of these types keep compiling) ---- */

/** `manifest.xml` */
export interface SdfManifest {
	/** ACCOUNTCUSTOMIZATION | SUITEAPP */
	projecttype: string;
	projectname: string;
	frameworkversion: string;
	/** SUITEAPP only */
	publisherid?: string;
	projectid?: string;
	projectversion?: string;
	/** dependencies/features/feature, in file order */
	features: { id: string; required: boolean }[];
	/** dependencies/objects/object (ACP only) */
	objects: string[];
	file: string;
}

/** `deploy.xml`: each section's paths in file order (order matters to SDF). */
export interface SdfDeploy {
	configuration: string[];
	files: string[];
	objects: string[];
	translationimports: string[];
	file: string;
}

/** A well-formedness problem in an XML file. */
export interface XmlIssue {
	file: string;
	line: number;
	col: number;
	message: string;
}
