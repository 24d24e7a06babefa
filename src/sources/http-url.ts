/**
 * One helper shared by feeds, sitemaps and saved pages, in a module of its own so that reading
 * a saved page (every one-page `extract` of a file) does not load the feed parsers.
 */

/** A link resolved against `base` (feeds often carry site-relative links); null unless http(s). */
export function absoluteHttpUrl(link: string | undefined, base: string): string | null {
  if (!link?.trim()) return null;
  try {
    const url = new URL(link.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}
