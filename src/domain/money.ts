import { err, ok, problem, type Result } from "./result.ts";

/** An amount of money in fen (分, 1/100 yuan): always a safe integer, never a float. */
export type Fen = number & { readonly __unit: "fen" };

export const ZERO_FEN = 0 as Fen;

/** Wraps an integer as fen; throws on anything that is not a safe integer (a bug, not input). */
export function fen(n: number | bigint): Fen {
  const v = typeof n === "bigint" ? Number(n) : n;
  if (!Number.isSafeInteger(v))
    throw new Error(`invariant violated: not a whole number of fen: ${String(n)}`);
  if (typeof n === "bigint" && BigInt(v) !== n) throw new Error(`invariant violated: fen overflow: ${n}`);
  return v as Fen;
}

const YUAN_PATTERN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Parses yuan written with at most two decimals ("0.10", "300000", 9.5) exactly into fen.
 * Numbers are read through their shortest decimal form, so 0.1 is 10 fen, and 0.105 is refused.
 */
export function parseYuan(input: unknown, field = "amount"): Result<Fen> {
  let text: string;
  if (typeof input === "number") {
    if (!Number.isFinite(input))
      return err(problem("invalid_amount", `not a finite amount: ${input}`, field));
    text = String(input);
    if (/e/i.test(text)) return err(problem("invalid_amount", `amount out of range: ${text}`, field));
  } else if (typeof input === "string") {
    text = input.trim();
  } else {
    return err(problem("invalid_amount", 'an amount in yuan is required (e.g. "9.00")', field));
  }
  const m = YUAN_PATTERN.exec(text);
  if (!m) {
    const why = /^-?\d+\.\d{3,}$/.test(text) ? "has more than two decimals" : "is not an amount in yuan";
    return err(problem("invalid_amount", `"${text}" ${why}`, field));
  }
  const [, sign, whole, frac = ""] = m;
  const magnitude = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  return ok(fen(sign ? -magnitude : magnitude));
}

/** Parses a non-negative amount; a negative one is refused with the field named. */
export function parseNonNegativeYuan(input: unknown, field = "amount"): Result<Fen> {
  const r = parseYuan(input, field);
  if (r.ok && r.value < 0)
    return err(problem("negative_amount", `must not be negative: ${String(input)}`, field));
  return r;
}

/** Formats fen as yuan with two decimals: 4629 → "46.29", -5 → "-0.05". */
export function formatYuan(amount: Fen): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export const addFen = (a: Fen, b: Fen): Fen => fen(a + b);
export const subFen = (a: Fen, b: Fen): Fen => fen(a - b);
export const minFen = (a: Fen, b: Fen): Fen => (a < b ? a : b);
export const maxFen = (a: Fen, b: Fen): Fen => (a > b ? a : b);
export const sumFen = (xs: Iterable<Fen>): Fen => {
  let total = 0;
  for (const x of xs) total += x;
  return fen(total);
};

/** Ceiling of a/b for integers, b > 0, exact for any size (BigInt). */
export function ceilDiv(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new Error("invariant violated: ceilDiv by non-positive");
  const q = a / b;
  return a % b > 0n ? q + 1n : q;
}

/** Floor of a/b for integers, b > 0, exact for any size (BigInt). */
export function floorDiv(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new Error("invariant violated: floorDiv by non-positive");
  const q = a / b;
  return a % b < 0n ? q - 1n : q;
}

/** amount × numerator ÷ denominator, rounded up to the fen (the seeds' platforms rounded shares up). */
export function ceilToFen(amount: Fen | bigint, numerator: bigint, denominator: bigint): Fen {
  return fen(ceilDiv(BigInt(amount) * numerator, denominator));
}

/** amount × numerator ÷ denominator, rounded down to the fen. */
export function floorToFen(amount: Fen | bigint, numerator: bigint, denominator: bigint): Fen {
  return fen(floorDiv(BigInt(amount) * numerator, denominator));
}

/** amount × basis points ÷ 10,000, rounded half up to the fen (fees: 8% = 800 bp). */
export function percentOfFen(amount: Fen, basisPoints: number): Fen {
  return fen(floorDiv(BigInt(amount) * BigInt(basisPoints) * 2n + 10_000n, 20_000n));
}
