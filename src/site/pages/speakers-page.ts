import { html } from '../escape.js';
import type { SiteQuote } from '../read.js';
import { layout, sitePaths } from './layout.js';
import type { PageSummary } from './summary.js';

export interface SpeakerQuotes {
  speaker: string;
  quotes: SiteQuote[];
}

/** Quotations grouped by the speaker's name as stored, in the order given (by name, then newest article). */
export function groupBySpeaker(quotes: readonly SiteQuote[]): SpeakerQuotes[] {
  const groups = new Map<string, SiteQuote[]>();
  for (const quote of quotes) {
    let list = groups.get(quote.speaker);
    if (!list) groups.set(quote.speaker, (list = []));
    list.push(quote);
  }
  return [...groups].map(([speaker, list]) => ({ speaker, quotes: list })).sort((a, b) => a.speaker.localeCompare(b.speaker));
}

/** Every speaker with how many quotations and articles, each linking to their page. */
export function speakersPage(speakers: SpeakerQuotes[]): string {
  const main = html`<h1>Speakers</h1>
<p>${speakers.length} speaker${speakers.length === 1 ? '' : 's'} quoted in the latest snapshot of the archived articles.</p>
<ul class="speaker-list">
${speakers.map(({ speaker, quotes }) => {
  const articles = new Set(quotes.map((q) => q.key)).size;
  return html`<li><a href="${sitePaths.speaker(speaker)}">${speaker}</a> <span class="count">${quotes.length} quotation${quotes.length === 1 ? '' : 's'} in ${articles} article${articles === 1 ? '' : 's'}</span></li>\n`;
})}</ul>`;
  return layout({ title: 'Speakers', root: '', main });
}

/** One speaker's quotations, each with the article it is from. */
export function speakerPage({ speaker, quotes }: SpeakerQuotes, pages: ReadonlyMap<string, PageSummary>): string {
  const root = '../';
  const main = html`<h1>${speaker}</h1>
<p><a href="${root}${sitePaths.speakers}">All speakers</a></p>
<ol class="quote-list">
${quotes.map((quote) => {
  const page = pages.get(quote.key);
  const title = page?.title?.trim() || page?.url || quote.key;
  return html`<li><blockquote><p>${quote.text}</p></blockquote>
<p class="quote-source">In <a href="${root}${sitePaths.article(quote.key)}">${title}</a></p></li>\n`;
})}</ol>`;
  return layout({ title: speaker, root, main });
}
