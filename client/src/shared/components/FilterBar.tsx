import { Flex, Input, Select, type SelectProps } from 'antd';
import type { ListQueryChange } from '../useListQuery';

export interface ListFilter {
  /** The query parameter it sets. */
  name: string;
  /** Placeholder and accessible name. */
  label: string;
  value: string | undefined;
  options: SelectProps['options'];
  width?: number;
  /** Long lists (industries…) can be typed into. */
  searchable?: boolean;
}

interface Props {
  /** A search box setting `q`. */
  search?: { label: string; value: string; width?: number };
  filters: ListFilter[];
  /** `useListQuery().setQuery`: every change starts the list again at page 1. */
  onChange: (change: ListQueryChange) => void;
}

/** A list page's search box and filters, one row that wraps on narrow screens. */
export function FilterBar({ search, filters, onChange }: Props) {
  return (
    <Flex gap={12} wrap>
      {search && (
        <Input.Search
          key={search.value}
          defaultValue={search.value}
          allowClear
          enterButton
          placeholder={search.label}
          aria-label={search.label}
          style={{ maxWidth: search.width ?? 360 }}
          onSearch={(value) => onChange({ q: value.trim() })}
        />
      )}
      {filters.map((filter) => (
        <Select
          key={filter.name}
          allowClear
          showSearch={filter.searchable ? { optionFilterProp: 'label' } : undefined}
          placeholder={filter.label}
          aria-label={filter.label}
          style={{ width: filter.width ?? 160 }}
          value={filter.value}
          options={filter.options}
          onChange={(value?: string) => onChange({ [filter.name]: value })}
        />
      ))}
    </Flex>
  );
}
