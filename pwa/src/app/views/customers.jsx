// Customers: everyone who wrote, and one customer's history in the shared
// timeline component (<rapport-timeline>, shared/context/timeline-view.js),
// the same one the extension's side panel mounts. The worker answers it from
// the customer-context engine over the active data (worker/customer-context.js):
// identities resolved across datasets, the summary and the suggested opening
// line as of the newest message, merges kept across reloads.
import { useEffect, useRef, useState } from 'preact/hooks';
import { connectTimeline } from '../../../../shared/context/timeline-view.js';
import { call } from '../api.js';
import { DataTable, ExportBar } from '../components.jsx';
import { int, num, shortTime } from '../format.js';

// The worker's context methods in the shape connectTimeline() expects.
const source = {
  profile: (customer) => call('contextProfile', customer?.dataset !== undefined ? customer : { customer }),
  summary: (customer) => call('contextSummary', { customer }),
  timeline: (customer) => call('contextTimeline', { customer }),
  merge: (a, b, reason) => call('contextMerge', { a, b, reason }),
  unmerge: (merge) => call('contextUnmerge', { merge }),
};

function Timeline({ row, version }) {
  const host = useRef(null);
  const [failed, setFailed] = useState(null);
  useEffect(() => {
    const element = document.createElement('rapport-timeline');
    element.setAttribute('aria-label', `Timeline of ${row.customer}`);
    host.current.replaceChildren(element);
    setFailed(null);
    const link = connectTimeline(element, source, { dataset: row.dataset, customer: row.customer });
    link.ready.catch((error) => setFailed(error.message));
    return () => link.disconnect();
  }, [row.dataset, row.customer, version]);
  return (
    <div class="timeline">
      {failed && <p role="alert">Could not show this customer's timeline: {failed}</p>}
      <div ref={host} />
    </div>
  );
}

export function Customers({ version }) {
  const [search, setSearch] = useState('');
  const [list, setList] = useState(null);
  const [detail, setDetail] = useState(null);
  useEffect(() => { call('customers', { search }).then(setList); }, [search, version]);
  const columns = ['customer', 'messages', 'conversations', 'mean sentiment', 'negative', 'last contact'];
  const rows = (list?.customers ?? []).map((c) => [c.customer, c.messages, c.conversations, num(c.sentiment), c.negative, shortTime(c.last)]);
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Customers</h2>
      <label for="customer-search">Find a customer <input id="customer-search" type="search" value={search}
        onInput={(e) => setSearch(e.currentTarget.value)} /></label>
      {list && <p class="lead" role="status">{int(list.total)} customers{list.total > list.customers.length ? `, first ${list.customers.length} shown` : ''}.</p>}
      {detail && <Timeline row={detail} version={version} />}
      {list && <DataTable caption="Customers, most messages first" columns={columns}
        rows={list.customers.map((c, i) => ({ c, cells: rows[i] }))} rowKey={(r) => `${r.c.dataset}/${r.c.customer}`}
        onRowAction={(r) => setDetail(r.c)}
        actionLabel="Timeline" actionName={(r) => `Timeline of ${r.c.customer}`} />}
      <ExportBar name="customers" columns={columns} rows={rows} />
    </section>
  );
}
