// Preloaded into Kefu's server processes by the connections scenario (NODE_OPTIONS=
// --import=...): on SIGHUP, a full garbage collection, through the inspector so that no
// --expose-gc is needed. The RSS read after it counts what idle connections hold, not
// their handshakes' garbage, which nothing collects on an idle node (no allocation is
// left to trigger a collection).
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
process.on('SIGHUP', () => session.post('HeapProfiler.collectGarbage'));
