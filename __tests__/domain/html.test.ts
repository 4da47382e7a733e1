import { escapeHtml } from '../../src/TypeScripts/o2c_dso/domain/html';

describe('escapeHtml', () => {
	it.each<[string | number | boolean | null | undefined, string]>([
		['&', '&amp;'],
		['<', '&lt;'],
		['>', '&gt;'],
		['"', '&quot;'],
		["'", '&#39;'],
		['`', '&#96;'],
		['/', '&#x2F;'],
		['=', '&#x3D;'],
		['<script>alert("x")</script>', '&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt;'],
		['" onmouseover="x', '&quot; onmouseover&#x3D;&quot;x'],
		['Smith & Sons Ltd', 'Smith &amp; Sons Ltd'],
		['&amp;', '&amp;amp;'], // escaping twice is visible, not silently skipped
		['Zoë – Café 7,820,000.00', 'Zoë – Café 7,820,000.00'],
		['', ''],
		[null, ''],
		[undefined, ''],
		[58.36, '58.36'],
		[0, '0'],
		[false, 'false'],
	])('%p → %p', (input, expected) => {
		expect(escapeHtml(input)).toBe(expected);
	});
	it('leaves no markup-significant character behind', () => {
		const all = 'a&b<c>d"e\'f`g/h=i';
		expect(escapeHtml(all)).not.toMatch(/[<>"'`/=]/);
		expect(escapeHtml(all).replace(/&(amp|lt|gt|quot|#39|#96|#x2F|#x3D);/g, '')).not.toContain('&');
	});
});
