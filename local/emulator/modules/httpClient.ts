/**
 * Synchronous HTTP for N/https, as NetSuite's server-side https calls block the script: the
 * request runs in a worker thread while the calling thread waits on Atomics.wait; the worker
 * posts the result on a MessageChannel and notifies, the caller reads it with
 * receiveMessageOnPort. The calling thread's event loop is blocked meanwhile, so a server
 * answering these requests must live in another thread or process.
 *
 * Timeouts (platform §8.4): no connection within connectTimeoutMs (5 s) or no complete response
 * within requestTimeoutMs (45 s) -> TIMEOUT (N/https maps it to SSS_REQUEST_TIME_EXCEEDED).
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'worker_threads';
import type { HttpRequestSpec, HttpResult, SyncHttp } from '../services';

const WORKER_SOURCE = `
'use strict';
const { parentPort } = require('worker_threads');
const http = require('http');
const https = require('https');

function finish(job, result) {
  if (job.done) return;
  job.done = true;
  clearTimeout(job.connectTimer);
  clearTimeout(job.requestTimer);
  try { job.port.postMessage(result); } catch (e) { /* caller gone */ }
  try { job.port.close(); } catch (e) { /* ignore */ }
  const a = new Int32Array(job.sab);
  Atomics.store(a, 0, 1);
  Atomics.notify(a, 0);
}

parentPort.on('message', ({ sab, port, spec }) => {
  const job = { sab, port, done: false, connectTimer: null, requestTimer: null };
  let url;
  try {
    url = new URL(spec.url);
  } catch (e) {
    return finish(job, { ok: false, error: 'INVALID_URL', message: String(e && e.message) });
  }
  const lib = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!lib) return finish(job, { ok: false, error: 'INVALID_URL', message: 'unsupported protocol ' + url.protocol });
  let req;
  try {
    req = lib.request(url, { method: spec.method, headers: spec.headers, agent: false });
  } catch (e) {
    return finish(job, { ok: false, error: 'INVALID_URL', message: String(e && e.message) });
  }
  job.connectTimer = setTimeout(() => {
    finish(job, { ok: false, error: 'TIMEOUT', message: 'no connection within ' + spec.connectTimeoutMs + ' ms' });
    req.destroy();
  }, spec.connectTimeoutMs);
  job.requestTimer = setTimeout(() => {
    finish(job, { ok: false, error: 'TIMEOUT', message: 'no complete response within ' + spec.requestTimeoutMs + ' ms' });
    req.destroy();
  }, spec.requestTimeoutMs);
  req.on('socket', (socket) => {
    const connected = () => clearTimeout(job.connectTimer);
    if (!socket.connecting) connected();
    socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
  });
  req.on('response', (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => {
      const headers = {};
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
        const k = res.rawHeaders[i];
        headers[k] = headers[k] === undefined ? res.rawHeaders[i + 1] : headers[k] + ', ' + res.rawHeaders[i + 1];
      }
      finish(job, { ok: true, code: res.statusCode, headers, body: Buffer.concat(chunks).toString('utf8') });
    });
    res.on('error', (e) => finish(job, { ok: false, error: 'CONNECTION_CLOSED', message: String(e && e.message) }));
  });
  req.on('error', (e) => {
    const code = e && e.code;
    const error =
      code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'UNKNOWN_HOST'
      : /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(String(code)) ? 'INVALID_HOST_CERT'
      : 'CONNECTION_CLOSED';
    finish(job, { ok: false, error, message: String(code || '') + ' ' + String(e && e.message) });
  });
  if (spec.body !== undefined) req.write(spec.body);
  req.end();
});
`;

export class WorkerHttpClient implements SyncHttp {
	private worker: Worker | null = null;

	private ensure(): Worker {
		if (!this.worker) {
			this.worker = new Worker(WORKER_SOURCE, { eval: true });
			this.worker.unref();
			this.worker.on('error', () => {
				this.worker = null;
			});
		}
		return this.worker;
	}

	request(spec: HttpRequestSpec): HttpResult {
		const worker = this.ensure();
		const sab = new SharedArrayBuffer(4);
		const signal = new Int32Array(sab);
		const { port1, port2 } = new MessageChannel();
		try {
			worker.postMessage({ sab, port: port2, spec }, [port2]);
			// the worker enforces both timeouts; this bound only guards against a dead worker
			const limit = spec.connectTimeoutMs + spec.requestTimeoutMs + 10_000;
			const r = Atomics.wait(signal, 0, 0, limit);
			const msg = receiveMessageOnPort(port1);
			if (!msg) {
				return { ok: false, error: 'OTHER', message: `emulator HTTP worker gave no answer (${r})` };
			}
			return msg.message as HttpResult;
		} finally {
			port1.close();
		}
	}

	close(): void {
		if (this.worker) {
			void this.worker.terminate();
			this.worker = null;
		}
	}
}
