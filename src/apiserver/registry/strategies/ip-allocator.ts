/**
 * Allocates Service ClusterIPs from a CIDR (default 10.96.0.0/12) without collisions. The first address after the
 * network address goes to the `kubernetes` Service, as in Kubernetes. State is rebuilt from the stored Services
 * at start (`reserve` each), so the API server process is the single allocator for its store.
 */
import { fieldErrors, invalid } from '../../../machinery/index.js';

export class IpAllocator {
  private readonly base: number;
  private readonly size: number;
  private readonly used = new Set<number>();
  private next = 1;

  constructor(readonly cidr: string) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
    if (!m) throw new TypeError(`invalid service CIDR ${JSON.stringify(cidr)}`);
    const octets = m.slice(1, 5).map(Number);
    const bits = Number(m[5]);
    if (octets.some((o) => o > 255) || bits < 8 || bits > 30) throw new TypeError(`invalid service CIDR ${JSON.stringify(cidr)}`);
    const ip = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    this.base = (ip & mask) >>> 0;
    this.size = 2 ** (32 - bits);
  }

  /** The first usable address (the `kubernetes` Service's). */
  first(): string {
    return this.toIp(1);
  }

  contains(ip: string): boolean {
    const n = parseIp(ip);
    return n !== null && n > this.base && n < this.base + this.size - 1;
  }

  /** Marks `ip` taken; false if it already was. Throws for an address outside the range. */
  reserve(ip: string): boolean {
    const n = parseIp(ip);
    if (n === null || !this.contains(ip)) {
      throw new RangeError(`the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr}`);
    }
    const off = n - this.base;
    if (this.used.has(off)) return false;
    this.used.add(off);
    return true;
  }

  /** The next free address, round-robin from the last one handed out; throws when the range is full. */
  allocate(): string {
    const usable = this.size - 2;
    for (let i = 0; i < usable; i++) {
      const off = ((this.next - 1 + i) % usable) + 1;
      if (!this.used.has(off)) {
        this.used.add(off);
        this.next = (off % usable) + 1;
        return this.toIp(off);
      }
    }
    throw new RangeError(`range is full: no addresses left in ${this.cidr}`);
  }

  release(ip: string): void {
    const n = parseIp(ip);
    if (n !== null) this.used.delete(n - this.base);
  }

  get allocated(): number {
    return this.used.size;
  }

  private toIp(off: number): string {
    const n = this.base + off;
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  }
}

export function parseIp(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return null;
  return ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
}

/** The 422 Kubernetes answers when a requested ClusterIP is taken or out of range. */
export function ipAllocationError(name: string, ip: string, why: string) {
  return invalid({ group: '', kind: 'Service' }, name, [
    fieldErrors.invalid('spec.clusterIPs', [ip], `failed to allocate IP ${ip}: ${why}`),
  ]);
}
