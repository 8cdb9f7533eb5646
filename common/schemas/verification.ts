/** Verification (实名认证与经纪人资质): the answers of the verification endpoints, shared by the server and the client. */
import { z } from 'zod';

export const verificationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['organization', 'broker']),
    subjectId: z.string(),
    data: z.object({ note: z.string().nullable().optional(), level: z.string().nullable().optional(), title: z.string().nullable().optional() }).describe('as submitted: a note (organization) or the level and title (broker)'),
    status: z.enum(['pending', 'approved', 'rejected']),
    reason: z.string().nullable(),
    submittedBy: z.string(),
    decidedBy: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() })),
  })
  .meta({ id: 'Verification' });
export type Verification = z.infer<typeof verificationSchema>;
/** A row of the reviewers' queue: the request with its subject's name. */
export const verificationQueueItemSchema = verificationSchema.extend({ subjectName: z.string().nullable() });
export type VerificationQueueItem = z.infer<typeof verificationQueueItemSchema>;
