/**
 * The numeric value of a normalised LaTeX answer (latex-normalize.ts), for comparing
 * answers written differently: exact rationals on bigints for numbers, `\frac`, `/`, `+ - *`,
 * integer powers and perfect-square roots (so `\frac{1}{2}` = `0.5` = `2/4` exactly, and
 * `0.333` != `\frac13`); a float for `\sqrt` of a non-square and `\pi`. Null for anything
 * else (variables, sets, text): those are compared as text.
 */

export interface Rational {
  n: bigint;
  /** > 0, coprime with n. */
  d: bigint;
}

/** An exact rational, or a float when an irrational (a root, pi) took part. */
export type LatexValue = { exact: Rational } | { approx: number };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(n: bigint, d: bigint): Rational {
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

/** "12", "1.25", "0.5" as a rational. */
export function decimalRational(text: string): Rational {
  const [int = "0", frac = ""] = text.split(".");
  return rational(BigInt(`${int}${frac}` || "0"), 10n ** BigInt(frac.length));
}

function toFloat(v: LatexValue): number {
  return "approx" in v ? v.approx : Number(v.exact.n) / Number(v.exact.d);
}

function exactOp(a: LatexValue, b: LatexValue, exact: (x: Rational, y: Rational) => Rational, approx: (x: number, y: number) => number): LatexValue {
  if ("exact" in a && "exact" in b) return { exact: exact(a.exact, b.exact) };
  return { approx: approx(toFloat(a), toFloat(b)) };
}

const add = (a: LatexValue, b: LatexValue) => exactOp(a, b, (x, y) => rational(x.n * y.d + y.n * x.d, x.d * y.d), (x, y) => x + y);
const sub = (a: LatexValue, b: LatexValue) => exactOp(a, b, (x, y) => rational(x.n * y.d - y.n * x.d, x.d * y.d), (x, y) => x - y);
const mul = (a: LatexValue, b: LatexValue) => exactOp(a, b, (x, y) => rational(x.n * y.n, x.d * y.d), (x, y) => x * y);
const div = (a: LatexValue, b: LatexValue) => exactOp(a, b, (x, y) => rational(x.n * y.d, x.d * y.n), (x, y) => x / y);

function isqrt(n: bigint): bigint | null {
  if (n < 0n) return null;
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x * x === n ? x : null;
}

function root(v: LatexValue, degree: number): LatexValue {
  if ("exact" in v && degree === 2) {
    const n = isqrt(v.exact.n);
    const d = isqrt(v.exact.d);
    if (n !== null && d !== null) return { exact: rational(n, d) };
  }
  const x = toFloat(v);
  return { approx: degree % 2 === 1 && x < 0 ? -Math.pow(-x, 1 / degree) : Math.pow(x, 1 / degree) };
}

function power(base: LatexValue, exponent: LatexValue): LatexValue {
  if ("exact" in base && "exact" in exponent && exponent.exact.d === 1n && exponent.exact.n >= -64n && exponent.exact.n <= 64n) {
    const e = exponent.exact.n;
    const magnitude = e < 0n ? -e : e;
    const r = rational(base.exact.n ** magnitude, base.exact.d ** magnitude);
    return { exact: e < 0n ? rational(r.d, r.n) : r };
  }
  if ("exact" in exponent && exponent.exact.d === 2n && "exact" in base) return power(root(base, 2), { exact: rational(exponent.exact.n, 1n) });
  return { approx: Math.pow(toFloat(base), toFloat(exponent)) };
}

class NotNumeric extends Error {}

type Token = string;

function tokenize(text: string): Token[] {
  const tokens = text.match(/\d+(?:\.\d+)?|\.\d+|\\[A-Za-z]+|\S/g) ?? [];
  return tokens;
}

/** expr := term (± term)*; term := signed ((* | / | implicit) signed)*; signed := ± signed | power; power := atom (^ signed)? */
class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): LatexValue {
    const value = this.expression();
    if (this.i !== this.tokens.length) throw new NotNumeric();
    return value;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private eat(token: Token): boolean {
    if (this.peek() !== token) return false;
    this.i++;
    return true;
  }

  private expression(): LatexValue {
    let value = this.term();
    for (;;) {
      if (this.eat("+")) value = add(value, this.term());
      else if (this.eat("-")) value = sub(value, this.term());
      else return value;
    }
  }

  private term(): LatexValue {
    let value = this.signed();
    for (;;) {
      const t = this.peek();
      if (t === "*") {
        this.i++;
        value = mul(value, this.signed());
      } else if (t === "/" || t === "\\div") {
        this.i++;
        value = div(value, this.signed());
      } else if (t !== undefined && (t === "(" || t === "{" || t === "\\frac" || t === "\\sqrt" || t === "\\pi" || /^\d|^\./.test(t))) {
        value = mul(value, this.power());
      } else return value;
    }
  }

  private signed(): LatexValue {
    if (this.eat("-")) return sub({ exact: rational(0n, 1n) }, this.signed());
    if (this.eat("+")) return this.signed();
    return this.power();
  }

  private power(): LatexValue {
    const base = this.atom();
    if (!this.eat("^")) return base;
    const t = this.peek();
    return power(base, t === "-" || t === "+" ? this.signed() : this.atom());
  }

  private group(open: string, close: string): LatexValue {
    if (!this.eat(open)) throw new NotNumeric();
    const value = this.expression();
    if (!this.eat(close)) throw new NotNumeric();
    return value;
  }

  private atom(): LatexValue {
    const t = this.peek();
    if (t === undefined) throw new NotNumeric();
    if (/^\d|^\./.test(t)) {
      this.i++;
      const whole: LatexValue = { exact: decimalRational(t) };
      // A mixed number: 2\frac{1}{2} is two and a half.
      if (this.peek() === "\\frac" && /^\d+$/.test(t)) {
        const save = this.i;
        const fraction = this.atom();
        const simple = this.tokens.slice(save, this.i).every((x) => /^\d+$|^[{}]$|^\\frac$/.test(x));
        return simple ? add(whole, fraction) : mul(whole, fraction);
      }
      return whole;
    }
    this.i++;
    switch (t) {
      case "(":
        this.i--;
        return this.group("(", ")");
      case "{":
        this.i--;
        return this.group("{", "}");
      case "\\pi":
        return { approx: Math.PI };
      case "\\frac": {
        const numerator = this.group("{", "}");
        const denominator = this.group("{", "}");
        if ("exact" in denominator && denominator.exact.n === 0n) throw new NotNumeric();
        return div(numerator, denominator);
      }
      case "\\sqrt": {
        let degree = 2;
        if (this.eat("[")) {
          const index = this.expression();
          if (!this.eat("]") || !("exact" in index) || index.exact.d !== 1n || index.exact.n < 2n || index.exact.n > 64n) throw new NotNumeric();
          degree = Number(index.exact.n);
        }
        return root(this.group("{", "}"), degree);
      }
      default:
        throw new NotNumeric();
    }
  }
}

/** The value of a normalised answer; null when it is not a plain number expression. */
export function latexValue(normalized: string): LatexValue | null {
  if (normalized === "") return null;
  try {
    const value = new Parser(tokenize(normalized)).parse();
    return "approx" in value && !Number.isFinite(value.approx) ? null : value;
  } catch {
    return null;
  }
}

/** Equal values: exactly for two rationals, else within a relative 1e-9. */
export function sameValue(a: LatexValue, b: LatexValue): boolean {
  if ("exact" in a && "exact" in b) return a.exact.n === b.exact.n && a.exact.d === b.exact.d;
  const x = toFloat(a);
  const y = toFloat(b);
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}
