import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkProject } from '../../local/check/projectCheck';
import { readCustomIds, readExports, readHeader } from '../../local/check/builtFiles';

/** A minimal, valid project: one scheduled script with a parameter, one custom record. */
function writeProject(root: string, overrides: Record<string, string | null> = {}): void {
	const files: Record<string, string | null> = {
		'src/manifest.xml':
			'<manifest projecttype="ACCOUNTCUSTOMIZATION"><projectname>t</projectname><frameworkversion>1.0</frameworkversion></manifest>',
		'src/deploy.xml':
			'<deploy><files><path>~/FileCabinet/SuiteScripts/o2c_dso/*</path></files><objects><path>~/Objects/*</path></objects></deploy>',
		'src/Objects/customscript_o2c_demo_ss.xml': `<scheduledscript scriptid="customscript_o2c_demo_ss">
  <name>Demo</name>
  <scriptfile>[/SuiteScripts/o2c_dso/entrypoints/demo_ss.js]</scriptfile>
  <scriptcustomfields>
    <scriptcustomfield scriptid="custscript_o2c_demo_days"><label>Days</label><fieldtype>INTEGER</fieldtype></scriptcustomfield>
  </scriptcustomfields>
  <scriptdeployments>
    <scriptdeployment scriptid="customdeploy_o2c_demo_ss">
      <title>Demo</title><status>SCHEDULED</status><loglevel>AUDIT</loglevel>
      <custscript_o2c_demo_days>90</custscript_o2c_demo_days>
    </scriptdeployment>
  </scriptdeployments>
</scheduledscript>`,
		'src/Objects/customrecord_o2c_demo.xml': `<customrecordtype scriptid="customrecord_o2c_demo">
  <recordname>Demo</recordname>
  <customrecordcustomfields>
    <customrecordcustomfield scriptid="custrecord_o2c_demo_amount"><label>Amount</label><fieldtype>CURRENCY</fieldtype></customrecordcustomfield>
  </customrecordcustomfields>
</customrecordtype>`,
		'src/FileCabinet/SuiteScripts/o2c_dso/entrypoints/demo_ss.js': `/**
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 * @NModuleScope SameAccount
 */
define(["require", "exports", "N/runtime", "../lib/store"], function (require, exports, runtime, store) {
    "use strict";
    // custscript_o2c_in_a_comment_only is prose, not a use
    const execute = () => store.save(runtime.getCurrentScript().getParameter({ name: 'custscript_o2c_demo_days' }));
    exports.execute = execute;
});
`,
		'src/FileCabinet/SuiteScripts/o2c_dso/lib/store.js': `define(["require", "exports", "N/record"], function (require, exports, record) {
    "use strict";
    exports.save = (days) => record.create({ type: 'customrecord_o2c_demo' }).setValue({ fieldId: 'custrecord_o2c_demo_amount', value: days });
});
`,
		...overrides,
	};
	for (const [file, content] of Object.entries(files)) {
		if (content === null) continue;
		const full = path.join(root, file);
		fs.mkdirSync(path.dirname(full), { recursive: true });
		fs.writeFileSync(full, content);
	}
}

function problemsFor(overrides: Record<string, string | null>): string[] {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-check-'));
	try {
		writeProject(root, overrides);
		return checkProject(root).problems;
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
}

const ENTRY = 'src/FileCabinet/SuiteScripts/o2c_dso/entrypoints/demo_ss.js';
const SCRIPT_XML = 'src/Objects/customscript_o2c_demo_ss.xml';

describe('offline SDF project check', () => {
	it('accepts a consistent project', () => {
		expect(problemsFor({})).toEqual([]);
	});

	it('rejects malformed object XML, naming the file and line', () => {
		const problems = problemsFor({
			'src/Objects/customrecord_o2c_demo.xml':
				'<customrecordtype scriptid="customrecord_o2c_demo"><recordname>x</customrecordtype>',
		});
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^src\/Objects\/customrecord_o2c_demo\.xml:1:\d+: malformed XML: /);
	});

	it('rejects an object whose file is not named after its scriptid', () => {
		const problems = problemsFor({
			'src/Objects/customrecord_o2c_demo.xml': null,
			'src/Objects/customrecord_o2c_other.xml':
				'<customrecordtype scriptid="customrecord_o2c_demo"><recordname>x</recordname><customrecordcustomfields><customrecordcustomfield scriptid="custrecord_o2c_demo_amount"><label>A</label><fieldtype>CURRENCY</fieldtype></customrecordcustomfield></customrecordcustomfields></customrecordtype>',
		});
		expect(problems).toContain(
			'src/Objects/customrecord_o2c_other.xml: object scriptid "customrecord_o2c_demo" does not match its file name "customrecord_o2c_other.xml" (SDF requires them to be equal)',
		);
	});

	it('rejects a script whose built file is missing', () => {
		const problems = problemsFor({ [ENTRY]: null });
		expect(problems).toContain(
			'src/Objects/customscript_o2c_demo_ss.xml: customscript_o2c_demo_ss: scriptfile /SuiteScripts/o2c_dso/entrypoints/demo_ss.js does not exist (was the project built?)',
		);
	});

	it('rejects a built entry file without the header before define(', () => {
		const problems = problemsFor({
			[ENTRY]: `define(["require", "exports"], function (require, exports) { exports.execute = () => 1; });\n`,
		});
		expect(problems).toContain(
			'src/Objects/customscript_o2c_demo_ss.xml: customscript_o2c_demo_ss: /SuiteScripts/o2c_dso/entrypoints/demo_ss.js does not start with a /** @NApiVersion ... */ header',
		);
	});

	it('rejects a header whose @NScriptType does not match the object', () => {
		const problems = problemsFor({
			[ENTRY]:
				'/**\n * @NApiVersion 2.1\n * @NScriptType MapReduceScript\n */\ndefine(["require", "exports"], function (require, exports) { exports.execute = () => 1; });\n',
		});
		expect(problems).toContain(
			'src/Objects/customscript_o2c_demo_ss.xml: customscript_o2c_demo_ss: /SuiteScripts/o2c_dso/entrypoints/demo_ss.js has @NScriptType MapReduceScript, but <scheduledscript> needs ScheduledScript',
		);
	});

	it('rejects an entry file that does not export the entry point', () => {
		const problems = problemsFor({
			[ENTRY]:
				'/**\n * @NApiVersion 2.1\n * @NScriptType ScheduledScript\n */\ndefine(["require", "exports"], function (require, exports) { exports.default = { execute: () => 1 }; });\n',
		});
		expect(problems).toContain(
			'src/Objects/customscript_o2c_demo_ss.xml: customscript_o2c_demo_ss: /SuiteScripts/o2c_dso/entrypoints/demo_ss.js exports none of execute (a ScheduledScript entry point)',
		);
	});

	it('rejects code that reads a parameter no script declares', () => {
		const problems = problemsFor({
			[ENTRY]: fs.readFileSync(path.join(__dirname, 'fixtures', 'entry_unknown_param.js'), 'utf8'),
		});
		expect(problems).toContain(
			'src/FileCabinet/SuiteScripts/o2c_dso/entrypoints/demo_ss.js: uses script parameter custscript_o2c_missing, which no object in src/Objects defines',
		);
	});

	it('rejects code that writes a custom record field that is not defined', () => {
		const problems = problemsFor({
			'src/FileCabinet/SuiteScripts/o2c_dso/lib/store.js':
				'define(["require", "exports", "N/record"], function (require, exports, record) {\n exports.save = () => record.create({ type: \'customrecord_o2c_demo\' }).setValue({ fieldId: \'custrecord_o2c_demo_typo\', value: 1 });\n});\n',
		});
		expect(problems).toEqual([
			'src/FileCabinet/SuiteScripts/o2c_dso/lib/store.js: uses custom record field custrecord_o2c_demo_typo, which no object in src/Objects defines',
		]);
	});

	it('rejects a custom record type that is not defined', () => {
		const problems = problemsFor({ 'src/Objects/customrecord_o2c_demo.xml': null });
		expect(problems).toEqual(
			expect.arrayContaining([
				'src/FileCabinet/SuiteScripts/o2c_dso/lib/store.js: uses custom record type customrecord_o2c_demo, which no object in src/Objects defines',
				'src/FileCabinet/SuiteScripts/o2c_dso/lib/store.js: uses custom record field custrecord_o2c_demo_amount, which no object in src/Objects defines',
			]),
		);
	});

	it('rejects an import of a module that was not built, and of npm packages', () => {
		const problems = problemsFor({ 'src/FileCabinet/SuiteScripts/o2c_dso/lib/store.js': null });
		expect(problems).toContain(
			'src/FileCabinet/SuiteScripts/o2c_dso/entrypoints/demo_ss.js: imports ../lib/store, which was not built',
		);
		const npm = problemsFor({
			'src/FileCabinet/SuiteScripts/o2c_dso/lib/store.js':
				'define(["require", "exports", "lodash"], function (require, exports, _) { exports.save = () => 1; });\n',
		});
		expect(npm).toContain(
			'src/FileCabinet/SuiteScripts/o2c_dso/lib/store.js: imports lodash; NetSuite cannot load npm packages (bundle it or drop it)',
		);
	});

	it('rejects a deploy.xml that leaves out the objects or lists a missing path', () => {
		const problems = problemsFor({
			'src/deploy.xml':
				'<deploy><files><path>~/FileCabinet/SuiteScripts/o2c_dso/*</path></files><objects><path>~/Templates/*</path></objects></deploy>',
		});
		expect(problems).toEqual([
			'src/deploy.xml: does not deploy the objects (~/Objects/*)',
			'src/deploy.xml: path ~/Templates/* does not exist',
		]);
	});

	it('rejects a project that is not an account customization', () => {
		const problems = problemsFor({
			'src/manifest.xml': '<manifest projecttype="SUITEAPP"><projectname>t</projectname></manifest>',
		});
		expect(problems).toEqual(['src/manifest.xml: projecttype must be ACCOUNTCUSTOMIZATION']);
	});

	it('rejects a deployment value for a parameter the script does not declare', () => {
		const xml = fs
			.readFileSync(path.join(__dirname, 'fixtures', 'script_bad_deploy_prefix.xml'), 'utf8')
			.replace('customdeploy_demo_ss', 'customdeploy_o2c_demo_ss')
			.replace(
				'<title>Demo</title>',
				'<title>Demo</title><custscript_o2c_undeclared>1</custscript_o2c_undeclared>',
			);
		expect(problemsFor({ [SCRIPT_XML]: xml })).toEqual([
			'src/Objects/customscript_o2c_demo_ss.xml: deployment customdeploy_o2c_demo_ss of customscript_o2c_demo_ss sets custscript_o2c_undeclared, which is not a parameter (scriptcustomfield) of the script',
		]);
	});

	it('rejects a script name longer than SDF allows', () => {
		const xml = fs
			.readFileSync(path.join(__dirname, 'fixtures', 'script_bad_deploy_prefix.xml'), 'utf8')
			.replace('customdeploy_demo_ss', 'customdeploy_o2c_demo_ss')
			.replace('<name>Demo</name>', '<name>O2C DSO | Scheduled | A name far too long for SDF</name>');
		expect(problemsFor({ [SCRIPT_XML]: xml })).toEqual([
			'src/Objects/customscript_o2c_demo_ss.xml: customscript_o2c_demo_ss: its name "O2C DSO | Scheduled | A name far too long for SDF" must have 1 to 40 characters',
		]);
	});

	it('rejects ids without our prefixes', () => {
		const problems = problemsFor({
			[SCRIPT_XML]: fs.readFileSync(path.join(__dirname, 'fixtures', 'script_bad_deploy_prefix.xml'), 'utf8'),
		});
		expect(problems).toContain(
			'src/Objects/customscript_o2c_demo_ss.xml: customscript_o2c_demo_ss: deployment customdeploy_demo_ss must start with customdeploy_o2c_',
		);
	});
});

describe('reading built files', () => {
	it('reads the header tags', () => {
		expect(
			readHeader(
				'/**\n * @NApiVersion 2.1\n * @NScriptType Restlet\n * @NModuleScope SameAccount\n */\ndefine([], function(){});',
			),
		).toEqual({
			apiVersion: '2.1',
			scriptType: 'Restlet',
			moduleScope: 'SameAccount',
		});
		expect(readHeader('define([], function(){}); /** @NApiVersion 2.1 */')).toBeNull();
	});

	it('reads exports written by tsc and by hand', () => {
		expect([...readExports('exports.get = get;\nexports.post = post;\nexports["delete"] = del;')].sort()).toEqual([
			'delete',
			'get',
			'post',
		]);
		expect(
			[...readExports('define([], function () { function a() {} return { execute: a, config: {} }; });')].sort(),
		).toEqual(['config', 'execute']);
	});

	it('counts ids in string literals only', () => {
		const ids = readCustomIds(
			"// custscript_o2c_comment\nconst a = 'custscript_o2c_real'; /* customrecord_o2c_block */ const u = 'https://x/y'; const b = \"custrecord_o2c_x\";",
		);
		expect([...ids].sort()).toEqual(['custrecord_o2c_x', 'custscript_o2c_real']);
	});
});
