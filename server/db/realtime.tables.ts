import { bigserial, customType, pgTable, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Socket.IO's PostgreSQL adapter (server/lib/realtime.ts): a broadcast of 8,000 bytes or more travels as a row
 * here plus a NOTIFY naming it; the adapter deletes rows older than 30 s. Layout as its README gives it.
 */
export const socketIoAttachments = pgTable('socket_io_attachments', {
  id: bigserial('id', { mode: 'number' }).unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow(),
  payload: bytea('payload'),
});
