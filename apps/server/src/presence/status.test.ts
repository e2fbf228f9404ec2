import type { VisitorSession } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, collect, connectAgent, rawAgentSocket, rawVisitorSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { addAgent, firstWorkspaceId } from '../test-support/workspaces.js';

const GRACE_MS = 300;

for (const dialect of DIALECTS) {
  describe(`an agent's chosen status (${dialect})`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer({ dialect, config: { presenceGraceMs: GRACE_MS } });
    });
    afterAll(() => server?.close());

    it('is kept across reconnects, shown to colleagues, and takes the agent out of the widgets\' availability', async () => {
      const colleague = await addAgent(server, await firstWorkspaceId(server), 'agent', 'Colleague');
      const visitor = await rawVisitorSocket(server);
      const flips = collect<{ agentsOnline: boolean }>(visitor, 'site.availability');
      const watcher = await connectAgent(server);
      await waitFor(() => flips.at(-1)?.agentsOnline === true, 'available with the watcher');

      const agent = await connectAgent(server, colleague);
      expect(agent.statusChoice).toBe('online');
      await waitFor(() => watcher.presenceOf('agent', colleague.id) === 'online', 'the colleague online');
      expect(await agent.setStatus('away')).toMatchObject({ id: colleague.id, status: 'away' });
      await waitFor(() => watcher.presenceOf('agent', colleague.id) === 'away', 'the colleague away');
      expect((await watcher.listAgents()).find((a) => a.id === colleague.id)?.status).toBe('away');

      // Kept by the server: the next sign-in starts away.
      agent.close();
      await waitFor(() => watcher.presenceOf('agent', colleague.id) === 'offline', 'offline after the grace period');
      const back = await connectAgent(server, colleague);
      expect(back.statusChoice).toBe('away');
      await new Promise((r) => setTimeout(r, GRACE_MS * 2));
      expect(watcher.presenceOf('agent', colleague.id)).toBe('away');

      // The watcher chooses away too: nobody is available, though both are connected.
      await watcher.setStatus('away');
      await waitFor(() => flips.at(-1)?.agentsOnline === false, 'unavailable with everyone away');
      expect((await ask<{ ok: true; data: VisitorSession }>(visitor, 'session.hello', {})).data.agentsOnline).toBe(false);
      // An idle console of an agent who chose online still counts.
      await back.setStatus('online');
      back.setAway(true);
      await waitFor(() => flips.at(-1)?.agentsOnline === true, 'available again');
      await waitFor(() => watcher.presenceOf('agent', colleague.id) === 'away', 'idle shows as away');

      const raw = await rawAgentSocket(server, colleague);
      expect(await ask(raw, 'agent.status', { status: 'busy' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      raw.close();
      back.close();
      await watcher.setStatus('online');
      watcher.close();
      visitor.close();
    });
  });
}
