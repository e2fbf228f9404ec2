/**
 * The admin REST calls of `@kefu/client`, bound to this console's origin (Kefu serves
 * the console, so the API is same-origin and the session cookie goes along).
 */
import * as rest from '@kefu/client';
import type { AgentUpdate, InvitationCreate, SiteCreate, SiteSettingsUpdate, TeamCreate, TeamUpdate } from '@kefu/client';

const base = () => location.origin;

export const listSites = () => rest.listSites(base());
export const createSite = (site: SiteCreate) => rest.createSite(base(), site);
export const updateSite = (id: string, change: SiteSettingsUpdate) => rest.updateSite(base(), id, change);
export const rotateIdentitySecret = (id: string) => rest.rotateIdentitySecret(base(), id);

export const listAgentAccounts = () => rest.listAgentAccounts(base());
export const inviteAgent = (invite: InvitationCreate) => rest.inviteAgent(base(), invite);
export const listInvitations = () => rest.listInvitations(base());
export const revokeInvitation = (id: string) => rest.revokeInvitation(base(), id);
export const updateAgent = (id: string, change: AgentUpdate) => rest.updateAgent(base(), id, change);
export const resetPassword = (id: string, password: string) => rest.resetAgentPassword(base(), id, password);

/** Team membership is edited from the team (its `agentIds`); an agent's teams follow. */
export const listTeams = () => rest.listTeams(base());
export const createTeam = (team: TeamCreate) => rest.createTeam(base(), team);
export const updateTeam = (id: string, change: TeamUpdate) => rest.updateTeam(base(), id, change);
export const deleteTeam = (id: string) => rest.deleteTeam(base(), id);

export const invitationInfo = (token: string) => rest.invitationInfo(base(), token);
/** Sets the invitee's password; the server signs them in (session cookie). */
export const acceptInvitation = async (token: string, password: string, name?: string) =>
  (await rest.acceptInvitation(base(), token, { password, ...(name ? { name } : {}) })).agent;
