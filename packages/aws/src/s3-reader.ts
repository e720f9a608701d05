import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { CallRecorder } from './call-recorder.js';
import { callRecordingLocation, callRecordingMiddleware } from './call-recording-middleware.js';
import { retryLocation, type retryMiddleware } from './retry-middleware.js';

/** What Statika asks of S3: one object, conditional on the ETag it last read. */
export interface S3Reader {
  readonly client: S3Client;
  readonly getObject: (
    input: { readonly Bucket: string; readonly Key: string; readonly IfNoneMatch?: string | undefined },
    abortSignal: AbortSignal,
  ) => Promise<GetObjectCommandOutput>;
}

/**
 * The S3 client, in a module of its own: `createAwsClients` imports it on first use, so that an agent whose
 * files are not on S3 never loads the S3 client (about 8 MB of its memory; docs/performance.md).
 */
export const createS3Reader = (
  config: S3ClientConfig,
  recorder: CallRecorder,
  retry: ReturnType<typeof retryMiddleware>,
): S3Reader => {
  const client = new S3Client(config);
  client.middlewareStack.add(retry, retryLocation);
  client.middlewareStack.addRelativeTo(callRecordingMiddleware('s3', recorder), callRecordingLocation);
  return {
    client,
    getObject: (input, abortSignal) => client.send(new GetObjectCommand(input), { abortSignal }),
  };
};
