import { useRef } from 'react';
import { MenuButton, type MenuItem } from '../../app/Menu';
import { openDialog } from '../dialogs/dialogs';

/**
 * The `Account` menu: the email, Settings (the theme and the default model) and Sign out (a POST
 * form: the gateway checks its origin).
 */
export function AccountMenu({ email }: { email: string }) {
  const form = useRef<HTMLFormElement>(null);
  const items: MenuItem[] = [
    { label: 'Settings', onSelect: () => openDialog({ kind: 'settings', email }) },
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
