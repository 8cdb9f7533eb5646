import { Flex, Tooltip, Typography } from 'antd';
import { useT } from '../../shared/i18n';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import type { Sum, TargetsResponse } from './types';
import { formatWan } from '../../shared/format';

/** Where each city sits on a 5 × 4 grid, roughly as on a map of Guangxi (north up). */
const POSITIONS: Record<string, [row: number, col: number]> = {
  '451200': [0, 1], // 河池
  '450200': [0, 2], // 柳州
  '450300': [0, 3], // 桂林
  '451100': [0, 4], // 贺州
  '451000': [1, 0], // 百色
  '450100': [1, 1], // 南宁
  '451300': [1, 2], // 来宾
  '450800': [1, 3], // 贵港
  '450400': [1, 4], // 梧州
  '451400': [2, 0], // 崇左
  '450600': [2, 1], // 防城港
  '450700': [2, 2], // 钦州
  '450900': [2, 3], // 玉林
  '450500': [3, 3], // 北海
  '450000': [3, 0], // 自治区本级
};

const LOW = [230, 244, 255];
const HIGH = [9, 88, 217];
function shade(ratio: number): string {
  const c = LOW.map((l, i) => Math.round(l + (HIGH[i]! - l) * ratio));
  return `rgb(${c.join(',')})`;
}

/** The 14 cities (and 自治区本级) as a map-like tile grid, darker for a larger turnover. */
export function CityTiles({ byCity, targets, highlight }: { byCity: (Sum & { cityCode: string; name: string })[]; targets?: TargetsResponse | null; highlight?: string }) {
  const t = useT();
  const { names } = useTaxonomyNames();
  const max = Math.max(0, ...byCity.map((c) => c.amount));
  const targetOf = new Map((targets?.items ?? []).map((i) => [i.cityCode, i]));
  return (
    <div>
      <div className="gjt-city-grid" role="list" aria-label={t('dash.cityTiles')} data-testid="city-tiles">
        {byCity.map((c) => {
          const pos = POSITIONS[c.cityCode];
          const ratio = max > 0 ? Math.sqrt(c.amount / max) : 0;
          const target = targetOf.get(c.cityCode);
          const dark = ratio > 0.55;
          return (
            <Tooltip
              key={c.cityCode}
              title={
                <Flex vertical>
                  <span>{names.city(c.cityCode)}</span>
                  <span>{t('dash.tileAmount', { amount: formatWan(t, c.amount) })}</span>
                  <span>{t('dash.tileCount', { n: c.count })}</span>
                  {target && target.target !== null && <span>{t('dash.tileTarget', { achieved: target.achieved, target: target.target })}</span>}
                </Flex>
              }
            >
              <div
                role="listitem"
                tabIndex={0}
                aria-label={`${names.city(c.cityCode)} ${formatWan(t, c.amount)}`}
                className={`gjt-city-tile${c.cityCode === '450000' ? ' gjt-city-tile-region' : ''}${highlight === c.cityCode ? ' gjt-city-tile-current' : ''}`}
                style={{ gridRow: pos ? pos[0] + 1 : undefined, gridColumn: pos ? pos[1] + 1 : undefined, background: shade(ratio), color: dark ? '#fff' : 'rgba(0,0,0,0.88)' }}
              >
                <span className="gjt-city-tile-name">{names.city(c.cityCode).replace(/市$/, '')}</span>
                <span className="gjt-city-tile-value">{formatWan(t, c.amount, 0)}</span>
              </div>
            </Tooltip>
          );
        })}
      </div>
      <Flex align="center" gap={8} style={{ marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dash.legendLow')}
        </Typography.Text>
        <div style={{ width: 120, height: 8, borderRadius: 4, background: `linear-gradient(90deg, ${shade(0)}, ${shade(1)})` }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dash.legendHigh')}
        </Typography.Text>
      </Flex>
    </div>
  );
}
