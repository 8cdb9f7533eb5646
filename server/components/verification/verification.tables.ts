import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Verification requests: an organization's 实名认证 (business licence or legal-person certificate)
 * and a broker's qualifications (training level, professional title, with certificates). Files are
 * linked through the files component (`org_verification`, `broker_qualification`).
 */
export const verifications = pgTable(
  'verifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `organization` (subject = organization id) or `broker` (subject = user id). */
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** Broker: `{ level?, title? }`; organization: `{ note? }`. */
    data: jsonb('data').$type<{ level?: string | null; title?: string | null; note?: string | null }>().notNull(),
    status: text('status').notNull().default('pending'),
    reason: text('reason'),
    submittedBy: uuid('submitted_by').notNull(),
    decidedBy: uuid('decided_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('verifications_subject_idx').on(t.kind, t.subjectId), index('verifications_status_idx').on(t.status, t.createdAt)],
);
