/**
 * Pod IP allocation from a node's podCIDR, the way the CNI host-local IPAM plugin does it: the network address, the
 * gateway (first host, on the bridge) and the broadcast address are never handed out; allocation continues after the
 * last address handed out (round-robin), so a released address is reused as late as possible and never while in use.
 */
import { RuntimeError } from '../service.js';

function parseIPv4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) throw new RuntimeError('InvalidArgument', `invalid IPv4 address "${text}"`);
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) {
      throw new RuntimeError('InvalidArgument', `invalid IPv4 address "${text}"`);
    }
    n = n * 256 + Number(p);
  }
  return n;
}

function formatIPv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

export class PodCidrAllocator {
  readonly cidr: string;
  /** The first host address, reserved for the node's bridge. */
  readonly gateway: string;
  private readonly base: number;
  /** Offsets (from the network address) of the first and last assignable addresses. */
  private readonly first: number;
  private readonly last: number;
  private readonly used = new Set<number>();
  private cursor: number;

  /** `cidr` is an IPv4 CIDR with a prefix length between 8 and 30, e.g. `10.244.1.0/24`. */
  constructor(cidr: string) {
    const slash = cidr.indexOf('/');
    const prefix = Number(cidr.slice(slash + 1));
    if (slash < 0 || !Number.isInteger(prefix) || prefix < 8 || prefix > 30) {
      throw new RuntimeError('InvalidArgument', `invalid pod CIDR "${cidr}": want an IPv4 CIDR with prefix 8..30`);
    }
    const size = 2 ** (32 - prefix);
    const addr = parseIPv4(cidr.slice(0, slash));
    this.base = addr - (addr % size);
    this.cidr = `${formatIPv4(this.base)}/${prefix}`;
    this.gateway = formatIPv4(this.base + 1);
    this.first = 2;
    this.last = size - 2;
    this.cursor = this.first - 1;
  }

  /** Number of addresses currently handed out. */
  get inUse(): number {
    return this.used.size;
  }

  /** Number of addresses that can be handed out in total. */
  get capacity(): number {
    return this.last - this.first + 1;
  }

  /** Hands out a free address. RuntimeError ResourceExhausted when every address is in use. */
  allocate(): string {
    const n = this.capacity;
    if (this.used.size >= n) {
      throw new RuntimeError(
        'ResourceExhausted',
        `failed to allocate for range 0: no IP addresses available in range set: ` +
          `${formatIPv4(this.base + this.first)}-${formatIPv4(this.base + this.last)}`,
      );
    }
    let off = this.cursor;
    for (let i = 0; i < n; i++) {
      off = off >= this.last ? this.first : off + 1;
      if (!this.used.has(off)) {
        this.used.add(off);
        this.cursor = off;
        return formatIPv4(this.base + off);
      }
    }
    throw new RuntimeError('Unknown', 'pod CIDR allocator inconsistent: no free address found');
  }

  /** Returns an address to the pool. Releasing an address that is not in use does nothing. */
  release(ip: string): void {
    const off = parseIPv4(ip) - this.base;
    this.used.delete(off);
  }

  /** Whether `ip` is currently handed out. */
  isAllocated(ip: string): boolean {
    return this.used.has(parseIPv4(ip) - this.base);
  }
}
