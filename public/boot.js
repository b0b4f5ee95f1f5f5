// Chung Sức — starts the app, and its offline copy: loads the WASM build, registers the service
// worker, and tells the app when a newer version is installed and waiting for the user.
// (A file, not an inline script, so the Content-Security-Policy can forbid inline scripts.)
import init from './pkg/ntm_app.js';

init({ module_or_path: new URL('./pkg/ntm_app_bg.wasm', import.meta.url) }).catch((e) => {
  const box = document.getElementById('loading');
  if (box) {
    // WebAssembly can be switched off (Lockdown Mode on iPhone, iPad and Mac; some managed
    // browsers): say so, rather than asking for a newer browser.
    box.textContent =
      typeof WebAssembly === 'undefined'
        ? 'Trình duyệt này đang tắt WebAssembly nên Chung Sức không chạy được. Trên iPhone, iPad hoặc máy Mac, hãy tắt Chế độ phong tỏa (Lockdown Mode) cho trang này, hoặc dùng trình duyệt khác, rồi tải lại trang.'
        : 'Không khởi động được ứng dụng. Hãy dùng trình duyệt mới hơn (Chrome, Cốc Cốc, Edge, Firefox, Safari) rồi tải lại trang.';
    box.setAttribute('role', 'alert');
  }
  throw e;
});

// --- On-demand entries (helper "excel"; the "split" branch owns this machinery) -------------
// Modules loaded only when a feature needs them; precache.mjs rewrites these names to the
// hashed ones (and the service worker keeps them for offline use).
const ENTRIES = {
  ntm_excel: ['./pkg/ntm_excel.js', './pkg/ntm_excel_bg.wasm'],
};
const loading = new Map();
/** The wasm-bindgen exports of `entry`, after its init; loaded once (again after a failure). */
globalThis.ntmLoad = (entry) => {
  if (!loading.has(entry)) {
    const [js, wasm] = ENTRIES[entry] ?? [];
    if (!js) return Promise.reject(new Error(`unknown entry ${entry}`));
    const p = import(new URL(js, import.meta.url).href).then(async (m) => {
      await m.default({ module_or_path: new URL(wasm, import.meta.url) });
      return m;
    });
    p.catch(() => loading.delete(entry));
    loading.set(entry, p);
  }
  return loading.get(entry);
};
// -------------------------------------------------------------------------------------------

/** The app shows "Có phiên bản mới" when this holds a waiting worker (see app/src/update.rs). */
function announce(worker) {
  window.chungSucUpdate = worker;
  window.dispatchEvent(new Event('chung-suc-update'));
}

/** Called by the app when the user chooses to reload into the new version. */
window.chungSucApplyUpdate = () => {
  const worker = window.chungSucUpdate;
  if (!worker) return false;
  window.chungSucUpdating = true;
  worker.postMessage('SKIP_WAITING');
  return true;
};

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (window.chungSucUpdating) window.location.reload();
  });
  navigator.serviceWorker
    .register('./sw.js')
    .then((reg) => {
      if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
      reg.addEventListener('updatefound', () => {
        const worker = reg.installing;
        worker?.addEventListener('statechange', () => {
          // With no controller this is the first install, not an update.
          if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
        });
      });
      // Look for a new deploy whenever the official comes back to the tab.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') reg.update().catch(() => {});
      });
    })
    .catch((e) => console.warn('Chung Sức: không đăng ký được service worker', e));
}
