import { useMemo } from 'react';
import { AutoComplete, Card, Col, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { creditCodeSchema, regionCodeSchema } from '@common/schemas/auth.js';
import { useT } from '../../shared/i18n';
import { zodRule } from '../../shared/zodRules';
import { useContractTypeNames } from './components';
import { COMMON_COUNTRIES, countryLabel, entityTypeName } from './format';
import { OrgSelect, type OrgOption } from './pickers';
import { DOMESTIC_ENTITY_TYPES } from './types';
import type { Side, PartyMode } from './contractFormValues';

/** One side of the contract (卖方/买方): a platform organization, one outside the platform, a foreign party or a person. */
export function PartySection({ side, known }: { side: Side; known: OrgOption[] }) {
  const t = useT();
  const sideLabel = side === 'seller' ? t('contract.sellerShort') : t('contract.buyerShort');
  const cityOptions = useCityOptions();
  const countryOptions = useMemo(() => COMMON_COUNTRIES.map((c) => ({ value: c, label: countryLabel(t, c) })), [t]);
  const nameItem = (required: string, placeholder: string) => (
    <Form.Item
      label={t('contract.party.nameOf', { side: sideLabel })}
      name={[side, 'name']}
      rules={[
        { required: true, whitespace: true, message: required },
        { min: 2, max: 100, message: t('contract.party.nameLength') },
      ]}
    >
      <Input maxLength={100} placeholder={placeholder} />
    </Form.Item>
  );
  const regionItem = (required: boolean) => (
    <Form.Item
      label={t('contract.party.regionCodeOf', { side: sideLabel })}
      name={[side, 'regionCode']}
      required={required}
      rules={required ? [zodRule(regionCodeSchema)] : [{ pattern: /^\d{6}$/, message: t('contract.party.regionFormat') }]}
      extra={t('contract.party.regionExtra')}
    >
      <AutoComplete
        options={cityOptions}
        placeholder={t('register.regionCodePlaceholder')}
        showSearch={{ filterOption: (input, option) => !!option && String(option.label).includes(input.trim()) }}
      />
    </Form.Item>
  );
  return (
    <Card
      size="small"
      title={side === 'seller' ? t('contract.field.sellerLong') : t('contract.field.buyerLong')}
      data-testid={`party-${side}`}
      style={{ height: '100%' }}
    >
      <Form.Item name={[side, 'mode']} style={{ marginBottom: 12 }}>
        <Radio.Group
          optionType="button"
          aria-label={t('contract.party.modeAria', { side: sideLabel })}
          options={[
            { value: 'platform', label: t('contract.party.platform') },
            { value: 'outside', label: t('contract.party.outside') },
            { value: 'foreign', label: t('contract.party.foreign') },
            { value: 'individual', label: t('contract.party.individual') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={[[side, 'mode']]}>
        {({ getFieldValue }) => {
          const mode = getFieldValue([side, 'mode']) as PartyMode;
          if (mode === 'platform') {
            return (
              <Form.Item
                label={t('contract.party.org', { side: sideLabel })}
                name={[side, 'organizationId']}
                rules={[{ required: true, message: t('contract.party.orgRequired') }]}
                extra={t('contract.party.orgExtra')}
              >
                <OrgSelect known={known} />
              </Form.Item>
            );
          }
          if (mode === 'foreign') {
            return (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                  {t('contract.party.foreignHint')}
                </Typography.Paragraph>
                {nameItem(t('contract.party.nameRequired'), t('contract.party.foreignNamePlaceholder'))}
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      label={t('contract.party.country')}
                      name={[side, 'countryCode']}
                      normalize={(v: string) => v?.toUpperCase()}
                      rules={[
                        { required: true, message: t('contract.party.countryRequired') },
                        { pattern: /^[A-Za-z]{2}$/, message: t('contract.party.countryFormat') },
                      ]}
                      extra={t('contract.party.countryExtra')}
                    >
                      <AutoComplete
                        options={countryOptions}
                        placeholder="VN"
                        maxLength={2}
                        showSearch={{ filterOption: (input, option) => !!option && String(option.label).toUpperCase().includes(input.trim().toUpperCase()) }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item label={t('contract.party.foreignRegNo')} name={[side, 'registrationNumber']} rules={[{ max: 50, message: t('contract.fieldTooLong', { n: 50 }) }]}>
                      <Input maxLength={50} placeholder={t('contract.party.optional')} />
                    </Form.Item>
                  </Col>
                </Row>
              </>
            );
          }
          if (mode === 'individual') {
            return (
              <>
                {nameItem(t('contract.party.personNameRequired'), t('contract.party.personNamePlaceholder'))}
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      label={t('contract.party.idNumber')}
                      name={[side, 'idNumber']}
                      normalize={(v: string) => v?.toUpperCase()}
                      rules={[
                        { required: true, whitespace: true, message: t('contract.party.idRequired') },
                        { pattern: /^(\d{17}[\dX]|[A-Z0-9-]{5,30})$/, message: t('contract.party.idFormat') },
                      ]}
                      extra={t('contract.party.idExtra')}
                    >
                      <Input maxLength={30} autoComplete="off" style={{ fontFamily: 'monospace' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    {regionItem(false)}
                  </Col>
                </Row>
              </>
            );
          }
          return (
            <>
              {nameItem(t('contract.party.nameRequired'), t('contract.party.namePlaceholder'))}
              <Form.Item
                label={t('contract.party.creditCodeOf', { side: sideLabel })}
                name={[side, 'creditCode']}
                required
                rules={[zodRule(creditCodeSchema)]}
                normalize={(v: string) => v?.toUpperCase()}
              >
                <Input maxLength={18} placeholder={t('register.creditCodePlaceholder')} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  {regionItem(true)}
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item label={t('contract.party.entityTypeOf', { side: sideLabel })} name={[side, 'entityType']} rules={[{ required: true, message: t('contract.party.entityRequired') }]}>
                    <Select placeholder={t('contract.party.entityPlaceholder')} options={DOMESTIC_ENTITY_TYPES.map((e) => ({ value: e, label: entityTypeName(t, e) }))} />
                  </Form.Item>
                </Col>
              </Row>
            </>
          );
        }}
      </Form.Item>
    </Card>
  );
}

export function useCityOptions() {
  const { taxonomy } = useContractTypeNames();
  return useMemo(() => (taxonomy?.cities ?? []).map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` })), [taxonomy]);
}
