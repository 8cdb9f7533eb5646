import { useEffect, useState } from 'react';
import { Flex, Form, Tag, Typography, type FormInstance } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../shared/api';
import { useT } from '../../../shared/i18n';
import type { Kind } from '../types';

const DEBOUNCE_MS = 600;
const MAX_KEYWORDS = 8;

/**
 * 推荐关键词: terms extracted from the title and description while the user types
 * (`POST /api/keywords/suggest`), each a tag that adds itself to the keywords on click.
 */
export function KeywordSuggestions({ form, kind }: { form: FormInstance; kind: Kind }) {
  const t = useT();
  const title = (Form.useWatch('title', form) as string | undefined) ?? '';
  const first = (Form.useWatch(kind === 'achievement' ? 'summary' : 'problem', form) as string | undefined) ?? '';
  const second = (Form.useWatch(kind === 'achievement' ? 'detail' : 'expectedOutcome', form) as string | undefined) ?? '';
  const chosen = (Form.useWatch('keywords', form) as string[] | undefined) ?? [];
  const [suggested, setSuggested] = useState<string[]>([]);
  const chosenKey = chosen.join('\u0001');

  useEffect(() => {
    if (title.trim().length + first.trim().length < 4) {
      setSuggested([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api<{ keywords: string[] }>('/api/keywords/suggest', {
        method: 'POST',
        body: { kind, title: title.slice(0, 200), text: `${first}\n${second}`.slice(0, 25000), keywords: chosenKey ? chosenKey.split('\u0001').slice(0, 8) : [] },
        signal: controller.signal,
      }).then(
        (res) => setSuggested(res.keywords),
        () => {
          // Suggestions are help, not a requirement: a failed request just shows none.
          if (!controller.signal.aborted) setSuggested([]);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [kind, title, first, second, chosenKey]);

  const open = suggested.filter((s) => !chosen.includes(s));
  if (!open.length) return null;
  const full = chosen.length >= MAX_KEYWORDS;
  return (
    <Flex gap={6} wrap align="center" data-testid="keyword-suggestions" style={{ marginTop: -12, marginBottom: 16 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('form.suggestedKeywords')}
      </Typography.Text>
      {open.map((word) => (
        <Tag
          key={word}
          icon={<PlusOutlined aria-hidden />}
          role="button"
          tabIndex={0}
          aria-disabled={full}
          style={{ cursor: full ? 'not-allowed' : 'pointer', opacity: full ? 0.5 : 1 }}
          onClick={() => {
            if (!full) form.setFieldValue('keywords', [...chosen, word]);
          }}
          onKeyDown={(e) => {
            if ((e.key === 'Enter' || e.key === ' ') && !full) {
              e.preventDefault();
              form.setFieldValue('keywords', [...chosen, word]);
            }
          }}
        >
          {word}
        </Tag>
      ))}
    </Flex>
  );
}
