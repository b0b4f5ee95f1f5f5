//! The Tổng hợp page's state: the consolidation (dossiers and reviews), its table rows
//! evaluated with the active rules, the last import's results, the duplicate groups waiting for a
//! choice, and persistence through infra/store. Every decision (parsing, duplicates, review steps,
//! rows) is the core's `consolidate` module.
//!
//! Scale: 10 000 files import without freezing the tab. Files are read with overlapping reads;
//! each batch is staged against the groups already waiting (one group per commune-year,
//! `Consolidation::stage`), new commune-years enter the table when every file is read
//! (`finish`), and the lists are redrawn at most once a second during an import (their signals
//! are changed untracked, then notified). Rows are evaluated in slices of a few tens of
//! milliseconds: new ones after an import, all of them after a rules change.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::{clock, store};
use leptos::prelude::*;
use leptos::task::spawn_local;
use ntm_core::consolidate::{
    self, Bundle, Consolidation, DossierKey, DuplicateGroup, Incoming, MergeReport, Row, Staged,
};
use ntm_core::{evaluate, Rules};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// Largest file the consolidation reads; bigger ones are refused before reading.
pub const MAX_FILE_BYTES: f64 = 50.0 * 1024.0 * 1024.0;
/// Files whose reading starts together: the browser reads them in parallel.
const READ_AHEAD: usize = 64;
/// Main-thread time spent starting reads at a time, at most (ms).
const START_MS: f64 = 15.0;
/// Files merged together, at most, and main-thread time between two pauses (ms), at most:
/// reads that are already done do not pause by themselves.
const MERGE_FILES: usize = 40;
const MERGE_MS: f64 = 40.0;
/// During an import the table, charts and lists are redrawn at most this often (ms).
const PUBLISH_MS: f64 = 1000.0;
/// Rows evaluated between two pauses, by time (ms), when the rules change.
const SLICE_MS: f64 = 25.0;
/// What localStorage holds for the whole app, in characters (Chromium and Firefox: 5 MiB).
const STORAGE_CHARS: usize = 5_000_000;
/// Refused entries kept with the stored consolidation (the list on screen has them all).
const REFUSED_STORED: usize = 2_000;
/// Waiting versions kept in storage, in bytes of JSON (about 700 versions): writing them after
/// each choice and reading them when the page opens stays well under 100 ms.
const PENDING_STORED: usize = 1_000_000;

/// A refused file, or a dossier of a bundle left out, and why, in Vietnamese.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    pub file: String,
    /// Which dossier of a bundle whose other dossiers were kept ("Hồ sơ thứ 4 — Xã …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    pub reason: String,
}

/// The state itself, kept for the whole tab: leaving the page and coming back, or an import
/// that goes on meanwhile, keep it without copying it (the page's signals are views of it).
#[derive(Clone)]
struct Shared {
    data: ArcRwSignal<Consolidation>,
    rows: ArcRwSignal<Vec<Row>>,
    progress: ArcRwSignal<Option<(usize, usize)>>,
    evaluating: ArcRwSignal<Option<(usize, usize)>>,
    refused: ArcRwSignal<Vec<Refused>>,
    identical: ArcRwSignal<Vec<(String, DossierKey)>>,
    duplicates: ArcRwSignal<Vec<DuplicateGroup>>,
    summary: ArcRwSignal<Option<String>>,
    storage_notice: ArcRwSignal<Option<String>>,
    pending_notice: ArcRwSignal<Option<String>>,
    /// Bumped by each evaluation pass over the rows, so an older pass stops.
    eval_gen: Rc<Cell<u64>>,
    /// An evaluation pass is running (it goes on to the last entry, even one added meanwhile).
    pass_running: Rc<Cell<bool>>,
    /// The rules the rows were last fully evaluated with.
    rows_rules: Rc<RefCell<Option<Arc<Rules>>>>,
}

thread_local! {
    static SHARED: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

#[derive(Clone, Copy)]
pub struct ConsolidationCtx {
    pub data: RwSignal<Consolidation>,
    /// One row per entry of `data`, same order, evaluated with the active rules (while a
    /// re-evaluation runs, some rows may still be from the previous rules: see `evaluating`).
    pub rows: RwSignal<Vec<Row>>,
    /// (files read, files chosen) while an import runs.
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// (rows done, rows) while the rows are re-evaluated after a rules change.
    pub evaluating: RwSignal<Option<(usize, usize)>>,
    pub refused: RwSignal<Vec<Refused>>,
    /// (file, commune-year) identical to a dossier already kept.
    pub identical: RwSignal<Vec<(String, DossierKey)>>,
    /// Commune-years with several versions, waiting for the user's choice (one group each).
    pub duplicates: RwSignal<Vec<DuplicateGroup>>,
    /// What the last import did, in words.
    pub summary: RwSignal<Option<String>>,
    /// Why the consolidation is not (or no longer) saved in the browser.
    pub storage_notice: RwSignal<Option<String>>,
    /// Duplicate groups that did not fit in browser storage, in words.
    pub pending_notice: RwSignal<Option<String>>,
    pub selected: RwSignal<Option<DossierKey>>,
    rc: RulesCtx,
}

/// A future that completes on the next timer tick: the browser paints and handles input first.
pub fn yield_to_browser() -> impl Future<Output = ()> {
    struct Yield {
        state: Rc<RefCell<(bool, Option<Waker>)>>,
        armed: bool,
    }
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.state.borrow().0 {
                return Poll::Ready(());
            }
            self.state.borrow_mut().1 = Some(cx.waker().clone());
            if !self.armed {
                self.armed = true;
                let state = self.state.clone();
                set_timeout(
                    move || {
                        let waker = {
                            let mut s = state.borrow_mut();
                            s.0 = true;
                            s.1.take()
                        };
                        if let Some(w) = waker {
                            w.wake();
                        }
                    },
                    Duration::ZERO,
                );
            }
            Poll::Pending
        }
    }
    Yield {
        state: Rc::new(RefCell::new((false, None))),
        armed: false,
    }
}

/// The consolidated dossiers as this tab last left them (or as stored in the browser), for pages
/// that count them without opening the Tổng hợp page. Unreadable records count as none.
pub fn consolidated_dossiers(rules: &Rules) -> Vec<ntm_core::Dossier> {
    let from_memory = SHARED.with(|s| {
        s.borrow().as_ref().map(|s| {
            s.data
                .with_untracked(|c| c.entries.iter().map(|e| e.dossier.clone()).collect())
        })
    });
    if let Some(d) = from_memory {
        return d;
    }
    match store::load_consolidation() {
        Some(Ok(stored)) => Bundle::parse(&stored.bundle, rules)
            .map(|b| b.into_incoming().into_iter().map(|i| i.dossier).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn size_mb(bytes: f64) -> String {
    ntm_core::text::format_decimal((bytes / 104_857.6).round() / 10.0)
}

fn unsaved_text(n: usize) -> String {
    format!(
        "{n} xã-năm đang chờ chọn bản giữ lại chưa lưu được vào trình duyệt (bộ nhớ của trình duyệt có hạn): hãy chọn xong trước khi đóng hoặc tải lại trang (nếu không, cần nhập lại các tệp đó)."
    )
}

impl Shared {
    /// The stored consolidation with its waiting choices and refused list, or an empty one.
    fn load(rules: &Rules) -> Shared {
        let mut notice = None;
        let mut pending_notice = None;
        let mut data = Consolidation::default();
        let mut duplicates = Vec::new();
        let mut refused = Vec::new();
        match store::load_consolidation() {
            None => {}
            Some(Ok(stored)) => match Bundle::parse(&stored.bundle, rules) {
                Ok(b) => {
                    let at = clock::now_iso();
                    data = Consolidation::from_bundle(b, &at);
                    refused = stored.refused;
                    if !stored.pending.is_empty() {
                        match consolidate::pending_from_json(&stored.pending, rules, &data, &at) {
                            Ok(read) => {
                                duplicates = read.groups;
                                refused.extend(read.dropped.into_iter().map(|(file, p)| Refused {
                                    file,
                                    entry: Some(p.what),
                                    reason: p.error.to_string(),
                                }));
                            }
                            Err(e) => {
                                pending_notice = Some(format!(
                                    "Các bản chờ chọn đã lưu không đọc được ({e}); hãy nhập lại các tệp có nhiều bản."
                                ))
                            }
                        }
                    }
                    if stored.pending_unsaved > 0 {
                        pending_notice = Some(format!(
                            "{} xã-năm có nhiều bản đã không lưu được vào trình duyệt lần trước (bộ nhớ của trình duyệt có hạn); hãy nhập lại các tệp của các xã-năm đó nếu cần chọn.",
                            stored.pending_unsaved
                        ));
                    }
                }
                Err(e) => {
                    let kept = store::set_aside_consolidation().is_ok();
                    notice = Some(format!(
                        "Bảng tổng hợp đã lưu không đọc được với bộ tiêu chí đang dùng ({e}).{}",
                        if kept {
                            " Bản lưu được giữ riêng trong trình duyệt (khóa “chung-suc:consolidation:khong-doc-duoc”), không bị xóa."
                        } else {
                            ""
                        }
                    ));
                }
            },
            Some(Err(e)) => {
                let _ = store::set_aside_consolidation();
                notice = Some(format!(
                    "Bảng tổng hợp đã lưu không đọc được ({e}); bản lưu được giữ riêng, không bị xóa."
                ));
            }
        }
        Shared {
            data: ArcRwSignal::new(data),
            rows: ArcRwSignal::new(Vec::new()),
            progress: ArcRwSignal::new(None),
            evaluating: ArcRwSignal::new(None),
            refused: ArcRwSignal::new(refused),
            identical: ArcRwSignal::new(Vec::new()),
            duplicates: ArcRwSignal::new(duplicates),
            summary: ArcRwSignal::new(None),
            storage_notice: ArcRwSignal::new(notice),
            pending_notice: ArcRwSignal::new(pending_notice),
            eval_gen: Rc::new(Cell::new(0)),
            pass_running: Rc::new(Cell::new(false)),
            rows_rules: Rc::new(RefCell::new(None)),
        }
    }

    /// Redraws the import's lists, changed untracked (during an import the table does not
    /// change: new commune-years wait in `Staged`).
    fn publish_lists(&self) {
        self.duplicates.notify();
        self.identical.notify();
        self.refused.notify();
    }

    /// Evaluates rows `k..` one slice (about `SLICE_MS`); returns the next index.
    fn evaluate_slice(&self, rules: &Rules, mut k: usize) -> usize {
        let start = clock::now_ms();
        let total = self.data.with_untracked(|c| c.entries.len());
        while k < total && clock::now_ms() - start < SLICE_MS {
            let end = (k + 8).min(total);
            let new: Vec<Row> = self.data.with_untracked(|c| {
                c.entries[k..end]
                    .iter()
                    .map(|e| consolidate::row_of(e, &evaluate(rules, &e.dossier)))
                    .collect()
            });
            self.rows.update_untracked(|rows| {
                for (i, r) in (k..end).zip(new) {
                    if i < rows.len() {
                        rows[i] = r;
                    } else if i == rows.len() {
                        rows.push(r);
                    }
                }
            });
            k = end;
        }
        k
    }

    /// Evaluates every row with the active rules (after a rules change, or when the page opens);
    /// a newer pass stops an older one.
    fn evaluate_rows(&self, rc: RulesCtx) {
        self.run_pass(rc, 0);
    }

    /// Evaluates the rows of entries added at the end of the table, in slices, with the rules
    /// active at each slice; a pass over every row, when one runs, reaches them itself.
    async fn fill_rows(&self, rc: RulesCtx) {
        loop {
            if self.pass_running.get() {
                return;
            }
            let k = self.rows.with_untracked(Vec::len);
            let total = self.data.with_untracked(|c| c.entries.len());
            if k >= total {
                break;
            }
            self.evaluating.set(Some((k, total)));
            self.evaluate_slice(&rc.active.get_untracked(), k);
            yield_to_browser().await;
        }
        self.evaluating.set(None);
    }

    /// Evaluates rows `from..` with the active rules, in slices with pauses between them (the
    /// first slice at once, so a small table is complete when the page is drawn). Rows are
    /// replaced in place, so a review or a choice made meanwhile stays right.
    fn run_pass(&self, rc: RulesCtx, from: usize) {
        let gen = self.eval_gen.get() + 1;
        self.eval_gen.set(gen);
        let rules = rc.active.get_untracked();
        let next = self.evaluate_slice(&rules, from);
        let finish = move |me: &Shared, rules: Arc<Rules>| {
            if from == 0 {
                *me.rows_rules.borrow_mut() = Some(rules);
            }
            me.pass_running.set(false);
            me.evaluating.set(None);
            me.rows.notify();
        };
        if next >= self.data.with_untracked(|c| c.entries.len()) {
            finish(self, rules);
            return;
        }
        self.pass_running.set(true);
        let me = self.clone();
        spawn_local(async move {
            let mut k = next;
            loop {
                let total = me.data.with_untracked(|c| c.entries.len());
                if k >= total {
                    break;
                }
                me.evaluating.set(Some((k, total)));
                yield_to_browser().await;
                if me.eval_gen.get() != gen {
                    return;
                }
                k = me.evaluate_slice(&rules, k);
            }
            finish(&me, rules);
        });
    }

    /// Saves to the browser with the waiting choices and the refused list; what does not fit is
    /// said on the page (the data stays in this tab either way).
    fn persist(&self) {
        let bundle = self.data.with_untracked(|c| c.to_bundle().to_json());
        let refused: Vec<Refused> = self
            .refused
            .with_untracked(|r| r.iter().take(REFUSED_STORED).cloned().collect());
        let refused_chars: usize = refused
            .iter()
            .map(|r| r.file.len() + r.reason.len() + r.entry.as_ref().map_or(0, String::len) + 40)
            .sum();
        let groups = self.duplicates.with_untracked(Vec::len);
        // Stored as JSON strings: quotes and line breaks are escaped, about a sixth more.
        let used =
            store::storage_chars_besides_consolidation() + (bundle.len() + refused_chars) * 7 / 6;
        let budget = (STORAGE_CHARS.saturating_sub(used + 20_000) * 5 / 6).min(PENDING_STORED);
        let (pending, saved) = if groups == 0 {
            (String::new(), 0)
        } else {
            self.duplicates
                .with_untracked(|g| consolidate::pending_to_json(g, budget))
        };
        let mut record = store::StoredConsolidation {
            saved_at: clock::now_ms(),
            bundle,
            pending: if saved == 0 { String::new() } else { pending },
            pending_unsaved: groups - saved,
            refused,
        };
        let mut result = store::save_consolidation(&record);
        if result.is_err() && !record.pending.is_empty() {
            // The consolidation itself is worth saving even when the waiting versions are not.
            record.pending = String::new();
            record.pending_unsaved = groups;
            result = store::save_consolidation(&record);
        }
        let unsaved = record.pending_unsaved;
        self.storage_notice.set(result.err());
        self.pending_notice
            .set((unsaved > 0).then(|| unsaved_text(unsaved)));
    }

    /// Reads the chosen files in batches and merges what they hold; see the module's comment.
    async fn import(&self, rc: RulesCtx, files: Vec<web_sys::File>) {
        let total = files.len();
        if total == 0 {
            return;
        }
        self.progress.set(Some((0, total)));
        self.refused.set(Vec::new());
        self.identical.set(Vec::new());
        self.summary.set(None);
        let mut dossiers_read = 0usize;
        let mut refused_files = 0usize;
        let mut refused_entries = 0usize;
        let mut done = 0usize;
        let mut published = f64::NEG_INFINITY;
        let mut merged = clock::now_ms();
        let mut next = 0;
        let mut inflight = std::collections::VecDeque::with_capacity(READ_AHEAD);
        let mut incoming: Vec<(String, Incoming)> = Vec::new();
        let mut refused = Vec::new();
        // Commune-years new to the table wait here until every file is read.
        let mut staged = Staged::default();
        // The browser has just built thousands of File objects in the task that chose them:
        // start in a task of its own.
        yield_to_browser().await;
        while done < total {
            // Up to `READ_AHEAD` reads stay in flight, so reading overlaps. Asking a file its
            // size and starting its read cost the main thread up to a millisecond each: at most
            // `START_MS` of that at a time. Results are taken in the files' order.
            let started = clock::now_ms();
            while next < total
                && inflight.len() < READ_AHEAD
                && (inflight.is_empty() || clock::now_ms() - started < START_MS)
            {
                let file = &files[next];
                next += 1;
                let size = file.size();
                let read = (size <= MAX_FILE_BYTES).then(|| {
                    gloo_file::futures::read_as_text(&gloo_file::Blob::from(file.clone()))
                });
                inflight.push_back((file.name(), size, read));
            }
            let (name, size, read) = inflight.pop_front().expect("one read at least");
            done += 1;
            match read {
                None => {
                    refused_files += 1;
                    refused.push(Refused {
                        reason: format!(
                            "tệp nặng {} MB, vượt giới hạn 50 MB nên không được đọc",
                            size_mb(size)
                        ),
                        file: name,
                        entry: None,
                    });
                }
                Some(read) => match read.await {
                    Err(_) => {
                        refused_files += 1;
                        refused.push(Refused {
                            file: name,
                            entry: None,
                            reason:
                                "không đọc được tệp (tệp không phải văn bản UTF-8 hoặc đã bị di chuyển)"
                                    .into(),
                        });
                    }
                    Ok(text) => {
                        match consolidate::import_file(&name, &text, &rc.active.get_untracked()) {
                            Ok(got) => {
                                dossiers_read += got.dossiers.len();
                                refused_entries += got.refused.len();
                                refused.extend(got.refused.into_iter().map(|p| Refused {
                                    file: name.clone(),
                                    entry: Some(p.what),
                                    reason: p.error.to_string(),
                                }));
                                incoming
                                    .extend(got.dossiers.into_iter().map(|d| (name.clone(), d)));
                            }
                            Err(msg) => {
                                refused_files += 1;
                                // The message starts with the file name; the list shows it apart.
                                let reason = msg
                                    .strip_prefix(&format!("{name}: "))
                                    .unwrap_or(&msg)
                                    .to_string();
                                refused.push(Refused {
                                    file: name,
                                    entry: None,
                                    reason,
                                });
                            }
                        }
                    }
                },
            }
            // Merged a batch at a time (or after `MERGE_MS`), then a pause for the browser.
            let now = clock::now_ms();
            if done < total
                && incoming.len() + refused.len() < MERGE_FILES
                && now - merged < MERGE_MS
            {
                continue;
            }
            if !refused.is_empty() {
                let batch = std::mem::take(&mut refused);
                self.refused.update_untracked(|r| r.extend(batch));
            }
            if !incoming.is_empty() {
                let at = clock::now_iso();
                let batch = std::mem::take(&mut incoming);
                let mut report = MergeReport::default();
                self.data.update_untracked(|c| {
                    self.duplicates
                        .update_untracked(|p| report = c.stage(p, &mut staged, batch, &at))
                });
                if !report.identical.is_empty() {
                    self.identical
                        .update_untracked(|v| v.extend(report.identical));
                }
            }
            self.progress.set(Some((done, total)));
            if now - published >= PUBLISH_MS {
                self.publish_lists();
                published = now;
            }
            yield_to_browser().await;
            merged = clock::now_ms();
        }
        // New commune-years enter the table (their rows are evaluated in slices), those that
        // came in several versions wait for a choice.
        let mut added = 0;
        self.data.update_untracked(|c| {
            self.duplicates
                .update_untracked(|p| added = c.finish(p, staged))
        });
        self.fill_rows(rc).await;
        let waiting = self.duplicates.with_untracked(Vec::len);
        let identical = self.identical.with_untracked(Vec::len);
        let mut parts = vec![
            format!("Đã đọc {total} tệp"),
            format!("{dossiers_read} hồ sơ hợp lệ"),
            format!("thêm {added} hồ sơ vào bảng"),
        ];
        if refused_files > 0 {
            parts.push(format!("{refused_files} tệp bị từ chối"));
        }
        if refused_entries > 0 {
            parts.push(format!(
                "{refused_entries} hồ sơ trong tệp gói bị loại (các hồ sơ hợp lệ khác của tệp vẫn được nhận)"
            ));
        }
        if identical > 0 {
            parts.push(format!(
                "{identical} hồ sơ giống hệt bản đã có (không thêm lần nữa)"
            ));
        }
        if waiting > 0 {
            parts.push(format!(
                "{waiting} xã-năm có nhiều bản khác nhau, chờ chọn bản giữ lại"
            ));
        }
        // The lists, then the table (its charts follow in a task of their own), then the save,
        // each in its own task; the summary says the import is over once all are done.
        self.publish_lists();
        yield_to_browser().await;
        self.data.notify();
        self.rows.notify();
        yield_to_browser().await;
        self.persist();
        self.summary.set(Some(format!("{}.", parts.join(", "))));
        self.progress.set(None);
    }
}

impl ConsolidationCtx {
    /// The tab's consolidation (loaded from storage the first time) and rows kept in step with
    /// the rules.
    pub fn new(rc: RulesCtx) -> Self {
        let (shared, fresh) = SHARED.with(|s| {
            let mut s = s.borrow_mut();
            match s.as_ref() {
                Some(shared) => (shared.clone(), false),
                None => {
                    let shared = Shared::load(&rc.active.get_untracked());
                    *s = Some(shared.clone());
                    (shared, true)
                }
            }
        });
        let ctx = ConsolidationCtx {
            data: RwSignal::from(shared.data.clone()),
            rows: RwSignal::from(shared.rows.clone()),
            progress: RwSignal::from(shared.progress.clone()),
            evaluating: RwSignal::from(shared.evaluating.clone()),
            refused: RwSignal::from(shared.refused.clone()),
            identical: RwSignal::from(shared.identical.clone()),
            duplicates: RwSignal::from(shared.duplicates.clone()),
            summary: RwSignal::from(shared.summary.clone()),
            storage_notice: RwSignal::from(shared.storage_notice.clone()),
            pending_notice: RwSignal::from(shared.pending_notice.clone()),
            selected: RwSignal::new(None),
            rc,
        };
        // Rows for the stored data, or again when the rules changed while the page was closed.
        let current = rc.active.get_untracked();
        let same_rules = shared
            .rows_rules
            .borrow()
            .as_ref()
            .is_some_and(|r| Arc::ptr_eq(r, &current));
        if fresh || !same_rules {
            shared.evaluate_rows(rc);
        }
        // Every row is evaluated with the active rules, again whenever they change.
        Effect::new(move |prev: Option<()>| {
            rc.active.track();
            if prev.is_some() {
                Self::shared().evaluate_rows(rc);
            }
        });
        ctx
    }

    fn shared() -> Shared {
        SHARED.with(|s| {
            s.borrow()
                .clone()
                .expect("created by ConsolidationCtx::new")
        })
    }

    /// Saves to the browser; on refusal the data stays here and a notice says to export it.
    pub fn persist(&self) {
        Self::shared().persist();
    }

    /// Reads the chosen files; see `Shared::import`.
    pub async fn import(&self, files: Vec<web_sys::File>) {
        Self::shared().import(self.rc, files).await;
    }

    fn refresh_row(&self, i: usize) {
        let rules = self.rc.active.get_untracked();
        let row = self.data.with_untracked(|c| {
            let e = &c.entries[i];
            consolidate::row_of(e, &evaluate(&rules, &e.dossier))
        });
        self.rows.update(|rows| {
            if i < rows.len() {
                rows[i] = row;
            } else if i == rows.len() {
                rows.push(row);
            }
        });
    }

    /// Keeps candidate `keep` of the group waiting for commune-year `key`.
    pub fn resolve(&self, key: &DossierKey, keep: usize) {
        let mut group = None;
        self.duplicates.update(|v| {
            if let Some(i) = v.iter().position(|g| g.key == *key) {
                group = Some(v.remove(i));
            }
        });
        let Some(g) = group else { return };
        self.data.update(|c| c.resolve(g, keep, &clock::now_iso()));
        if let Some(p) = self.data.with_untracked(|c| c.position(key)) {
            self.refresh_row(p);
        }
        self.persist();
    }

    /// Applies a review step to the dossier `key`; `Err` says why it was refused.
    pub fn review(
        &self,
        key: &DossierKey,
        step: impl FnOnce(&mut consolidate::Review) -> Result<(), consolidate::ReviewError>,
    ) -> Result<(), String> {
        let Some(p) = self.data.with_untracked(|c| c.position(key)) else {
            return Err("Hồ sơ không còn trong bảng tổng hợp.".into());
        };
        let mut result = Ok(());
        self.data.update(|c| {
            result = step(&mut c.entries[p].review).map_err(|e| e.to_string());
        });
        result?;
        let kind = self.data.with_untracked(|c| c.entries[p].review.kind());
        self.rows.update(|rows| {
            if let Some(r) = rows.get_mut(p) {
                r.state = kind;
            }
        });
        self.persist();
        Ok(())
    }

    /// Empties the consolidation (after the user confirmed).
    pub fn clear(&self) {
        let shared = Self::shared();
        // A re-evaluation still running has nothing left to do.
        shared.eval_gen.set(shared.eval_gen.get() + 1);
        shared.pass_running.set(false);
        self.data.set(Consolidation::default());
        self.rows.set(Vec::new());
        self.evaluating.set(None);
        self.duplicates.set(Vec::new());
        self.identical.set(Vec::new());
        self.refused.set(Vec::new());
        self.summary.set(None);
        self.pending_notice.set(None);
        self.selected.set(None);
        self.storage_notice.set(store::clear_consolidation().err());
    }
}
