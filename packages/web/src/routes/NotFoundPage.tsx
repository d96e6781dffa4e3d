import { useTranslation } from 'react-i18next';
import { NotFound } from './states.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <NotFound>{t('app.notFound')}</NotFound>;
}
