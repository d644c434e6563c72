// Queue: conversations by emotional need, with the reasons the core gives.
import { DataTable, ExportBar } from '../components.jsx';
import { num, shortTime } from '../format.js';

const excerpt = (t) => (t.length > 140 ? `${t.slice(0, 137)}...` : t);

export function Queue({ report, onOpen }) {
  const items = report.queue;
  const rows = items.map((q, i) => [i + 1, q.conversation, q.customer ?? '', q.brand ?? '', num(q.need), q.awaitingReply ? 'yes' : 'no',
    q.reasons.join('; '), shortTime(q.lastAt), excerpt(q.text ?? '')]);
  const columns = ['rank', 'conversation', 'customer', 'brand', 'need', 'awaiting reply', 'reasons', 'last message', 'most pressing message'];
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Queue</h2>
      <p class="lead">The {items.length} most pressing of {report.queueTotal} conversations, most urgent first.</p>
      <DataTable caption="Conversations by emotional need" columns={columns}
        rows={items.map((q, i) => ({ q, cells: rows[i] }))} rowKey={(r) => r.q.conversation}
        onRowAction={(r) => onOpen({ dataset: r.q.dataset, conversation: r.q.conversation })} actionLabel="Open" actionName={(r) => `Open conversation ${r.q.conversation}`} />
      <ExportBar name="queue" columns={columns} rows={rows} />
    </section>
  );
}
