import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/App';
import { applyTheme } from './app/theme';
import './styles.css';

applyTheme();

const queries = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, gcTime: 30 * 60_000 } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
