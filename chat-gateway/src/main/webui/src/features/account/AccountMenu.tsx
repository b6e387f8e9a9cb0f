import { useRef } from 'react';
import { MenuButton, type MenuItem } from '../../app/Menu';
import { setTheme, useTheme, type Theme } from '../../app/theme';

/**
 * The `Account` menu: the email, the theme, and Sign out (a POST form: the gateway checks its
 * origin). `extraItems` is where the Settings dialog (issue 10) hooks in.
 */
export function AccountMenu({ email, extraItems = [] }: { email: string; extraItems?: MenuItem[] }) {
  const form = useRef<HTMLFormElement>(null);
  const theme = useTheme();
  const themes: Theme[] = ['light', 'dark', 'system'];
  const label = (t: Theme) => t[0].toUpperCase() + t.slice(1);
  const items: MenuItem[] = [
    ...extraItems,
    ...themes.map((t) => ({ label: `${label(t)} theme${t === theme ? ' (current)' : ''}`, onSelect: () => setTheme(t) })),
    { label: 'Sign out', onSelect: () => form.current?.requestSubmit() },
  ];
  return (
    <div className="account">
      <MenuButton label="Account" items={items} header={<p className="account-email">{email}</p>}>
        <span aria-hidden="true" className="avatar">
          {email[0]?.toUpperCase()}
        </span>
      </MenuButton>
      <form ref={form} method="post" action="/logout" className="visually-hidden" />
    </div>
  );
}
