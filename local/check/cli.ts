/** `node build/local/local/check/cli.js [repoRoot]`: the offline SDF project check (part of npm test). */
import * as path from 'node:path';
import { checkProject } from './projectCheck';

const repoRoot = path.resolve(process.argv[2] ?? '.');
const { problems, checked } = checkProject(repoRoot);
if (problems.length > 0) {
	console.error(`SDF project check: ${problems.length} problem(s)`);
	for (const p of problems) console.error(`  - ${p}`);
	process.exit(1);
}
console.log(
	`SDF project check: ok (${checked.objects} objects, ${checked.scripts} scripts, ${checked.builtFiles} built files)`,
);
