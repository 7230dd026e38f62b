import type { Resource } from 'solid-js';

/**
 * A resource's value, or undefined while it loads or after it failed. Reading a failed resource would throw into
 * the page's error boundary; instead the screen shows the failure where the value would be:
 * `<Notice error={r.error} retry={refetch} />`.
 */
export const loaded = <T>(r: Resource<T>): T | undefined => (r.error ? undefined : r());
