// The router's link to the engine host ({ call(method, args), generation,
// running }: background/router.js), whatever carries it; the transports are
// link-offscreen.js (Chrome) and link-worker.js (Firefox), picked at build time.
//
//   connect(gone)  starts the host if needed and resolves to a bridge client
//                  for it; the transport calls gone() when that host went away
//   shutdown()     ends the host (after the client was closed)
//
// Each new connection first gets the team's rule pack (the host, a worker,
// cannot read extension storage) and bumps `generation`, so the router
// re-opens its review sessions there. `idle()`: the host asked to be ended
// after its idle time; calls that raced in since keep it (it asks again).
import { loadSettings } from '../platform/settings.js';

export function engineLink({ connect, shutdown }) {
  let client = null;
  let creating = null;
  let inFlight = 0;
  const link = { generation: 0, get running() { return Boolean(client && !client.closed); } };

  async function open() {
    let c = null;
    c = await connect(() => { if (client === c) client = null; });
    const { rulePack } = await loadSettings();
    if (rulePack) await c.call('loadRulePack', [rulePack]).catch((e) => console.warn('Rapport: the saved rule pack does not load', e));
    link.generation++;
    return c;
  }

  async function engine() {
    if (client && !client.closed) return client;
    creating ??= open().finally(() => { creating = null; });
    client = await creating;
    return client;
  }

  link.call = async (method, args) => {
    inFlight++;
    try {
      return await (await engine()).call(method, args);
    } finally {
      inFlight--;
    }
  };

  link.idle = () => {
    if (inFlight > 0 || creating) return;
    client?.close();
    client = null;
    shutdown();
  };

  return link;
}
