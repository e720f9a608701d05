import type { FileSource } from '@statika/aws';
import * as E from 'fp-ts/lib/Either.js';

/**
 * The configuration source, noting the `cluster` of each text it reads. Identity resolution needs the
 * cluster for its one ECS call (ListContainerInstances or DescribeContainerInstances) when the ECS agent
 * does not say it, and the agent's `identity` dependency takes no argument: the controller reloads the
 * files before it asks for the identity, so the cluster is known by then.
 */
export const rememberCluster = (
  source: FileSource,
): { readonly source: FileSource; readonly cluster: () => string | undefined } => {
  let cluster: string | undefined;
  return {
    source: {
      url: source.url,
      read: async () => {
        const result = await source.read();
        if (E.isRight(result) && result.right.changed) cluster = clusterOf(result.right.text) ?? cluster;
        return result;
      },
    },
    cluster: () => cluster,
  };
};

const clusterOf = (text: string): string | undefined => {
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null || !('cluster' in json)) return undefined;
    return typeof json.cluster === 'string' && json.cluster !== '' ? json.cluster : undefined;
  } catch {
    return undefined;
  }
};
