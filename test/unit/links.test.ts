/**
 * Links shown to readers (shared/text/links.ts): tracking parameters removed, everything else kept byte
 * for byte.
 */
import { describe, expect, it } from 'vitest';
import { cleanLink, httpUrl, isTrackingParameter } from '../../shared/text/links.ts';

describe('cleanLink', () => {
  it('removes campaign, click and mailing trackers', () => {
    expect(cleanLink('https://harbour.example/news/ferry?utm_source=rss&utm_medium=feed')).toBe('https://harbour.example/news/ferry');
    expect(cleanLink('https://harbour.example/a?id=42&utm_campaign=x&fbclid=AbC')).toBe('https://harbour.example/a?id=42');
    expect(cleanLink('https://harbour.example/a?gclid=1&page=2&mc_cid=9&mc_eid=8')).toBe('https://harbour.example/a?page=2');
    expect(cleanLink('https://harbour.example/a?UTM_Source=News&_hsenc=p2&x=1')).toBe('https://harbour.example/a?x=1');
    expect(cleanLink('https://lemonde.example/article.html#xtor=RSS-3208')).toBe('https://lemonde.example/article.html');
    expect(cleanLink('https://harbour.example/a?xtor=RSS-1#section-2')).toBe('https://harbour.example/a#section-2');
  });

  it('keeps everything else exactly as published', () => {
    for (const url of [
      'https://harbour.example/news/ferry',
      'https://harbour.example/search?q=ferry+strike&page=2',
      'https://harbour.example/a?id=%E2%82%AC&ref=home',
      'https://harbour.example/a#comments',
      'https://harbour.example/a?utmost=1',
      '/relative?utm_source=x',
      'mailto:desk@harbour.example?utm_source=x',
      'not a url ?utm_source=x',
    ]) {
      expect(cleanLink(url), url).toBe(url);
    }
  });

  it('drops an empty query left by trackers, and stray separators', () => {
    expect(cleanLink('https://harbour.example/a?&utm_source=x&')).toBe('https://harbour.example/a');
    expect(cleanLink('https://harbour.example/a?')).toBe('https://harbour.example/a');
  });

  it('knows the families by prefix, not by substring', () => {
    expect(isTrackingParameter('utm_content')).toBe(true);
    expect(isTrackingParameter('pk_campaign')).toBe(true);
    expect(isTrackingParameter('utm')).toBe(false);
    expect(isTrackingParameter('page')).toBe(false);
  });
});

describe('httpUrl', () => {
  it('resolves against a base, keeps only http(s), drops credentials', () => {
    expect(httpUrl('img/a.jpg', 'https://site.example/news/')).toBe('https://site.example/news/img/a.jpg');
    expect(httpUrl(' https://user:pw@site.example/a ')).toBe('https://site.example/a');
    for (const bad of ['javascript:alert(1)', 'data:image/gif;base64,R0', 'ftp://site.example/a', '', '/relative']) expect(httpUrl(bad), bad).toBeUndefined();
  });
});
