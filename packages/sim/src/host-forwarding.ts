/**
 * What each host's kernel forwards (a host fact, like its ECS agent's answers): connections to `port` on
 * the instance go to `to` on the same instance, as an nftables redirect does. The load balancer's health
 * checks and the traffic probe see through it; nothing in AWS's API shows it.
 */
export interface PortForward {
  readonly port: number;
  readonly to: number;
}

export class HostForwarding {
  private byHost = new Map<string, ReadonlyMap<number, number>>();

  /** The host now forwards exactly these ports (none: nothing is forwarded). */
  set(instanceId: string, forwards: readonly PortForward[]): void {
    this.byHost.set(instanceId, new Map(forwards.map((f) => [f.port, f.to])));
  }

  /** The port a connection to `port` on the instance really reaches. */
  resolve(instanceId: string, port: number): number {
    return this.byHost.get(instanceId)?.get(port) ?? port;
  }
}
