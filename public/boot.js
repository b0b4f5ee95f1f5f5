// Chung Sức — starts the app, and its offline copy: loads the WASM build, registers the service
// worker, and tells the app when a newer version is installed and waiting for the user.
// (A file, not an inline script, so the Content-Security-Policy can forbid inline scripts.)
// The WASM entries (scripts/build.sh): pkg/<entry>.js and its wasm. scripts/precache.mjs writes
// this line from what the build made, with content-hashed names — never by hand.
const ENTRIES = { ntm_app: ['./pkg/ntm_app.js', './pkg/ntm_app_bg.wasm'], xa: ['./pkg/xa.js', './pkg/xa_bg.wasm'] };
/** The full entry (every page) and the commune's (Tự đánh giá only, a small first load). */
const FULL = 'ntm_app';
const COMMUNE = 'xa';
// The other pages' stylesheet (public/pages.css), fetched with the full entry only; its hashed
// name is written here by scripts/precache.mjs too.
const PAGES_CSS = './pages.css';

let pagesStyled = null;
/**
 * Adds pages.css after styles.css; settles once it is applied or has failed, so that the full
 * entry draws no page unstyled and still starts without it (a failed one is tried again).
 */
function pagesStylesheet() {
  pagesStyled ??= new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(PAGES_CSS, import.meta.url).href;
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', () => {
      console.warn('Chung Sức: không tải được', link.href);
      link.remove();
      pagesStyled = null;
      resolve();
    }, { once: true });
    document.head.append(link);
  });
  return pagesStyled;
}

const loading = new Map();
/**
 * An entry's wasm-bindgen exports once its module is instantiated (and its `main` has run),
 * loaded once. The JS and the wasm are fetched together (with pages.css for the full entry).
 */
globalThis.ntmLoad = (entry) => {
  if (!loading.has(entry)) {
    const files = ENTRIES[entry];
    if (!files) return Promise.reject(new Error(`Chung Sức: không có mô-đun ${entry}`));
    const wasm = fetch(new URL(files[1], import.meta.url));
    const styled = entry === FULL ? pagesStylesheet() : null;
    const started = import(files[0]).then(async (m) => {
      await styled;
      await m.default({ module_or_path: wasm });
      return m;
    });
    // A failed download can be tried again.
    started.catch(() => loading.delete(entry));
    loading.set(entry, started);
  }
  return loading.get(entry);
};

/**
 * The commune entry on a visit to Tự đánh giá (the default route) while the full one is not
 * kept offline yet; the full entry otherwise, so that once it is kept every page switch
 * happens inside one module. The commune entry reloads into the full one for another page.
 */
async function firstEntry() {
  if (!/^#?\/?(tu-danh-gia\/?)?$/.test(window.location.hash)) return FULL;
  try {
    if ('caches' in self && (await caches.match(new URL(ENTRIES[FULL][1], import.meta.url).href))) return FULL;
  } catch {
    // No cache storage (private mode, some browsers): the small entry.
  }
  return COMMUNE;
}

const started = firstEntry().then((entry) => globalThis.ntmLoad(entry));
started.catch((e) => {
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
  console.error(e);
});

/**
 * The release build stops at a bug as a bare WebAssembly trap (scripts/build.sh: no panic
 * messages in the download), after which the page no longer answers: say so, once, at the top,
 * and offer a reload. Drafts are saved as they are typed, so they are still there.
 */
function showStopped(error) {
  if (!(error instanceof WebAssembly.RuntimeError) || document.getElementById('app-stopped')) return;
  const box = document.createElement('div');
  box.id = 'app-stopped';
  box.className = 'alert alert-error app-stopped';
  box.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent =
    'Chung Sức gặp lỗi và đã dừng. Những gì đã lưu trong trình duyệt vẫn còn. Hãy tải lại trang; nếu lỗi lặp lại, hãy ghi lại thao tác vừa làm và báo cho người quản trị.';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = 'Tải lại trang';
  reload.addEventListener('click', () => window.location.reload());
  box.append(text, reload);
  document.body.prepend(box);
  reload.focus();
}
window.addEventListener('error', (e) => showStopped(e.error));
window.addEventListener('unhandledrejection', (e) => showStopped(e.reason));

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

/** Once the app runs: its offline copy (every entry) downloads without slowing the first load. */
function registerWorker() {
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

if ('serviceWorker' in navigator) {
  const loaded = new Promise((resolve) => {
    if (document.readyState === 'complete') resolve();
    else window.addEventListener('load', resolve, { once: true });
  });
  // Registered even when the app fails to start: a fixed deploy can then reach this browser.
  Promise.allSettled([started, loaded]).then(registerWorker);
}
