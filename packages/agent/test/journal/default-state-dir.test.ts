import test from 'ava';
import { defaultStateDir, SYSTEM_STATE_DIR } from '../../src/journal/default-state-dir.js';

test('STATIKA_STATE_DIR wins, resolved against the working directory', (t) => {
  t.is(
    defaultStateDir({ STATIKA_STATE_DIR: 'state' }, () => true, '/srv'),
    '/srv/state',
  );
  t.is(
    defaultStateDir({ STATIKA_STATE_DIR: '/data/statika' }, () => true, '/srv'),
    '/data/statika',
  );
});

test('/var/lib/statika when writable', (t) => {
  t.is(
    defaultStateDir({}, (dir) => dir === SYSTEM_STATE_DIR, '/srv'),
    '/var/lib/statika',
  );
});

test('./.statika otherwise (an empty STATIKA_STATE_DIR counts as unset)', (t) => {
  t.is(
    defaultStateDir({ STATIKA_STATE_DIR: '' }, () => false, '/srv'),
    '/srv/.statika',
  );
});
