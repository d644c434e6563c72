// The dashboard page: navigation, filters, the views, the service worker's
// update prompt and the storage-persistence indicator. All data work happens
// in the worker (pwa/src/worker/main.js); this thread only renders.
import 'uplot/dist/uPlot.min.css';
import '../../static/app.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { call } from './api.js';
import { Filters, toQuery } from './filters.jsx';
import { registerServiceWorker, requestPersistence } from './offline.js';
import { Agents } from './views/agents.jsx';
import { Conversation } from './views/conversation.jsx';
import { Customers } from './views/customers.jsx';
import { Import } from './views/import.jsx';
import { Overview } from './views/overview.jsx';
import { Queue } from './views/queue.jsx';
import { Rules } from './views/rules.jsx';

const VIEWS = [['overview', 'Overview'], ['queue', 'Queue'], ['conversation', 'Conversation'], ['agents', 'Agents'],
  ['customers', 'Customers'], ['rules', 'Rules'], ['import', 'Import']];
const FILTERED = new Set(['overview', 'queue', 'agents']);

const viewFromHash = () => {
  const v = location.hash.replace(/^#\/?/, '');
  return VIEWS.some(([id]) => id === v) ? v : 'overview';
};

function App() {
  const [view, setView] = useState(viewFromHash());
  const [state, setState] = useState(null);
  const [filters, setFilters] = useState({ bucket: 'week' });
  const [report, setReport] = useState(null);
  const [conversation, setConversation] = useState({ id: null, messages: [] });
  const [version, setVersion] = useState(0);
  const [persist, setPersist] = useState(null);
  const [update, setUpdate] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    addEventListener('hashchange', onHash);
    requestPersistence().then(setPersist);
    registerServiceWorker((apply) => setUpdate(() => apply));
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => { call('state').then(setState, (e) => setError(e.message)); }, [version]);
  useEffect(() => {
    call('query', toQuery(filters)).then((r) => { setReport(r); document.body.dataset.ready = 'true'; }, (e) => setError(e.message));
  }, [filters, version]);
  useEffect(() => {
    const title = VIEWS.find(([id]) => id === view)[1];
    document.title = `${title} · Rapport dashboard`;
    document.getElementById('view-title')?.focus();
  }, [view]);

  const open = async (id) => {
    setConversation({ id, messages: await call('conversation', id) });
    location.hash = '#/conversation';
  };
  const imported = () => setVersion((v) => v + 1);

  let body = <p role="status">Loading the data...</p>;
  if (error) body = <p role="alert">The dashboard could not start: {error}</p>;
  else if (report && state) {
    body = {
      overview: () => <Overview report={report} />,
      queue: () => <Queue report={report} onOpen={open} />,
      conversation: () => <Conversation id={conversation.id} messages={conversation.messages} />,
      agents: () => <Agents report={report} />,
      customers: () => <Customers version={version} />,
      rules: () => <Rules />,
      import: () => <Import state={state} onImported={imported} />,
    }[view]();
  }
  return (
    <>
      <a class="skip" href="#main">Skip to the view</a>
      <header>
        <h1>Rapport <span>support dashboard</span></h1>
        <p class="storage" id="storage-status">{persist === null ? '' : persist.persisted
          ? 'Storage: persistent (the browser will not evict this data)'
          : 'Storage: best effort (the browser may evict this data when space runs low)'}
          {state?.usage ? `; ${(state.usage / 1048576).toFixed(1)} MB used` : ''}</p>
        {update && <p class="update" role="alert">A new version of the dashboard is ready.
          {' '}<button type="button" id="update-reload" onClick={() => update()}>Reload to update</button></p>}
        <nav aria-label="Views">
          <ul>{VIEWS.map(([id, label]) => <li><a href={`#/${id}`} aria-current={view === id ? 'page' : undefined}>{label}</a></li>)}</ul>
        </nav>
      </header>
      {FILTERED.has(view) && report && <Filters filters={filters} facets={report.facets} onChange={setFilters} />}
      <main id="main" tabIndex={-1}>{body}</main>
      <footer>
        <p>All analysis runs on this device; nothing is sent anywhere.
          {state?.demo ? ` ${state.demo.attribution}` : ''}</p>
      </footer>
    </>
  );
}

// The printable report shows every chart's data table.
addEventListener('beforeprint', () => { for (const d of document.querySelectorAll('details')) d.open = true; });

render(<App />, document.getElementById('app'));
