/**
 * Roles and audiences (local/emulator/roles.ts) and the Suitelet runner: who may open a portlet,
 * a Suitelet or call a RESTlet, and what a refused caller gets back.
 */
import { newEmulator } from './helpers';
import { STANDARD_ROLES, audienceRoles, roleBySdf, userWithRole } from '../../local/emulator';
import type { UserInfo } from '../../local/emulator';
import type { Emulator } from '../../local/emulator';

function as(emu: Emulator, sdf: string, id: number): UserInfo {
	const role = roleBySdf(sdf);
	if (!role) throw new Error(`no role ${sdf}`);
	return userWithRole(emu.user, role, id, `${role.name} user`, `${sdf.toLowerCase()}@acme.example`);
}

const SL = 'customscript_t_sl';

describe('standard roles', () => {
	test('the ids and centers the emulator uses', () => {
		expect(STANDARD_ROLES.map((r) => [r.sdf, r.id, r.center])).toEqual([
			['ACCOUNTANT', 1, 'ACCOUNTCENTER'],
			['ADMINISTRATOR', 3, 'BASIC'],
			['AR_CLERK', 5, 'ACCOUNTCENTER'],
			['SALES_PERSON', 10, 'SALESCENTER'],
			['CUSTOMROLE41', 41, 'ACCOUNTCENTER'],
		]);
	});

	test('audienceRoles lists the standard roles named by portlet, Suitelet and RESTlet deployments', () => {
		const emu = newEmulator();
		expect(audienceRoles(emu.project.scripts.values()).map((r) => r.sdf)).toEqual(['ACCOUNTANT', 'AR_CLERK']);
	});
});

describe('callSuitelet', () => {
	test('the owner (the administrator) runs any released deployment; parameters carry script and deploy', () => {
		const emu = newEmulator();
		const r = emu.callSuitelet(SL, 'customdeploy_t_sl', { params: { page: '2' } });
		expect(r.code).toBe(200);
		expect(r.headers).toEqual({ 'Content-Type': 'text/html; charset=utf-8' });
		expect(JSON.parse(r.body)).toEqual({
			method: 'GET',
			params: { page: '2', script: SL, deploy: 'customdeploy_t_sl' },
			isObject: true,
			role: 3,
			user: 1,
			ctx: 'SUITELET',
			header: 'text/html; charset=utf-8',
			remaining: 1000,
		});
		expect(emu.governanceLog).toEqual([
			{
				script: SL,
				deployment: 'customdeploy_t_sl',
				night: '2026-01-15',
				unitsUsed: 0,
				unitsLimit: 1000,
				startedAt: '2026-01-16T17:00:00.000Z', // noon in New York, the day after the night of the as-of date
				calls: {},
				wallMs: expect.any(Number) as number,
			},
		]);
	});

	test('a role in the audience runs as itself; a role outside it is refused with 403 and nothing runs', () => {
		const emu = newEmulator();
		const clerk = emu.callSuitelet(SL, 'customdeploy_t_sl', {}, { user: as(emu, 'AR_CLERK', 2) });
		expect(clerk.code).toBe(200);
		expect(JSON.parse(clerk.body)).toMatchObject({ role: 5, user: 2 });
		const sales = emu.callSuitelet(SL, 'customdeploy_t_sl', {}, { user: as(emu, 'SALES_PERSON', 4) });
		expect(sales.code).toBe(403);
		expect(sales.body).toContain('INSUFFICIENT_PERMISSION');
		expect(sales.body).toContain('Sales Person is not in the deployment');
		expect(emu.governanceLog).toHaveLength(1);
	});

	test('an empty audience runs only for the owner, even when released (docs "Defining Script Audience")', () => {
		const emu = newEmulator();
		expect(emu.callSuitelet(SL, 'customdeploy_t_sl_empty').code).toBe(200);
		const clerk = emu.callSuitelet(SL, 'customdeploy_t_sl_empty', {}, { user: as(emu, 'AR_CLERK', 2) });
		expect(clerk.code).toBe(403);
		expect(clerk.body).toContain('empty audience');
	});

	test('status Testing runs only for the owner; isdeployed F runs for nobody (404 SSS_INVALID_SCRIPTLET_ID)', () => {
		const emu = newEmulator();
		expect(emu.callSuitelet(SL, 'customdeploy_t_sl_testing').code).toBe(200);
		expect(emu.callSuitelet(SL, 'customdeploy_t_sl_testing', {}, { user: as(emu, 'ACCOUNTANT', 3) }).code).toBe(
			403,
		);
		const off = emu.callSuitelet(SL, 'customdeploy_t_sl_off');
		expect(off.code).toBe(404);
		expect(off.body).toContain('SSS_INVALID_SCRIPTLET_ID');
	});

	test('an audience field the emulator does not evaluate is an error, not a guess', () => {
		const emu = newEmulator();
		expect(() => emu.callSuitelet(SL, 'customdeploy_t_sl_dept', {}, { user: as(emu, 'AR_CLERK', 2) })).toThrow(
			/does not evaluate the audience field\(s\) auddepartment/,
		);
	});

	test('headers and several writes make the response; write accepts strings only', () => {
		const emu = newEmulator();
		const csv = emu.callSuitelet(SL, 'customdeploy_t_sl', { params: { mode: 'csv' } });
		expect(csv).toMatchObject({
			code: 200,
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': 'attachment; filename="x.csv"',
			},
			body: 'a,b\n1,2\n',
		});
		const bad = emu.callSuitelet(SL, 'customdeploy_t_sl', { params: { mode: 'object' } });
		expect(bad.code).toBe(500);
		expect(bad.error).toMatchObject({ name: 'WRONG_PARAMETER_TYPE' });
	});

	test('an uncaught error is a 500 error page naming it, and a system log entry', () => {
		const emu = newEmulator();
		const r = emu.callSuitelet(SL, 'customdeploy_t_sl', { params: { mode: 'fail' } });
		expect(r.code).toBe(500);
		expect(r.body).toContain('Error</h1><p>boom</p>');
		expect(emu.logs.filter((l) => l.system).map((l) => l.details)).toEqual(['boom']);
	});
});

describe('RESTlet and portlet audiences', () => {
	test('a RESTlet deployment for A/R clerks: a clerk is served, an accountant gets 403 INSUFFICIENT_PERMISSION', () => {
		const emu = newEmulator();
		const ok = emu.callRestlet(
			'customscript_t_rl',
			'customdeploy_t_rl_clerk',
			'GET',
			{},
			{ user: as(emu, 'AR_CLERK', 2) },
		);
		expect(ok.code).toBe(200);
		const no = emu.callRestlet(
			'customscript_t_rl',
			'customdeploy_t_rl_clerk',
			'GET',
			{},
			{ user: as(emu, 'ACCOUNTANT', 3) },
		);
		expect(no.code).toBe(403);
		expect(JSON.parse(no.body)).toMatchObject({ error: { code: 'INSUFFICIENT_PERMISSION' } });
	});

	test('a portlet refused to a role renders nothing and costs nothing', () => {
		const emu = newEmulator();
		const p = emu.renderPortlet('customscript_t_html_pt', undefined, { user: as(emu, 'SALES_PERSON', 4) });
		// customdeploy_t_html_pt has allroles T: every role sees it
		expect(p.refused).toBeUndefined();
		expect(p.html).toContain('for 4 in PORTLET');
	});
});
