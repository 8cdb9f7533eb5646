/**
 * The working-day calendar as data: holidays and 调休 workdays (table `holidays`, seeded from
 * seed/taxonomy/holidays.json), loaded once per process and reloaded after an admin edit.
 */
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { taxonomyFile } from '../taxonomy/index.js';
import type { Calendar } from './calendar.js';
import type { ContractsDeps } from './contracts.deps.js';
import * as policy from './contracts.policy.js';
import * as repo from './contracts.repository.js';

const calendars = new WeakMap<Db, Promise<Calendar>>();
interface HolidaySeed {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  provisional?: boolean;
}
export interface HolidayInput {
  kind: 'holiday' | 'workday';
  name: string;
  provisional?: boolean;
}

/** The working-day calendar (weekends + table `holidays`, seeded from seed/taxonomy/holidays.json). */
export function getCalendar(db: Db): Promise<Calendar> {
  let cal = calendars.get(db);
  if (!cal) {
    cal = (async () => {
      const seed = taxonomyFile<HolidaySeed[]>('holidays');
      await repo.insertMissingHolidays(db, seed.map((h) => ({ date: h.date, kind: h.kind, name: h.name, provisional: h.provisional ?? false })));
      const rows = await repo.allHolidays(db);
      return {
        holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)),
        workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.date)),
      };
    })();
    cal.catch(() => calendars.delete(db));
    calendars.set(db, cal);
  }
  return cal;
}

export async function listHolidays({ db }: ContractsDeps, _actor: Actor | null, { year }: { year?: number }) {
  await getCalendar(db);
  const rows = await repo.allHolidays(db);
  return { items: year ? rows.filter((r) => r.date.startsWith(`${year}-`)) : rows };
}

export async function putHoliday({ db }: ContractsDeps, actor: Actor, { date, ...input }: { date: string } & HolidayInput) {
  if (!policy.canManageCalendar(actor)) throw AppError.forbidden('只有平台管理员可以维护节假日');
  await getCalendar(db);
  await db.transaction(async (tx) => {
    await repo.upsertHoliday(tx, { date, kind: input.kind, name: input.name, provisional: input.provisional ?? false });
    await audit(tx, { actorId: actor.id, action: 'holiday.put', entityType: 'holiday', entityId: date, data: input });
  });
  calendars.delete(db);
  return { date, kind: input.kind, name: input.name, provisional: input.provisional ?? false };
}

export async function removeHoliday({ db }: ContractsDeps, actor: Actor, { date }: { date: string }): Promise<void> {
  if (!policy.canManageCalendar(actor)) throw AppError.forbidden('只有平台管理员可以维护节假日');
  await getCalendar(db);
  await db.transaction(async (tx) => {
    if (!(await repo.deleteHoliday(tx, date))) throw AppError.notFound('该日期的节假日安排');
    await audit(tx, { actorId: actor.id, action: 'holiday.delete', entityType: 'holiday', entityId: date });
  });
  calendars.delete(db);
}
