/**
 * Reader comments (issue 17): found by structure under the story, returned as comments[] with
 * author, date, text and reply depth, and never mixed into the story's text.
 */
import { describe, expect, it } from 'vitest';
import { commentsMarkdown, withCommentsInMarkdown } from '../../../src/extract/comments/index.js';
import { findCommentBlocks } from '../../../src/extract/comments/find.js';
import { parseHtml } from '../../../src/extract/parse.js';
import { extractArticle } from '../../../src/extract/pipeline.js';

const url = 'https://blog.example/2025/06/garden.html';
const story = Array.from(
  { length: 6 },
  (_, i) => `<p>Story paragraph ${i} tells how the allotment changed over the summer, bed by bed, and what the neighbours grew in it.</p>`,
).join('');

function page(below: string, head = ''): string {
  return `<!doctype html><html><head><title>The garden in June</title>${head}</head><body>
    <div id="page"><article class="post"><h1>The garden in June</h1>${story}</article>${below}</div></body></html>`;
}

const extract = (html: string) => extractArticle({ html, url, source: 'page.html' });

describe('embedded posts are never comments', () => {
  it('keeps dated, signed tweets under a comments-named container as the story’s embeds', () => {
    const tweet = (n: number) =>
      `<div class="comment-embed"><blockquote class="twitter-tweet"><p lang="en">Council update ${n}: the garden beds reopen to every allotment holder next week.</p>&mdash; Town Council (@towncouncil) <a href="https://twitter.com/towncouncil/status/10${n}">June 9, 2025</a></blockquote></div>`;
    const article = extract(page(`<div class="comments">${tweet(1)}${tweet(2)}</div>`));
    expect(article.comments).toEqual([]);
    expect(article.embeds.map((embed) => embed.text)).toEqual([
      'Council update 1: the garden beds reopen to every allotment holder next week.',
      'Council update 2: the garden beds reopen to every allotment holder next week.',
    ]);
  });
});

const thread = `<div id="comments"><h3>3 Responses to “The garden in June”</h3>
  <ol class="commentlist">
    <li class="comment even depth-1" id="comment-11"><div class="comment-body">
      <div class="comment-author vcard"><img class="avatar" src="a.png"><cite class="fn">Ada Field</cite> <span class="says">says:</span></div>
      <div class="comment-meta commentmetadata"><a href="#comment-11">June 3, 2025 at 9:12 am</a></div>
      <p>Lovely beans this year, what variety are they?</p>
      <div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div></div>
      <ul class="children">
        <li class="comment odd depth-2" id="comment-12"><div class="comment-body">
          <div class="comment-author vcard"><cite class="fn">Ben Marsh</cite> <span class="says">says:</span></div>
          <div class="comment-meta commentmetadata"><time datetime="2025-06-03T10:00:00Z">June 3, 2025 at 10:00 am</time></div>
          <p>Runner beans, an old variety from a seed swap.</p>
          <p>They climb fast.</p></div></li>
      </ul></li>
    <li class="comment even depth-1" id="comment-13"><div class="comment-body">
      <div class="comment-author vcard"><cite class="fn">Cleo Ash</cite></div>
      <div class="comment-meta commentmetadata"><a href="#comment-13">June 4, 2025 at 8:01 pm</a></div>
      <p>Do you water in the morning or the evening?</p></div></li>
  </ol>
  <div id="respond"><h3>Leave a Reply</h3><form id="commentform"><p>Your name</p><textarea></textarea></form></div></div>`;

describe('reader comments', () => {
  it('a thread of repeated signed blocks under a comments container: author, date, text, reply depth', () => {
    const article = extract(page(thread));
    expect(article.comments).toEqual([
      { author: 'Ada Field', date: 'June 3, 2025 at 9:12 am', text: 'Lovely beans this year, what variety are they?', replyDepth: 0 },
      { author: 'Ben Marsh', date: '2025-06-03T10:00:00Z', text: 'Runner beans, an old variety from a seed swap.\n\nThey climb fast.', replyDepth: 1 },
      { author: 'Cleo Ash', date: 'June 4, 2025 at 8:01 pm', text: 'Do you water in the morning or the evening?', replyDepth: 0 },
    ]);
  });

  it('a numbered "1. <cite>Name</cite> Says:" line gives the name, and its number and verb do not open the text', () => {
    const numbered = (n: number, name: string, body: string) => `<li id="comment-${n}">
        ${n}.&nbsp;&nbsp; <cite>${name}</cite> Says:
        <br><small class="commentmetadata"><a href="#comment-${n}">August 8th, 2012 at ${n}:10 am</a></small>
        <div><p>${body}</p></div></li>`;
    const article = extract(
      page(`<h3 id="comments">3 Responses to “The garden in June”</h3><ol class="commentlist">
        ${numbered(1, 'Roger Weeks', 'Fixed image, thanks!')}
        ${numbered(2, 'Aleksandar', 'Says: the label on the second bed is wrong.')}
        ${numbered(3, 'thetentman', '3. Says:')}</ol>`),
    );
    expect(article.comments.map(({ author, text }) => ({ author, text }))).toEqual([
      { author: 'Roger Weeks', text: 'Fixed image, thanks!' },
      // Only a line that holds nothing else goes: a comment's own words stay, whatever they are.
      { author: 'Aleksandar', text: 'Says: the label on the second bed is wrong.' },
      { author: 'thetentman', text: '3. Says:' },
    ]);
  });

  it('a byline holding the name beside the date, a fan count and a "Reply" link gives the name alone, and stays out of the text', () => {
    const bylined = (n: number, name: string, body: string) => `<div class="comment" id="comment-${n}">
        <div class="comment-header"><span class="byline"><span class="vcard author">${name}</span> <span class="author-fans">${n * 20} Fans</span>
          | <a href="#comment-${n}"><abbr class="published" title="2012-11-09T09:0${n}:24-06:00">November 9, 2012 9:0${n} AM</abbr></a>
          | <a title="Reply" href="#reply" class="reply-link">Reply</a></span></div>
        <div class="comment-content"><p>${body}</p></div></div>`;
    const article = extract(
      page(`<div id="comments"><h3>Comments</h3>
        ${bylined(1, 'Dana Reed', 'The second half of the film drags, but the ending lands.')}
        ${bylined(2, 'Eli Stone', 'It is the best of the series, and the score helps.')}</div>`),
    );
    expect(article.comments.map(({ author, text }) => ({ author, text }))).toEqual([
      { author: 'Dana Reed', text: 'The second half of the film drags, but the ending lands.' },
      { author: 'Eli Stone', text: 'It is the best of the series, and the score helps.' },
    ]);
    // A part that says something about the author (a fan count) is no name, even as the only part inside.
    const fanCounted = extract(
      page(`<div id="comments"><h3>Comments</h3>${[1, 2].map(
        (n) => `<div class="comment" id="c-${n}"><div class="author_name"><a href="/u/${n}">reader${n}</a>
          <div class="author_fans"><a href="/u/${n}/fans">${n * 20} Fans</a></div></div>
          <div class="comment_body">Comment number ${n} says the council should fund the bridge first.</div></div>`,
      ).join('')}</div>`),
    );
    expect(fanCounted.comments.map((comment) => comment.author)).toEqual(['reader1', 'reader2']);
  });

  it('a header that writes the date, a "Reply" link or "said..." into the name\'s line gives the name alone', () => {
    const comments = (header: (n: number, name: string) => string) =>
      extract(
        page(`<div id="comments"><h3>Comments</h3>${['Dana Reed', 'eli_stone42'].map(
          (name, i) => `<div class="comment" id="c-${i}">${header(i + 1, name)}
            <div class="comment-text"><p>Comment ${i + 1}: the council should fund the bridge before the road.</p></div></div>`,
        ).join('')}</div>`),
      ).comments.map((comment) => comment.author);
    // The date as bare text after the name, "by" before it.
    expect(comments((n, name) => `<div class="author"><span>by <b>${name}</b></span> July 2${n}, 2012 1:17 PM EDT</div>`)).toEqual(['Dana Reed', 'eli_stone42']);
    // The date and a "Reply" link in blocks of their own, inside the author's block.
    expect(
      comments((n, name) => `<div class="comment-author"><p class="comment-url">${name}</p><p>10.2${n}.2012</p><p class="comment-reply"><a href="#r">Log in to Reply</a></p></div>`),
    ).toEqual(['Dana Reed', 'eli_stone42']);
    // A dated part between the name and the rest of the line ("via mobile", votes).
    expect(
      comments((n, name) => `<div class="byline">${name} on <span class="date">Aug ${n}, 2012 11:37 AM</span> via mobile <span class="votes">up</span></div>`),
    ).toEqual(['Dana Reed', 'eli_stone42']);
    expect(comments((_, name) => `<div class="comment-author">${name} said...</div>`)).toEqual(['Dana Reed', 'eli_stone42']);
  });

  it('a story of the same shape as the comments under its "Comments" heading stays the story; "Leave a reply" under a thread keeps it', () => {
    const entry = (who: string, date: string, body: string) => `<div class="entry"><div class="person"><a href="/p/${who}">${who}</a></div>
      <div class="entrybody"><p>${body}</p></div><p class="entry-metadata"><span>${date}</span></p></div>`;
    const storyBody = Array.from({ length: 5 }, (_, i) => `Part ${i} of the post tells how the allotment changed over the summer, bed by bed, and what grew in it.`).join(' ');
    const html = `<!doctype html><html><head><title>The garden in June</title></head><body><div id="main">
      <div class="entries">${entry('ada', 'Mar 01, 04:59PM', storyBody)}</div>
      <h3>Comments:</h3>
      <div class="thread">${entry('eli', 'Mar 25, 09:35PM', 'That is a lovely garden, and the beans look well.')}${entry('dana', 'Mar 26, 02:01AM', 'Any trouble with slugs this year at all?')}${entry('cy', 'Mar 27, 08:00AM', 'The squash look enormous, well done to you.')}</div>
      </div></body></html>`;
    const article = extract(html);
    expect(article.text).toContain('Part 4 of the post');
    expect(article.comments.map((comment) => comment.text)).toEqual([
      expect.stringContaining('lovely garden'),
      expect.stringContaining('trouble with slugs'),
      expect.stringContaining('squash look enormous'),
    ]);
    const replyHeadingBelow = extract(page(`<div id="talk">${entry('eli', 'Mar 25, 09:35PM', 'That is a lovely garden, and the beans look well.')}${entry('dana', 'Mar 26, 02:01AM', 'Any trouble with slugs this year at all?')}${entry('cy', 'Mar 27, 08:00AM', 'The squash look enormous, well done to you.')}<h3>Leave a Reply</h3></div>`));
    expect(replyHeadingBelow.comments).toHaveLength(3);
  });

  it('a thread box per comment that also holds the comments after it gives each comment, not one per box', () => {
    const entry = (who: string, date: string, body: string) => `<div class="entry"><div class="person"><a href="/p/${who}">${who}</a></div>
      <div class="entrybody"><p>${body}</p></div><p class="entry-metadata"><span>${date}</span></p></div>`;
    // Unclosed reply boxes: the first box runs on over the comments after it.
    const html = page(`<div id="talk"><h3>Comments:</h3>
      <div class="thread">${entry('eli', 'Mar 25, 09:35PM', 'That is a lovely garden, and the beans look well this year.')}
        <div class="thread">${entry('dana', 'Mar 26, 02:01AM', 'Any trouble with slugs this year at all, in such a wet June?')}</div>
        ${entry('cy', 'Mar 27, 08:00AM', 'The squash look enormous, well done to you and the neighbours.')}
        ${entry('bo', 'Mar 28, 10:15AM', 'Which variety of runner bean grows best against that fence?')}</div>
      <div class="thread">${entry('al', 'Mar 29, 11:40AM', 'We tried the same beds last year and the carrots failed.')}</div></div>`);
    const article = extract(html);
    expect(article.comments.map((comment) => comment.text)).toEqual([
      expect.stringContaining('lovely garden'),
      expect.stringContaining('trouble with slugs'),
      expect.stringContaining('squash look enormous'),
      expect.stringContaining('runner bean grows'),
      expect.stringContaining('carrots failed'),
    ]);
    expect(article.comments.map((comment) => comment.date)).toEqual(['Mar 25, 09:35PM', 'Mar 26, 02:01AM', 'Mar 27, 08:00AM', 'Mar 28, 10:15AM', 'Mar 29, 11:40AM']);
    expect(article.text).toContain('Story paragraph 5');
    expect(article.text).not.toContain('carrots');
  });

  it('never mixes them into the story: text and Markdown hold the story only', () => {
    const article = extract(page(thread));
    for (const field of [article.text, article.markdown, article.html]) {
      expect(field).toContain('Story paragraph 5');
      expect(field).not.toContain('Lovely beans');
      expect(field).not.toContain('Runner beans');
    }
  });

  it('a <dt> header with author and date before a <dd> with the text', () => {
    const article = extract(
      page(`<div class="comments"><dl id="comment-list">
        <dt class="comment"><span class="comment_author">Dana Reed</span> <span class="comment_time">5 June 2025</span></dt>
        <dd class="comment"><p>The squash look enormous, well done.</p></dd>
        <dt class="comment"><span class="comment_author">Eli Stone</span> <span class="comment_time">6 June 2025</span></dt>
        <dd class="comment"><p>Any trouble with slugs this year?</p></dd></dl></div>`),
    );
    expect(article.comments.map((c) => [c.author, c.date, c.text])).toEqual([
      ['Dana Reed', '5 June 2025', 'The squash look enormous, well done.'],
      ['Eli Stone', '6 June 2025', 'Any trouble with slugs this year?'],
    ]);
    expect(article.text).not.toContain('Dana Reed');
  });

  it('a "Posted by … | date" footer when the markup names neither author nor date; a date inside the text stays text', () => {
    const article = extract(
      page(`<div class="comments-content">${['Ivy Moss', 'Jon Pike']
        .map(
          (name, i) => `<div class="comment" id="c${i}"><div class="comment-content"><p>I planted mine on June ${i + 2}, 2025 too.</p>
            <p>Comment ${i} on the summer.</p></div><p class="comment-footer">Posted by: ${name} | June 1${i}, 2025 at 02:29 PM</p></div>`,
        )
        .join('')}</div>`),
    );
    expect(article.comments).toEqual([
      { author: null, date: 'Posted by: Ivy Moss | June 10, 2025 at 02:29 PM', text: 'I planted mine on June 2, 2025 too.\n\nComment 0 on the summer.', replyDepth: 0 },
      { author: null, date: 'Posted by: Jon Pike | June 11, 2025 at 02:29 PM', text: 'I planted mine on June 3, 2025 too.\n\nComment 1 on the summer.', replyDepth: 0 },
    ]);
  });

  it('a comment block whose own class names a state ("comment-has-avatar") keeps its text', () => {
    const article = extract(
      page(`<div id="all-comments" class="comments">${['Kit Rowe', 'Lou Sands']
        .map(
          (name, i) => `<div class="comment comment-odd comment-has-avatar" id="comment-${i}a">
            <div class="comment-avatar"><img src="/u${i}.png" alt=""></div>
            <div class="comment-content"><p>Comment ${i}: the courgettes did better than the beans.</p></div>
            <p class="comment-footer">Posted by: ${name} | June 1${i}, 2025 at 02:29 PM</p></div>`,
        )
        .join('')}</div>`),
    );
    expect(article.comments.map((c) => c.text)).toEqual([
      'Comment 0: the courgettes did better than the beans.',
      'Comment 1: the courgettes did better than the beans.',
    ]);
    expect(article.text).not.toContain('courgettes');
  });

  it('zebra-striped items ("alt" on every other one) with a loose "Name on date" first line and a container named in part', () => {
    const items = ['Heather', 'Kate', 'Liam']
      .map(
        (name, i) => `<li ${i % 2 ? 'class=""' : 'class="alt"'} id="comment-10${i}">
          ${name} on October ${21 + i}${['st', 'nd', 'rd'][i]}, 2012 1:3${i} pm
          <div class="commenttext"><p>Reply ${i}: white noise helps me sleep through the traffic.</p></div></li>`,
      )
      .join('');
    const article = extract(page(`<div id="jc_commentsDiv"><ol class="list">${items}</ol></div>`));
    expect(article.comments).toEqual([
      { author: null, date: 'Heather on October 21st, 2012 1:30 pm', text: 'Reply 0: white noise helps me sleep through the traffic.', replyDepth: 0 },
      { author: null, date: 'Kate on October 22nd, 2012 1:31 pm', text: 'Reply 1: white noise helps me sleep through the traffic.', replyDepth: 0 },
      { author: null, date: 'Liam on October 23rd, 2012 1:32 pm', text: 'Reply 2: white noise helps me sleep through the traffic.', replyDepth: 0 },
    ]);
    expect(article.text).not.toContain('white noise');
  });

  it('leaves alone dated list items of the story, and a page wrapper whose class names a state ("has-comments")', () => {
    const dated = ['March', 'April', 'May']
      .map((month, i) => `<li class="${i % 2 ? 'odd' : 'even'}">${month} 3rd, 2012 at 9:00 am\n<p>The council met and voted on the allotments, item ${i}.</p></li>`)
      .join('');
    const html = `<!doctype html><html><head><title>The garden in June</title></head><body>
      <div id="page" class="has-comments"><article class="post"><h1>The garden in June</h1>${story}<ul>${dated}</ul></article></div></body></html>`;
    const article = extract(html);
    expect(article.comments).toEqual([]);
    expect(article.text).toContain('The council met and voted on the allotments, item 2.');
  });

  it('schema.org Comment microdata', () => {
    const article = extract(
      page(`<section>${['Fay Hill', 'Gus Lane']
        .map(
          (name, i) => `<div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">${name}</span>
            <meta itemprop="dateCreated" content="2025-06-0${i + 5}"><div itemprop="text"><p>Comment number ${i} about the beans and the weather.</p></div></div>`,
        )
        .join('')}</section>`),
    );
    expect(article.comments.map((c) => [c.author, c.date, c.replyDepth])).toEqual([
      ['Fay Hill', '2025-06-05', 0],
      ['Gus Lane', '2025-06-06', 0],
    ]);
    expect(article.comments[0]!.text).toBe('Comment number 0 about the beans and the weather.');
  });

  it('JSON-LD Comments when the markup shows none', () => {
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: 'The garden in June',
      comment: [{ '@type': 'Comment', text: 'Great <b>tomatoes</b>!', author: { '@type': 'Person', name: 'Hana Wood' }, dateCreated: '2025-06-07' }],
    });
    const article = extract(page('', `<script type="application/ld+json">${jsonLd}</script>`));
    expect(article.comments).toEqual([{ author: 'Hana Wood', date: '2025-06-07', text: 'Great tomatoes !', replyDepth: 0 }]);
  });

  it('leaves alone repeated blocks without authors or dates (a "recent comments" link list, a related list)', () => {
    const article = extract(
      page(`<div class="comments-widget"><h3>Comments</h3><ul>${Array.from(
        { length: 5 },
        (_, i) => `<li class="recent"><a href="/p/${i}">Another post about gardening number ${i} and its many plants</a></li>`,
      ).join('')}</ul></div>`),
    );
    expect(article.comments).toEqual([]);
  });

  it('leaves alone a page that is nothing but such blocks (no story beside them)', () => {
    const posts = Array.from(
      { length: 4 },
      (_, i) => `<div class="comment"><span class="author">User ${i}</span><span class="date">June ${i + 1}, 2025</span>
        <p>Forum post ${i} carries the whole discussion of the page, long enough to be its content, and it goes on
        for a while about seeds, soil, water and the weather of the week, as forum posts do.</p></div>`,
    ).join('');
    const html = `<!doctype html><html><head><title>Thread</title></head><body><div id="comments">${posts}</div></body></html>`;
    const document = parseHtml(html, url, { maxMarkupChars: 1e6, maxElements: 1e5, maxDepth: 500 });
    expect(findCommentBlocks(document)).toEqual({ comments: [], blocks: [] });
  });

  it('--comments: Markdown under the story, replies quoted one level deeper, page text escaped', () => {
    const article = extract(page(thread));
    const markdown = withCommentsInMarkdown(article).markdown;
    expect(markdown.indexOf('Story paragraph 5')).toBeLessThan(markdown.indexOf('## Comments (3)'));
    expect(markdown).toContain('**Ada Field · June 3, 2025 at 9:12 am**\n\nLovely beans this year, what variety are they?');
    expect(markdown).toContain('> **Ben Marsh · 2025-06-03T10:00:00Z**\n>\n> Runner beans, an old variety from a seed swap.');
    expect(commentsMarkdown([{ author: '*Eve* [x](javascript:alert(1))', date: null, text: '# not a heading\n- not a list', replyDepth: 0 }])).toBe(
      '## Comments (1)\n\n**\\*Eve\\* \\[x\\](javascript:alert(1))**\n\n\\# not a heading\n\\- not a list\n',
    );
    expect(withCommentsInMarkdown({ ...article, comments: [] })).toEqual({ ...article, comments: [] });
  });
});
