import type { Logger } from 'pino';
import { AgentsRepo } from './agents/repo.js';
import { AgentsService } from './agents/service.js';
import { AuthRepo } from './auth/repo.js';
import { AuthService } from './auth/service.js';
import { CannedRepliesRepo } from './canned/repo.js';
import { CannedRepliesService } from './canned/service.js';
import type { Config } from './config.js';
import { ConversationActions } from './conversations/actions.js';
import { ConversationsRepo } from './conversations/repo.js';
import { ConversationsService } from './conversations/service.js';
import { MessagesRepo } from './messages/repo.js';
import { MessagesService } from './messages/service.js';
import { Metrics } from './metrics/metrics.js';
import { NotesRepo } from './notes/repo.js';
import { NotesService } from './notes/service.js';
import { PageViewsRepo } from './page-views/repo.js';
import { PageViewsService } from './page-views/service.js';
import { SitesRepo } from './sites/repo.js';
import { SitesService } from './sites/service.js';
import type { Storage } from './storage/connect.js';
import { TagsRepo } from './tags/repo.js';
import { TagsService } from './tags/service.js';
import { TeamsRepo } from './teams/repo.js';
import { TeamsService } from './teams/service.js';
import { VisitorsReadRepo, VisitorsRepo } from './visitors/repo.js';
import { VisitorsService } from './visitors/service.js';

/** Everything a route or socket handler may use, built once per app. */
export interface AppContext {
  config: Config;
  storage: Storage;
  log: Logger;
  /** Only when /metrics is on (a token is set): Node's collectors watch every garbage collection and the event loop. */
  metrics: Metrics | null;
  sites: SitesRepo;
  sitesService: SitesService;
  auth: AuthService;
  authRepo: AuthRepo;
  visitors: VisitorsService;
  conversations: ConversationsService;
  conversationsRepo: ConversationsRepo;
  messages: MessagesService;
  notes: NotesService;
  tags: TagsService;
  conversationActions: ConversationActions;
  pageViews: PageViewsService;
  /** The console's reads of visitors (radar, visitor panel, invitations). */
  visitorReads: VisitorsReadRepo;
  cannedReplies: CannedRepliesService;
  /** Agent accounts and invitations (owners and admins). */
  agents: AgentsService;
  teams: TeamsService;
  teamsRepo: TeamsRepo;
}

export function createContext(config: Config, storage: Storage, log: Logger): AppContext {
  const { db } = storage;
  const authRepo = new AuthRepo(db);
  const conversationsRepo = new ConversationsRepo(db, storage.dialect);
  const metrics = config.metricsToken ? new Metrics() : null;
  const messages = new MessagesService(new MessagesRepo(db), storage, log, metrics);
  const notes = new NotesService(new NotesRepo(db));
  const sites = new SitesRepo(db);
  const teamsRepo = new TeamsRepo(db);
  const agentIdsOf = async (workspaceId: string) => (await authRepo.agentsOf(workspaceId)).map((a) => a.id);
  return {
    config,
    storage,
    log,
    metrics,
    sites,
    sitesService: new SitesService(sites, (workspaceId, ids) => teamsRepo.existing(workspaceId, ids)),
    auth: new AuthService(authRepo),
    authRepo,
    visitors: new VisitorsService(new VisitorsRepo(db)),
    conversations: new ConversationsService(conversationsRepo, async (siteId) => (await sites.byId(siteId))?.settings.departments.map((d) => d.id) ?? []),
    conversationsRepo,
    messages,
    notes,
    tags: new TagsService(db, new TagsRepo(), (trx, id) => conversationsRepo.lock(trx, id)),
    conversationActions: new ConversationActions(db, conversationsRepo, messages, notes),
    pageViews: new PageViewsService(new PageViewsRepo(db), log),
    visitorReads: new VisitorsReadRepo(db),
    cannedReplies: new CannedRepliesService(new CannedRepliesRepo(db)),
    agents: new AgentsService(new AgentsRepo(db), teamsRepo, (agentId) => authRepo.deleteSessionsOf(agentId), config.publicUrl),
    teams: new TeamsService(teamsRepo, sites, agentIdsOf),
    teamsRepo,
  };
}
