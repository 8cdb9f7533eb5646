import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/**
 * The heading of a page: title (with optional tags), a secondary line, actions on the right.
 * Spaced from what follows by 16px, or by the gap of the vertical stack it sits in (styles.css).
 */
export function PageHeader({ title, subtitle, extra, tags }: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode; tags?: ReactNode }) {
  return (
    <Flex className="gjt-page-header" justify="space-between" align="flex-start" gap={16} wrap>
      <div style={{ minWidth: 0, flex: 1 }}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {tags}
        </Flex>
        {subtitle && (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {subtitle}
          </Typography.Paragraph>
        )}
      </div>
      {extra && (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
