/** The one function of `semver` (6.x, a devDependency shipping no types) the engines test uses. */
declare module 'semver' {
	/** Whether `version` lies in the npm range `range` (e.g. `^20.19.0 || >=24`). */
	export function satisfies(version: string, range: string): boolean;
}
