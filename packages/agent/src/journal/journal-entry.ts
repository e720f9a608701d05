import { InstanceId, Listener, LoadBalancerName, type ReplaceListeners } from '@statika/core';
import * as t from 'io-ts';

/**
 * The journal's file format: a version and the replacement as it is about to be made, its listeners
 * with the policies they must end with (the core's merge of the observed policies and every host's
 * record). `writer` names this host's record on the load balancer; entries written before the record
 * existed have none, and still decode.
 */
export const JournalEntry = t.type({
  version: t.literal(1),
  action: t.intersection([
    t.type({
      type: t.literal('replaceListeners'),
      serviceName: t.string,
      loadBalancerName: LoadBalancerName,
      remove: t.array(Listener),
      create: t.array(Listener),
    }),
    t.partial({ writer: InstanceId }),
  ]),
});
export type JournalEntry = t.TypeOf<typeof JournalEntry>;

export const journalEntry = (action: ReplaceListeners): JournalEntry => ({
  version: 1,
  action: {
    type: action.type,
    serviceName: action.serviceName,
    loadBalancerName: action.loadBalancerName,
    remove: [...action.remove],
    create: [...action.create],
    ...(action.writer === undefined ? {} : { writer: action.writer }),
  },
});
