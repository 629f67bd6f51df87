import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/normalize/index.js';
import { eventSlug, tagRefs, topicSlugs } from '../../src/normalize/topics.js';

describe('slugify', () => {
  it.each([
    { input: 'Hà Nội', want: 'ha-noi' },
    { input: 'HĐND', want: 'hdnd' },
    { input: 'Đô thị', want: 'do-thi' },
    { input: 'ÐÀ NẴNG', want: 'da-nang' },
    { input: 'Hà Nội'.normalize('NFD'), want: 'ha-noi' },
    { input: 'Kinh tế & Đô thị', want: 'kinh-te-do-thi' },
    { input: '  Thị trường   vàng  ', want: 'thi-truong-vang' },
    { input: 'Kỳ họp thứ 9, Quốc hội khóa XIV', want: 'ky-hop-thu-9-quoc-hoi-khoa-xiv' },
    { input: 'Chứng khoán\u200B', want: 'chung-khoan' },
    { input: 'COVID-19', want: 'covid-19' },
    { input: '“Thành phố vì hòa bình”', want: 'thanh-pho-vi-hoa-binh' },
    { input: '---', want: '' },
  ])('$input → $want', ({ input, want }) => {
    expect(slugify(input)).toBe(want);
  });
});

describe('tagRefs', () => {
  it.each([
    { name: 'names NFC-normalized and trimmed', input: ['  Hà Nội '.normalize('NFD')], want: [{ name: 'Hà Nội', slug: 'ha-noi' }] },
    { name: 'deduplicated by slug, first spelling wins', input: ['Hà Nội', 'hà nội', 'HÀ NỘI'], want: [{ name: 'Hà Nội', slug: 'ha-noi' }] },
    { name: 'empty and symbol-only tags dropped', input: ['', ' ', '#', '—'], want: [] },
    { name: 'hash prefix dropped', input: ['#Giá vàng'], want: [{ name: 'Giá vàng', slug: 'gia-vang' }] },
    {
      name: 'page order kept',
      input: ['công tác cán bộ', 'Thành ủy Hà Nội'],
      want: [
        { name: 'công tác cán bộ', slug: 'cong-tac-can-bo' },
        { name: 'Thành ủy Hà Nội', slug: 'thanh-uy-ha-noi' },
      ],
    },
  ])('$name', ({ input, want }) => {
    expect(tagRefs(input)).toEqual(want);
  });
});

describe('eventSlug', () => {
  it.each([
    { name: 'slug part of the event URL', url: 'https://kinhtedothi.vn/su-kien/697/ky-hop-thu-9-quoc-hoi-khoa-xiv.html', evName: 'Kỳ họp thứ 9', want: 'ky-hop-thu-9-quoc-hoi-khoa-xiv' },
    { name: 'trailing slash, no extension', url: 'https://kinhtedothi.vn/su-kien/697/dich-ta-lon-chau-phi/', evName: 'x', want: 'dich-ta-lon-chau-phi' },
    { name: 'numeric-only URL falls back to the name', url: 'https://kinhtedothi.vn/su-kien/697', evName: 'An toàn phòng cháy chữa cháy', want: 'an-toan-phong-chay-chua-chay' },
    { name: 'malformed URL falls back to the name', url: 'not a url', evName: 'Dịch tả lợn châu Phi', want: 'dich-ta-lon-chau-phi' },
    { name: 'nothing usable', url: 'not a url', evName: '—', want: null },
  ])('$name', ({ url, evName, want }) => {
    expect(eventSlug({ name: evName, url })).toBe(want);
  });
});

describe('topicSlugs', () => {
  it.each<{ name: string; slugs: string[]; aliases: Record<string, string>; want: string[] }>([
    { name: 'aliases applied', slugs: ['hanoi', 'kinh-te'], aliases: { hanoi: 'ha-noi' }, want: ['ha-noi', 'kinh-te'] },
    { name: 'unique after aliasing', slugs: ['ha-noi', 'thu-do', 'hanoi'], aliases: { hanoi: 'ha-noi', 'thu-do': 'ha-noi' }, want: ['ha-noi'] },
    { name: 'no aliases', slugs: ['thoi-su', 'ha-noi'], aliases: {}, want: ['thoi-su', 'ha-noi'] },
    { name: 'prototype names are not aliases', slugs: ['constructor'], aliases: {}, want: ['constructor'] },
  ])('$name', ({ slugs, aliases, want }) => {
    expect(topicSlugs(slugs, aliases)).toEqual(want);
  });
});
