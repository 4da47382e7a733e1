/**
 * Unit layer (Oracle's stubs): script parameters as N/runtime hands them over, normalised once.
 * NetSuite returns an empty parameter as null or '' (the typings omit null), a checkbox as
 * true / 'T', a number field as a number or its text; the adapter's answers for each.
 */
import * as runtime from 'N/runtime';
import { boolParam, intParam, textParam } from '../../src/TypeScripts/o2c_dso/adapters/scriptParams';

jest.mock('N/runtime');

/** The current script's parameters: name → the raw value getParameter returns. */
function params(values: Record<string, unknown>): void {
	(runtime.getCurrentScript as unknown as jest.Mock).mockReturnValue({
		getParameter: (o: { name: string }) => values[o.name] ?? null,
	});
}

describe('script parameters', () => {
	it('text: trimmed; empty (null, "", spaces) is undefined', () => {
		params({ a: '  2026-05-04 ', b: '', c: '   ', d: 12 });
		expect([textParam('a'), textParam('b'), textParam('c'), textParam('d'), textParam('none')]).toEqual([
			'2026-05-04',
			undefined,
			undefined,
			'12',
			undefined,
		]);
	});
	it('integer: a number or its text; empty is undefined; anything else names the parameter', () => {
		params({ n: 90, t: ' 200 ', e: '', x: '12.5', y: 'ninety' });
		expect([intParam('n'), intParam('t'), intParam('e'), intParam('none')]).toEqual([
			90,
			200,
			undefined,
			undefined,
		]);
		expect(() => intParam('x')).toThrow('Script parameter x must be a whole number, got "12.5"');
		expect(() => intParam('y')).toThrow('Script parameter y must be a whole number, got "ninety"');
	});
	it("checkbox: true or 'T' is set; false, 'F', empty or missing is not", () => {
		params({ a: true, b: 'T', c: false, d: 'F', e: '' });
		expect(['a', 'b', 'c', 'd', 'e', 'none'].map(boolParam)).toEqual([true, true, false, false, false, false]);
	});
});
