import { useState } from 'react';
import { Flex, Input, Segmented } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../shared/i18n';

type Target = 'achievements' | 'demands';

/** One search box over achievements and demands: it opens the chosen catalogue with the words. */
export function PortalSearch() {
  const t = useT();
  const navigate = useNavigate();
  const [target, setTarget] = useState<Target>('achievements');
  return (
    <Flex vertical gap={8} style={{ maxWidth: 760, width: '100%' }} role="search">
      <Segmented<Target>
        aria-label={t('portal.search.kind')}
        value={target}
        onChange={setTarget}
        options={[
          { value: 'achievements', label: t('nav.achievements') },
          { value: 'demands', label: t('nav.demands') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <Input.Search
        size="large"
        allowClear
        enterButton={t('portal.search.button')}
        placeholder={t('portal.search.placeholder')}
        aria-label={t('portal.search.placeholder')}
        maxLength={200}
        onSearch={(value) => {
          const q = value.trim();
          navigate(q ? `/${target}?q=${encodeURIComponent(q)}` : `/${target}`);
        }}
      />
    </Flex>
  );
}
