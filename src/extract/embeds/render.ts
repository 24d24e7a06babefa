/**
 * Embeds as a reader reads them: the Markdown block and the plain-text form (the HTML form is
 * html.ts). One table of platform names and one credit-line format serve all three.
 */
import type { Embed, EmbedKind } from '../../article.js';


/** What each kind of embed is called: its platform, and what one embed of it is. */
export const PLATFORM_NAMES: Record<EmbedKind, { platform: string; item: string }> = {
  tweet: { platform: 'Twitter', item: 'Tweet' },
  youtube: { platform: 'YouTube', item: 'YouTube video' },
  vimeo: { platform: 'Vimeo', item: 'Vimeo video' },
  instagram: { platform: 'Instagram', item: 'Instagram post' },
  tiktok: { platform: 'TikTok', item: 'TikTok video' },
  bluesky: { platform: 'Bluesky', item: 'Bluesky post' },
  mastodon: { platform: 'Mastodon', item: 'Mastodon post' },
  facebook: { platform: 'Facebook', item: 'Facebook post' },
};

function isVideo(embed: Embed): boolean {
  return embed.kind === 'youtube' || embed.kind === 'vimeo';
}

function platformNoun(embed: Embed): string {
  if (embed.kind === 'facebook' && /\/videos?\/|video\.php|[?&]v=/.test(embed.url)) return 'Facebook video';
  return PLATFORM_NAMES[embed.kind].item;
}

/** "Name (@handle)", "@handle", "Name" or null. */
export function authorLine(embed: Embed): string | null {
  const handle = embed.authorHandle ? `@${embed.authorHandle}` : null;
  if (embed.authorName && handle) return `${embed.authorName} (${handle})`;
  return embed.authorName ?? handle;
}

/** Label for an embed with no text: "Tweet 123 by @handle", "TikTok video by @x", … */
function textlessLabel(embed: Embed, withTweetId: boolean): string {
  let label = platformNoun(embed);
  if (embed.kind === 'tweet' && embed.id && (withTweetId || !embed.authorHandle)) label += ` ${embed.id}`;
  const by = embed.authorHandle ? `@${embed.authorHandle}` : embed.authorName;
  return by ? `${label} by ${by}` : label;
}

/** The Markdown block for one embed, without surrounding blank lines. */
export function renderEmbedMarkdown(embed: Embed): string {
  const url = markdownUrl(embed.url);
  if (isVideo(embed)) {
    const platform = PLATFORM_NAMES[embed.kind].platform;
    const label = embed.title ? `▶ ${platform}: ${escapeMarkdownInline(embed.title)}` : `▶ ${platform}`;
    return `[${label}](${url})`;
  }
  if (!embed.text) {
    const date = embed.date ? `, ${escapeMarkdownInline(embed.date)}` : '';
    return `> [${escapeMarkdownInline(textlessLabel(embed, true))}](${url})${date}`;
  }
  const author = authorLine(embed);
  const link = `[${escapeMarkdownInline(embed.date ?? platformNoun(embed))}](${url})`;
  const credit = `— ${author ? `${escapeMarkdownInline(author)}, ` : ''}${link}`;
  const body = escapeMarkdownBlock(embed.text)
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
  return `${body}\n>\n> ${credit}`;
}

/** The plain-text form: the text, then "— Name (@handle), date"; never a URL. */
export function renderEmbedText(embed: Embed): string {
  // Plain text carries what a reader reads; a video or a post without text has no words of its
  // own (like an image, which plain text leaves out too).
  if (isVideo(embed) || !embed.text) return '';
  const credit = [authorLine(embed), embed.date].filter((part) => part !== null).join(', ');
  return credit === '' ? embed.text : `${embed.text}\n— ${credit}`;
}

/** A URL safe inside `(…)`: no spaces, parentheses or angle brackets left to end it early. */
function markdownUrl(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Page text made inert inside one Markdown line: emphasis, code, links, HTML, strike-through and
 * table pipes are escaped. Underscores inside words stay (they cannot start emphasis), so
 * handles like Charles_Lister read as written.
 */
function escapeMarkdownInline(text: string): string {
  return text
    .replace(/[\\`*[\]~|]/g, '\\$&')
    .replace(/_/g, (underscore, offset: number, whole: string) =>
      /[\p{L}\p{N}]/u.test(whole[offset - 1] ?? '') && /[\p{L}\p{N}]/u.test(whole[offset + 1] ?? '')
        ? underscore
        : '\\_',
    )
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?\w+;)/g, '\\&');
}

/** Escapes what a line could start (heading, quote, list, rule, setext underline). */
function escapeLineStart(line: string): string {
  return line
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Multi-line page text as Markdown: blank lines keep paragraphs apart, single line breaks
 * become hard breaks (a trailing backslash) so the post's line layout survives.
 */
function escapeMarkdownBlock(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .map((line) => escapeLineStart(escapeMarkdownInline(line)))
        .join('\\\n'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}
