/** Allocates Service NodePorts from a port range (default 30000–32767) without collisions. */
export class PortAllocator {
  private readonly used = new Set<number>();
  private next: number;

  constructor(
    readonly min = 30000,
    readonly max = 32767,
  ) {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max > 65535 || min > max) {
      throw new RangeError(`invalid port range ${min}-${max}`);
    }
    this.next = min;
  }

  /** Marks `port` taken; false if it already was or is outside the range. */
  reserve(port: number): boolean {
    if (!Number.isInteger(port) || port < this.min || port > this.max || this.used.has(port)) return false;
    this.used.add(port);
    return true;
  }

  allocate(): number {
    const n = this.max - this.min + 1;
    for (let i = 0; i < n; i++) {
      const p = this.min + ((this.next - this.min + i) % n);
      if (!this.used.has(p)) {
        this.used.add(p);
        this.next = p + 1 > this.max ? this.min : p + 1;
        return p;
      }
    }
    throw new RangeError(`range is full: no node ports left in ${this.min}-${this.max}`);
  }

  release(port: number): void {
    this.used.delete(port);
  }
}
