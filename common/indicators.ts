/** One of a zone's indicators for a year, as `GET /api/zones/:id/indicators` answers it (server and client share it). */
export interface IndicatorEntry {
  code: string;
  no: number;
  group: string;
  name: string;
  unit: string;
  label: string;
  /** English names for the English interface (the 27 of 附件2; zone-defined ones have none). */
  groupEn?: string;
  nameEn?: string;
  unitEn?: string;
  source: 'auto' | 'manual';
  value: number | string | null;
  note: string | null;
  hint: string | null;
  detail?: Record<string, unknown>;
  updatedAt: string | null;
  editable: boolean;
  custom?: boolean;
}
