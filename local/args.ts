/** Minimal command-line parsing for the local CLI: positionals and `--name value` / `--flag`. */
export interface ParsedArgs {
	positionals: string[];
	options: Map<string, string | true>;
}

export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

export function parseArgs(argv: string[], flags: readonly string[] = []): ParsedArgs {
	const positionals: string[] = [];
	const options = new Map<string, string | true>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		if (arg.startsWith('--')) {
			const eq = arg.indexOf('=');
			const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
			if (eq > 0) {
				options.set(name, arg.slice(eq + 1));
			} else if (flags.includes(name)) {
				options.set(name, true);
			} else {
				const value = argv[i + 1];
				if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
				options.set(name, value);
				i++;
			}
		} else {
			positionals.push(arg);
		}
	}
	return { positionals, options };
}

export function requireOption(args: ParsedArgs, name: string): string {
	const v = args.options.get(name);
	if (typeof v !== 'string' || v === '') throw new UsageError(`missing --${name}`);
	return v;
}

export function optionalOption(args: ParsedArgs, name: string): string | undefined {
	const v = args.options.get(name);
	return typeof v === 'string' ? v : undefined;
}

/** Reject options the command does not know, naming them. */
export function allowOnly(args: ParsedArgs, names: readonly string[]): void {
	for (const key of args.options.keys()) {
		if (!names.includes(key)) throw new UsageError(`unknown option --${key}`);
	}
}
