/**
 * The layer rules of docs/ARCHITECTURE.md, checked on the sources so that a slip fails the build:
 * the domain core and the use cases never touch NetSuite or the clock, and entry points stay thin.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', 'src', 'TypeScripts', 'o2c_dso');

function sources(layer: string): { file: string; text: string }[] {
	const dir = path.join(ROOT, layer);
	if (!fs.existsSync(dir)) return [];
	const out: { file: string; text: string }[] = [];
	const walk = (d: string): void => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walk(p);
			else if (e.name.endsWith('.ts'))
				out.push({ file: path.relative(ROOT, p), text: fs.readFileSync(p, 'utf8') });
		}
	};
	walk(dir);
	return out;
}

/** Module specifiers of import/export-from statements and require() calls. */
function imports(text: string): string[] {
	const specs: string[] = [];
	for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g)) specs.push(m[1] as string);
	for (const m of text.matchAll(/import\s+['"]([^'"]+)['"]/g)) specs.push(m[1] as string);
	for (const m of text.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1] as string);
	return specs;
}

/** Code without comments, so prose about `new Date()` does not count. */
function code(text: string): string {
	return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('layer rules', () => {
	const domain = sources('domain');
	const app = sources('app');
	const entrypoints = sources('entrypoints');

	it('has a domain core to check', () => {
		expect(domain.length).toBeGreaterThan(5);
	});

	it.each([...domain, ...app].map((s) => [s.file, s] as const))(
		'%s imports no N/* module and no adapter or entry point',
		(_f, s) => {
			const bad = imports(s.text).filter(
				(spec) => spec === 'N' || spec.startsWith('N/') || /(^|\/)(adapters|entrypoints)\//.test(spec),
			);
			expect(bad).toEqual([]);
		},
	);

	it.each(domain.map((s) => [s.file, s] as const))('%s imports nothing outside the domain', (_f, s) => {
		const domainDir = path.join(ROOT, 'domain');
		const bad = imports(s.text).filter((spec) => {
			if (!spec.startsWith('./') && !spec.startsWith('../')) return true;
			const target = path.resolve(path.dirname(path.join(ROOT, s.file)), spec);
			return !target.startsWith(`${domainDir}${path.sep}`);
		});
		expect(bad).toEqual([]);
	});

	it.each([...domain, ...app].map((s) => [s.file, s] as const))('%s never reads the clock', (_f, s) => {
		const c = code(s.text);
		expect(c).not.toMatch(/Date\.now\s*\(/);
		expect(c).not.toMatch(/new Date\s*\(\s*\)/);
	});

	it.each(entrypoints.map((s) => [s.file, s] as const))('%s is a thin entry point', (_f, s) => {
		const lines = code(s.text)
			.split('\n')
			.filter((l) => l.trim() !== '');
		expect(lines.length).toBeLessThanOrEqual(60);
		expect(s.text).toMatch(/^\/\*\*[\s\S]*?@NApiVersion 2\.1[\s\S]*?@NScriptType \w+[\s\S]*?\*\/\n\n/);
	});
});
