/**
 * Registers the service worker (dist/client/sw.js, made by vite-plugin-pwa), which keeps the app shell on the device
 * so Tandem opens without a network. Called once someone is signed in: the login page's visitors download neither
 * this nor the whole app in the background. Only in a production build, where the worker exists.
 */
let registered = false;

export function registerServiceWorker(): void {
  if (registered || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registered = true;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
    // Without the worker Tandem works as before, online only.
    console.warn('The offline app could not be set up.', error);
  });
}
