import { expect, it } from 'vitest';
import { Column, ConversationLog } from './recorder.js';

it('a column grows past its first capacity and keeps every value', () => {
  const c = new Column(2);
  for (let i = 0; i < 1000; i++) expect(c.push(i * 1.5)).toBe(i);
  c.set(999, -1);
  expect([c.length, c.get(0), c.get(500), c.get(999)]).toEqual([1000, 0, 750, -1]);
});

it('a conversation log gives back what it heard, in arrival order, each id under the prefix it arrived with', () => {
  const log = new ConversationLog('c1', 'agent');
  log.heard(7, 'run-1-0-000000a', 'run-1-'); // worker 0, n 10
  log.heard(8, 'run-1-1-00000zz', 'run-1-');
  log.heard(9, 'someone-elses-id', 'run-1-'); // not this run's: kept as it is
  log.heard(3, 'run-1-0-b', 'run-2-'); // a late copy of step 1 heard in step 2
  log.heard(10, 'run-2-1-0000000', 'run-2-');
  expect(log.live()).toEqual([
    [7, 'run-1-0-000000a'],
    [8, 'run-1-1-00000zz'],
    [9, 'someone-elses-id'],
    [3, 'run-1-0-b'],
    [10, 'run-2-1-0000000'],
  ]);
  log.maxSeq = 10;
  log.startPhase();
  expect([log.live(), log.phaseStartSeq]).toEqual([[], 10]);
});
