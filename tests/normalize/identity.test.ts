import { describe, expect, it } from 'vitest';
import { articleId, canonicalUrl, chooseCanonical } from '../../src/normalize/index.js';

const DESKTOP = 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html';

describe('canonicalUrl: copies of one article unify', () => {
  it.each([
    { name: 'desktop page as is', input: DESKTOP },
    { name: 'www. host', input: 'https://www.kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html' },
    { name: 'mobile host', input: 'https://m.kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html' },
    { name: 'amp host', input: 'https://amp.kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html' },
    { name: 'upper-case scheme and host', input: 'HTTPS://KinhTeDoThi.VN/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html' },
    { name: 'default port', input: 'https://kinhtedothi.vn:443/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html' },
    { name: 'fragment', input: `${DESKTOP}#comments` },
    { name: 'utm parameters', input: `${DESKTOP}?utm_source=facebook&utm_medium=social&utm_campaign=x` },
    { name: 'fbclid', input: `${DESKTOP}?fbclid=IwAR0abc` },
    { name: 'gclid, dclid, msclkid', input: `${DESKTOP}?gclid=1&dclid=2&msclkid=3` },
    { name: 'Zalo zarsrc, _ga, Mailchimp ids', input: `${DESKTOP}?zarsrc=30&_ga=2.1&mc_cid=a&mc_eid=b` },
    { name: '/amp/ path prefix', input: 'https://kinhtedothi.vn/amp/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html' },
    { name: '.amp suffix', input: 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.amp' },
    { name: '.amp.html', input: 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.amp.html' },
    { name: '/amp suffix', input: 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html/amp' },
    { name: '?amp', input: `${DESKTOP}?amp` },
    { name: 'amp=1', input: `${DESKTOP}?amp=1` },
    { name: '/print/ path prefix', input: 'https://kinhtedothi.vn/print/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html' },
    { name: '?print=1', input: `${DESKTOP}?print=1` },
    { name: '.print suffix', input: 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.print' },
    { name: 'mobile AMP with tracking and fragment', input: 'https://m.kinhtedothi.vn/amp/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html?utm_source=zalo&zarsrc=1#top' },
  ])('$name', ({ input }) => {
    expect(canonicalUrl(input)).toBe(DESKTOP);
    expect(articleId(canonicalUrl(input))).toBe(articleId(DESKTOP));
  });
});

describe('canonicalUrl: what must not change', () => {
  it.each([
    { name: 'meaningful query kept', input: 'https://kinhtedothi.vn/tim-kiem?q=ha+noi', want: 'https://kinhtedothi.vn/tim-kiem?q=ha+noi' },
    { name: 'query parameters sorted so order does not matter', input: 'https://kinhtedothi.vn/a?id=2&cat=1', want: 'https://kinhtedothi.vn/a?cat=1&id=2' },
    { name: '/in/ is a real path, not a print form', input: 'https://kinhtedothi.vn/in/an-pham-123.html', want: 'https://kinhtedothi.vn/in/an-pham-123.html' },
    { name: 'a slug containing amp is not an AMP form', input: 'https://kinhtedothi.vn/camp-david-123.html', want: 'https://kinhtedothi.vn/camp-david-123.html' },
    { name: 'amp=0 is not the AMP form', input: 'https://kinhtedothi.vn/a.html?amp=0', want: 'https://kinhtedothi.vn/a.html?amp=0' },
    { name: 'http scheme kept', input: 'http://kinhtedothi.vn/a.html', want: 'http://kinhtedothi.vn/a.html' },
    { name: 'other port kept', input: 'http://127.0.0.1:8080/a.html?utm_source=x', want: 'http://127.0.0.1:8080/a.html' },
    { name: 'sister site host kept', input: 'https://phapluatxahoi.kinhtedothi.vn/a.html', want: 'https://phapluatxahoi.kinhtedothi.vn/a.html' },
  ])('$name', ({ input, want }) => {
    expect(canonicalUrl(input)).toBe(want);
  });
});

describe('chooseCanonical', () => {
  it.each([
    { name: 'page canonical on the same site wins', fetched: 'https://m.kinhtedothi.vn/amp/x-1.html', page: 'https://kinhtedothi.vn/x-1.html', want: 'https://kinhtedothi.vn/x-1.html' },
    { name: 'sister-site canonical is the same family', fetched: 'https://kinhtedothi.vn/x-1.html', page: 'https://phapluatxahoi.kinhtedothi.vn/x-1.html', want: 'https://phapluatxahoi.kinhtedothi.vn/x-1.html' },
    { name: 'canonical on another site is ignored', fetched: 'https://kinhtedothi.vn/x-1.html', page: 'https://spam.example.com/x-1.html', want: 'https://kinhtedothi.vn/x-1.html' },
    { name: 'relative canonical is ignored', fetched: 'https://kinhtedothi.vn/x-1.html?utm_source=a', page: '/x-2.html', want: 'https://kinhtedothi.vn/x-1.html' },
    { name: 'non-http canonical is ignored', fetched: 'https://kinhtedothi.vn/x-1.html', page: 'javascript:alert(1)', want: 'https://kinhtedothi.vn/x-1.html' },
    { name: 'no canonical: the fetched URL, cleaned', fetched: 'https://www.kinhtedothi.vn/x-1.html#a', page: null, want: 'https://kinhtedothi.vn/x-1.html' },
    { name: 'canonical itself is cleaned', fetched: 'https://kinhtedothi.vn/x-1.html', page: 'https://www.kinhtedothi.vn/x-1.html?utm_medium=rss', want: 'https://kinhtedothi.vn/x-1.html' },
    { name: '.com.vn family', fetched: 'https://m.baodautu.com.vn/a.html', page: 'https://baodautu.com.vn/a.html', want: 'https://baodautu.com.vn/a.html' },
    { name: 'two different .com.vn sites are not one family', fetched: 'https://a.com.vn/a.html', page: 'https://b.com.vn/a.html', want: 'https://a.com.vn/a.html' },
    { name: 'two blogs on one shared host are not one family', fetched: 'https://a.blogspot.com/2019/x.html', page: 'https://b.blogspot.com/2019/x.html', want: 'https://a.blogspot.com/2019/x.html' },
    { name: 'two loopback addresses are not one family', fetched: 'http://127.0.0.1:8080/x.html', page: 'http://10.0.0.1/x.html', want: 'http://127.0.0.1:8080/x.html' },
  ])('$name', ({ fetched, page, want }) => {
    expect(chooseCanonical(fetched, page)).toBe(want);
  });
});

describe('articleId', () => {
  it('is 16 lowercase hex chars of sha256 of the canonical URL', () => {
    // sha256("https://kinhtedothi.vn/x-1.html"), computed independently with `sha256sum`.
    expect(articleId('https://kinhtedothi.vn/x-1.html')).toBe(SHA_X1.slice(0, 16));
    expect(articleId('https://kinhtedothi.vn/x-2.html')).not.toBe(articleId('https://kinhtedothi.vn/x-1.html'));
  });
});

const SHA_X1 = '515915619f3d23785c30ec00cd229fb711f50e50b769c377bde689a679191929';
