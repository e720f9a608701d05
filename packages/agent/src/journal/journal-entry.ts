import { ReplaceListeners } from '@statika/core';
import * as t from 'io-ts';

/**
 * The journal's file format: a version and the replacement as it is about to be made (core's own
 * `ReplaceListeners` codec, so the two cannot drift), its listeners with the policies they must end with
 * (the core's merge of the observed policies and every host's record). `writer` names this host's record
 * on the load balancer; entries written before the record existed have none, and still decode.
 */
export const JournalEntry = t.type({ version: t.literal(1), action: ReplaceListeners });
export type JournalEntry = t.TypeOf<typeof JournalEntry>;

/** The entry for `action`, with exactly the fields of the format (an action built with more keeps them out). */
export const journalEntry = (action: ReplaceListeners): JournalEntry => ({
  version: 1,
  action: {
    type: action.type,
    serviceName: action.serviceName,
    loadBalancerName: action.loadBalancerName,
    remove: action.remove,
    create: action.create,
    ...(action.writer === undefined ? {} : { writer: action.writer }),
  },
});
