// Offline support on the page's side: registers the Workbox service worker
// (pwa/build.mjs generates it) and offers the update when a new version is
// waiting; asks the browser to keep the data (navigator.storage.persist).
export function registerServiceWorker(onUpdate) {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('./sw.js').then((registration) => {
    const offer = (worker) => onUpdate(() => {
      navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
      worker.postMessage({ type: 'SKIP_WAITING' });
    });
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }).catch((error) => console.warn('service worker not registered', error));
}

export async function requestPersistence() {
  if (!navigator.storage?.persist) return { persisted: false, supported: false };
  const already = await navigator.storage.persisted();
  return { persisted: already || (await navigator.storage.persist()), supported: true };
}
