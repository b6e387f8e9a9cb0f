import { describe, expect, it } from 'vitest';
import { splitBlocks } from './blocks';

describe('splitBlocks', () => {
  it('splits at blank lines', () => {
    expect(splitBlocks('# Title\n\nA paragraph\nstill it\n\n- a\n- b')).toEqual(['# Title', 'A paragraph\nstill it', '- a\n- b']);
  });
  it('keeps a fenced block whole, blank lines included, even while it is still open', () => {
    const md = 'Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter';
    expect(splitBlocks(md)).toEqual(['Intro', '```js\nconst a = 1;\n\nconst b = 2;\n```', 'After']);
    expect(splitBlocks('```py\nx = 1\n\ny')).toEqual(['```py\nx = 1\n\ny']);
  });
});
