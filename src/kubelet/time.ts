/** Time formatting the way Kubernetes' Go code prints it. */

/** metav1.Time on the wire: RFC 3339 truncated to whole seconds, e.g. `2026-01-01T00:00:05Z`. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Go's RFC3339Nano (trailing zeros of the fraction dropped), as CRI log lines carry. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

/** Go's time.Duration.String() of a millisecond count: `0s`, `523ms`, `1.2s`, `1m2.5s`, `1h0m0s`. */
export function goDuration(ms: number): string {
  const neg = ms < 0;
  let rest = Math.round(Math.abs(ms));
  if (rest === 0) return '0s';
  let out: string;
  if (rest < 1000) {
    out = `${rest}ms`;
  } else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = (rest / 1000).toFixed(3).replace(/\.?0+$/, '');
    out = h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
  }
  return neg ? `-${out}` : out;
}
