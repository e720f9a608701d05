const FIRST_DYNAMIC = 32768;
const LAST_DYNAMIC = 60999;

/**
 * The host ports bound on one host. Dynamic ports come from Docker's range 32768-60999, handed out from a
 * moving cursor (as Docker does) so a port just released is not handed out again at once, and never one
 * that is still bound.
 */
export class PortAllocator {
  private bound = new Set<number>();
  private cursor = FIRST_DYNAMIC;

  isFree(port: number): boolean {
    return !this.bound.has(port);
  }

  bind(port: number): void {
    this.bound.add(port);
  }

  release(port: number): void {
    this.bound.delete(port);
  }

  /** A free dynamic port, now bound; undefined when the whole range is taken. */
  allocateDynamic(): number | undefined {
    const size = LAST_DYNAMIC - FIRST_DYNAMIC + 1;
    for (let i = 0; i < size; i++) {
      const port = FIRST_DYNAMIC + ((this.cursor - FIRST_DYNAMIC + i) % size);
      if (this.isFree(port)) {
        this.bind(port);
        this.cursor = port + 1 > LAST_DYNAMIC ? FIRST_DYNAMIC : port + 1;
        return port;
      }
    }
    return undefined;
  }
}
