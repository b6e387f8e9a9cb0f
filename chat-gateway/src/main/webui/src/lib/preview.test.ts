import { describe, expect, it } from 'vitest';
import { plainPreview } from './preview';

describe('the sidebar preview', () => {
  it('shows the words of a markdown reply without its markup', () => {
    expect(plainPreview('**Offline mode.** No `OPENROUTER_API_KEY` is set, so _this_ reply')).toBe('Offline mode. No OPENROUTER_API_KEY is set, so this reply');
    expect(plainPreview('# Title\n\n> quoted\n- item one\n1. first\n[the docs](https://example.com)')).toBe('Title quoted item one first the docs');
    expect(plainPreview('```js\nconst a = 1;\n```')).toBe('const a = 1;');
  });

  it('keeps what is not markup, and an empty preview empty', () => {
    expect(plainPreview('2 * 3 = 6, snake_case_name and a_b')).toBe('2 * 3 = 6, snake_case_name and a_b');
    expect(plainPreview(undefined)).toBe('');
  });
});
