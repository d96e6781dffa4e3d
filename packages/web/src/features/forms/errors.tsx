import type { ValidationRule } from '@council/shared';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';

interface Issue {
  code?: string;
  path?: (string | number)[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  params?: { rule?: ValidationRule };
}

/**
 * What went wrong, in the person's language: a message for the error as a whole (from its code),
 * and one per field named in its issues, keyed by the field's path (`endsAt`, `leadIds.0`) and
 * by its first segment, for forms to show beside the field.
 */
export function useErrorText() {
  const { t } = useTranslation();
  const fieldMessage = (issue: Issue): string => {
    if (issue.params?.rule) return t(`errors.rules.${issue.params.rule}`);
    if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1)
      return t('errors.fields.required');
    if (issue.code === 'too_small') return t('errors.fields.tooSmall', { minimum: Number(issue.minimum) });
    if (issue.code === 'too_big') return t('errors.fields.tooBig', { maximum: Number(issue.maximum) });
    if (issue.code === 'invalid_format' && /date|time/.test(issue.format ?? '')) return t('errors.fields.invalidDate');
    return t('errors.fields.invalid');
  };
  return {
    message(error: unknown): string {
      if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
      return t(`errors.codes.${error.code}`, { defaultValue: error.message });
    },
    fields(error: unknown): Record<string, string> {
      if (!(error instanceof ApiError) || error.code !== 'validation_failed') return {};
      const result: Record<string, string> = {};
      for (const issue of error.issues as Issue[]) {
        const path = (issue.path ?? []).map(String);
        const message = fieldMessage(issue);
        result[path.join('.')] ??= message;
        if (path[0]) result[path[0]] ??= message;
      }
      return result;
    },
  };
}

/** A field's error as screen readers hear it when it appears (Mantine draws `error` without a live region). */
export const announced = (message: string | undefined | false) =>
  message ? <span role="alert">{message}</span> : undefined;
