/**
 * `npm run local -- <command>`: runs the local CLI (build/local/local/cli.js), building first when
 * the build is missing or older than any source it is made from (src/TypeScripts, local, the
 * tsconfig files), so a fresh clone or an edited source never runs stale scripts. Plain CommonJS:
 * it must run before anything is compiled. Build output goes to stderr; stdout stays the CLI's.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

/** Latest modification time (ms) of the .ts / .json files under `p` (a file or folder); 0 when absent. */
function newest(p) {
	let st;
	try {
		st = fs.statSync(p);
	} catch {
		return 0;
	}
	if (!st.isDirectory()) return /\.(ts|json)$/.test(p) ? st.mtimeMs : 0;
	let t = 0;
	for (const e of fs.readdirSync(p)) {
		if (e === 'node_modules' || e.startsWith('.')) continue;
		t = Math.max(t, newest(path.join(p, e)));
	}
	return t;
}

/** Why `root` needs a build before the CLI runs ('missing', 'stale'), or null when the build is current. */
function needsBuild(root) {
	const outputs = [
		path.join(root, 'build', 'local', 'local', 'cli.js'),
		path.join(root, 'src', 'FileCabinet', 'SuiteScripts', 'o2c_dso', 'entrypoints'),
	];
	let built = Infinity;
	for (const o of outputs) {
		try {
			built = Math.min(built, fs.statSync(o).mtimeMs);
		} catch {
			return 'missing';
		}
	}
	const sources = [path.join(root, 'src', 'TypeScripts'), path.join(root, 'local')].concat(
		fs
			.readdirSync(root)
			.filter((f) => /^tsconfig.*\.json$/.test(f))
			.map((f) => path.join(root, f)),
	);
	return sources.some((s) => newest(s) > built) ? 'stale' : null;
}

module.exports = { needsBuild };

if (require.main === module) {
	const root = path.resolve(__dirname, '..');
	const why = needsBuild(root);
	if (why !== null) {
		process.stderr.write(
			why === 'missing'
				? 'The build is missing: building first ...\n'
				: 'The sources changed since the last build: building first ...\n',
		);
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const r = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 2, 2] });
		if (r.status !== 0) {
			process.stderr.write('The build failed (see above); nothing was run.\n');
			process.exit(r.status === null ? 1 : r.status);
		}
	}
	require(path.join(root, 'build', 'local', 'local', 'cli.js'));
}
