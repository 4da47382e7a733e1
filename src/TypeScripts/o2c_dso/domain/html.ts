/**
 * HTML escaping shared by every renderer (emails, portlets). Pure: no `N/*`.
 */

const ENTITIES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
	'`': '&#96;',
	'/': '&#x2F;',
	'=': '&#x3D;',
};

/**
 * Escapes text for HTML element content and quoted attribute values: & < > " ' ` / =.
 * `null`/`undefined` become ''; numbers and booleans are converted with String().
 * @example escapeHtml('<b>"Acme" & Co</b>') // '&lt;b&gt;&quot;Acme&quot; &amp; Co&lt;&#x2F;b&gt;'
 */
export function escapeHtml(value: string | number | boolean | null | undefined): string {
	if (value === null || value === undefined) return '';
	return String(value).replace(/[&<>"'`/=]/g, (ch) => ENTITIES[ch] as string);
}
