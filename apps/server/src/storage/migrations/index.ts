import type { Migration } from 'kysely';
import * as initial from './0001_initial.js';
import * as readCursors from './0002_read_cursors.js';
import * as oneOpenConversation from './0003_one_open_conversation.js';
import * as widgetIdentityPages from './0004_widget_identity_pages.js';
import * as console_ from './0005_console.js';
import * as teamsRouting from './0006_teams_routing.js';
import * as inboxIndexKeepsAssignee from './0007_inbox_index_keeps_assignee.js';
import * as clientMsgIdFirst from './0008_client_msg_id_first.js';
import * as writersReadTheirOwn from './0009_writers_read_their_own.js';

/** Every migration, in order. Names sort; never rename or edit a shipped one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_read_cursors': readCursors,
  '0003_one_open_conversation': oneOpenConversation,
  '0004_widget_identity_pages': widgetIdentityPages,
  '0005_console': console_,
  '0006_teams_routing': teamsRouting,
  '0007_inbox_index_keeps_assignee': inboxIndexKeepsAssignee,
  '0008_client_msg_id_first': clientMsgIdFirst,
  '0009_writers_read_their_own': writersReadTheirOwn,
};
