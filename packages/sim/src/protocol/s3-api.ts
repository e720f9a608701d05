import { statusForCode } from '../faults.js';
import type { World } from '../world.js';
import { ApiError, type SimRequest, type SimResponse } from './sim-request.js';
import { escapeXml, textElement, XML_DECLARATION } from './xml.js';

/** S3 GetObject and HeadObject, path-style (`/<bucket>/<key>`), with ETag and If-None-Match. */

export const s3Error = (
  code: string,
  message: string,
  requestId: string,
  extra: Record<string, string> = {},
  status = statusForCode(code),
  withBody = true,
): SimResponse => ({
  status,
  headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId, 'x-amz-id-2': requestId },
  body: withBody
    ? `${XML_DECLARATION}<Error>${textElement('Code', code)}${textElement('Message', message)}${Object.entries(
        extra,
      )
        .map(([k, v]) => textElement(k, v))
        .join(
          '',
        )}${textElement('RequestId', requestId)}${textElement('HostId', escapeXml(requestId))}</Error>`
    : '',
});

/** `/bucket/key/with/slashes` to its bucket and key (never a key starting with `/`). */
export const s3Location = (path: string): { bucket: string; key: string } => {
  const [, bucket = '', ...rest] = path.split('/');
  try {
    return { bucket: decodeURIComponent(bucket), key: rest.map((s) => decodeURIComponent(s)).join('/') };
  } catch {
    throw new ApiError('InvalidURI', "Couldn't parse the specified URI.");
  }
};

const etagMatches = (header: string, etag: string): boolean =>
  header
    .split(',')
    .map((e) => e.trim().replace(/^W\//, ''))
    .some((e) => e === '*' || e === etag || `"${e}"` === etag);

export const s3Operation = (request: SimRequest): string =>
  request.method === 'HEAD' ? 'HeadObject' : 'GetObject';

export const serveS3 = (world: World, request: SimRequest, requestId: string): SimResponse => {
  const withBody = request.method !== 'HEAD';
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return s3Error(
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
      requestId,
      {
        Method: request.method,
        ResourceType: 'OBJECT',
      },
      405,
    );
  }
  const { bucket, key } = s3Location(request.path);
  if (bucket === '' || key === '') {
    return s3Error('NotImplemented', 'The sim serves GetObject only.', requestId, {}, 501, withBody);
  }
  const lookup = world.internals.objects.get(bucket, key);
  switch (lookup.kind) {
    case 'accessDenied':
      return s3Error('AccessDenied', 'Access Denied', requestId, {}, 403, withBody);
    case 'noSuchBucket':
      return s3Error(
        'NoSuchBucket',
        'The specified bucket does not exist',
        requestId,
        { BucketName: bucket },
        404,
        withBody,
      );
    case 'noSuchKey':
      return s3Error(
        'NoSuchKey',
        'The specified key does not exist.',
        requestId,
        { Key: key },
        404,
        withBody,
      );
    case 'found': {
      const { object } = lookup;
      const common = {
        etag: object.etag,
        'last-modified': new Date(object.lastModified).toUTCString(),
        'x-amz-request-id': requestId,
        'x-amz-id-2': requestId,
      };
      const ifMatch = request.headers['if-match'];
      if (ifMatch !== undefined && !etagMatches(ifMatch, object.etag)) {
        return s3Error(
          'PreconditionFailed',
          'At least one of the pre-conditions you specified did not hold',
          requestId,
          {
            Condition: 'If-Match',
          },
          412,
          withBody,
        );
      }
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, object.etag)) {
        return { status: 304, headers: common, body: '' };
      }
      return {
        status: 200,
        headers: {
          ...common,
          'content-type': object.contentType,
          'content-length': String(Buffer.byteLength(object.body)),
          'accept-ranges': 'bytes',
        },
        body: withBody ? object.body : '',
      };
    }
  }
};
