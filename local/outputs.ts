/**
 * Where the local tools may write (../shared/dataset-format.md §3): a tool never deletes or
 * overwrites what it did not create.
 *
 * - An output **folder** (`run --out`) is replaced only when it does not exist yet, is empty, or
 *   carries the mark an earlier local run left in it (`.o2c-local-run`). Anything else is refused
 *   before any work starts, with a message saying what is there and what to do: a file, the
 *   dataset's folder (or any folder holding the dataset), the project, a folder that holds the
 *   project, a folder with other files.
 * - An output **file** (`generate --out`, `import-csv --out`) may be new, or a dataset file written
 *   earlier (it starts with `{"format":"o2c-dataset/1"`); never a folder, never the tool's input,
 *   never some other existing file. A large dataset's `.ndjson` companion follows the same rule.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The mark file a local run leaves in its output folder. */
export const RUN_MARK = '.o2c-local-run';

export class OutputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'OutputError';
	}
}

/** `inner` is `outer` or lies inside it (both absolute). */
function within(inner: string, outer: string): boolean {
	const rel = path.relative(outer, inner);
	return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A path resolved through symbolic links as far as it exists. */
function real(p: string): string {
	const abs = path.resolve(p);
	try {
		return fs.realpathSync(abs);
	} catch {
		const parent = path.dirname(abs);
		return parent === abs ? abs : path.join(real(parent), path.basename(abs));
	}
}

/**
 * Checks that `out` may become (or be replaced by) a local run's output folder; throws an
 * OutputError naming the problem otherwise. `keep` lists paths that must survive (the dataset
 * files, the project root): a folder holding one of them is never replaced. `label` names the
 * folder in messages (default `--out <out>`).
 * @example checkRunFolder('out/run', { keep: [datasetFile, projectRoot] })
 */
export function checkRunFolder(
	out: string,
	opts: { keep: readonly { path: string; what: string }[]; label?: string },
): void {
	const target = real(out);
	const named = opts.label ?? `--out ${out}`;
	for (const k of opts.keep) {
		if (within(real(k.path), target)) {
			throw new OutputError(
				`${named} holds ${k.what} (${k.path}); a run replaces its output folder, so it must be a folder of its own, e.g. out/run`,
			);
		}
	}
	if (!fs.existsSync(target)) return;
	const st = fs.statSync(target);
	if (!st.isDirectory()) throw new OutputError(`${named} is a file; give a folder for the run's report and emails`);
	const entries = fs.readdirSync(target);
	if (entries.length === 0) return;
	const give = 'Give a new or empty folder, or one an earlier run wrote.';
	if (!entries.includes(RUN_MARK)) {
		const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, … (${entries.length} entries)` : '');
		throw new OutputError(
			`${named} already holds files a local run did not write (${shown}); nothing was changed. ${give}`,
		);
	}
	// a folder a run wrote is replaced only while it holds nothing but what the run wrote
	const written = markedFiles(target);
	if (written === null)
		throw new OutputError(
			`${named} was written by an older local run that did not list its files, so what else it holds is unknown; nothing was changed. Delete it yourself or give another folder.`,
		);
	const foreign = filesUnder(target).filter((f) => f !== RUN_MARK && !written.has(f));
	if (foreign.length > 0) {
		const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, … (${foreign.length} files)` : '');
		throw new OutputError(
			`${named} is a folder an earlier run wrote, but it now also holds files that run did not write (${shown}); nothing was changed. Move them out, or give another folder.`,
		);
	}
}

/** Every file under `dir`, as `/`-separated paths relative to it (a symbolic link counts as a file). */
function filesUnder(dir: string): string[] {
	const out: string[] = [];
	const walk = (rel: string): void => {
		for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
			const r = rel === '' ? e.name : `${rel}/${e.name}`;
			if (e.isDirectory()) walk(r);
			else out.push(r);
		}
	};
	walk('');
	return out.sort();
}

/** The files a run's mark lists (null: no readable list). */
function markedFiles(dir: string): Set<string> | null {
	try {
		const mark = JSON.parse(fs.readFileSync(path.join(dir, RUN_MARK), 'utf8')) as { files?: unknown };
		return Array.isArray(mark.files) && mark.files.every((f) => typeof f === 'string') ? new Set(mark.files) : null;
	} catch {
		return null;
	}
}

/**
 * Writes the mark that lets a later run replace the folder: it lists every file the run wrote
 * there, so that a file someone adds later keeps the folder from being replaced.
 */
export function markRunFolder(dir: string, info: Record<string, unknown>): void {
	const files = filesUnder(dir).filter((f) => f !== RUN_MARK);
	fs.writeFileSync(
		path.join(dir, RUN_MARK),
		`${JSON.stringify({ tool: 'o2c-dso local run', ...info, files }, null, 1)}\n`,
	);
}

/** Adds files written after the mark (serve's serve.json) to its list. */
export function addToRunMark(dir: string, files: readonly string[]): void {
	const file = path.join(dir, RUN_MARK);
	const mark = JSON.parse(fs.readFileSync(file, 'utf8')) as { files?: string[] };
	mark.files = [...new Set([...(mark.files ?? []), ...files])].sort();
	fs.writeFileSync(file, `${JSON.stringify(mark, null, 1)}\n`);
}

/** Whether an existing file is a dataset this project's tools wrote (so it may be written again). */
function isDatasetFile(file: string): boolean {
	const fd = fs.openSync(file, 'r');
	try {
		const buf = Buffer.alloc(64);
		const n = fs.readSync(fd, buf, 0, buf.length, 0);
		const head = buf.subarray(0, n).toString('utf8').replace(/\s+/g, '');
		return head.startsWith('{"format":"o2c-dataset/');
	} finally {
		fs.closeSync(fd);
	}
}

/** Whether an existing file is an `.ndjson` companion this project wrote (one transaction object per line). */
function isTransactionsFile(file: string): boolean {
	const fd = fs.openSync(file, 'r');
	try {
		const buf = Buffer.alloc(256);
		const n = fs.readSync(fd, buf, 0, buf.length, 0);
		const head = buf.subarray(0, n).toString('utf8');
		return n === 0 || /^\{"id":\d+,"type":"/.test(head);
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * Checks that a dataset may be written to `file` (and, for an L dataset, its `.ndjson` companion);
 * `inputs` are the files the tool reads, never overwritten.
 * @example checkDatasetFile('out/m.json', { inputs: [] })
 */
export function checkDatasetFile(
	file: string,
	opts: { inputs: readonly string[]; companion?: string; flag?: string },
): void {
	const flag = opts.flag ?? '--out';
	const target = real(file);
	for (const input of opts.inputs) {
		if (real(input) === target)
			throw new OutputError(`${flag} ${file} is the input file; write the dataset elsewhere`);
	}
	if (fs.existsSync(target)) {
		if (fs.statSync(target).isDirectory())
			throw new OutputError(
				`${flag} ${file} is a folder; give a file name, e.g. ${path.join(file, 'dataset.json')}`,
			);
		if (!isDatasetFile(target))
			throw new OutputError(`${flag} ${file} exists and is not a dataset this tool wrote; nothing was changed`);
	}
	if (opts.companion !== undefined) {
		const c = path.join(path.dirname(target), opts.companion);
		for (const input of opts.inputs) {
			if (real(input) === real(c)) throw new OutputError(`the transactions file ${c} would overwrite the input`);
		}
		if (fs.existsSync(c) && (fs.statSync(c).isDirectory() || !isTransactionsFile(c)))
			throw new OutputError(
				`${c} (the dataset's transactions file) exists and was not written by this tool; nothing was changed`,
			);
	}
}
