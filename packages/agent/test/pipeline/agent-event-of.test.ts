import { loadBalancerName } from '@statika/core';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { agentEventOf } from '../../src/pipeline/agent-event-of.js';
import { awsError } from './fixtures.js';

const problem = {
  file: 'services.json',
  path: 'services[2].loadBalancerName',
  expected: 'a non-empty string',
  got: '42',
  severity: 'error' as const,
};

test('a file refused for its content becomes an invalid file event with every problem on one line', (t) => {
  const event = agentEventOf({
    type: 'file',
    at: 5,
    file: 'services',
    url: 's3://b/services.json',
    outcome: { type: 'invalid', problems: [problem, problem] },
  });
  t.deepEqual(event, {
    type: 'file',
    url: 's3://b/services.json',
    at: 5,
    result: 'invalid',
    message:
      'services.json: services[2].loadBalancerName: expected a non-empty string, got 42; services.json: services[2].loadBalancerName: expected a non-empty string, got 42',
  });
});

test('a file that cannot be read becomes an error file event naming the code', (t) => {
  const event = agentEventOf({
    type: 'file',
    at: 5,
    file: 'configuration',
    url: 'c.json',
    outcome: { type: 'error', error: awsError('NoSuchKey', false) },
  });
  t.like(event, { type: 'file', result: 'error', message: 'NoSuchKey: NoSuchKey in a test' });
});

test('a loaded file with warnings carries them as its message', (t) => {
  const event = agentEventOf({
    type: 'file',
    at: 5,
    file: 'services',
    url: 'services.json',
    outcome: { type: 'loaded', text: '[]', value: [], warnings: [{ ...problem, severity: 'warning' }] },
  });
  t.like(event, {
    result: 'loaded',
    message: 'services.json: services[2].loadBalancerName: warning: expected a non-empty string, got 42',
  });
});

test('failed identity and observation reads are observe errors; successful ones are not events', (t) => {
  const error = awsError('Throttling', true);
  t.deepEqual(agentEventOf({ type: 'identity', at: 1, result: E.left(error) }), {
    type: 'observe-error',
    at: 1,
    error,
  });
  t.deepEqual(agentEventOf({ type: 'observed', at: 2, result: E.left(error) }), {
    type: 'observe-error',
    at: 2,
    error,
  });
  t.is(agentEventOf({ type: 'tick', at: 0, trigger: 'startup' }), undefined);
});

test('only a journal entry that was actually recreated is a journal-recovered event', (t) => {
  const entry = {
    type: 'replaceListeners' as const,
    serviceName: 'web',
    loadBalancerName: loadBalancerName('web-lb'),
    remove: [],
    create: [],
  };
  t.deepEqual(agentEventOf({ type: 'journal', at: 3, entry, outcome: { type: 'recovered', listeners: 2 } }), {
    type: 'journal-recovered',
    at: 3,
    loadBalancerName: 'web-lb',
    listeners: 2,
  });
  t.is(agentEventOf({ type: 'journal', at: 3, entry, outcome: { type: 'complete' } }), undefined);
});
