/**
 * The local CLI never loses data (issue 14; ../shared/dataset-format.md §3: "`--out` is a folder
 * that does not exist yet, an empty folder, or a folder an earlier local run wrote (it marks its
 * folders); anything else (a file, the dataset's folder, the project, a folder holding other
 * files) is refused with a message, and nothing is deleted"), says when a fired alert's email did
 * not go out, warns about an as-of date outside the data, explains every command with --help and
 * builds before running when the build is stale. Needs the build (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_AS_OF, generateDataset } from '../../local/data/generate';
import { writeDataset } from '../../local/data/load';
import { asOfWarnings } from '../../local/run';
import { addToRunMark, checkRunFolder, markRunFolder, OutputError, RUN_MARK } from '../../local/outputs';
import { storyHint } from '../../local/storyHint';
import type { Dataset } from '../../local/data/dataset';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'build', 'local', 'local', 'cli.js');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
	return spawnSync('node', [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
}

/** Every file under `dir` with the hash of its content (what "nothing changed" means). */
function snapshot(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (d: string): void => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walk(p);
			else out[path.relative(dir, p)] = crypto.createHash('sha1').update(fs.readFileSync(p)).digest('hex');
		}
	};
	walk(dir);
	return out;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-safety-'));
const ds = generateDataset({ size: 'S' });
const dataDir = path.join(dir, 'data');
const dataFile = path.join(dataDir, 'dataset.json');
fs.mkdirSync(dataDir);
writeDataset(ds, dataFile);
afterAll(() => {
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('run --out deletes nothing it did not write', () => {
	const refused = (out: string, message: RegExp): void => {
		const before = snapshot(dir);
		const r = cli('run', '--data', dataFile, '--as-of', DEFAULT_AS_OF, '--out', out);
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(message);
		expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
		expect(snapshot(dir)).toEqual(before);
	};

	it('an existing file', () => {
		const file = path.join(dir, 'notes.txt');
		fs.writeFileSync(file, 'keep me');
		refused(file, /--out .*notes\.txt is a file/);
	});

	it("the dataset's folder, and a folder holding it", () => {
		refused(dataDir, /holds the dataset's folder/);
		refused(dir, /holds the dataset's folder/);
	});

	it('a non-empty folder a run did not write', () => {
		const foreign = path.join(dir, 'foreign');
		fs.mkdirSync(path.join(foreign, 'sub'), { recursive: true });
		fs.writeFileSync(path.join(foreign, 'sub', 'report.json'), '{"mine": true}');
		refused(foreign, /already holds files a local run did not write \(sub\); nothing was changed/);
	});

	it('the project root (checked without running first, then through the CLI)', () => {
		// the unit check must refuse before the CLI is pointed at the checkout
		expect(() => {
			checkRunFolder(ROOT, { keep: [{ path: ROOT, what: 'the project' }] });
		}).toThrow(OutputError);
		const gitHead = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
		const r = cli('run', '--data', dataFile, '--as-of', DEFAULT_AS_OF, '--out', '.');
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/--out \. holds the project/);
		expect(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).toBe(gitHead);
		expect(fs.existsSync(path.join(ROOT, 'src', 'Objects'))).toBe(true);
	});

	it('a new folder is written and marked; a second run replaces what the first wrote, and only that', () => {
		const out = path.join(dir, 'runs', 'one');
		const first = cli('run', '--data', dataFile, '--as-of', DEFAULT_AS_OF, '--out', out);
		expect(first.status).toBe(0);
		expect(fs.readdirSync(out).sort()).toEqual([RUN_MARK, 'collections', 'emails', 'portlets', 'report.json']);
		fs.writeFileSync(path.join(out, 'report.json'), 'stale');
		const second = cli('run', '--data', dataFile, '--as-of', DEFAULT_AS_OF, '--out', out);
		expect(second.status).toBe(0);
		expect(fs.readFileSync(path.join(out, 'report.json'), 'utf8')).toContain('"format": "o2c-report/1"');
		expect(fs.readdirSync(path.join(dir, 'runs'))).toEqual(['one']); // no staging or backup folder left
	});

	it('a folder an earlier run wrote, holding a file added since: refused, and the file kept', () => {
		const out = path.join(dir, 'runs', 'one'); // written by the test above
		fs.writeFileSync(path.join(out, 'emails', 'my-notes.txt'), 'notes on the alert');
		refused(out, /earlier run wrote, but it now also holds files that run did not write \(emails\/my-notes\.txt\)/);
		expect(fs.readFileSync(path.join(out, 'emails', 'my-notes.txt'), 'utf8')).toBe('notes on the alert');
	});

	it('a mark without the list of what the run wrote (an older run, or a copied mark file) is not trusted', () => {
		const forged = path.join(dir, 'forged');
		fs.mkdirSync(forged);
		fs.writeFileSync(path.join(forged, RUN_MARK), '{"tool": "o2c-dso local run"}\n');
		fs.writeFileSync(path.join(forged, 'thesis.docx'), 'years of work');
		expect(() => {
			checkRunFolder(forged, { keep: [] });
		}).toThrow(/older local run that did not list its files/);
	});

	it("npm run screenshots' folder (named by its label): refused while it holds a file it did not write, replaced once it is gone", () => {
		const shots = path.join(dir, 'screenshots');
		fs.mkdirSync(shots);
		fs.writeFileSync(path.join(shots, 'dashboard.png'), 'png');
		markRunFolder(shots, { tool: 'o2c-dso screenshots' });
		fs.writeFileSync(path.join(shots, 'my-crop.png'), 'mine');
		expect(() => {
			checkRunFolder(shots, { keep: [], label: 'out/screenshots' });
		}).toThrow(
			/^out\/screenshots is a folder an earlier run wrote, but it now also holds files that run did not write \(my-crop\.png\)/,
		);
		fs.rmSync(path.join(shots, 'my-crop.png'));
		expect(() => {
			checkRunFolder(shots, { keep: [], label: 'out/screenshots' });
		}).not.toThrow();
	});

	it("serve's files (serve.json) join the mark, so a served folder can be run again", () => {
		const served = path.join(dir, 'served');
		fs.mkdirSync(path.join(served, 'emails'), { recursive: true });
		fs.writeFileSync(path.join(served, 'report.json'), '{}');
		fs.writeFileSync(path.join(served, 'emails', '001-alert.eml'), 'x');
		markRunFolder(served, { asOf: DEFAULT_AS_OF });
		fs.writeFileSync(path.join(served, 'serve.json'), '{}');
		expect(() => {
			checkRunFolder(served, { keep: [] });
		}).toThrow(/\(serve\.json\)/);
		addToRunMark(served, ['serve.json']);
		expect(() => {
			checkRunFolder(served, { keep: [] });
		}).not.toThrow();
		const mark = JSON.parse(fs.readFileSync(path.join(served, RUN_MARK), 'utf8')) as { files: string[] };
		expect(mark.files).toEqual(['emails/001-alert.eml', 'report.json', 'serve.json']);
	});
});

describe('generate and import-csv never overwrite what they did not write', () => {
	it('--out a folder: a clear message, no stack trace, nothing written', () => {
		const before = snapshot(dir);
		const r = cli('generate', '--size', 'S', '--out', dataDir);
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/--out .*data is a folder; give a file name/);
		expect(r.stderr).not.toMatch(/\n\s+at /);
		expect(snapshot(dir)).toEqual(before);
	});

	it('--out an existing file that is not a dataset, or the input CSV itself', () => {
		const csv = path.join(dir, 'history.csv');
		fs.writeFileSync(csv, 'a,b\n1,2\n');
		const before = snapshot(dir);
		const self = cli('import-csv', csv, '--out', csv);
		expect(self.status).toBe(1);
		expect(self.stderr).toMatch(/is the input file/);
		const other = cli('generate', '--size', 'S', '--out', csv);
		expect(other.status).toBe(1);
		expect(other.stderr).toMatch(/exists and is not a dataset this tool wrote; nothing was changed/);
		expect(snapshot(dir)).toEqual(before);
	});
});

describe('a fired alert whose email did not go out', () => {
	it('is said on the terminal and in the exit status (3)', () => {
		const noRecipients = JSON.parse(JSON.stringify(ds)) as Dataset;
		for (const a of noRecipients.settings?.alerts ?? []) a.recipients = {};
		const file = path.join(dir, 'no-recipients', 'dataset.json');
		fs.mkdirSync(path.dirname(file));
		writeDataset(noRecipients, file);
		const r = cli('run', '--data', file, '--as-of', DEFAULT_AS_OF, '--out', path.join(dir, 'no-recipients-run'));
		expect(r.status).toBe(3);
		expect(r.stderr).toMatch(
			/ALERT NOT SENT: the DSO alert fired for .* but its email status is config-error: the alert setting names neither an AR clerk nor a controller address/,
		);
	});
});

describe('an as-of date outside the data warns in words', () => {
	it('before the first and after the last transaction', () => {
		const dates = ds.transactions.map((t) => t.tranDate).sort();
		const first = dates[0] as string;
		const last = dates[dates.length - 1] as string;
		expect(asOfWarnings(ds, '2020-01-01')).toEqual([
			`--as-of 2020-01-01 is before the dataset's first transaction (${first}): the account holds nothing yet, so every figure is zero and no alert can fire`,
		]);
		expect(asOfWarnings(ds, '2030-01-01')[0]).toMatch(
			new RegExp(`^--as-of 2030-01-01 is after the dataset's last transaction \\(${last}\\)`),
		);
		expect(asOfWarnings(ds, DEFAULT_AS_OF)).toEqual([]);
	});
});

describe('--help on every command, and the generator hint', () => {
	it.each(['start', 'run', 'generate', 'import-csv', 'validate'])('%s --help', (command) => {
		const r = cli(command, '--help');
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(command === 'start' ? /^npm start\n/ : new RegExp(`^npm run local -- ${command} `));
	});

	it('the hint says the alert fires only when it will: a January as-of date is in the suppress window', () => {
		const story = {
			subsidiary: 1,
			subsidiaryName: 'US',
			customer: 7,
			customerName: 'Big Co',
			stopDate: '2025-11-20',
			holdDate: '',
		};
		const settings = ds.settings ?? {};
		expect(storyHint(story, settings, '2026-05-04')).toMatch(/run it at 2026-05-04 to see the DSO alert fire\.$/);
		expect(storyHint(story, settings, '2026-01-20')).toMatch(
			/seasonality calendar suppresses the DSO alert then \(01-01 to 01-31: .*\): a run at 2026-01-20 records the reason "seasonality"/,
		);
	});
});

describe('npm run local builds first when the build is missing or older than the sources', () => {
	// local/launch.js decides; a temporary tree stands in for the checkout so nothing is rebuilt here
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the launcher is plain CommonJS (it runs before any build)
	const { needsBuild } = require('../../local/launch.js') as { needsBuild: (root: string) => string | null };
	it('missing, current, stale', () => {
		const root = fs.mkdtempSync(path.join(dir, 'tree-'));
		const src = path.join(root, 'src', 'TypeScripts', 'a.ts');
		fs.mkdirSync(path.dirname(src), { recursive: true });
		fs.mkdirSync(path.join(root, 'local'));
		fs.writeFileSync(src, 'export {};');
		expect(needsBuild(root)).toBe('missing');
		const cliJs = path.join(root, 'build', 'local', 'local', 'cli.js');
		const entry = path.join(root, 'src', 'FileCabinet', 'SuiteScripts', 'o2c_dso', 'entrypoints');
		fs.mkdirSync(path.dirname(cliJs), { recursive: true });
		fs.mkdirSync(entry, { recursive: true });
		fs.writeFileSync(cliJs, '');
		const t = Date.now() / 1000;
		fs.utimesSync(src, t - 100, t - 100);
		fs.utimesSync(cliJs, t - 50, t - 50);
		fs.utimesSync(entry, t - 50, t - 50);
		expect(needsBuild(root)).toBeNull();
		fs.utimesSync(src, t, t);
		expect(needsBuild(root)).toBe('stale');
	});
});
