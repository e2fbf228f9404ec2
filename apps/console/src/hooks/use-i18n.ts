import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { DICTS, type Dict, type Lang } from '../i18n.js';

export interface I18n {
  lang: Lang;
  t: Dict;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'en', t: DICTS.en, setLang: () => undefined });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
