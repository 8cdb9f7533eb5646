import {
  Card,
  Tabs,
} from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../../../shared/i18n';
import type { PageProps } from '../../../shared/navigation';
import { PageHeader } from '../../../shared/components/PageHeader';

import { CityTargetsTab } from './CityTargetsTab';
import { SubsidyRulesTab } from './SubsidyRulesTab';
import { SubsidyEstimatesTab } from './SubsidyEstimatesTab';
import { HolidaysTab } from './HolidaysTab';

const TAB_KEYS = ['targets', 'rules', 'estimates', 'holidays'] as const;

/** `/admin/targets`: city targets by year, subsidy rules and estimates, and the working-day calendar. */
export default function TargetsPage(_props: PageProps) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = (TAB_KEYS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as (typeof TAB_KEYS)[number]) : 'targets';
  return (
    <div>
      <PageHeader title={t('nav.adminTargets')} subtitle={t('tgt.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'targets' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'targets', label: t('tgt.tab.targets'), children: <CityTargetsTab /> },
            { key: 'rules', label: t('tgt.tab.rules'), children: <SubsidyRulesTab /> },
            { key: 'estimates', label: t('tgt.tab.estimates'), children: <SubsidyEstimatesTab /> },
            { key: 'holidays', label: t('tgt.tab.holidays'), children: <HolidaysTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
