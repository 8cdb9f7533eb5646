import { useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  Flex,
  InputNumber,
  Progress,
  Table,
  Typography,
  type TableProps,
} from 'antd';
import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { api, ApiError, describeError } from '../../../shared/api';
import { useT } from '../../../shared/i18n';
import { useApiData } from '../../../shared/useApiData';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { YearSelect } from '../shared';
import type { TargetsResponse } from '../types';
import { beijingYear, formatYuan } from '../../../shared/format';


/** 城市目标: each city's yearly target of registered contract turnover, and progress against it. */
export function CityTargetsTab() {
  const t = useT();
  const { message } = App.useApp();
  const [year, setYear] = useState(() => beijingYear());
  const { data, loading, error, reload, setData } = useApiData<TargetsResponse>('/api/targets', { year });
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  const [saving, setSaving] = useState(false);
  const [newYear, setNewYear] = useState<number | null>(null);

  useEffect(() => {
    if (data) setDraft(Object.fromEntries(data.items.map((i) => [i.cityCode, i.target])));
  }, [data]);

  const years = useMemo(() => [...new Set([...(data?.years ?? []), year, beijingYear()])].sort((a, b) => b - a), [data, year]);
  const dirty = !!data && data.items.some((i) => (draft[i.cityCode] ?? null) !== i.target);

  const save = async () => {
    if (!data) return;
    // The API only sets targets (PUT upserts); a target once set can be changed, e.g. to 0, but not removed.
    const cleared = data.items.filter((i) => i.target !== null && (draft[i.cityCode] ?? null) === null);
    if (cleared.length) {
      message.warning(t('tgt.cannotClear', { cities: cleared.map((i) => i.name).join('、') }));
      return;
    }
    const targets = data.items.flatMap((i) => {
      const v = draft[i.cityCode];
      return v === null || v === undefined ? [] : [{ cityCode: i.cityCode, target: v }];
    });
    if (!targets.length) {
      message.warning(t('tgt.noneEntered'));
      return;
    }
    setSaving(true);
    try {
      const next = await api<TargetsResponse>(`/api/targets/${year}`, { method: 'PUT', body: { targets } });
      setData(next);
      message.success(t('tgt.saved', { year }));
    } catch (caught) {
      message.error(caught instanceof ApiError && caught.fields.length ? caught.fields.map((f) => f.message).join(t('common.listSeparator')) : describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableProps<TargetsResponse['items'][number]>['columns'] = [
    { title: t('tgt.col.city'), dataIndex: 'name', key: 'name', width: 140 },
    {
      title: t('tgt.col.target'),
      key: 'target',
      width: 160,
      render: (_, i) => (
        <InputNumber<number>
          min={0}
          max={1_000_000}
          precision={0}
          value={draft[i.cityCode] ?? null}
          onChange={(v) => setDraft({ ...draft, [i.cityCode]: v })}
          placeholder={t('tgt.unset')}
          aria-label={t('tgt.targetAria', { city: i.name })}
          style={{ width: 120 }}
        />
      ),
    },
    { title: t('tgt.col.achieved'), dataIndex: 'achieved', key: 'achieved', width: 100, align: 'right' },
    {
      title: t('tgt.col.progress'),
      key: 'progress',
      render: (_, i) =>
        i.progress === null ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <Progress percent={Math.round(i.progress * 1000) / 10} status={i.progress >= 1 ? 'success' : 'normal'} style={{ margin: 0, maxWidth: 320 }} />
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <YearSelect value={year} onChange={setYear} years={years} label={t('tgt.year')} />
        <InputNumber<number> min={2000} max={2100} precision={0} placeholder={t('tgt.newYear')} value={newYear} onChange={setNewYear} aria-label={t('tgt.newYear')} style={{ width: 140 }} />
        <Button
          icon={<PlusOutlined aria-hidden />}
          disabled={!newYear}
          onClick={() => {
            if (newYear) setYear(newYear);
            setNewYear(null);
          }}
        >
          {t('tgt.addYear')}
        </Button>
        <Button type="primary" icon={<SaveOutlined aria-hidden />} loading={saving} disabled={!dirty} onClick={save}>
          {t('tgt.save', { year })}
        </Button>
      </Flex>
      {data && <Typography.Text type="secondary">{t('tgt.rule', { min: formatYuan(t, data.rule.minTechAmount) })}</Typography.Text>}
      {error !== null && !loading ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table
          rowKey="cityCode"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          pagination={false}
          size="small"
          summary={() =>
            data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('tgt.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{data.total.target ?? t('common.none')}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {data.total.achieved}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3}>{data.total.progress === null ? t('common.none') : `${Math.round(data.total.progress * 1000) / 10}%`}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
    </Flex>
  );
}

// 补助规则
