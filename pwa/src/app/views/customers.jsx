// Customers: everyone who wrote, and one customer's history. The shared
// timeline component (shared/ui/timeline, issue 12) is what this view will
// mount over the customer-context store; until it lands this view shows the
// same data plumbing with a plain timeline of the customer's conversations.
import { useEffect, useState } from 'preact/hooks';
import { call } from '../api.js';
import { DataTable, ExportBar } from '../components.jsx';
import { int, num, sentimentLabel, shortTime, signed } from '../format.js';

function Timeline({ detail, onOpen }) {
  const byConversation = new Map();
  for (const m of detail.messages) {
    if (!byConversation.has(m.conversation)) byConversation.set(m.conversation, []);
    byConversation.get(m.conversation).push(m);
  }
  const groups = [...byConversation.entries()].sort((a, b) => (a[1][0].at < b[1][0].at ? 1 : -1));
  const s = detail.summary;
  return (
    <div class="timeline" aria-label={`Timeline of ${s.customer}`}>
      <h3>{s.customer}</h3>
      <p>{int(s.messages)} messages in {int(s.conversations)} conversations, {shortTime(s.first)} to {shortTime(s.last)};
        mean sentiment {signed(s.sentiment)} ({s.sentiment === null ? 'not scored' : sentimentLabel(s.sentiment)}), {int(s.negative)} negative.</p>
      <ol>
        {groups.map(([conversation, messages]) => (
          <li>
            <button type="button" class="link" onClick={() => onOpen({ dataset: s.dataset, conversation })}>Conversation {conversation}</button>
            {' '}({shortTime(messages[0].at)}, {messages.length} of their messages)
            <ul>{messages.map((m) => <li>{shortTime(m.at)} · {sentimentLabel(m.sentiment)} {signed(m.sentiment)}: {m.text}</li>)}</ul>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function Customers({ onOpen, version }) {
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
      {detail && <Timeline detail={detail} onOpen={onOpen} />}
      {list && <DataTable caption="Customers, most messages first" columns={columns}
        rows={list.customers.map((c, i) => ({ c, cells: rows[i] }))} rowKey={(r) => `${r.c.dataset}/${r.c.customer}`}
        onRowAction={async (r) => setDetail(await call('customer', { dataset: r.c.dataset, customer: r.c.customer }))}
        actionLabel="Timeline" actionName={(r) => `Timeline of ${r.c.customer}`} />}
      <ExportBar name="customers" columns={columns} rows={rows} />
    </section>
  );
}
