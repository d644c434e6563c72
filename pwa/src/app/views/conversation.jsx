// Conversation: every message with its badges (sentiment, priority, emotion,
// cues; empathy and cold phrases for agent replies) and the customer's mood
// trajectory over the conversation.
import { Badge, Chart, ExportBar } from '../components.jsx';
import { num, priorityLevel, sentimentLabel, shortTime, signed } from '../format.js';

export function Conversation({ id, messages }) {
  if (!id) {
    return <section aria-labelledby="view-title"><h2 id="view-title">Conversation</h2>
      <p>Open a conversation from the Queue, the Agents view or a customer.</p></section>;
  }
  const customer = messages.filter((m) => m.role !== 'agent' && typeof m.sentiment === 'number');
  const first = customer[0]?.sentiment;
  const last = customer[customer.length - 1]?.sentiment;
  const columns = ['time', 'role', 'who', 'sentiment', 'priority', 'emotion', 'cues', 'empathy', 'text'];
  const rows = messages.map((m) => [m.at, m.role ?? 'customer', m.role === 'agent' ? m.agent ?? '' : m.customer ?? '',
    m.role === 'agent' ? '' : num(m.sentiment), m.role === 'agent' ? '' : num(m.priority), m.emotion ?? '',
    (m.cues ?? []).join(' '), m.empathy ?? '', m.text]);
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">Conversation {id.conversation}</h2>
      <p class="lead">{messages.length} messages{messages[0]?.brand ? ` with ${messages[0].brand}` : ''}.
        {customer.length > 1 ? ` Customer mood went from ${signed(first)} to ${signed(last)}.` : ''}</p>
      {customer.length > 0 && (
        <Chart id="mood" title="Customer mood over the conversation"
          x={customer.map((m) => Date.parse(m.at) / 1000)}
          series={[{ label: 'sentiment (-1..1)', values: customer.map((m) => m.sentiment), color: '#1a56a8' }]} yRange={[-1, 1]}
          summary={customer.length > 1 ? `${customer.length} customer messages; sentiment ${signed(first)} at the start, ${signed(last)} at the end.`
            : `One customer message, sentiment ${signed(first)}.`}
          table={{ columns: ['time', 'sentiment'], rows: customer.map((m) => [shortTime(m.at), num(m.sentiment)]) }} />
      )}
      <ol class="messages">
        {messages.map((m) => (
          <li class={`message message-${m.role === 'agent' ? 'agent' : 'customer'}`}>
            <p class="meta"><strong>{m.role === 'agent' ? `Agent ${m.agent ?? ''}` : `Customer ${m.customer ?? ''}`}</strong> · {shortTime(m.at)}</p>
            <p class="badges">
              {m.role === 'agent' ? (
                <>{m.empathy !== undefined && <Badge kind="empathy">empathy {Math.round(m.empathy)}/100</Badge>}
                  {(m.cold ?? []).map((c) => <Badge kind="cold">cold: “{c}”</Badge>)}</>
              ) : (
                <><Badge kind={sentimentLabel(m.sentiment)}>{sentimentLabel(m.sentiment)} {signed(m.sentiment)}</Badge>
                  <Badge kind={`priority-${priorityLevel(m.priority)}`}>priority {priorityLevel(m.priority)}</Badge>
                  {m.emotion && <Badge kind="emotion">feels {m.emotion}</Badge>}
                  {(m.cues ?? []).map((c) => <Badge kind="cue">{c.replace('_', ' ')}</Badge>)}</>
              )}
            </p>
            <p class="text">{m.text}</p>
          </li>
        ))}
      </ol>
      <ExportBar name={`conversation-${id.conversation}`} columns={columns} rows={rows} />
    </section>
  );
}
