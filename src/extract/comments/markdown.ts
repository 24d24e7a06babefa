/** The reader comments as Markdown under the story (`--comments`). */
import type { Article, ReaderComment } from '../../article.js';

/** The article with its comments appended to its Markdown (unchanged when it has none). */
export function withCommentsInMarkdown(article: Article): Article {
  if (article.comments.length === 0) return article;
  return { ...article, markdown: `${article.markdown.replace(/\s+$/, '')}\n\n${commentsMarkdown(article.comments)}` };
}

/**
 * A "Comments" section: each comment's author and date in bold, then its text; replies are
 * quoted one level deeper per reply depth, so the thread's shape survives.
 */
export function commentsMarkdown(comments: readonly ReaderComment[]): string {
  const parts = [`## Comments (${comments.length})`];
  for (const comment of comments) {
    const head = [comment.author, comment.date].filter((s): s is string => Boolean(s)).map(escapeInline);
    const lines = [head.length ? `**${head.join(' · ')}**` : '**Anonymous**', '', ...comment.text.split('\n').map(escapeLine)];
    const prefix = '> '.repeat(comment.replyDepth);
    parts.push(lines.map((line) => (prefix + line).trimEnd()).join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

/** Page text is data, never Markdown: its marks are escaped. */
function escapeInline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>#|~])/g, '\\$1');
}

/** As escapeInline, and a line that would start a list, quote or heading keeps its marks literal. */
function escapeLine(line: string): string {
  return escapeInline(line).replace(/^(\s*)([-+=>])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
