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
 * files, the project root): a folder holding one of them is never replaced.
 * @example checkRunFolder('out/run', { keep: [datasetFile, projectRoot] })
 */
export function checkRunFolder(out: string, opts: { keep: readonly { path: string; what: string }[] }): void {
	const target = real(out);
	for (const k of opts.keep) {
		if (within(real(k.path), target)) {
			throw new OutputError(
				`--out ${out} holds ${k.what} (${k.path}); a run replaces its output folder, so it must be a folder of its own, e.g. out/run`,
			);
		}
	}
	if (!fs.existsSync(target)) return;
	const st = fs.statSync(target);
	if (!st.isDirectory())
		throw new OutputError(`--out ${out} is a file; give a folder for the run's report and emails`);
	const entries = fs.readdirSync(target);
	if (entries.length === 0 || entries.includes(RUN_MARK)) return;
	const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, … (${entries.length} entries)` : '');
	throw new OutputError(
		`--out ${out} already holds files a local run did not write (${shown}); nothing was changed. Give a new or empty folder, or one an earlier run wrote.`,
	);
}

/** Writes the mark that lets a later run replace the folder. */
export function markRunFolder(dir: string, info: Record<string, unknown>): void {
	fs.writeFileSync(path.join(dir, RUN_MARK), `${JSON.stringify({ tool: 'o2c-dso local run', ...info })}\n`);
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
