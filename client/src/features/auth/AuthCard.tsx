import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';

/** The centered card that frames the login and registration forms. */
export function AuthCard({ title, subtitle, width, children }: { title: string; subtitle: string; width: number; children: ReactNode }) {
  return (
    <Flex justify="center" style={{ padding: '24px 0' }}>
      <Card style={{ width: '100%', maxWidth: width }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>
        {children}
      </Card>
    </Flex>
  );
}
