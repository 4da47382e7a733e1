/**
 * `npm run local -- serve`: the local run (build the account, nightly pipeline for D, report) and
 * then an HTTP server on 127.0.0.1 that answers as the account would (../shared/dataset-format.md §5):
 *
 * - `/` the published dashboard of the caller's role, portlets rendered by the deployed portlet
 *   scripts in their columns, framed as NetSuite frames them;
 * - `/app/site/hosting/scriptlet.nl?script=…&deploy=…` any deployed Suitelet;
 * - `/app/site/hosting/restlet.nl?script=…&deploy=…` any deployed RESTlet, with NetSuite's status
 *   codes, content types and error bodies (dashboards-restlets-collections.md §2);
 * - `/app/common/entity/custjob.nl?id=…`, `/app/accounting/transactions/custinvc.nl?id=…`: read-only
 *   customer and invoice pages, so the links portlets and the drill-down make lead somewhere;
 * - `/analytics`: the Workbook Builder plug-ins' workbooks (tables, pivots, charts), as the
 *   SuiteAnalytics Workbook UI would show them.
 *
 * Every request needs `Authorization: Bearer <token>` or the session cookie `/login?token=…` sets;
 * `<out>/serve.json` holds one token per role (administrator, each role named in a shipped
 * deployment's audience, an outsider no deployment admits). A role outside a deployment's audience
 * is refused as NetSuite refuses it (runners: 403, nothing runs). SIGINT/SIGTERM: the caller calls
 * `stop()`, which writes `<out>/report.json` (governance now includes every request served).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { runWithCollections, type RunOptions, type RunResult } from './run';
import { buildReport } from './report';
import { addToRunMark } from './outputs';
import {
	audienceRoles,
	roleById,
	STANDARD_ROLES,
	userWithRole,
	type Emulator,
	type PortletRender,
	type UserInfo,
} from './emulator';
import { ensureEmployee } from './emulator/roles';
import { accountHost } from './emulator/modules/url';
import { escapeText } from './emulator/htmlText';
import { dashboardPage, plainPage } from './dashboard/frame';
import { analyticsPage } from './dashboard/analyticsPage';
import { COLUMN_PARAM, loadPublishedDashboards, roleInDashboard, type ColumnName } from './sdf/publishedDashboard';

export interface ServeOptions extends Omit<RunOptions, 'out' | 'collections'> {
	out: string;
	/** the push deployment's endpoint; absent: the run's own receiver, as `run` does (../shared/dataset-format.md §4) */
	collectionsUrl?: string;
	/** 0 or absent: a free port */
	port?: number;
}

export interface ServeHandle {
	url: string;
	/** role key → token */
	tokens: Record<string, string>;
	users: Record<string, UserInfo>;
	run: RunResult;
	/** stop listening, write report.json; resolves when done */
	stop(): Promise<void>;
}

const SESSION_COOKIE = 'o2c_session';

/** The users serve signs in as: the administrator, one per audience role, and an outsider. */
export function serveUsers(emu: Emulator): Record<string, UserInfo> {
	const users: Record<string, UserInfo> = { administrator: emu.user };
	const host = accountHost(emu.accountId);
	let nextId = 2;
	for (const role of audienceRoles(emu.project.scripts.values())) {
		if (role.sdf === 'ADMINISTRATOR') continue;
		users[role.scriptId ?? role.sdf.toLowerCase()] = userWithRole(
			emu.user,
			role,
			nextId,
			`Emulated user ${String(nextId)}`,
			`${role.scriptId ?? role.sdf.toLowerCase()}@${host}.invalid`,
		);
		nextId++;
	}
	const admitted = new Set(audienceRoles(emu.project.scripts.values()).map((r) => r.sdf));
	const outsider = STANDARD_ROLES.find((r) => !admitted.has(r.sdf) && r.sdf !== 'ADMINISTRATOR') ?? STANDARD_ROLES[0];
	if (outsider)
		users.outsider = userWithRole(
			emu.user,
			outsider,
			nextId,
			`Emulated outsider ${String(nextId)}`,
			`outsider@${host}.invalid`,
		);
	for (const u of Object.values(users)) ensureEmployee(emu.store, u);
	return users;
}

function cookieToken(header: string | undefined): string | null {
	for (const part of (header ?? '').split(';')) {
		const [k, v] = part.trim().split('=');
		if (k === SESSION_COOKIE && v) return decodeURIComponent(v);
	}
	return null;
}

function send(
	res: http.ServerResponse,
	code: number,
	type: string,
	body: string,
	headers: Record<string, string> = {},
): void {
	res.writeHead(code, {
		'Content-Type': type,
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff',
		...headers,
	});
	res.end(body);
}

function sendPage(res: http.ServerResponse, code: number, title: string, inner: string): void {
	send(res, code, 'text/html; charset=utf-8', plainPage(title, inner));
}

function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			resolve(Buffer.concat(chunks).toString('utf8'));
		});
		req.on('error', reject);
	});
}

function queryObject(u: URL, drop: readonly string[] = []): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of u.searchParams) if (!drop.includes(k)) out[k] = v;
	return out;
}

function restletError(
	code: number,
	contentType: string | null,
	name: string,
	message: string,
): { code: number; type: string; body: string } {
	const json = /json/i.test(contentType ?? '');
	return json
		? { code, type: contentType ?? 'application/json', body: JSON.stringify({ error: { code: name, message } }) }
		: { code, type: 'text/plain', body: `error code: ${name}\nerror message: ${message}` };
}

/** Renders the published dashboard for `user` (an administrator previews the first one). */
function dashboard(emu: Emulator, user: UserInfo, accountName: string): { code: number; html: string } {
	const role = roleById(user.role);
	const dashboards = loadPublishedDashboards(emu.project);
	let d = dashboards.find((x) => role !== undefined && roleInDashboard(x, role.sdf));
	let banner: string | undefined;
	if (!d && role?.sdf === 'ADMINISTRATOR' && dashboards[0]) {
		d = dashboards[0];
		banner = `Administrator preview of the published dashboard "${d.name}" (published to ${d.roles.join(', ')}).`;
	}
	const tab = d?.dashboards[0];
	if (!d || !tab) {
		return {
			code: 200,
			html: plainPage(
				accountName,
				`<p>No dashboard is published to your role (${escapeText(role?.name ?? String(user.role))}).</p>`,
			),
		};
	}
	const renders: Partial<Record<ColumnName, PortletRender[]>> = {};
	for (const [col, portlets] of Object.entries(tab.columns) as [ColumnName, (typeof tab.columns)['leftcolumn']][]) {
		renders[col] = [];
		for (const p of portlets ?? []) {
			if (p.kind !== 'customportlet' || !p.scriptId || !p.deploymentId) continue;
			const r = emu.renderPortlet(p.scriptId, p.deploymentId, { column: COLUMN_PARAM[col], user });
			// NetSuite leaves out a portlet the user's role may not see
			if (!r.refused) renders[col].push(r);
		}
	}
	return {
		code: 200,
		html: dashboardPage({
			accountName,
			userName: user.name,
			roleName: role?.name ?? String(user.role),
			dashboardName: d.name,
			tab,
			renders,
			...(banner === undefined ? {} : { banner }),
			links: [{ label: 'Analytics (workbooks)', href: '/analytics' }],
		}),
	};
}

function recordPage(
	emu: Emulator,
	kind: 'customer' | 'invoice',
	id: number,
): { code: number; title: string; inner: string } {
	const rec = emu.store.get(kind, id);
	if (!rec)
		return {
			code: 404,
			title: 'Record not found',
			inner: `<p>There is no ${kind} with internal id ${String(id)}.</p>`,
		};
	const fields =
		kind === 'customer'
			? [
					'entityid',
					'companyname',
					'subsidiary',
					'currency',
					'email',
					'balance',
					'overduebalance',
					'creditlimit',
					'category',
				]
			: [
					'tranid',
					'entity',
					'subsidiary',
					'currency',
					'trandate',
					'duedate',
					'fxamount',
					'fxamountremaining',
					'amountremaining',
					'status',
					'memo',
				];
	const rows = fields
		.map((f) => {
			const text = rec.texts[f];
			const value = text !== undefined && text !== '' ? text : rec.values[f];
			return `<tr><th style="text-align:left;padding:4px 12px 4px 0">${escapeText(f)}</th><td>${escapeText(value === null || value === undefined ? '' : String(value))}</td></tr>`;
		})
		.join('');
	const title =
		kind === 'customer'
			? `Customer: ${String(rec.values.companyname ?? id)}`
			: `Invoice ${String(rec.values.tranid ?? id)}`;
	return { code: 200, title, inner: `<table data-record="${kind}" data-id="${String(id)}">${rows}</table>` };
}

/**
 * `serve`: the local run (with the collections endpoint `run` has: --collections-url, else its own
 * receiver, so the push delivers as it does in `run`), then the server on its emulated account;
 * stopping writes report.json.
 */
export async function startServe(opts: ServeOptions): Promise<ServeHandle> {
	const run = await runWithCollections(opts);
	const out = path.resolve(opts.out);
	const server = await startServer({
		emulator: run.emulator,
		accountName: run.dataset.account.name,
		port: opts.port,
		onStop: () => {
			const report = buildReport(run.emulator, opts.asOf);
			fs.writeFileSync(path.join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
		},
	});
	addToRunMark(out, ['serve.json', 'report.json']);
	// written whole, then renamed: whoever waits for serve.json never reads half of it
	const tmp = path.join(out, `.serve.json.${String(process.pid)}.tmp`);
	fs.writeFileSync(tmp, `${JSON.stringify({ url: server.url, tokens: server.tokens }, null, 2)}\n`, {
		mode: 0o600,
	});
	fs.renameSync(tmp, path.join(out, 'serve.json'));
	return { ...server, run };
}

export interface ServerOptions {
	emulator: Emulator;
	accountName: string;
	port?: number;
	/** after the server stopped listening, before the emulator is closed */
	onStop?: () => void;
}

export type ServerHandle = Omit<ServeHandle, 'run'>;

/** The HTTP server over an emulated account (any project: tests use the emulator's fixture project). */
export async function startServer(opts: ServerOptions): Promise<ServerHandle> {
	const emu = opts.emulator;
	const users = serveUsers(emu);
	const tokens: Record<string, string> = {};
	const byToken = new Map<string, UserInfo>();
	for (const [key, u] of Object.entries(users)) {
		const t = crypto.randomBytes(24).toString('base64url');
		tokens[key] = t;
		byToken.set(t, u);
	}
	const { accountName } = opts;

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
		const u = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const body = await readBody(req);
		if (u.pathname === '/favicon.ico') {
			send(res, 404, 'text/plain', '');
			return;
		}
		if (u.pathname === '/login') {
			const t = u.searchParams.get('token') ?? '';
			if (!byToken.has(t)) {
				sendPage(res, 401, 'Sign in', '<p>Unknown token: use one from serve.json.</p>');
				return;
			}
			res.writeHead(302, {
				Location: '/',
				'Set-Cookie': `${SESSION_COOKIE}=${encodeURIComponent(t)}; HttpOnly; SameSite=Strict; Path=/`,
			});
			return void res.end();
		}
		const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
		const token = auth?.[1] ?? cookieToken(req.headers.cookie);
		const user = token === null ? undefined : byToken.get(token);
		const isRestlet = u.pathname === '/app/site/hosting/restlet.nl';
		if (!user) {
			if (isRestlet) {
				const e = restletError(
					401,
					req.headers['content-type'] ?? null,
					'INVALID_LOGIN_ATTEMPT',
					'Invalid login attempt.',
				);
				send(res, e.code, e.type, e.body);
				return;
			}
			sendPage(
				res,
				401,
				'Sign in required',
				'<p>Send <code>Authorization: Bearer &lt;token&gt;</code> or open <code>/login?token=&lt;token&gt;</code> with a token from serve.json.</p>',
			);
			return;
		}
		const scriptId = u.searchParams.get('script') ?? '';
		const deploymentId = u.searchParams.get('deploy') ?? '';
		if (isRestlet) {
			const contentType = req.headers['content-type'] ?? null;
			const script = emu.project.scripts.get(scriptId);
			const dep = script?.deployments.find((d) => d.scriptid === deploymentId);
			if (script?.objectType !== 'restlet' || !dep) {
				const e = restletError(
					404,
					contentType,
					'SSS_INVALID_SCRIPTLET_ID',
					'That Suitelet is invalid, disabled, or no longer exists.',
				);
				send(res, e.code, e.type, e.body);
				return;
			}
			if ((method === 'GET' || method === 'DELETE') && body !== '') {
				const e = restletError(400, contentType, 'INVALID_REQUEST', `A ${method} request cannot carry a body.`);
				send(res, e.code, e.type, e.body);
				return;
			}
			const hasBody = method === 'POST' || method === 'PUT';
			const r = emu.callRestlet(
				scriptId,
				deploymentId,
				method,
				hasBody ? body : queryObject(u, ['script', 'deploy']),
				{ contentType, user },
			);
			send(res, r.code, r.contentType, r.body);
			return;
		}
		if (u.pathname === '/app/site/hosting/scriptlet.nl') {
			const script = emu.project.scripts.get(scriptId);
			if (script?.objectType !== 'suitelet' || !script.deployments.some((d) => d.scriptid === deploymentId)) {
				sendPage(
					res,
					404,
					'SSS_INVALID_SCRIPTLET_ID',
					'<p>That Suitelet is invalid, disabled, or no longer exists.</p>',
				);
				return;
			}
			const params = queryObject(u, ['script', 'deploy']);
			if (method === 'POST' && /x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
				for (const [k, v] of new URLSearchParams(body)) params[k] = v;
			}
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(req.headers))
				if (typeof v === 'string' && k !== 'authorization' && k !== 'cookie') headers[k] = v;
			const r = emu.callSuitelet(scriptId, deploymentId, { method, params, headers, body }, { user });
			res.writeHead(r.code, { ...r.headers, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
			return void res.end(r.body);
		}
		if (u.pathname === '/analytics' && method === 'GET') {
			send(res, 200, 'text/html; charset=utf-8', analyticsPage(emu, user));
			return;
		}
		if (u.pathname === '/' && method === 'GET') {
			const d = dashboard(emu, user, accountName);
			send(res, d.code, 'text/html; charset=utf-8', d.html);
			return;
		}
		const recordPaths: Record<string, 'customer' | 'invoice'> = {
			'/app/common/entity/custjob.nl': 'customer',
			'/app/accounting/transactions/custinvc.nl': 'invoice',
		};
		const kind = recordPaths[u.pathname];
		if (kind !== undefined) {
			const p = recordPage(emu, kind, Number(u.searchParams.get('id')));
			sendPage(res, p.code, p.title, p.inner);
			return;
		}
		sendPage(res, 404, 'Not found', `<p>Nothing is served at ${escapeText(u.pathname)}.</p>`);
	};

	const server = http.createServer((req, res) => {
		handle(req, res).catch((e: unknown) => {
			const message = e instanceof Error ? e.message : String(e);
			if (!res.headersSent) sendPage(res, 500, 'Emulator error', `<p>${escapeText(message)}</p>`);
			else res.end();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, '127.0.0.1', () => {
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const url = `http://127.0.0.1:${String(port)}`;
	let stopped: Promise<void> | null = null;
	return {
		url,
		tokens,
		users,
		stop(): Promise<void> {
			stopped ??= new Promise<void>((resolve) => {
				server.close(() => {
					opts.onStop?.();
					emu.close();
					resolve();
				});
				server.closeAllConnections();
			});
			return stopped;
		},
	};
}
