import { useTranslation } from 'react-i18next';
import { useErrorText } from '../forms/errors.tsx';
import { uploadRule } from './uploadPaper.ts';

/** Why a file was refused, in the person's language, with the limit it passed where there is one. */
export function usePaperErrorText() {
  const { t } = useTranslation();
  const errors = useErrorText();
  return (error: unknown) => {
    const broken = uploadRule(error);
    if (!broken) return errors.message(error);
    const megabytes = Math.floor((broken.limitBytes ?? 0) / (1024 * 1024));
    return t(`errors.rules.${broken.rule}`, { megabytes });
  };
}
