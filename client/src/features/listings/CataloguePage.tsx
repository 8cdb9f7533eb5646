import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Divider,
  Drawer,
  Empty,
  Flex,
  Grid,
  Input,
  InputNumber,
  Pagination,
  Row,
  Select,
  Skeleton,
  Slider,
  Space,
  Spin,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../shared/api';
import { useLocale, useT, type MessageKey } from '../../shared/i18n';
import { industryTree, useTaxonomyNames, type TaxonomyNames } from '../../shared/taxonomyNames';
import { useApiData } from '../../shared/useApiData';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { Highlighted } from './components';
import { SaveSearchButton } from './SaveSearchButton';
import { filtersFromState } from './savedSearch';
import { KIND, detailPath } from './kinds';
import { sourceName } from './format';
import type { CatalogueItem, CatalogueResponse, Kind } from './types';
import { budgetText, formatDate, priceText } from '../../shared/format';
import { RatingBadge } from '../deals';
import { PageHeader } from '../../shared/components/PageHeader';

const DEFAULT_PAGE_SIZE = 10;
const SORTS = ['relevance', 'newest', 'price_asc', 'price_desc'] as const;
type Sort = (typeof SORTS)[number];
const FILTER_KEYS = ['q', 'industry', 'city', 'mode', 'maturityMin', 'maturityMax', 'priceMax', 'source'] as const;
type FilterKey = (typeof FILTER_KEYS)[number] | 'sort' | 'page' | 'pageSize';

const STAGES = [
  { key: 'lab', min: 1, max: 3 },
  { key: 'pilot', min: 4, max: 6 },
  { key: 'industrial', min: 7, max: 9 },
] as const;

function int(value: string | null, min: number, max: number): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function positive(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The catalogue state, all of it in the URL query string (API parameter names). */
function readState(params: URLSearchParams, kind: Kind) {
  const sort = params.get('sort');
  return {
    q: params.get('q')?.trim() ?? '',
    industry: params.get('industry') ?? undefined,
    city: params.get('city') ?? undefined,
    mode: params.get('mode') ?? undefined,
    maturityMin: int(params.get('maturityMin'), 1, 9),
    maturityMax: int(params.get('maturityMax'), 1, 9),
    priceMax: positive(params.get('priceMax')),
    source: kind === 'achievement' ? (params.get('source') ?? undefined) : undefined,
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'relevance',
    page: int(params.get('page'), 1, 10000) ?? 1,
    pageSize: int(params.get('pageSize'), 1, 100) ?? DEFAULT_PAGE_SIZE,
  };
}

interface FacetOption {
  value: string;
  label: string;
}

/** One facet as a row of tags with counts; clicking the chosen one again clears it. */
function FacetTags({ label, counts, value, name, onChange }: { label: string; counts: Record<string, number> | undefined; value: string | undefined; name: (code: string) => string; onChange: (value: string | undefined) => void }) {
  const t = useT();
  const options: FacetOption[] = Object.entries(counts ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => ({ value: code, label: `${name(code)}（${n}）` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: name(value) });
  return (
    <div>
      <Typography.Text strong>{label}</Typography.Text>
      <div style={{ marginTop: 8 }}>
        {options.length ? (
          <Tag.CheckableTagGroup
            aria-label={label}
            options={options}
            value={value ?? null}
            onChange={(next) => onChange(next ?? undefined)}
            style={{ rowGap: 8, flexWrap: 'wrap' }}
          />
        ) : (
          <Typography.Text type="secondary">{t('catalogue.facetEmpty')}</Typography.Text>
        )}
      </div>
    </div>
  );
}

function CatalogueCard({ item, kind, names }: { item: CatalogueItem; kind: Kind; names: TaxonomyNames }) {
  const t = useT();
  const modes = (kind === 'achievement' ? item.transferModes : item.cooperationModes) ?? [];
  const body = kind === 'achievement' ? { html: item._formatted?.summary, text: item.summary } : { html: item._formatted?.problem, text: item.problem };
  return (
    <Card size="small" data-testid="listing-card" className="gjt-listing-card">
      <Flex vertical gap={8}>
        <Link to={detailPath(kind, item.id)} className="gjt-card-title">
          <Highlighted html={item._formatted?.title} text={item.title} />
        </Link>
        {item.titleEn && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            <Highlighted html={item._formatted?.titleEn} text={item.titleEn} />
          </Typography.Text>
        )}
        <div className="gjt-clamp-2 gjt-card-body">
          <Highlighted html={body.html} text={body.text} />
        </div>
        <Flex gap={6} wrap>
          <Tag color="blue">{names.industryPath(item.industry)}</Tag>
          <Tag color="geekblue">{names.city(item.cityCode)}</Tag>
          {kind === 'achievement' && item.trl != null && <Tag color="green">{names.trl(item.trl)}</Tag>}
          {kind === 'demand' && item.trlMin != null && <Tag color="green">{t('catalogue.trlAtLeast', { trl: item.trlMin })}</Tag>}
          {kind === 'achievement' ? (
            <Tag color="gold">{priceText(t, item.price)}</Tag>
          ) : (
            <Tag color="gold">{t('catalogue.budget', { budget: budgetText(t, item.budgetMin, item.budgetMax) })}</Tag>
          )}
          {modes.slice(0, 3).map((mode) => (
            <Tag key={mode}>{names.mode(mode)}</Tag>
          ))}
          {kind === 'demand' && item.deadline && <Tag>{t('catalogue.deadline', { date: item.deadline })}</Tag>}
        </Flex>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[item.ownerName, item.publishedAt ? t('catalogue.publishedAt', { date: formatDate(item.publishedAt) }) : null].filter(Boolean).join(' · ')}
          </Typography.Text>
          <RatingBadge rating={item.ownerRating} compact />
        </Flex>
      </Flex>
    </Card>
  );
}

const TITLES: Record<Kind, { title: MessageKey; subtitle: MessageKey; search: MessageKey; total: MessageKey; empty: MessageKey; emptyFiltered: MessageKey }> = {
  achievement: {
    title: 'nav.achievements',
    subtitle: 'catalogue.achievement.subtitle',
    search: 'catalogue.achievement.search',
    total: 'catalogue.achievement.total',
    empty: 'catalogue.achievement.empty',
    emptyFiltered: 'catalogue.achievement.emptyFiltered',
  },
  demand: {
    title: 'nav.demands',
    subtitle: 'catalogue.demand.subtitle',
    search: 'catalogue.demand.search',
    total: 'catalogue.demand.total',
    empty: 'catalogue.demand.empty',
    emptyFiltered: 'catalogue.demand.emptyFiltered',
  },
};

/** `/achievements` and `/demands`: full-text search with facets, sort and pagination, all kept in the URL. */
export function CataloguePage({ kind }: { kind: Kind }) {
  const t = useT();
  const { locale } = useLocale();
  const { taxonomy, names } = useTaxonomyNames();
  const [params, setParams] = useSearchParams();
  const state = readState(params, kind);
  const text = TITLES[kind];
  const [priceDraft, setPriceDraft] = useState<number | null>(state.priceMax !== undefined ? state.priceMax / 10000 : null);
  // Phones and small tablets: results first, the filters in a drawer (a column of them would push the results off screen).
  const narrow = Grid.useBreakpoint().lg === false;
  const [filtersOpen, setFiltersOpen] = useState(false);

  const query = {
    q: state.q || undefined,
    industry: state.industry,
    city: state.city,
    mode: state.mode,
    maturityMin: state.maturityMin,
    maturityMax: state.maturityMax,
    priceMax: state.priceMax,
    source: state.source,
    sort: state.sort === 'relevance' ? undefined : state.sort,
    page: state.page,
    pageSize: state.pageSize,
  };
  const { data, loading, error, reload } = useApiData<CatalogueResponse>(KIND[kind].api, query);
  const facets = data?.facets ?? {};

  const update = (changes: Partial<Record<FilterKey, string | number | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '' || (key === 'sort' && value === 'relevance') || (key === 'pageSize' && value === DEFAULT_PAGE_SIZE)) next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes) || changes.page === 1) next.delete('page');
    setParams(next);
  };

  const active = FILTER_KEYS.some((key) => key !== 'q' && state[key] !== undefined);
  const activeCount = FILTER_KEYS.filter((key) => key !== 'q' && key !== 'maturityMax' && state[key] !== undefined).length + (state.maturityMin === undefined && state.maturityMax !== undefined ? 1 : 0);
  const industryData = useMemo(
    () => industryTree(taxonomy, locale, { counts: facets.industry ?? {}, keep: state.industry }),
    [taxonomy, locale, facets.industry, state.industry],
  );
  const modesFacet = kind === 'achievement' ? facets.transferModes : facets.cooperationModes;
  const trlFacet = (kind === 'achievement' ? facets.trl : facets.trlMin) ?? {};
  const stageCount = (min: number, max: number) => Object.entries(trlFacet).reduce((sum, [trl, n]) => (Number(trl) >= min && Number(trl) <= max ? sum + n : sum), 0);
  const trlRange: [number, number] = [state.maturityMin ?? 1, state.maturityMax ?? 9];

  const searchDown = error instanceof ApiError && error.code === 'search_unavailable';
  const sortLabel = (sort: Sort): string => {
    if (sort === 'relevance') return t('catalogue.sort.relevance');
    if (sort === 'newest') return t('catalogue.sort.newest');
    if (kind === 'demand') return sort === 'price_asc' ? t('catalogue.sort.budgetAsc') : t('catalogue.sort.budgetDesc');
    return sort === 'price_asc' ? t('catalogue.sort.priceAsc') : t('catalogue.sort.priceDesc');
  };

  const clearFilters = active ? (
    <Button
      type="link"
      size="small"
      onClick={() => {
        setPriceDraft(null);
        update({ industry: undefined, city: undefined, mode: undefined, maturityMin: undefined, maturityMax: undefined, priceMax: undefined, source: undefined });
      }}
    >
      {t('catalogue.clearFilters')}
    </Button>
  ) : null;

  const filterFields = (
      <Flex vertical gap={20}>
        <div>
          <Typography.Text strong>{t('catalogue.facet.industry')}</Typography.Text>
          <TreeSelect
            aria-label={t('catalogue.facet.industry')}
            style={{ width: '100%', marginTop: 8 }}
            value={state.industry}
            treeData={industryData}
            treeDefaultExpandAll
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('catalogue.allIndustries')}
            onChange={(value?: string) => update({ industry: value || undefined })}
          />
        </div>
        <FacetTags label={t('catalogue.facet.city')} counts={facets.cityCode} value={state.city} name={(code) => names.city(code)} onChange={(city) => update({ city })} />
        <FacetTags
          label={kind === 'achievement' ? t('catalogue.facet.transferMode') : t('catalogue.facet.cooperationMode')}
          counts={modesFacet}
          value={state.mode}
          name={names.mode}
          onChange={(mode) => update({ mode })}
        />
        <div>
          <Typography.Text strong>{kind === 'achievement' ? t('catalogue.facet.trl') : t('catalogue.facet.trlMin')}</Typography.Text>
          <Flex gap={6} wrap style={{ marginTop: 8 }}>
            {STAGES.map((stage) => {
              const checked = state.maturityMin === stage.min && state.maturityMax === stage.max;
              const count = stageCount(stage.min, stage.max);
              if (!count && !checked) return null;
              return (
                <Tag.CheckableTag
                  key={stage.key}
                  checked={checked}
                  onChange={() => update(checked ? { maturityMin: undefined, maturityMax: undefined } : { maturityMin: stage.min, maturityMax: stage.max })}
                >
                  {`${names.stage(stage.min)}（${count}）`}
                </Tag.CheckableTag>
              );
            })}
          </Flex>
          <Slider
            key={trlRange.join('-')}
            range
            min={1}
            max={9}
            marks={{ 1: '1', 3: '3', 6: '6', 9: '9' }}
            style={{ marginInline: 8 }}
            defaultValue={trlRange}
            aria-label={t('catalogue.facet.trlRange')}
            onChangeComplete={(value: number[]) => {
              const [min, max] = value as [number, number];
              update({ maturityMin: min > 1 ? min : undefined, maturityMax: max < 9 ? max : undefined });
            }}
          />
        </div>
        <div>
          <Typography.Text strong>{kind === 'achievement' ? t('catalogue.facet.priceMax') : t('catalogue.facet.budgetMax')}</Typography.Text>
          <Space.Compact style={{ width: '100%', marginTop: 8 }}>
            <InputNumber
              aria-label={kind === 'achievement' ? t('catalogue.facet.priceMax') : t('catalogue.facet.budgetMax')}
              min={0}
              value={priceDraft}
              onChange={(value) => setPriceDraft(typeof value === 'number' ? value : null)}
              onPressEnter={() => update({ priceMax: priceDraft === null ? undefined : Math.round(priceDraft * 10000) })}
              suffix={t('catalogue.wan')}
              placeholder={t('catalogue.noLimit')}
              style={{ width: '100%' }}
            />
            <Button onClick={() => update({ priceMax: priceDraft === null ? undefined : Math.round(priceDraft * 10000) })}>{t('catalogue.apply')}</Button>
          </Space.Compact>
          {kind === 'achievement' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('catalogue.priceMaxHint')}
            </Typography.Text>
          )}
        </div>
        {kind === 'achievement' && (
          <FacetTags label={t('catalogue.facet.source')} counts={facets.source} value={state.source} name={(code) => sourceName(t, code)} onChange={(source) => update({ source })} />
        )}
      </Flex>
  );
  const filters = narrow ? (
    <Drawer
      open={filtersOpen}
      placement="bottom"
      size="85%"
      title={t('catalogue.filters')}
      extra={clearFilters}
      onClose={() => setFiltersOpen(false)}
      footer={
        <Button type="primary" block size="large" onClick={() => setFiltersOpen(false)}>
          {data && !error ? t('catalogue.showResults', { n: data.total }) : t('catalogue.closeFilters')}
        </Button>
      }
    >
      {filterFields}
    </Drawer>
  ) : (
    <Card title={t('catalogue.filters')} size="small" extra={clearFilters}>
      {filterFields}
    </Card>
  );

  const items = data?.items ?? [];
  const related = data?.related ?? [];
  const relatedBlock = related.length > 0 && (
    <Flex vertical gap={12} data-testid="catalogue-related">
      <Divider plain titlePlacement="start" style={{ margin: '4px 0' }}>
        <Typography.Text type="secondary">{t('catalogue.related', { q: state.q ?? '' })}</Typography.Text>
      </Divider>
      {related.map((item) => (
        <CatalogueCard key={item.id} item={item} kind={kind} names={names} />
      ))}
    </Flex>
  );
  const orgNote = data?.reading?.org && !error && (
    <Typography.Text type="secondary">{t('catalogue.byOrg', { org: data.reading.org })}</Typography.Text>
  );
  let results;
  if (searchDown) {
    results = (
      <Alert
        type="warning"
        showIcon
        role="alert"
        title={t('catalogue.searchDown')}
        description={error instanceof ApiError && error.fromServer ? error.message : t('catalogue.searchDownDesc')}
        action={<Button size="small" onClick={reload}>{t('common.retry')}</Button>}
      />
    );
  } else if (error !== null) {
    results = <ErrorAlert error={error} onRetry={reload} />;
  } else if (!data) {
    results = (
      <Flex vertical gap={12} aria-busy="true">
        {[0, 1, 2].map((n) => (
          <Card key={n} size="small">
            <Skeleton active paragraph={{ rows: 2 }} />
          </Card>
        ))}
      </Flex>
    );
  } else if (!items.length && related.length) {
    results = (
      <Flex vertical gap={12}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalogue.noStrict', { q: state.q ?? '' })} />
        {relatedBlock}
      </Flex>
    );
  } else if (!items.length) {
    results = <Empty description={state.q || active ? t(text.emptyFiltered) : t(text.empty)} />;
  } else {
    results = (
      <Spin spinning={loading}>
        <Flex vertical gap={12} data-testid="catalogue-results">
          {items.map((item) => (
            <CatalogueCard key={item.id} item={item} kind={kind} names={names} />
          ))}
          {relatedBlock}
        </Flex>
      </Spin>
    );
  }

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t(text.title)} subtitle={t(text.subtitle)} />
      <Flex gap={8} align="center" wrap>
        <div style={{ flex: '1 1 320px' }}>
          <Input.Search
            key={state.q}
            defaultValue={state.q}
            allowClear
            enterButton={t('catalogue.searchButton')}
            size="large"
            placeholder={t(text.search)}
            aria-label={t(text.search)}
            maxLength={200}
            onSearch={(value) => update({ q: value.trim() || undefined })}
          />
        </div>
        <SaveSearchButton kind={kind} q={state.q} filters={filtersFromState(state)} names={names} />
      </Flex>
      <Row gutter={[16, 16]}>
        {narrow ? filters : (
          <Col lg={7} xl={6}>
            {filters}
          </Col>
        )}
        <Col xs={24} lg={17} xl={18}>
          <Flex vertical gap={12}>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Text type="secondary" aria-live="polite">
                {data && !error ? t(text.total, { n: data.total }) : '\u00a0'}
              </Typography.Text>
              <Flex align="center" gap={8}>
                {narrow && (
                  <Button icon={<FilterOutlined aria-hidden />} onClick={() => setFiltersOpen(true)} aria-haspopup="dialog">
                    {activeCount ? t('catalogue.openFiltersN', { n: activeCount }) : t('catalogue.openFilters')}
                  </Button>
                )}
                {!narrow && <Typography.Text type="secondary">{t('catalogue.sortBy')}</Typography.Text>}
                <Select<Sort>
                  aria-label={t('catalogue.sortBy')}
                  value={state.sort}
                  style={{ width: t.locale === 'en' ? 180 : 140 }}
                  options={SORTS.map((sort) => ({ value: sort, label: sortLabel(sort) }))}
                  onChange={(sort) => update({ sort })}
                />
              </Flex>
            </Flex>
            {orgNote}
            {results}
            {data && data.total > 0 && !error && (
              <Pagination
                align="end"
                current={state.page}
                pageSize={state.pageSize}
                total={data.total}
                showSizeChanger
                pageSizeOptions={[10, 20, 50]}
                onChange={(page, pageSize) => update({ page: pageSize !== state.pageSize ? 1 : page, pageSize })}
              />
            )}
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

export function AchievementCatalogue(_props: PageProps) {
  return <CataloguePage kind="achievement" />;
}

export function DemandCatalogue(_props: PageProps) {
  return <CataloguePage kind="demand" />;
}
