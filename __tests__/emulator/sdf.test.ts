/**
 * The SDF parser (local/sdf/objects.ts) against the XML shapes of platform §1–3: script objects with
 * parameters and deployments, custom record types, entity/body fields, manifest and deploy files;
 * and the errors SDF itself raises (malformed XML, file name ≠ scriptid).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
	loadSdfProject,
	parseDeployXml,
	parseManifestXml,
	parseSdfObjectXml,
	SdfError,
	validateXml,
	validateXmlText,
} from '../../local/sdf/objects';
import { FIXTURE_ROOT } from './helpers';

const SRC = path.join(FIXTURE_ROOT, 'src');

function tempProject(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdf-'));
	for (const [rel, text] of Object.entries(files)) {
		const p = path.join(dir, rel);
		fs.mkdirSync(path.dirname(p), { recursive: true });
		fs.writeFileSync(p, text);
	}
	return dir;
}

describe('loadSdfProject on the fixture project', () => {
	const project = loadSdfProject(SRC);

	test('scheduled script: scriptfile without brackets, typed parameters, deployments with params and recurrence', () => {
		const s = project.scripts.get('customscript_t_probe_ss')!;
		expect(s.objectType).toBe('scheduledscript');
		expect(s.scriptfile).toBe('/SuiteScripts/o2c_dso/probe_ss.js');
		expect(s.parameters.find((p) => p.scriptid === 'custscript_t_int')).toEqual({
			scriptid: 'custscript_t_int',
			fieldtype: 'INTEGER',
			label: 'Int',
		});
		expect(s.parameters.find((p) => p.scriptid === 'custscript_t_search')?.selectrecordtype).toBe('-119');
		expect(s.deployments.map((d) => d.scriptid)).toEqual([
			'customdeploy_t_probe_ss',
			'customdeploy_t_probe_audit',
			'customdeploy_t_probe_od2',
		]);
		const d = s.deployments[0]!;
		expect(d.status).toBe('NOTSCHEDULED');
		expect(d.params.custscript_t_int).toBe('42');
		expect(d.params.custscript_t_search).toBe('[scriptid=customsearch_t_open]');
		expect(d.params).not.toHaveProperty('title');
		const audit = s.deployments[1]!;
		expect(audit.loglevel).toBe('AUDIT');
		expect(audit.recurrence).toMatchObject({
			kind: 'daily',
			everyxdays: 1,
			startdate: '2026-01-01',
			starttime: '05:30:00Z',
		});
	});

	test('map/reduce deployment extras land in extra; portlet type; RESTlet audience', () => {
		const mr = project.scripts.get('customscript_t_mr')!;
		expect(mr.objectType).toBe('mapreducescript');
		expect(mr.deployments[0]!.extra).toMatchObject({
			buffersize: '1',
			concurrencylimit: '1',
			queueallstagesatonce: 'T',
			yieldaftermins: '60',
		});
		expect(project.scripts.get('customscript_t_list_pt')!.portlettype).toBe('LIST');
		expect(project.scripts.get('customscript_t_rl')!.deployments[0]!.extra.allroles).toBe('T');
		const weekly = project.scripts.get('customscript_t_weekly_ss')!.deployments[0]!.recurrence!;
		expect(weekly.kind).toBe('weekly');
		expect(weekly.raw).toMatchObject({ monday: 'T', tuesday: 'F', everyxweeks: '1' });
	});

	test('custom record type with its fields; entity and body fields; every object indexed with its file', () => {
		const rt = project.customRecordTypes.get('customrecord_t_promise')!;
		expect(rt.recordname).toBe('Test promise');
		expect(rt.includename).toBe(true);
		expect([...rt.fields.keys()]).toContain('custrecord_t_pr_amount');
		expect(rt.fields.get('custrecord_t_pr_customer')).toMatchObject({
			fieldtype: 'SELECT',
			selectrecordtype: '-2',
		});
		expect(rt.fields.get('custrecord_t_pr_rate')!.ismandatory).toBe(true);
		expect(rt.fields.get('custrecord_t_pr_flag')!.extra).toEqual({ defaultchecked: 'F' });
		expect(project.bodyFields.get('custbody_t_disputed')).toMatchObject({
			fieldtype: 'CHECKBOX',
			extra: { bodysale: 'T' },
		});
		expect(project.entityFields.get('custentity_t_segment')!.fieldtype).toBe('TEXT');
		expect(project.objects.get('customrecord_t_promise')).toEqual({
			objectType: 'customrecordtype',
			file: path.join(SRC, 'Objects', 'customrecord_t_promise.xml'),
		});
		expect(project.objects.get('custbody_t_disputed')!.objectType).toBe('transactionbodycustomfield');
	});

	test('manifest and deploy are parsed', () => {
		expect(project.manifest).toMatchObject({
			projecttype: 'ACCOUNTCUSTOMIZATION',
			projectname: 'emulator-fixture',
			frameworkversion: '1.0',
			features: [
				{ id: 'SERVERSIDESCRIPTING', required: true },
				{ id: 'CUSTOMRECORDS', required: true },
				{ id: 'MULTICURRENCY', required: false },
			],
		});
		expect(project.deploy).toMatchObject({
			files: ['~/FileCabinet/SuiteScripts/o2c_dso/*'],
			objects: ['~/Objects/*'],
			configuration: [],
		});
	});
});

describe('SDF errors name the file and the object', () => {
	test('an object whose file name differs from its scriptid', () => {
		const dir = tempProject({
			'Objects/customscript_a.xml':
				'<scheduledscript scriptid="customscript_b"><name>x</name><scriptfile>[/SuiteScripts/x.js]</scriptfile></scheduledscript>',
		});
		let err: unknown;
		try {
			loadSdfProject(dir);
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(SdfError);
		expect((err as SdfError).file).toBe(path.join(dir, 'Objects', 'customscript_a.xml'));
		expect((err as SdfError).scriptid).toBe('customscript_b');
		expect((err as SdfError).message).toMatch(/customscript_a\.xml.*customscript_b/);
	});

	test('malformed XML: the error names the file and the line', () => {
		const dir = tempProject({
			'Objects/sub/customrecord_x.xml':
				'<customrecordtype scriptid="customrecord_x">\n  <recordname>X</recordname>\n  <customrecordcustomfields>\n</customrecordtype>\n',
		});
		const file = path.join(dir, 'Objects', 'sub', 'customrecord_x.xml');
		expect(() => loadSdfProject(dir)).toThrow(SdfError);
		try {
			loadSdfProject(dir);
		} catch (e) {
			expect((e as SdfError).file).toBe(file);
			expect((e as SdfError).line).toBe(4);
			expect((e as SdfError).message).toContain(`${file}:4:`);
		}
		const issues = validateXml(file);
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatchObject({ file, line: 4 });
	});

	test('validateXml: well-formed files have no issues; two roots are an issue', () => {
		expect(validateXml(path.join(SRC, 'Objects', 'customscript_t_mr.xml'))).toEqual([]);
		expect(validateXmlText('<a/><b/>', 'two.xml')).toEqual([
			{ file: 'two.xml', line: 1, col: 1, message: '2 root elements (exactly one allowed)' },
		]);
		expect(validateXml('/nonexistent/file.xml')[0]!.message).toMatch(/cannot read/);
	});

	test('the same scriptid (or deployment id) twice is refused', () => {
		const obj = (id: string, dep: string): string =>
			`<scheduledscript scriptid="${id}"><name>x</name><scriptfile>[/SuiteScripts/x.js]</scriptfile><scriptdeployments><scriptdeployment scriptid="${dep}"><title>t</title><status>NOTSCHEDULED</status></scriptdeployment></scriptdeployments></scheduledscript>`;
		const dir = tempProject({
			'Objects/customscript_a.xml': obj('customscript_a', 'customdeploy_same'),
			'Objects/customscript_b.xml': obj('customscript_b', 'customdeploy_same'),
		});
		expect(() => loadSdfProject(dir)).toThrow(/customdeploy_same is already defined by customscript_a/);
		const dir2 = tempProject({
			'Objects/customscript_a.xml': obj('customscript_a', 'customdeploy_1'),
			'Objects/x/customscript_a.xml': obj('customscript_a', 'customdeploy_2'),
		});
		expect(() => loadSdfProject(dir2)).toThrow(/scriptid customscript_a is already defined/);
	});

	test('a deployment setting a parameter the script does not declare is refused', () => {
		const xml =
			'<scheduledscript scriptid="customscript_a"><name>x</name><scriptfile>[/SuiteScripts/x.js]</scriptfile>' +
			'<scriptcustomfields><scriptcustomfield scriptid="custscript_a_ok"><fieldtype>TEXT</fieldtype><label>ok</label></scriptcustomfield></scriptcustomfields>' +
			'<scriptdeployments><scriptdeployment scriptid="customdeploy_a"><title>t</title><status>NOTSCHEDULED</status><custscript_a_typo>1</custscript_a_typo></scriptdeployment></scriptdeployments></scheduledscript>';
		expect(() => parseSdfObjectXml(xml, '/x/customscript_a.xml')).toThrow(
			/sets custscript_a_typo, which is not a parameter/,
		);
	});

	test('objects of other kinds are indexed but not modelled', () => {
		const parsed = parseSdfObjectXml(
			'<customlist scriptid="customlist_x"><name>X</name></customlist>',
			'/p/customlist_x.xml',
		);
		expect(parsed).toEqual({ kind: 'other', objectType: 'customlist', scriptid: 'customlist_x' });
	});

	test('manifest (SUITEAPP form) and deploy helpers', () => {
		const m = parseManifestXml(
			'<manifest projecttype="SUITEAPP"><publisherid>com.acme</publisherid><projectid>armetrics</projectid><projectname>AR</projectname><projectversion>1.0.0</projectversion><frameworkversion>1.0</frameworkversion><dependencies><features><feature required="true">RECEIVABLES</feature></features></dependencies></manifest>',
			'manifest.xml',
		);
		expect(m).toMatchObject({
			projecttype: 'SUITEAPP',
			publisherid: 'com.acme',
			projectid: 'armetrics',
			projectversion: '1.0.0',
			features: [{ id: 'RECEIVABLES', required: true }],
		});
		const d = parseDeployXml(
			'<deploy><objects><path>~/Objects/a.xml</path></objects><files><path>~/FileCabinet/*</path></files><objects><path>~/Objects/*</path></objects></deploy>',
			'deploy.xml',
		);
		expect(d.objects).toEqual(['~/Objects/a.xml', '~/Objects/*']);
		expect(() => parseDeployXml('<deploy><bogus/></deploy>', 'deploy.xml')).toThrow(
			/unknown deploy section <bogus>/,
		);
		expect(() => parseManifestXml('<deploy/>', 'manifest.xml')).toThrow(/expected <manifest>/);
	});
});
