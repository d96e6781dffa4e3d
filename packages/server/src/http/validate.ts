import type { ValidationRule } from '@council/shared';
import { z } from 'zod';
import { validationFailed } from './errors.ts';

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(result.error);
  return result.data;
}

/** A 400 naming one field and the rule it breaks, shaped like zod's own issues. */
export function invalid(path: (string | number)[], message: string, rule: ValidationRule) {
  return validationFailed(new z.ZodError([{ code: 'custom', path, message, params: { rule }, input: undefined }]));
}
