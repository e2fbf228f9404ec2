import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { pausesBetween, pausesLine } from './pauses.js';

it("counts a step's collections and event-loop delay from the process's log, and nothing outside the step", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-pauses-'));
  try {
    const lines = [
      '900 gc minor 50.00', // before the step
      '1000 loop 0.0 0.0',
      '1100 gc minor 10.00',
      '1500 gc minor 14.00',
      '1700 gc minor 12.00',
      '1800 gc incremental 1.00',
      '1900 gc major 8.00',
      '2000 loop 12.5 30.0',
      '3000 loop 4.0 9.0',
      '3001 gc minor 99.00', // after it
    ];
    fs.writeFileSync(path.join(dir, 'pauses-42.log'), `${lines.join('\n')}\n`);
    const [p] = pausesBetween(dir, [42, 43], 1000, 3000);
    expect(p).toEqual({
      pid: 42,
      minor: { count: 3, medianMs: 12, maxMs: 14 },
      major: { count: 1, maxMs: 8 },
      gcPercent: 2.3,
      loopDelay: { p99MedianMs: 4, maxMs: 30, seconds: 3 },
    });
    expect(pausesLine(p!)).toBe('3 scavenges (median 12 ms, longest 14 ms), 1 full collections (longest pause 8 ms), 2.3 % of the step in GC; event-loop delay p99 4 ms (median of 3 s), longest 30 ms');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
