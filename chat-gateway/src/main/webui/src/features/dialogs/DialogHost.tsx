import { lazy, Suspense } from 'react';
import { closeDialog, useOpenDialog } from './dialogs';

const SearchDialog = lazy(() => import('../search/SearchDialog'));
const ShareDialog = lazy(() => import('../share/ShareDialog'));
const ImportDialog = lazy(() => import('../transfer/ImportDialog'));
const SettingsDialog = lazy(() => import('../settings/SettingsDialog'));

/** Renders the open dialog, its code fetched on first use (the first load stays small). */
export function DialogHost() {
  const dialog = useOpenDialog();
  if (!dialog) return null;
  return (
    <Suspense fallback={null}>
      {dialog.kind === 'search' && <SearchDialog chatId={dialog.chatId} onClose={closeDialog} />}
      {dialog.kind === 'share' && <ShareDialog chat={dialog.chat} onClose={closeDialog} />}
      {dialog.kind === 'import' && <ImportDialog onClose={closeDialog} />}
      {dialog.kind === 'settings' && <SettingsDialog email={dialog.email} onClose={closeDialog} />}
    </Suspense>
  );
}
