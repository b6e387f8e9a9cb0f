import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { snippetSegments } from '../../lib/snippet';
import { Highlighted } from './Highlighted';

const hits = (text: string, matches: { start: number; end: number }[]) =>
  snippetSegments({ text, matches }).filter((s) => s.hit).map((s) => s.text);

describe('snippet highlighting', () => {
  afterEach(cleanup);
  it('marks the spans the API names, in UTF-16 code units', () => {
    expect(snippetSegments({ text: 'find the needle here', matches: [{ start: 9, end: 15 }] })).toEqual([
      { text: 'find the ', hit: false },
      { text: 'needle', hit: true },
      { text: ' here', hit: false },
    ]);
  });

  it('counts an emoji before the match as two code units', () => {
    // "😀 needle": the emoji is 2 code units, the space 1, so needle is 3..9
    expect(hits('😀 needle', [{ start: 3, end: 9 }])).toEqual(['needle']);
  });

  it('widens a span edge that falls inside a surrogate pair to the whole character', () => {
    const text = 'a😀b';
    expect(hits(text, [{ start: 2, end: 3 }])).toEqual(['😀']);
    expect(hits(text, [{ start: 0, end: 2 }])).toEqual(['a😀']);
    expect(hits('𝒳yz', [{ start: 1, end: 3 }])).toEqual(['𝒳y']);
  });

  it('merges overlapping, touching and unsorted spans', () => {
    expect(hits('abcdefghij', [{ start: 5, end: 8 }, { start: 1, end: 4 }, { start: 3, end: 6 }])).toEqual(['bcdefgh']);
    expect(hits('abcdefghij', [{ start: 0, end: 2 }, { start: 2, end: 4 }, { start: 7, end: 9 }])).toEqual(['abcd', 'hi']);
  });

  it('clamps spans past the end and drops empty or reversed ones', () => {
    expect(hits('short', [{ start: 3, end: 99 }, { start: 4, end: 2 }, { start: -5, end: 0 }])).toEqual(['rt']);
    expect(snippetSegments({ text: '', matches: [{ start: 0, end: 3 }] })).toEqual([{ text: '', hit: false }]);
  });

  it('keeps every character exactly once', () => {
    const text = 'x😀y "needle" z';
    const joined = snippetSegments({ text, matches: [{ start: 1, end: 2 }, { start: 5, end: 11 }] }).map((s) => s.text).join('');
    expect(joined).toBe(text);
  });

  it('renders markup in the snippet as text and the matches as mark elements', () => {
    const text = '<img src=x onerror=alert(1)> needle <b>bold</b>';
    const start = text.indexOf('needle');
    const { container } = render(<Highlighted snippet={{ text, matches: [{ start, end: start + 6 }, { start: 0, end: 4 }] }} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['<img', 'needle']);
    expect(container.textContent).toBe(text);
  });
});
