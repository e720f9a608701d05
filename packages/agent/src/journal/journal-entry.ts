import { Listener, LoadBalancerName, type ReplaceListeners } from '@statika/core';
import * as t from 'io-ts';

/** The journal's file format: a version and the replacement as the plan gave it. */
export const JournalEntry = t.type({
  version: t.literal(1),
  action: t.type({
    type: t.literal('replaceListeners'),
    serviceName: t.string,
    loadBalancerName: LoadBalancerName,
    remove: t.array(Listener),
    create: t.array(Listener),
  }),
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
  },
});
