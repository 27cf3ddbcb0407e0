/**
 * `part` of `whole` as a percentage with `decimals` places, rounded half up, in integer arithmetic
 * (vote shares are shown in explanations; no float decides or prints them). "0" when `whole` is 0.
 */
export function formatPercent(part: number, whole: number, decimals: number): string {
  if (whole === 0) return "0";
  const scale = 10 ** decimals;
  const scaled = Math.floor((part * 100 * scale * 2 + whole) / (whole * 2));
  if (decimals === 0) return String(scaled);
  const units = Math.floor(scaled / scale);
  return `${units}.${String(scaled - units * scale).padStart(decimals, "0")}`;
}
