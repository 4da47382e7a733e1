/**
 * N/https: real requests made synchronously (the script blocks, as in NetSuite), 10 units each,
 * ClientResponse {code, body, headers}, and NetSuite's error codes for timeouts (5 s to connect,
 * 45 s for the request -> SSS_REQUEST_TIME_EXCEEDED; short injected timeouts here) and refused
 * connections. The servers run in child processes: the emulator blocks this process's thread.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import { newEmulator, probe } from './helpers';

const SERVER = path.join(__dirname, 'fixtures', 'http-server.js');
const children: ChildProcess[] = [];

function startServer(mode?: 'stall'): Promise<number> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, mode ? [SERVER, mode] : [SERVER], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		children.push(child);
		child.once('error', reject);
		child.stdout.once('data', (d: Buffer) => {
			resolve(Number(String(d).trim()));
		});
	});
}

afterAll(() => {
	for (const c of children) c.kill('SIGKILL');
});

describe('N/https against a local server', () => {
	let base: string;
	beforeAll(async () => {
		base = `http://127.0.0.1:${await startServer()}`;
	});

	test('get / post (string and object bodies) / request: code, body, headers; non-2xx is a response; 10 units each', () => {
		const emu = newEmulator();
		const r = probe(emu, 'https', { custscript_t_url: base });
		expect(r.code).toBe(200);
		expect(r.body).toBe('hello GET /hello?x=1');
		expect(r.headers['X-Reply']).toBe('yes');
		expect(r.headers['X-Saw-Probe']).toBe('yes');
		expect(r.post).toEqual({ method: 'POST', contentType: 'application/json', body: '{"a":1}' });
		expect(r.form).toEqual({ method: 'POST', contentType: 'application/x-www-form-urlencoded', body: 'a=b+c&n=2' });
		expect(r.nf).toBe(404);
		expect(r.remaining).toBe(10000 - 4 * 10);
		expect(r.promise.name).toBe('EMULATOR_UNSUPPORTED');
		emu.close();
	});

	test('no complete response within the request timeout -> SSS_REQUEST_TIME_EXCEEDED (units still charged)', () => {
		const emu = newEmulator({ https: { connectTimeoutMs: 5000, requestTimeoutMs: 300 } });
		const r = probe(emu, 'httpsFail', { custscript_t_url: `${base}/slow` });
		expect(r.err.name).toBe('SSS_REQUEST_TIME_EXCEEDED');
		expect(r.err.message).toContain('no complete response within 300 ms');
		expect(r.remaining).toBe(9990);
		emu.close();
	});

	test('a refused connection -> SSS_CONNECTION_CLOSED', async () => {
		const port = await new Promise<number>((resolve) => {
			const s = net.createServer();
			s.listen(0, '127.0.0.1', () => {
				const p = (s.address() as net.AddressInfo).port;
				s.close(() => {
					resolve(p);
				});
			});
		});
		const emu = newEmulator();
		const r = probe(emu, 'httpsFail', { custscript_t_url: `http://127.0.0.1:${port}` });
		expect(r.err.name).toBe('SSS_CONNECTION_CLOSED');
		emu.close();
	});

	test('a malformed URL -> SSS_INVALID_URL without a request or units', () => {
		const emu = newEmulator();
		const r = probe(emu, 'httpsFail', { custscript_t_url: 'ftp://127.0.0.1/x' });
		expect(r.err.name).toBe('SSS_INVALID_URL');
		expect(r.remaining).toBe(10000);
	});
});

describe('connect timeout', () => {
	test('no connection within the connect timeout -> SSS_REQUEST_TIME_EXCEEDED', async () => {
		const port = await startServer('stall');
		// once the server has stopped accepting, fill its accept queue (backlog 1) so that further
		// connections stay pending
		await new Promise((r) => setTimeout(r, 200));
		const fillers = Array.from({ length: 4 }, () => net.connect(port, '127.0.0.1').on('error', () => undefined));
		await new Promise((r) => setTimeout(r, 200));
		const emu = newEmulator({ https: { connectTimeoutMs: 200, requestTimeoutMs: 3000 } });
		try {
			const r = probe(emu, 'httpsFail', { custscript_t_url: `http://127.0.0.1:${port}/` });
			expect(r.err.name).toBe('SSS_REQUEST_TIME_EXCEEDED');
			expect(r.err.message).toContain('no connection within 200 ms');
		} finally {
			for (const f of fillers) f.destroy();
			emu.close();
		}
	});
});
