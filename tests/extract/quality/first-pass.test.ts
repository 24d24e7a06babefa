/**
 * A short post and Readability's retries (src/extract/quality/first-pass.ts): below 500
 * characters Readability drops its name rules and takes the sidebar's long "About me"; the
 * post its first pass found is kept. Where the later result holds the first pass, it stays.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/pipeline.js';

const url = 'https://blog.example/2012/10/top-five.html';
const post = `<div class="post"><h3 class="post-title">Top five posts of the week</h3><div class="post-body">
  • The worst quotation marks of the year, collected on a wall.<br>• Seven celebrity adverts from the last seven years.<br>
  • A bathroom sign that quotes a poet.<br>• A subway poster placed under the wrong president.<br></div>
  <p class="post-footer">posted by the author @ 2:23 PM</p></div>`;
const profile = `<div id="sidebar"><div id="profile-container"><h2 class="sidebar-title">About Me</h2><p class="profile-textblock">${'I have written adverts in this city for nineteen years and I dislike a long list of things, which follows here at length. '.repeat(8)}</p></div></div>`;

function page(body: string): string {
  return `<!doctype html><html><head><title>Top five posts of the week</title></head><body><div id="content">${body}</div></body></html>`;
}

describe("a short post beside a sidebar's About me", () => {
  it('keeps the post its first pass found, not the profile Readability retried into', () => {
    const { text } = extractArticle({ html: page(`${profile}<div id="main">${post}</div>`), url, source: 'page.html' });
    expect(text).toContain('Seven celebrity adverts from the last seven years.');
    expect(text).not.toContain('I have written adverts in this city');
  });

  it('leaves alone a story long enough for the first pass', () => {
    const long = `<div class="post"><div class="post-body">${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} of a longer post tells the week's news at length, with enough words to pass the threshold.</p>`).join('')}</div></div>`;
    const { text } = extractArticle({ html: page(`${profile}<div id="main">${long}</div>`), url, source: 'page.html' });
    expect(text).toContain('Paragraph 5 of a longer post');
    expect(text).not.toContain('I have written adverts in this city');
  });
});
