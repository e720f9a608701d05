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
