/** HTML escaping for the pages the emulator itself writes (error pages, the local dashboard frame). */
const ENTITIES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

/** Text for element content or a quoted attribute value. */
export function escapeText(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}
