import { readFile } from 'node:fs/promises';

/** The ECS agent's introspection port. */
export const ECS_AGENT_PORT = 51678;

/**
 * The default gateway from the text of `/proc/net/route`: the row whose Destination is 00000000, its
 * Gateway in little-endian hex (`0100A8C0` is 192.168.0.1).
 */
export const parseDefaultGateway = (routeTable: string): string | undefined => {
  for (const line of routeTable.split('\n').slice(1)) {
    const [, destination, gateway] = line.trim().split(/\s+/);
    if (destination !== '00000000' || gateway === undefined || !/^[0-9A-Fa-f]{8}$/.test(gateway)) continue;
    if (gateway === '00000000') continue;
    const octets = [6, 4, 2, 0].map((i) => Number.parseInt(gateway.slice(i, i + 2), 16));
    return octets.join('.');
  }
  return undefined;
};

/**
 * `http://<default gateway>:51678`: how a bridge-mode container reaches the ECS agent on its host (the
 * docker0 gateway). Undefined when there is no default route or no /proc (not Linux).
 */
export const defaultGatewayUrl = async (
  routeFile = '/proc/net/route',
  port = ECS_AGENT_PORT,
): Promise<string | undefined> => {
  try {
    const gateway = parseDefaultGateway(await readFile(routeFile, 'utf8'));
    return gateway === undefined ? undefined : `http://${gateway}:${port}`;
  } catch {
    return undefined;
  }
};
