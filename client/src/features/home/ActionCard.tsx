import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { IconComponent } from '../../shared/navigation';

/** A clickable card leading to one page, used for quick actions and public entry points. */
export function ActionCard({ to, icon: Icon, title, description }: { to: string; icon: IconComponent; title: string; description: string }) {
  return (
    <Link to={to} aria-label={title} style={{ display: 'block', height: '100%' }}>
      <Card hoverable style={{ height: '100%' }}>
        <Flex gap={12} align="flex-start">
          <span style={{ fontSize: 24, color: '#1668dc', lineHeight: 1 }}>
            <Icon aria-hidden />
          </span>
          <div>
            <Typography.Text strong>{title}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {description}
            </Typography.Paragraph>
          </div>
        </Flex>
      </Card>
    </Link>
  );
}
