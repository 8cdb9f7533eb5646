/**
 * A client process of `bench:roadshow`: opens its share of the viewers' Socket.IO connections
 * (WebSocket, API token) to `/roadshow`, joins the room, chats and asks when told, and records the
 * arrival time (performance.timeOrigin + now, comparable across processes) of every item switch,
 * answered question and baseline ping. Talks to the parent over IPC.
 */
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';

type FromParent =
  | { type: 'connect'; url: string; roadshowId: string; tokens: string[] }
  | { type: 'load'; seconds: number; chatIntervalMs: number; asks: number }
  | { type: 'collect' }
  | { type: 'close' };

const clock = () => performance.timeOrigin + performance.now();
const send = (m: unknown) => process.connected && process.send!(m);
const sockets: Socket[] = [];
const states: [number, number][] = [];
const answers: [string, number][] = [];
const pings: [number, number][] = [];
/** chat:send → its ack (after the batch with the message is stored), ms. */
const chatAcks: number[] = [];
const counters = { chatSent: 0, chatAcked: 0, chatRefused: 0, chatReceived: 0, asked: 0, askFailed: 0, disconnects: 0 };
let roadshowId = '';
const timers: NodeJS.Timeout[] = [];

async function open(url: string, token: string): Promise<Socket> {
  const socket = connect(`${url}/roadshow`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: 60_000 });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = (await socket.timeout(60_000).emitWithAck('roadshow:join', { roadshowId })) as { ok: boolean; error?: { message: string } };
  if (!ack.ok) throw new Error(`join refused: ${ack.error?.message}`);
  socket.on('roadshow:state', (s: { currentItem: number }) => states.push([s.currentItem, clock()]));
  socket.on('question:updated', (q: { id: string; status: string }) => q.status === 'answered' && answers.push([q.id, clock()]));
  socket.on('bench:ping', (p: { seq: number }) => pings.push([p.seq, clock()]));
  socket.on('chat:new', () => counters.chatReceived++);
  socket.on('disconnect', () => counters.disconnects++);
  return socket;
}

process.on('message', (raw) => {
  const m = raw as FromParent;
  void (async () => {
    if (m.type === 'connect') {
      roadshowId = m.roadshowId;
      let failed = 0;
      // In batches: a connect storm of thousands at once is not what a roadshow sees either.
      for (let i = 0; i < m.tokens.length; i += 50) {
        const batch = await Promise.allSettled(m.tokens.slice(i, i + 50).map((t) => open(m.url, t)));
        for (const r of batch) if (r.status === 'fulfilled') sockets.push(r.value);
        else failed++;
      }
      send({ type: 'ready', connected: sockets.length, failed });
    } else if (m.type === 'load') {
      // Questions first (the host answers them during the run), then chat at random times.
      for (let i = 0; i < m.asks && i < sockets.length; i++) {
        const s = sockets[i]!;
        const r = (await s.emitWithAck('question:ask', { roadshowId, text: `请问第 ${i + 1} 个问题：中试线的投资规模和周期大概是多少？` })) as { ok: boolean; question?: { id: string } };
        if (r.ok) counters.asked++;
        else counters.askFailed++;
      }
      send({ type: 'asked' });
      for (const s of sockets) {
        let at = Math.random() * m.chatIntervalMs;
        while (at < m.seconds * 1000) {
          const when = at;
          timers.push(
            setTimeout(() => {
              counters.chatSent++;
              const sent = clock();
              s.emit('chat:send', { roadshowId, text: `这个成果很有意思，想了解转让方式 ${Math.round(when)}` }, (r: { ok: boolean }) => {
                if (!r.ok) return counters.chatRefused++;
                counters.chatAcked++;
                chatAcks.push(clock() - sent);
              });
            }, when),
          );
          at += m.chatIntervalMs * (0.5 + Math.random());
        }
      }
    } else if (m.type === 'collect') {
      send({ type: 'result', states, answers, pings, chatAcks, counters });
    } else if (m.type === 'close') {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.disconnect();
      process.exit(0);
    }
  })().catch((err: unknown) => {
    send({ type: 'error', message: String(err) });
  });
});
// The parent went away (Ctrl-C, crash): close too.
process.on('disconnect', () => process.exit(0));
send({ type: 'started' });
