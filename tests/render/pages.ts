/**
 * Pages for the render tests: stories that exist only once their scripts ran, and the scripts
 * that build them, all served from the test's own 127.0.0.1 server (nothing external).
 */

/** Twelve paragraphs of plain news prose: enough for a confident extraction. */
export const STORY_PARAGRAPHS = Array.from(
  { length: 12 },
  (_, index) =>
    `Paragraph ${index + 1} of the report: the council met on Tuesday evening to debate the long-delayed bridge repairs, and residents spoke for hours about traffic, safety and what the work will cost taxpayers over the coming decade.`,
);

export const STORY_TITLE = 'Council approves the bridge repairs';

/** The story as static markup. */
export function storyMarkup(extra = ''): string {
  return `<article><h1>${STORY_TITLE}</h1>${STORY_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}${extra}</article>`;
}

export function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${STORY_TITLE}</title>${head}</head><body>${body}</body></html>`;
}

/** An empty shell whose inline script builds the story after load. */
export const BUILT_AFTER_LOAD = page(
  `<div id="app">Loading…</div><script>
addEventListener('load', () => {
  const paragraphs = ${JSON.stringify(STORY_PARAGRAPHS)};
  document.getElementById('app').innerHTML = '<article><h1>${STORY_TITLE}</h1>' + paragraphs.map((p) => '<p>' + p + '</p>').join('') + '</article>';
});
</script>`,
);

/** An empty shell whose script fetches the story from a JSON endpoint of the same server. */
export const FETCHED_FROM_JSON = page(
  `<div id="app"></div><script>
fetch('/api/story.json').then((response) => response.json()).then((story) => {
  document.getElementById('app').innerHTML = '<article><h1>' + story.title + '</h1>' + story.paragraphs.map((p) => '<p>' + p + '</p>').join('') + '</article>';
});
</script>`,
);

export const STORY_JSON = JSON.stringify({ title: STORY_TITLE, paragraphs: STORY_PARAGRAPHS });

export const TWEET_TEXT = 'The bridge will reopen in the spring, the council said tonight after a long debate';
const STATUS_URL = 'https://twitter.com/citydesk/status/1862000000000000001';

/** The story with a tweet embed that is only a placeholder until /widget.js (served locally) fills it. */
export const TWEET_PLACEHOLDER = page(
  storyMarkup(`<blockquote class="twitter-tweet" data-dnt="true"><a href="${STATUS_URL}"></a></blockquote><script async src="/widget.js"></script>`),
);

/** A stand-in for an embed widget script: replaces each placeholder with the post's markup. */
export const FAKE_WIDGET_JS = `
for (const placeholder of document.querySelectorAll('blockquote.twitter-tweet')) {
  const link = placeholder.querySelector('a').href;
  const post = document.createElement('blockquote');
  post.className = 'twitter-tweet';
  post.innerHTML = '<p lang="en" dir="ltr">${TWEET_TEXT}</p>&mdash; City Desk (@citydesk) <a href="' + link + '">December 1, 2026</a>';
  placeholder.replaceWith(post);
}
`;

/** A page whose script never ends. */
export const ENDLESS_LOOP = page(`<p>Loading</p><script>for (;;) {}</script>`);

/** The story as served, with a script that would fetch `probe` if it ran. */
export function staticStoryWithProbe(probe: string): string {
  return page(storyMarkup(), `<script src="${probe}"></script>`);
}
