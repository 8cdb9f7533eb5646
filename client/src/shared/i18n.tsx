import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { ROLE_NAMES, ORG_TYPE_NAMES, type Role, type OrgType } from '@common/roles.js';

import { en, zh, type MessageKey } from './messages';

export type { MessageKey };
export type Locale = 'zh' | 'en';

/** Role and organization-type names: Chinese comes from @common so server and client agree. */
const ROLE_NAMES_EN: Record<Role, string> = {
  supplier: 'Supplier (university / institute)',
  enterprise: 'Enterprise (demand side)',
  broker: 'Technology broker',
  reviewer: 'Reviewer',
  registrar: 'Contract registrar',
  zone_admin: 'Zone administrator',
  admin: 'Platform administrator',
};
const ORG_TYPE_NAMES_EN: Record<OrgType, string> = {
  university: 'University',
  institute: 'Research institute',
  enterprise: 'Enterprise',
  agency: 'Technology transfer agency',
  registrar: 'Contract registration body',
  government: 'Government department',
};

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'gjt.locale';

export type Vars = Record<string, string | number>;
export interface Translate {
  (key: MessageKey, vars?: Vars): string;
  locale: Locale;
  /** Display name of a role; unknown roles are shown as their code. */
  role: (role: string) => string;
  /** Display name of an organization type; unknown types are shown as their code. */
  orgType: (type: string) => string;
}

function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function makeTranslate(locale: Locale): Translate {
  const dict = DICTIONARIES[locale];
  const roleNames: Record<string, string> = locale === 'zh' ? ROLE_NAMES : ROLE_NAMES_EN;
  const orgNames: Record<string, string> = locale === 'zh' ? ORG_TYPE_NAMES : ORG_TYPE_NAMES_EN;
  const t = ((key: MessageKey, vars?: Vars) => format(dict[key], vars)) as Translate;
  t.locale = locale;
  t.role = (role) => roleNames[role] ?? role;
  t.orgType = (type) => orgNames[type] ?? type;
  return t;
}

function readStoredLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function applyLocale(locale: Locale): void {
  dayjs.locale(locale === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
}

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Holds the UI language (Chinese by default), remembered in localStorage. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = readStoredLocale();
    applyLocale(initial);
    return initial;
  });

  useEffect(() => applyLocale(locale), [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode may refuse storage; the switch still works for this visit.
    }
    setLocaleState(next);
  }, []);

  const value = useMemo(() => ({ locale, setLocale, t: makeTranslate(locale) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT must be used inside <I18nProvider>');
  return value;
}

/** The translate function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/** The current language and its setter (for the language switch and antd's ConfigProvider). */
export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}
