import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { preloadPage } from './app/pages';
import { pathBelowBase } from './lib/base-path';
import './styles/index.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
const root = createRoot(container);

// The page's own code first (index.html preloads the job page's chunk, so this rarely waits),
// then the first render as a transition: React draws it in slices of a few milliseconds
// instead of one long task, so the page answers input while it is being built.
void preloadPage(pathBelowBase(window.location.pathname)).then(() => {
  startTransition(() => {
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
});
