import * as t from 'io-ts';

export interface PortBrand {
  readonly Port: unique symbol;
}
/** A TCP port, 1..65535. */
export const Port = t.brand(
  t.number,
  (n): n is t.Branded<number, PortBrand> => Number.isInteger(n) && n >= 1 && n <= 65535,
  'Port',
);
export type Port = t.TypeOf<typeof Port>;
export const port = (n: number) => n as Port;

export interface NodePortBrand {
  readonly NodePort: unique symbol;
}
/**
 * A node port (node-port mode): the fixed port every host listens on for a service, 1024..65535 so
 * that it is never one of the privileged ports a host's own daemons bind.
 */
export const NodePort = t.brand(
  t.number,
  (n): n is t.Branded<number, NodePortBrand> => Number.isInteger(n) && n >= 1024 && n <= 65535,
  'NodePort',
);
export type NodePort = t.TypeOf<typeof NodePort>;
