import type { Root, RootContent } from 'mdast';

/** Only these link schemes become links (SPEC 6); relative links and fragments stay too. */
export function isSafeHref(href: string | undefined | null): boolean {
  if (!href) return false;
  const trimmed = href.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (!scheme) return !trimmed.startsWith('//');
  return ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase());
}

/**
 * A remark plugin: raw HTML in a reply is shown as its literal text, neither run nor dropped.
 * Block HTML becomes a paragraph of text, inline HTML a text node.
 */
export function remarkHtmlAsText() {
  return (tree: Root) => {
    const visit = (node: { children?: RootContent[] }, block: boolean) => {
      if (!node.children) return;
      node.children = node.children.map((child) => {
        if (child.type === 'html') {
          const text = { type: 'text', value: child.value } as const;
          return (block ? { type: 'paragraph', children: [text] } : text) as RootContent;
        }
        const isBlockContainer = child.type === 'blockquote' || child.type === 'listItem' || child.type === 'list';
        visit(child as { children?: RootContent[] }, isBlockContainer);
        return child;
      });
    };
    visit(tree, true);
  };
}
