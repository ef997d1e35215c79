/**
 * CidrSet: the node-CIDR allocator of one cluster CIDR (pkg/controller/nodeipam/ipam/cidrset): the cluster CIDR is
 * cut into subnets of the node mask size, handed out round-robin from after the last one allocated.
 *
 * Guarantees: a subnet is never handed out twice until released; `occupy` marks every subnet overlapping a given
 * CIDR (so existing assignments and the service range are never handed out); IPv4 and IPv6 both work (BigInt math).
 */

export class CidrError extends Error {
  override readonly name = 'CidrError';
  constructor(
    readonly reason: 'InvalidCIDR' | 'Full' | 'MaskTooSmall',
    message: string,
  ) {
    super(message);
  }
}

export interface ParsedCidr {
  v6: boolean;
  /** The network address (host bits cleared). */
  base: bigint;
  prefix: number;
}

const bits = (v6: boolean) => (v6 ? 128 : 32);

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseIPv6(s: string): bigint | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h ? h.split(':') : []);
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let v = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return v;
}

export function parseIP(s: string): { v6: boolean; value: bigint } | undefined {
  const v6 = s.includes(':');
  const value = v6 ? parseIPv6(s) : parseIPv4(s);
  return value === undefined ? undefined : { v6, value };
}

export function formatIP(value: bigint, v6: boolean): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
  // Compress the longest run of zero groups (length ≥ 2), as RFC 5952 prints it.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export function parseCidr(s: string): ParsedCidr {
  const [ip, len, extra] = s.split('/');
  const parsed = ip ? parseIP(ip) : undefined;
  const prefix = Number(len);
  if (!parsed || extra !== undefined || !/^\d+$/.test(len ?? '') || prefix > bits(parsed.v6)) throw new CidrError('InvalidCIDR', `invalid CIDR address: ${s}`);
  const hostBits = BigInt(bits(parsed.v6) - prefix);
  return { v6: parsed.v6, base: (parsed.value >> hostBits) << hostBits, prefix };
}

export function formatCidr(c: ParsedCidr): string {
  return `${formatIP(c.base, c.v6)}/${c.prefix}`;
}

/** Kubernetes refuses node masks more than 16 bits longer than the cluster mask (65536 subnets). */
export const MAX_SUBNET_BITS = 16;

export class CidrSet {
  readonly cluster: ParsedCidr;
  readonly nodeMaskSize: number;
  readonly max: number;
  readonly #used = new Set<number>();
  #next = 0;

  constructor(clusterCidr: string, nodeMaskSize: number) {
    this.cluster = parseCidr(clusterCidr);
    if (nodeMaskSize < this.cluster.prefix || nodeMaskSize > bits(this.cluster.v6)) {
      throw new CidrError('InvalidCIDR', `node mask size ${nodeMaskSize} does not fit cluster CIDR ${clusterCidr}`);
    }
    if (nodeMaskSize - this.cluster.prefix > MAX_SUBNET_BITS) {
      throw new CidrError('MaskTooSmall', `cluster CIDR ${clusterCidr} is too large for node mask size ${nodeMaskSize} (at most ${MAX_SUBNET_BITS} bits apart)`);
    }
    this.nodeMaskSize = nodeMaskSize;
    this.max = 2 ** (nodeMaskSize - this.cluster.prefix);
  }

  get used(): number {
    return this.#used.size;
  }

  #subnet(index: number): string {
    const shift = BigInt(bits(this.cluster.v6) - this.nodeMaskSize);
    return formatCidr({ v6: this.cluster.v6, base: this.cluster.base + (BigInt(index) << shift), prefix: this.nodeMaskSize });
  }

  /** The next free subnet. Throws CidrError('Full') when every subnet is in use. */
  allocateNext(): string {
    for (let i = 0; i < this.max; i++) {
      const candidate = (this.#next + i) % this.max;
      if (this.#used.has(candidate)) continue;
      this.#used.add(candidate);
      this.#next = (candidate + 1) % this.max;
      return this.#subnet(candidate);
    }
    throw new CidrError('Full', `CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range ${formatCidr(this.cluster)}`);
  }

  /** The subnet indices a CIDR overlaps (empty when it lies outside this set or is of the other family). */
  #indices(cidr: string): [number, number] | undefined {
    const c = parseCidr(cidr);
    if (c.v6 !== this.cluster.v6) return undefined;
    const total = bits(c.v6);
    const clusterEnd = this.cluster.base + (1n << BigInt(total - this.cluster.prefix)) - 1n;
    const end = c.base + (1n << BigInt(total - c.prefix)) - 1n;
    if (end < this.cluster.base || c.base > clusterEnd) return undefined;
    const shift = BigInt(total - this.nodeMaskSize);
    const lo = c.base < this.cluster.base ? 0n : (c.base - this.cluster.base) >> shift;
    const hi = end > clusterEnd ? BigInt(this.max - 1) : (end - this.cluster.base) >> shift;
    return [Number(lo), Number(hi)];
  }

  /** Marks every subnet overlapping `cidr` used. Returns false when it does not overlap this set at all. */
  occupy(cidr: string): boolean {
    const r = this.#indices(cidr);
    if (!r) return false;
    for (let i = r[0]; i <= r[1]; i++) this.#used.add(i);
    return true;
  }

  /** Frees every subnet overlapping `cidr`. */
  release(cidr: string): void {
    const r = this.#indices(cidr);
    if (!r) return;
    for (let i = r[0]; i <= r[1]; i++) this.#used.delete(i);
  }

  /** Whether `cidr` (a node subnet) is currently marked used. */
  isUsed(cidr: string): boolean {
    const r = this.#indices(cidr);
    return !!r && r[0] === r[1] && this.#used.has(r[0]);
  }
}
