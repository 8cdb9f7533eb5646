import { z } from 'zod';

/** `?page=&pageSize=` as API.md defines them. */
export const pagination = {
  page: z.coerce.number({ error: 'page 应为正整数' }).int('page 应为正整数').min(1, 'page 应为正整数').max(10000, 'page 最大为 10000').default(1),
  pageSize: z.coerce.number({ error: 'pageSize 应为 1–100 的整数' }).int().min(1).max(100, 'pageSize 最大为 100').default(20),
};
