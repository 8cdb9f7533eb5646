/**
 * The Socket.IO adapter that spans processes (workers, app machines): `@socket.io/postgres-adapter`'s wire format
 * (one `pg_notify` per message on channel `socket.io#<namespace>`, big or binary ones as a row of
 * `socket_io_attachments`), so a process running the stock adapter and one running this one understand each other,
 * with two changes to how a process sends:
 *
 * 1. **Local first.** The stock `ClusterAdapter.broadcast` awaits the NOTIFY round trip before it writes to the
 *    sockets of its own process, so every event's local delivery waited for a pool connection and PostgreSQL, also
 *    with `WORKERS=1`; under load that was seconds (docs/benchmarks.md). Here a broadcast is queued for the other
 *    processes and written to the local sockets at once. (The stock order exists for connection-state recovery,
 *    which adds the NOTIFY's offset to the packet; this app does not enable it, and where it is enabled the stock
 *    path is kept.)
 * 2. **One statement per round trip, in order, on its own connections.** Messages are queued in emit order and
 *    sent by one publisher: whatever was queued while the previous statement ran goes in the next one
 *    (`SELECT pg_notify(c, p) FROM unnest(...)`: one transaction, so one commit for many messages, and
 *    notifications of one transaction arrive in the order they were sent). The stock adapter sent each message
 *    as its own `pool.query`, concurrently over the app's pool: it competed with the app's queries for
 *    connections, and two broadcasts could reach another process in the opposite order. The adapter has its own
 *    small pool (the LISTEN connection, the publisher, attachment reads and the cleanup), so the app's pool
 *    never waits for it and it never waits for the app's.
 *
 * PostgreSQL delivers identical notifications of one transaction once; each message carries a per-process
 * sequence number (`s`, ignored by receivers) so that two equal broadcasts in one batch both arrive. Large or
 * binary messages (rare here) go as the stock client sends them, in their place in the queue.
 */
import { PostgresAdapter, type PostgresAdapterOptions } from '@socket.io/postgres-adapter';
import { hasBinary, PubSubClient } from '@socket.io/postgres-adapter/dist/util.js';
import type pg from 'pg';
import { Adapter, MessageType, type BroadcastOptions, type ClusterAdapterOptions, type ClusterMessage, type ClusterResponse } from 'socket.io-adapter';

type Options = Required<PostgresAdapterOptions>;
type Message = ClusterMessage | ClusterResponse;

/** At most this many messages wait for the publisher (PostgreSQL unreachable): older ones are dropped, with one error. */
const MAX_QUEUE = 20_000;
/** Messages per statement. */
const MAX_BATCH = 1000;

interface Queued {
  channel: string;
  /** The JSON payload, or the message itself when it goes as an attachment. */
  payload: string;
  attachment?: Message;
  done: () => void;
}

/** LISTEN and the receiving side are the stock client's; publishing goes through one ordered, batching queue. */
class OrderedPubSub extends PubSubClient {
  private readonly queue: Queued[] = [];
  private running = false;
  private seq = 0;
  private dropped = 0;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly publishPool: pg.Pool,
    private readonly options: Options,
    isFromSelf: ConstructorParameters<typeof PubSubClient>[2],
    onMessage: ConstructorParameters<typeof PubSubClient>[3],
  ) {
    super(publishPool, options, isFromSelf, onMessage);
  }

  /** Serialised now (the packet may be changed by the local delivery that follows); sent by the queue. */
  override publish(message: Message): Promise<void> {
    const channel = `${this.options.channelPrefix}#${message.nsp}`;
    const stamped = { ...message, s: ++this.seq };
    const binary = [MessageType.BROADCAST, MessageType.BROADCAST_ACK, MessageType.SERVER_SIDE_EMIT, MessageType.SERVER_SIDE_EMIT_RESPONSE].includes(message.type) && hasBinary(message);
    let payload = binary ? '' : JSON.stringify(stamped);
    const attachment = binary || Buffer.byteLength(payload) > this.options.payloadThreshold ? message : undefined;
    if (attachment) payload = '';
    return new Promise<void>((resolve) => {
      this.queue.push({ channel, payload, attachment, done: resolve });
      if (this.queue.length > MAX_QUEUE) {
        const lost = this.queue.splice(0, this.queue.length - MAX_QUEUE);
        for (const q of lost) q.done();
        if (this.dropped === 0) this.options.errorHandler(new Error(`socket.io adapter: publishing is behind, ${lost.length} message(s) to other processes dropped`));
        this.dropped += lost.length;
      }
      if (!this.running) void this.run();
    });
  }

  /** Resolves once every message queued so far has been sent (or has failed): tests, shutdown. */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Messages not yet sent to PostgreSQL: queued, or in the statement that waits for a connection or runs. */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        // A large or binary message goes as a row and a header (the stock client's way, one statement each);
        // the messages before it are sent first, so the order holds.
        const split = batch.findIndex((q) => q.attachment);
        if (split > 0) this.queue.unshift(...batch.splice(split));
        else if (split === 0) this.queue.unshift(...batch.splice(1));
        this.inFlight = batch.length;
        try {
          if (batch[0]!.attachment) {
            await (this as unknown as { publishWithAttachment(m: Message): Promise<void> }).publishWithAttachment(batch[0]!.attachment);
          } else {
            await this.publishPool.query('SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) AS t(c, p)', [batch.map((q) => q.channel), batch.map((q) => q.payload)]);
          }
          if (this.dropped) this.dropped = 0;
        } catch (err) {
          this.options.errorHandler(err as Error);
        } finally {
          this.inFlight = 0;
        }
        for (const q of batch) q.done();
      }
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }
}

const encodeOptions = (opts: BroadcastOptions) => ({ rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags });

/** Delivers to this process's sockets at once and queues the message for the others (see the file's comment). */
export class LocalFirstAdapter extends PostgresAdapter {
  override broadcast(packet: unknown, opts: BroadcastOptions): Promise<void> {
    const nsp = (this as unknown as { nsp: { server: { opts: { connectionStateRecovery?: unknown } } } }).nsp;
    if (opts.flags?.local || nsp.server.opts.connectionStateRecovery) return super.broadcast(packet, opts);
    // publish() serialises synchronously, so the queue keeps the order of broadcasts and sees the packet unchanged.
    this.publish({ type: MessageType.BROADCAST, data: { packet, opts: encodeOptions(opts) } } as unknown as ClusterMessage);
    Adapter.prototype.broadcast.call(this, packet, opts);
    return Promise.resolve();
  }
}

export interface RoomAdapter {
  /** The `adapter` option of the Socket.IO server. */
  adapter: (nsp: unknown) => LocalFirstAdapter;
  /** Resolves once every queued message went out (tests). */
  idle(): Promise<void>;
  /** Messages waiting to be sent to the other processes. */
  pending(): number;
}

/**
 * The adapter for `new Server(…, { adapter })`. `pool` is the adapter's own (server/serve.ts opens one of 3
 * connections: LISTEN, the publisher, attachment reads and cleanup); closing the Socket.IO server releases the
 * LISTEN connection, the caller ends the pool.
 */
export function createRoomAdapter(pool: pg.Pool, opts: PostgresAdapterOptions & ClusterAdapterOptions = {}): RoomAdapter {
  const options: Options & ClusterAdapterOptions = {
    channelPrefix: 'socket.io',
    tableName: 'socket_io_attachments',
    payloadThreshold: 8000,
    cleanupInterval: 30_000,
    errorHandler: () => undefined,
    ...opts,
  };
  const namespaces = new Map<string, LocalFirstAdapter>();
  const client = new OrderedPubSub(
    pool,
    options,
    (msg) => (namespaces.get(msg.nsp) as unknown as { uid: string } | undefined)?.uid === msg.uid,
    (msg) => (namespaces.get(msg.nsp) as unknown as { onMessage(m: ClusterMessage): void } | undefined)?.onMessage(msg),
  );
  return {
    // Socket.IO calls it with `new`: a function (not an arrow) that returns the instance.
    adapter: function (nsp: unknown) {
      const adapter = new LocalFirstAdapter(nsp, options, client);
      const name = (nsp as { name: string }).name;
      namespaces.set(name, adapter);
      client.addNamespace(name);
      const close = adapter.close.bind(adapter);
      adapter.close = () => {
        namespaces.delete(name);
        if (namespaces.size === 0) client.close();
        return close();
      };
      return adapter;
    },
    idle: () => client.idle(),
    pending: () => client.pending,
  };
}

/** Whether a namespace's adapter spans processes (server-side emits reach the others). */
export function spansProcesses(adapter: unknown): boolean {
  return adapter instanceof PostgresAdapter;
}
