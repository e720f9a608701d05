/** An HTTP request as the sim's protocol handlers see it, with or without a socket. */
export interface SimRequest {
  readonly method: string;
  /** The path without the query string, e.g. `/` or `/statika/services.json`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface SimResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Which front end a request is for: the AWS APIs, or one host's IMDS and ECS agent. */
export type SimTarget = { readonly kind: 'aws' } | { readonly kind: 'host'; readonly instanceId: string };

/** A malformed or invalid request, caught at the handler's edge and answered in the service's error shape. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const firstQueryValue = (request: SimRequest, name: string): string | undefined => {
  const value = request.query?.[name];
  return typeof value === 'string' ? value : value?.[0];
};
