/**
 * Writing datasets: buffered synchronous file output, all-or-nothing publication of one or more
 * files (temp file + fsync + rename), and the canonical layout of a dataset JSON file (top-level
 * keys in a fixed order, one list element per line, so that a generated file is byte-stable and
 * diffs readably). Shared by `load.ts` (writeDataset) and `generate.ts` (streamed output).
 */
import * as fs from 'fs';
import * as path from 'path';

/** Buffers text and writes it to a file descriptor in ~1 MB blocks. */
export class BufferedFileWriter {
	private parts: string[] = [];
	private pending = 0;
	private closed = false;
	/** bytes written to the file so far (flushed) */
	bytes = 0;

	constructor(private readonly fd: number) {}

	write(text: string): void {
		this.parts.push(text);
		this.pending += text.length;
		if (this.pending >= 1 << 20) this.flush();
	}

	flush(): void {
		if (this.parts.length === 0) return;
		const buf = Buffer.from(this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join(''), 'utf8');
		this.parts = [];
		this.pending = 0;
		let off = 0;
		while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off);
		this.bytes += buf.length;
	}

	/** Flushes, syncs to disk and closes. */
	close(): void {
		if (this.closed) return;
		this.flush();
		fs.fsyncSync(this.fd);
		this.closed = true;
		fs.closeSync(this.fd);
	}

	/** Closes without flushing (after a failure). */
	discard(): void {
		if (this.closed) return;
		this.closed = true;
		this.parts = [];
		try {
			fs.closeSync(this.fd);
		} catch {
			/* already failing */
		}
	}
}

let tempCounter = 0;

/**
 * A set of files published together: each is written to a temp file in its target directory and
 * renamed over the target only by {@link commit}. {@link abort} removes the temp files, so a
 * failure (exception, full disk) leaves neither partial files nor temp files behind; files that
 * existed before stay as they were.
 */
export class AtomicFiles {
	private readonly entries: { temp: string; target: string; writer: BufferedFileWriter }[] = [];

	/** Opens a temp file for `target`; the directory must exist. */
	create(target: string): BufferedFileWriter {
		const dir = path.dirname(target);
		const temp = path.join(dir, `.${path.basename(target)}.${process.pid}-${++tempCounter}.tmp`);
		const fd = fs.openSync(temp, 'wx');
		const writer = new BufferedFileWriter(fd);
		this.entries.push({ temp, target, writer });
		return writer;
	}

	/** Closes every file and renames them into place in creation order (create the main file last). */
	commit(): void {
		for (const e of this.entries) e.writer.close();
		for (const e of this.entries) fs.renameSync(e.temp, e.target);
		this.entries.length = 0;
	}

	abort(): void {
		for (const e of this.entries) {
			e.writer.discard();
			try {
				fs.unlinkSync(e.temp);
			} catch {
				/* may not exist */
			}
		}
		this.entries.length = 0;
	}
}

/** Top-level keys in the order a dataset file lists them; other keys follow in their own order. */
export const DATASET_KEY_ORDER = [
	'format',
	'account',
	'suggestedAsOf',
	'generator',
	'subsidiaries',
	'terms',
	'customers',
	'transactions',
	'transactionsFile',
	'promises',
	'settings',
];

const LIST_KEYS = new Set(['subsidiaries', 'terms', 'customers', 'transactions', 'promises']);

/** Writes a dataset JSON object key by key, list elements one per line. */
export class DatasetJsonWriter {
	private firstKey = true;
	private listOpen = false;
	private listEmpty = true;

	constructor(private readonly out: { write(text: string): void }) {
		out.write('{');
	}

	private key(name: string): void {
		this.out.write(`${this.firstKey ? '\n' : ',\n'}  ${JSON.stringify(name)}: `);
		this.firstKey = false;
	}

	/** A key with its value on one line (skipped when undefined). */
	value(name: string, value: unknown): void {
		if (value === undefined) return;
		this.key(name);
		this.out.write(JSON.stringify(value));
	}

	beginList(name: string): void {
		this.key(name);
		this.out.write('[');
		this.listOpen = true;
		this.listEmpty = true;
	}

	item(value: unknown): void {
		const text = JSON.stringify(value);
		this.out.write(`${this.listEmpty ? '\n' : ',\n'}    ${text}`);
		this.listEmpty = false;
	}

	endList(): void {
		this.out.write(this.listEmpty ? ']' : '\n  ]');
		this.listOpen = false;
	}

	list(name: string, values: Iterable<unknown> | undefined): void {
		if (values === undefined) return;
		this.beginList(name);
		for (const v of values) this.item(v);
		this.endList();
	}

	end(): void {
		if (this.listOpen) throw new Error('DatasetJsonWriter: list still open');
		this.out.write('\n}\n');
	}
}

/**
 * Writes every key of `ds` in canonical order. `transactionsFile`, when given, replaces the
 * `transactions` list by a reference (the caller writes the NDJSON).
 */
export function writeDatasetObject(
	writer: DatasetJsonWriter,
	ds: Record<string, unknown>,
	transactionsFile?: string,
): void {
	const keys = [...DATASET_KEY_ORDER, ...Object.keys(ds).filter((k) => !DATASET_KEY_ORDER.includes(k))];
	for (const k of keys) {
		if (k === 'transactions' && transactionsFile !== undefined) continue;
		if (k === 'transactionsFile') {
			writer.value(k, transactionsFile ?? ds[k]);
			continue;
		}
		const v = ds[k];
		if (v === undefined) continue;
		if (LIST_KEYS.has(k) && Array.isArray(v)) writer.list(k, v);
		else writer.value(k, v);
	}
}

/** `out/s.json` -> `s.transactions.ndjson` (a name relative to the dataset file's directory). */
export function ndjsonNameFor(datasetPath: string): string {
	const base = path.basename(datasetPath);
	const stem = base.toLowerCase().endsWith('.json') ? base.slice(0, -5) : base;
	return `${stem}.transactions.ndjson`;
}
