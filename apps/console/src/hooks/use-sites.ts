import type { SiteSettings } from '@kefu/client';
import { useEffect, useState } from 'preact/hooks';

export type SiteOption = Pick<SiteSettings, 'id' | 'name'>;

/** The workspace's sites (`GET /api/v1/sites`), for the inbox's site filter; empty until loaded or on failure. */
export function useSites(): SiteOption[] {
  const [sites, setSites] = useState<SiteOption[]>([]);
  useEffect(() => {
    let active = true;
    fetch(`${location.origin}/api/v1/sites`, { credentials: 'same-origin' })
      .then((res) => (res.ok ? (res.json() as Promise<{ sites: SiteSettings[] }>) : { sites: [] }))
      .then(({ sites }) => active && setSites(sites.map(({ id, name }) => ({ id, name }))))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, []);
  return sites;
}
