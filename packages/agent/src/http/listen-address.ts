import * as E from 'fp-ts/lib/Either.js';

/** Where the HTTP endpoints listen, or `off`. */
export type ListenAddress =
  | { readonly type: 'off' }
  | { readonly type: 'tcp'; readonly host: string; readonly port: number };

export const defaultListenAddress = '127.0.0.1:9464';

/**
 * Parses `host:port` (`127.0.0.1:9464`, `0.0.0.0:9464`, `[::1]:9464`; port 0 picks a free port) or `off`.
 * A bad address is a configuration that can never work: the caller exits 2 with the message.
 */
export const parseListenAddress = (text: string): E.Either<string, ListenAddress> => {
  if (text === 'off') return E.right({ type: 'off' });
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(text);
  const host = match?.[1];
  const port = Number(match?.[2]);
  if (host === undefined || !Number.isInteger(port) || port > 65535) {
    return E.left(`invalid HTTP address "${text}": expected host:port (for example 127.0.0.1:9464) or off`);
  }
  return E.right({ type: 'tcp', host: host.replace(/^\[(.*)\]$/, '$1'), port });
};
