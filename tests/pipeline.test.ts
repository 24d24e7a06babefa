import { describe, expect, it } from 'vitest';
import { sourceIdentity } from '../src/pipeline.js';

describe('sourceIdentity', () => {
  it('gives two links to the same page one identity, before anything is fetched', () => {
    expect(sourceIdentity('HTTPS://News.Example.com:443/story?utm_source=x&fbclid=y#top')).toBe('https://news.example.com/story');
    expect(sourceIdentity('https://news.example.com/story')).toBe('https://news.example.com/story');
    expect(sourceIdentity('https://news.example.com/story?id=2')).not.toBe(sourceIdentity('https://news.example.com/story?id=3'));
  });

  it('is null for files, stdin and what is not a URL', () => {
    expect(sourceIdentity('saved/page.html')).toBeNull();
    expect(sourceIdentity('-')).toBeNull();
    expect(sourceIdentity('http://')).toBeNull();
  });
});
