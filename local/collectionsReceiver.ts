/**
 * The local collections endpoint (../shared/dataset-format.md §4): an HTTP server on 127.0.0.1 that
 * answers the push and appends every request to an NDJSON file (headers other than Authorization,
 * the body, the answer). It runs in a child process, because N/https in the emulator blocks the
 * run's thread while it waits for the answer (emulator README, N/https).
 *
 *   node build/local/local/collectionsReceiver.js <file.ndjson> [ok|flaky|unavailable|reject]
 *   → prints `{"port": n}` on its first stdout line, serves until killed.
 *
 * Like the calling system the OpenAPI document describes (docs/openapi/collections.yaml), it
 * processes each `Idempotency-Key` once: a key it has already accepted is answered 200 again with
 * `"duplicate": true` and not processed twice. Each line says whether the request was `processed`.
 * The `Authorization` header is compared with the expected token (environment variable
 * O2C_COLLECTIONS_TOKEN) and only the verdict is written (`authorization`: valid, invalid, missing).
 *
 * Mode `flaky` (the retry tests, and a demo of retries): of every 15 POSTs, the 2nd is accepted and
 * answered 500, the 5th answered 503 before it is accepted, the 8th 429 with `Retry-After: 120`, the
 * 11th has its connection dropped, the 14th never answered (the client times out): a third fail.
 * Mode `unavailable`: every POST answered 503 (dead letters after the maximum attempts). Mode
 * `reject`: every POST answered 422 with an error body that echoes the Authorization header it got
 * (as careless servers do: the push must not keep that on its records).
 * HEAD (the push's reachability check) is answered 204 in every mode (401 with a wrong token).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

export type ReceiverMode = 'ok' | 'flaky' | 'unavailable' | 'reject';

export interface ReceivedLine {
	seq: number;
	method: string;
	path: string;
	headers: Record<string, string>;
	authorization: 'valid' | 'invalid' | 'missing';
	body: unknown;
	/** what the receiver did: the status it answered, or `dropped` / `no-answer` */
	answer: number | 'dropped' | 'no-answer';
	/** true when this request's payload was taken in (first time its key was accepted) */
	processed: boolean;
	duplicate: boolean;
}

type Failure = 'accept-then-500' | '503' | '429' | 'drop' | 'stall' | null;

/** The failure of the n-th POST (1-based) in flaky mode. @example flakyFailure(2) // 'accept-then-500' */
export function flakyFailure(n: number): Failure {
	switch (n % 15) {
		case 2:
			return 'accept-then-500';
		case 5:
			return '503';
		case 8:
			return '429';
		case 11:
			return 'drop';
		case 14:
			return 'stall';
		default:
			return null;
	}
}

export function startReceiver(file: string, mode: ReceiverMode, expectedToken: string | undefined): http.Server {
	const accepted = new Set<string>();
	let seq = 0;
	let posts = 0;
	const write = (line: ReceivedLine): void => {
		fs.appendFileSync(file, JSON.stringify(line) + '\n');
	};
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			seq++;
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(req.headers)) {
				if (k === 'authorization' || v === undefined) continue;
				headers[k] = Array.isArray(v) ? v.join(', ') : v;
			}
			const auth = req.headers.authorization;
			const authorization: ReceivedLine['authorization'] =
				auth === undefined
					? 'missing'
					: expectedToken !== undefined && auth === `Bearer ${expectedToken}`
						? 'valid'
						: 'invalid';
			const text = Buffer.concat(chunks).toString('utf8');
			let body: unknown = text;
			try {
				body = text === '' ? null : JSON.parse(text);
			} catch {
				/* kept as text */
			}
			const line: ReceivedLine = {
				seq,
				method: req.method ?? '',
				path: req.url ?? '',
				headers,
				authorization,
				body,
				answer: 200,
				processed: false,
				duplicate: false,
			};
			if (req.method === 'HEAD') {
				// the push's reachability check: the credential is checked, nothing is processed
				line.answer = authorization !== 'valid' && expectedToken !== undefined ? 401 : 204;
				write(line);
				res.writeHead(line.answer).end();
				return;
			}
			const answer = (code: number, payload: object, extra: Record<string, string> = {}): void => {
				line.answer = code;
				write(line);
				res.writeHead(code, { 'Content-Type': 'application/json', ...extra }).end(JSON.stringify(payload));
			};
			if (req.method !== 'POST') {
				answer(405, { error: 'only POST' });
				return;
			}
			if (authorization !== 'valid' && expectedToken !== undefined) {
				answer(401, { error: 'missing or invalid bearer token' });
				return;
			}
			const key = headers['idempotency-key'];
			if (key === undefined || key === '') {
				answer(400, { error: 'Idempotency-Key header required' });
				return;
			}
			posts++;
			if (mode === 'unavailable') {
				answer(503, { error: 'unavailable' });
				return;
			}
			if (mode === 'reject') {
				answer(422, { error: 'customer unknown', received_authorization: auth ?? '' });
				return;
			}
			const failure = mode === 'flaky' ? flakyFailure(posts) : null;
			if (failure === '503') {
				answer(503, { error: 'unavailable' });
				return;
			}
			if (failure === '429') {
				answer(429, { error: 'slow down' }, { 'Retry-After': '120' });
				return;
			}
			if (failure === 'drop') {
				line.answer = 'dropped';
				write(line);
				req.socket.destroy();
				return;
			}
			if (failure === 'stall') {
				line.answer = 'no-answer';
				write(line);
				return; // the client's timeout ends it
			}
			line.duplicate = accepted.has(key);
			if (!line.duplicate) {
				accepted.add(key);
				line.processed = true;
			}
			if (failure === 'accept-then-500') {
				answer(500, { error: 'internal error after accepting' });
				return;
			}
			answer(200, line.duplicate ? { status: 'accepted', duplicate: true } : { status: 'accepted' });
		});
	});
	return server;
}

if (require.main === module) {
	const [file, modeArg] = process.argv.slice(2);
	if (file === undefined) {
		process.stderr.write('usage: collectionsReceiver.js <file.ndjson> [ok|flaky|unavailable|reject]\n');
		process.exit(2);
	}
	const modes: readonly string[] = ['ok', 'flaky', 'unavailable', 'reject'];
	const mode = (modes.includes(modeArg ?? '') ? modeArg : 'ok') as ReceiverMode;
	const server = startReceiver(file, mode, process.env.O2C_COLLECTIONS_TOKEN);
	server.listen(0, '127.0.0.1', () => {
		const addr = server.address();
		const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
		process.stdout.write(JSON.stringify({ port }) + '\n');
	});
}

/** The built receiver script (tests run the TypeScript sources; the child runs the build). */
export function receiverScript(): string {
	return __filename.endsWith('.ts')
		? path.join(__dirname, '..', 'build', 'local', 'local', 'collectionsReceiver.js')
		: __filename;
}

export interface RunningReceiver {
	readonly url: string;
	readonly file: string;
	stop(): void;
}

/**
 * Starts the receiver in a child process writing to `file`; `token` is the bearer token it expects.
 * @example const r = await spawnReceiver('/tmp/out/collections/received.ndjson', 'ok', token)
 */
export function spawnReceiver(file: string, mode: ReceiverMode, token: string): Promise<RunningReceiver> {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [receiverScript(), file, mode], {
			stdio: ['ignore', 'pipe', 'inherit'],
			env: { ...process.env, O2C_COLLECTIONS_TOKEN: token },
		});
		child.once('error', reject);
		child.once('exit', (code) => {
			reject(new Error(`the collections receiver exited (${String(code)}) before it listened`));
		});
		child.stdout.once('data', (d: Buffer) => {
			const { port } = JSON.parse(String(d).split('\n')[0] ?? '{}') as { port: number };
			child.removeAllListeners('exit');
			resolve({
				url: `http://127.0.0.1:${String(port)}/v1/collections/push`,
				file,
				stop: () => child.kill('SIGKILL'),
			});
		});
	});
}

/** The lines a receiver wrote (none when the file does not exist). */
export function readReceived(file: string): ReceivedLine[] {
	if (!fs.existsSync(file)) return [];
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((l) => l.trim() !== '')
		.map((l) => JSON.parse(l) as ReceivedLine);
}
