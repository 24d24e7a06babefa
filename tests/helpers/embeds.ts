import type { Embed } from '../../src/article.js';

/** An Embed with every field not given set to null. */
export function embed(fields: Partial<Embed> & Pick<Embed, 'kind' | 'url'>): Embed {
  return {
    id: null,
    authorName: null,
    authorHandle: null,
    text: null,
    date: null,
    title: null,
    ...fields,
  };
}

/** The tweet of the seed article as findEmbeds reads it (the render tests print it). */
export const LISTER_EMBED = embed({
  kind: 'tweet',
  id: '604022543839940608',
  url: 'https://twitter.com/Charles_Lister/status/604022543839940608',
  authorName: 'Charles Lister',
  authorHandle: 'Charles_Lister',
  text: "Head of #Tajikistan's special police forces (OMON), Col. Gulmurod Khalimov, appears in new #ISIS video pic.twitter.com/kBq4ZQhA5u",
  date: 'May 28, 2015',
});
