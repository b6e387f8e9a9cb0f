import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import Markdown from './Markdown';
import { isSafeHref } from './safety';

function html(md: string) {
  const { container } = render(<Markdown text={md} />);
  return container;
}

describe('markdown safety', () => {
  it('shows an img with onerror as its literal text and creates no element', () => {
    const c = html('Look: <img src=x onerror="window.pwned=1">');
    expect(c.querySelector('img')).toBeNull();
    expect(c.textContent).toContain('<img src=x onerror="window.pwned=1">');
  });

  it('shows svg onload and a raw script block as text', () => {
    const c = html('<svg onload=alert(1)></svg>\n\n<script>window.pwned = 2</script>\n\nafter');
    expect(c.querySelector('svg')).toBeNull();
    expect(c.querySelector('script')).toBeNull();
    expect(c.textContent).toContain('<svg onload=alert(1)></svg>');
    expect(c.textContent).toContain('<script>window.pwned = 2</script>');
    expect(c.textContent).toContain('after');
  });

  it('turns javascript: and data: links into plain text and keeps http(s) and mailto links', () => {
    const c = html('[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](https://example.com) [e](mailto:x@example.com)');
    const links = [...c.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://example.com', 'mailto:x@example.com']);
    expect(c.textContent).toContain('a b c');
    expect(c.innerHTML).not.toMatch(/javascript:/i);
  });

  it('highlights the code of every reply with the one highlighter the blocks share', () => {
    const first = render(<Markdown text={'```js\nconst a = 1;\n```'} />).container;
    const second = render(<Markdown text={'```python\ndef f():\n    return 1\n```'} />).container;
    expect(first.querySelector('pre .hljs-keyword')?.textContent).toBe('const');
    expect(second.querySelector('pre .hljs-keyword')?.textContent).toBe('def');
    expect(second.querySelector('pre code')?.textContent).toBe('def f():\n    return 1\n');
  });

  it('renders GFM tables and highlighted code with a Copy button', () => {
    const c = html('| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nconst x = 1;\n```');
    expect(c.querySelector('table td')?.textContent).toBe('1');
    expect(c.querySelector('pre code.hljs')).not.toBeNull();
    expect(c.querySelector('pre .hljs-keyword')?.textContent).toBe('const');
    expect(c.querySelector('button[aria-label="Copy"]')).not.toBeNull();
  });

  it('accepts only http, https and mailto schemes', () => {
    expect(isSafeHref('https://x')).toBe(true);
    expect(isSafeHref(' javascript:alert(1)')).toBe(false);
    expect(isSafeHref('vbscript:x')).toBe(false);
    expect(isSafeHref('//evil.example')).toBe(false);
  });
});
