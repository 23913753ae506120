import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { setBearer } from './api';
import { App } from './app';
import { dashboardPaths, today } from './pages/dashboard-data';
import { preload } from './preload';
import { storedSession } from './session';
import './styles.css';

// A tab that is already signed in asks for the page's data at once, while React and the page's code load.
const session = storedSession();
if (session) {
  setBearer(session.token);
  if (window.location.pathname === '/dashboard') void import('./pages/dashboard');
  preload('/api/region');
  if (window.location.pathname === '/dashboard') {
    for (const path of Object.values(dashboardPaths(today()))) preload(path);
  }
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
