/**
 * Dataset formula columns (`dataset.createColumn({formula, type})`), the part the emulator models:
 * field references `{fieldid}` / `{join.fieldid}`, number and 'text' literals, `+ - * /`,
 * comparisons `= <> != < <= > >=`, `AND`, `OR`, `NOT`, `IS [NOT] NULL`,
 * `CASE WHEN … THEN … [WHEN …] [ELSE …] END`, `NVL(a, b)`, `ABS(x)`, `ROUND(x[, n])`.
 * SQL semantics: NULL propagates through arithmetic and comparisons (a comparison with NULL is
 * unknown, so a WHEN with it is not taken). Anything else (other functions, `SYSDATE`, `||`)
 * is refused with `EMULATOR_UNSUPPORTED` naming it, never guessed. Oracle's SAFE guide notes that
 * dataset formulas reject DECODE, NVL2, REGEXP_* and TO_CHAR formats and recommends CASE
 * (netsuite-platform.md §5).
 */
import { unsupported, nsError } from '../../errors';

export type FormulaValue = number | string | boolean | null;

type Node =
	| { k: 'num'; v: number }
	| { k: 'str'; v: string }
	| { k: 'null' }
	| { k: 'field'; path: string }
	| { k: 'neg'; e: Node }
	| { k: 'not'; e: Node }
	| { k: 'bin'; op: string; a: Node; b: Node }
	| { k: 'isnull'; e: Node; not: boolean }
	| { k: 'case'; whens: { when: Node; then: Node }[]; else: Node | null }
	| { k: 'call'; fn: string; args: Node[] };

interface Token {
	t: 'num' | 'str' | 'field' | 'id' | 'op' | 'punct';
	v: string;
}

function tokenize(src: string): Token[] {
	const out: Token[] = [];
	let i = 0;
	while (i < src.length) {
		const c = src[i] as string;
		if (/\s/.test(c)) {
			i++;
		} else if (c === '{') {
			const end = src.indexOf('}', i);
			if (end < 0) throw nsError('INVALID_EXPRESSION', `Unclosed { in formula: ${src}`, 'formula');
			out.push({
				t: 'field',
				v: src
					.slice(i + 1, end)
					.trim()
					.toLowerCase(),
			});
			i = end + 1;
		} else if (c === "'") {
			let j = i + 1;
			let s = '';
			for (;;) {
				if (j >= src.length) throw nsError('INVALID_EXPRESSION', `Unclosed ' in formula: ${src}`, 'formula');
				if (src[j] === "'" && src[j + 1] === "'") {
					s += "'";
					j += 2;
				} else if (src[j] === "'") break;
				else s += src[j++] as string;
			}
			out.push({ t: 'str', v: s });
			i = j + 1;
		} else if (/[0-9.]/.test(c)) {
			const m = /^[0-9]*\.?[0-9]+/.exec(src.slice(i));
			if (!m) throw nsError('INVALID_EXPRESSION', `Bad number in formula: ${src}`, 'formula');
			out.push({ t: 'num', v: m[0] });
			i += m[0].length;
		} else if (/[A-Za-z_]/.test(c)) {
			const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
			out.push({ t: 'id', v: m[0].toUpperCase() });
			i += m[0].length;
		} else {
			const two = src.slice(i, i + 2);
			if (['<=', '>=', '<>', '!=', '||'].includes(two)) {
				if (two === '||') throw unsupported('the || operator in dataset formulas');
				out.push({ t: 'op', v: two === '!=' ? '<>' : two });
				i += 2;
			} else if ('=<>+-*/'.includes(c)) {
				out.push({ t: 'op', v: c });
				i++;
			} else if ('(),'.includes(c)) {
				out.push({ t: 'punct', v: c });
				i++;
			} else throw nsError('INVALID_EXPRESSION', `Unexpected ${JSON.stringify(c)} in formula: ${src}`, 'formula');
		}
	}
	return out;
}

const FUNCTIONS = new Set(['NVL', 'ABS', 'ROUND']);

/** A parsed formula; `fields` lists the field paths it reads. */
export interface Formula {
	source: string;
	fields: string[];
	evaluate(get: (path: string) => FormulaValue): FormulaValue;
}

export function parseFormula(source: string): Formula {
	const toks = tokenize(source);
	let p = 0;
	const peek = (): Token | undefined => toks[p];
	const isId = (v: string): boolean => peek()?.t === 'id' && peek()?.v === v;
	const expect = (t: Token['t'], v?: string): Token => {
		const tok = toks[p];
		if (tok?.t !== t || (v !== undefined && tok.v !== v)) {
			throw nsError(
				'INVALID_EXPRESSION',
				`Expected ${v ?? t} at token ${String(p + 1)} of formula: ${source}`,
				'formula',
			);
		}
		p++;
		return tok;
	};
	const fields = new Set<string>();

	const primary = (): Node => {
		const tok = peek();
		if (!tok) throw nsError('INVALID_EXPRESSION', `Formula ends early: ${source}`, 'formula');
		if (tok.t === 'num') {
			p++;
			return { k: 'num', v: Number(tok.v) };
		}
		if (tok.t === 'str') {
			p++;
			return { k: 'str', v: tok.v };
		}
		if (tok.t === 'field') {
			p++;
			fields.add(tok.v);
			return { k: 'field', path: tok.v };
		}
		if (tok.t === 'punct' && tok.v === '(') {
			p++;
			const e = or();
			expect('punct', ')');
			return e;
		}
		if (tok.t === 'op' && tok.v === '-') {
			p++;
			return { k: 'neg', e: primary() };
		}
		if (tok.t === 'id') {
			if (tok.v === 'NULL') {
				p++;
				return { k: 'null' };
			}
			if (tok.v === 'CASE') {
				p++;
				const whens: { when: Node; then: Node }[] = [];
				while (isId('WHEN')) {
					p++;
					const when = or();
					expect('id', 'THEN');
					whens.push({ when, then: or() });
				}
				if (whens.length === 0) throw nsError('INVALID_EXPRESSION', `CASE without WHEN: ${source}`, 'formula');
				let otherwise: Node | null = null;
				if (isId('ELSE')) {
					p++;
					otherwise = or();
				}
				expect('id', 'END');
				return { k: 'case', whens, else: otherwise };
			}
			const next = toks[p + 1];
			if (next?.t === 'punct' && next.v === '(') {
				if (!FUNCTIONS.has(tok.v))
					throw unsupported(
						`the function ${tok.v} in dataset formulas (modelled: ${[...FUNCTIONS].join(', ')})`,
					);
				p += 2;
				const args: Node[] = [];
				if (!(peek()?.t === 'punct' && peek()?.v === ')')) {
					args.push(or());
					while (peek()?.t === 'punct' && peek()?.v === ',') {
						p++;
						args.push(or());
					}
				}
				expect('punct', ')');
				return { k: 'call', fn: tok.v, args };
			}
			throw unsupported(`${tok.v} in dataset formulas`);
		}
		throw nsError('INVALID_EXPRESSION', `Unexpected ${tok.v} in formula: ${source}`, 'formula');
	};
	const term = (): Node => {
		let a = primary();
		while (peek()?.t === 'op' && (peek()?.v === '*' || peek()?.v === '/')) {
			const op = (toks[p++] as Token).v;
			a = { k: 'bin', op, a, b: primary() };
		}
		return a;
	};
	const sum = (): Node => {
		let a = term();
		while (peek()?.t === 'op' && (peek()?.v === '+' || peek()?.v === '-')) {
			const op = (toks[p++] as Token).v;
			a = { k: 'bin', op, a, b: term() };
		}
		return a;
	};
	const comparison = (): Node => {
		const a = sum();
		if (isId('IS')) {
			p++;
			let not = false;
			if (isId('NOT')) {
				p++;
				not = true;
			}
			expect('id', 'NULL');
			return { k: 'isnull', e: a, not };
		}
		const tok = peek();
		if (tok?.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(tok.v)) {
			p++;
			return { k: 'bin', op: tok.v, a, b: sum() };
		}
		return a;
	};
	const not = (): Node => {
		if (isId('NOT')) {
			p++;
			return { k: 'not', e: not() };
		}
		return comparison();
	};
	const and = (): Node => {
		let a = not();
		while (isId('AND')) {
			p++;
			a = { k: 'bin', op: 'AND', a, b: not() };
		}
		return a;
	};
	const or = (): Node => {
		let a = and();
		while (isId('OR')) {
			p++;
			a = { k: 'bin', op: 'OR', a, b: and() };
		}
		return a;
	};
	const root = or();
	if (p < toks.length)
		throw nsError('INVALID_EXPRESSION', `Unexpected ${(toks[p] as Token).v} in formula: ${source}`, 'formula');

	const num = (v: FormulaValue): number | null =>
		typeof v === 'number' ? v : v === null ? null : Number.isFinite(Number(v)) ? Number(v) : null;
	const evaluate = (n: Node, get: (path: string) => FormulaValue): FormulaValue => {
		switch (n.k) {
			case 'num':
				return n.v;
			case 'str':
				return n.v;
			case 'null':
				return null;
			case 'field':
				return get(n.path);
			case 'neg': {
				const v = num(evaluate(n.e, get));
				return v === null ? null : -v;
			}
			case 'not': {
				const v = evaluate(n.e, get);
				return v === null ? null : !v;
			}
			case 'isnull': {
				const v = evaluate(n.e, get);
				return n.not ? v !== null : v === null;
			}
			case 'case': {
				for (const w of n.whens) if (evaluate(w.when, get) === true) return evaluate(w.then, get);
				return n.else === null ? null : evaluate(n.else, get);
			}
			case 'call': {
				const args = n.args.map((a) => evaluate(a, get));
				if (n.fn === 'NVL') {
					if (args.length !== 2)
						throw nsError('INVALID_EXPRESSION', `NVL takes 2 arguments: ${source}`, 'formula');
					return args[0] ?? args[1] ?? null;
				}
				const x = num(args[0] ?? null);
				if (x === null) return null;
				if (n.fn === 'ABS') return Math.abs(x);
				const d = num(args[1] ?? 0) ?? 0;
				// half away from zero on the value's 15 significant digits (no float artefact decides a half)
				const scaled = Number((Math.abs(x) * 10 ** d).toPrecision(15));
				return (Math.sign(x) * Math.round(scaled)) / 10 ** d;
			}
			case 'bin': {
				if (n.op === 'AND' || n.op === 'OR') {
					const a = evaluate(n.a, get);
					const b = evaluate(n.b, get);
					if (n.op === 'AND')
						return a === false || b === false ? false : a === null || b === null ? null : true;
					return a === true || b === true ? true : a === null || b === null ? null : false;
				}
				const a = evaluate(n.a, get);
				const b = evaluate(n.b, get);
				if (a === null || b === null) return null;
				if ('+-*/'.includes(n.op)) {
					const x = num(a);
					const y = num(b);
					if (x === null || y === null)
						throw nsError('INVALID_EXPRESSION', `Arithmetic on text in formula: ${source}`, 'formula');
					if (n.op === '+') return x + y;
					if (n.op === '-') return x - y;
					if (n.op === '*') return x * y;
					return y === 0 ? null : x / y;
				}
				const cmp =
					typeof a === 'number' && typeof b === 'number'
						? a - b
						: String(a) < String(b)
							? -1
							: String(a) > String(b)
								? 1
								: 0;
				switch (n.op) {
					case '=':
						return cmp === 0;
					case '<>':
						return cmp !== 0;
					case '<':
						return cmp < 0;
					case '<=':
						return cmp <= 0;
					case '>':
						return cmp > 0;
					default:
						return cmp >= 0;
				}
			}
		}
	};
	return { source, fields: [...fields], evaluate: (get) => evaluate(root, get) };
}
