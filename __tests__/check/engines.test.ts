/**
 * The Node versions the install really needs (issue 14: "a dependency asks for Node >= 22.12").
 * npm reads each installed package's `engines.node` and warns EBADENGINE when the running Node is
 * outside it. package.json's `engines.node` is the promise for install + `npm test`: every package
 * the tests and the build use must accept every Node version in it. The SuiteCloud CLI (deploying
 * only) is held to the narrower deploy range the README states: Oracle's prerequisite is "Node.js
 * version 22 LTS" (help, "SuiteCloud CLI for Node.js Installation Prerequisites", section_1558708810)
 * and its commander 15 asks >= 22.12, its @inquirer packages ^22.13 on the 22 line.
 * Read from package-lock.json and node_modules: no registry.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { satisfies } from 'semver';

const ROOT = path.join(__dirname, '..', '..');
const CLI = '@oracle/suitecloud-cli';
/** Node versions `npm run deploy` (the SuiteCloud CLI) runs on, as the README states them. */
const DEPLOY_NODE = '^22.13.0 || >=24';

interface LockPackage {
	version?: string;
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	engines?: { node?: string } | string[];
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as LockPackage & {
	engines?: { node?: string };
};
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
	packages: Record<string, LockPackage>;
};

/** Where node would find `name` from the package installed at `from` (a lockfile key). */
function resolve(from: string, name: string): string | null {
	let base = from;
	for (;;) {
		const key = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
		if (key in lock.packages) return key;
		if (base === '') return null;
		const i = base.lastIndexOf('/node_modules/');
		base = i < 0 ? '' : base.slice(0, i);
	}
}

/** Every installed package reachable from `roots` (lockfile keys). */
function reachable(roots: readonly string[]): Set<string> {
	const seen = new Set<string>();
	const todo = [...roots];
	for (let key = todo.pop(); key !== undefined; key = todo.pop()) {
		if (seen.has(key)) continue;
		seen.add(key);
		const p = lock.packages[key] ?? {};
		for (const deps of [p.dependencies, p.optionalDependencies, p.peerDependencies]) {
			for (const name of Object.keys(deps ?? {})) {
				const k = resolve(key, name);
				if (k !== null) todo.push(k);
			}
		}
	}
	return seen;
}

/** Node versions 18.0.0 … 26.99.0 (every minor up to 40, and a late one) that `range` allows. */
function versionsIn(range: string): string[] {
	const out: string[] = [];
	for (let major = 18; major <= 26; major++)
		for (const minor of [...Array.from({ length: 41 }, (_, i) => i), 99]) {
			const v = `${String(major)}.${String(minor)}.0`;
			if (satisfies(v, range)) out.push(v);
		}
	return out;
}

/** `name@version needs X` for each package in `keys` that refuses one of `versions`. */
function refusing(keys: Iterable<string>, versions: readonly string[]): string[] {
	const out: string[] = [];
	for (const key of keys) {
		const p = lock.packages[key];
		const need = p?.engines !== undefined && !Array.isArray(p.engines) ? p.engines.node : undefined;
		if (need === undefined) continue;
		const bad = versions.filter((v) => !satisfies(v, need));
		if (bad.length > 0)
			out.push(
				`${key.replace(/^.*node_modules\//, '')}@${String(p?.version)} needs ${need} (not ${bad[0] ?? ''})`,
			);
	}
	return out;
}

const direct = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
const toolchain = reachable(direct.filter((n) => n !== CLI).map((n) => `node_modules/${n}`));
const cliOnly = [...reachable([`node_modules/${CLI}`])].filter((k) => !toolchain.has(k));

describe('Node versions (package.json engines, README "Quick start")', () => {
	const testNode = pkg.engines?.node ?? '';

	it('package.json states the Node versions install and npm test need, and the Node 20 that CI runs is one', () => {
		expect(testNode).toBe('^20.19.0 || ^22.13.0 || >=24');
		expect(satisfies('20.20.2', testNode)).toBe(true);
		expect(satisfies('23.11.0', testNode)).toBe(false); // eslint-visitor-keys 5: ^20.19 || ^22.13 || >=24
	});

	it('every package the build, lint and tests load accepts every Node version package.json allows', () => {
		expect(toolchain.size).toBeGreaterThan(100); // the walk found the tree (jest, eslint, typescript, ...)
		expect(refusing(toolchain, versionsIn(testNode))).toEqual([]);
	});

	it('the SuiteCloud CLI alone asks for more: Node 22.13+ or 24+, as the README says; Node 20 gets its EBADENGINE warning', () => {
		expect(cliOnly).toEqual(expect.arrayContaining(['node_modules/commander']));
		expect(refusing(cliOnly, versionsIn(DEPLOY_NODE))).toEqual([]);
		// what makes deploying on Node 20 unsupported (and npm ci warn), named so a later upgrade shows here
		expect(refusing(cliOnly, ['20.20.0'])).toEqual(['commander@15.0.0 needs >=22.12.0 (not 20.20.0)']);
		const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		expect(readme).toContain(`\`${testNode}\``);
		expect(readme).toContain(`\`${DEPLOY_NODE}\``);
	});
});
