import { describe, expect, it } from 'vitest';
import { StreamAssembler } from './streamAssembler';

describe('StreamAssembler', () => {
  it('joins deltas that follow each other', () => {
    const a = new StreamAssembler();
    expect(a.apply(0, 'Hello')).toBe('appended');
    expect(a.apply(5, ', world')).toBe('appended');
    expect(a.text).toBe('Hello, world');
  });

  it('counts offsets in UTF-16 code units, so astral characters and emoji join exactly', () => {
    const a = new StreamAssembler();
    a.apply(0, 'ü😀');
    expect(a.length).toBe(3);
    a.apply(3, '𝄞x');
    a.apply(6, 'y');
    expect(a.text).toBe('ü😀𝄞xy');
  });

  it('ignores a delta it already has and keeps only the new part of an overlapping one', () => {
    const a = new StreamAssembler();
    a.apply(0, 'abcdef');
    expect(a.apply(2, 'cd')).toBe('duplicate');
    expect(a.apply(0, 'abcdef')).toBe('duplicate');
    expect(a.apply(4, 'efgh')).toBe('appended');
    expect(a.text).toBe('abcdefgh');
  });

  it('holds a delta past the end until the gap before it is filled', () => {
    const a = new StreamAssembler();
    a.apply(0, 'ab');
    expect(a.apply(4, 'ef')).toBe('gap');
    expect(a.hasGap).toBe(true);
    expect(a.text).toBe('ab');
    a.apply(2, 'cd');
    expect(a.text).toBe('abcdef');
    expect(a.hasGap).toBe(false);
  });

  it('joins a resume from a saved checkpoint without doubling the text', () => {
    const a = new StreamAssembler('The quick');
    // the socket dropped; the reload saw a longer checkpoint, then resumed from its end
    a.adopt('The quick brown');
    expect(a.apply(15, ' fox')).toBe('appended');
    // a late delta from the dropped socket changes nothing
    expect(a.apply(9, ' brown')).toBe('duplicate');
    expect(a.text).toBe('The quick brown fox');
  });

  it('never shortens the text when a checkpoint is behind what arrived live', () => {
    const a = new StreamAssembler();
    a.apply(0, 'abcdef');
    a.adopt('abc');
    expect(a.text).toBe('abcdef');
  });

  it('refuses a negative or fractional offset', () => {
    const a = new StreamAssembler();
    expect(() => a.apply(-1, 'x')).toThrow(RangeError);
    expect(() => a.apply(1.5, 'x')).toThrow(RangeError);
  });
});
