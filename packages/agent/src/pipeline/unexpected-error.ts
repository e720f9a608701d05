import type { AwsError, AwsService } from '@statika/aws';

/**
 * A rejection or throw where an adapter promised an Either: a bug, or a failure nobody classified. It
 * becomes a retryable error value so that the stream goes on and the next attempt backs off.
 */
export const unexpectedError = (
  service: AwsService,
  operation: string,
  resource: string | undefined,
  e: unknown,
): AwsError => ({
  _tag: 'AwsError',
  retryable: true,
  service,
  operation,
  resource,
  code: 'Unexpected',
  message: e instanceof Error ? e.message : String(e),
});
