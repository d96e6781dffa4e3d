/**
 * Props for a text input bound to one string field of a form held in React state, so that forms do
 * not each write their own value/onChange pair; `errors` (from useErrorText().fields) puts the
 * server's word on a field beside it.
 */
export function bindText<F extends Record<string, unknown>>(
  form: F,
  setForm: (next: F) => void,
  errors: Record<string, string> = {},
) {
  return (key: { [K in keyof F]: F[K] extends string ? K : never }[keyof F]) => ({
    value: form[key] as string,
    onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value }),
    error: errors[key as string],
  });
}
