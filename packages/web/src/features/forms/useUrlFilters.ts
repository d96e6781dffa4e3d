import { useSearchParams } from 'react-router';

/**
 * Filters kept in the URL's query string, so that a filtered view can be bookmarked and shared.
 * `set` replaces the history entry (typing in a filter is not a navigation); empty values vanish.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { params, set };
}
