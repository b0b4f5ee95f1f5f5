//! The Tổng hợp page's state: the consolidation (dossiers and reviews), its table rows
//! evaluated with the active rules, the last import's results, and persistence through store.rs.
//! Every decision (parsing, duplicates, review steps, rows) is the core's `consolidate` module.

use crate::rules_ctx::RulesCtx;
use crate::{clock, store};
use leptos::prelude::*;
use ntm_core::consolidate::{
    self, Bundle, Consolidation, DossierKey, DuplicateGroup, Incoming, Row,
};
use ntm_core::{evaluate, Rules};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// Largest file the consolidation reads; bigger ones are refused before reading.
pub const MAX_FILE_BYTES: f64 = 50.0 * 1024.0 * 1024.0;
/// Files read between two pauses that let the browser paint and handle input.
const CHUNK: usize = 40;

thread_local! {
    /// The consolidation as last changed in this tab: leaving the page and coming back keeps it
    /// even when the browser refused to store it (the page's signals do not outlive the page).
    static MEMORY: RefCell<Option<Memory>> = const { RefCell::new(None) };
}

struct Memory {
    data: Consolidation,
    duplicates: Vec<DuplicateGroup>,
    notice: Option<String>,
}

/// A refused file and why, in Vietnamese.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub file: String,
    pub reason: String,
}

#[derive(Clone, Copy)]
pub struct ConsolidationCtx {
    pub data: RwSignal<Consolidation>,
    /// One row per entry of `data`, same order, evaluated with the active rules.
    pub rows: RwSignal<Vec<Row>>,
    /// (files read, files chosen) while an import runs.
    pub progress: RwSignal<Option<(usize, usize)>>,
    pub refused: RwSignal<Vec<Refused>>,
    /// (file, commune-year) identical to a dossier already kept.
    pub identical: RwSignal<Vec<(String, DossierKey)>>,
    pub duplicates: RwSignal<Vec<DuplicateGroup>>,
    /// What the last import did, in words.
    pub summary: RwSignal<Option<String>>,
    /// Why the consolidation is not (or no longer) saved in the browser.
    pub storage_notice: RwSignal<Option<String>>,
    pub selected: RwSignal<Option<DossierKey>>,
}

/// Now as ISO 8601 (UTC), the form review stamps are written in.
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// "2025-03-01T08:00:00.000Z" → "01/03/2025 15:00" (local time).
pub fn iso_to_local(iso: &str) -> String {
    let ms = js_sys::Date::parse(iso);
    if ms.is_nan() {
        iso.to_string()
    } else {
        clock::date_time(ms)
    }
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
    let from_memory = MEMORY.with(|m| {
        m.borrow()
            .as_ref()
            .map(|m| m.data.entries.iter().map(|e| e.dossier.clone()).collect())
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

impl ConsolidationCtx {
    /// Loads the stored consolidation (if any) and keeps the rows in step with the rules.
    pub fn new(rc: RulesCtx) -> Self {
        let rules = rc.active.get_untracked();
        let mut notice = None;
        let mut duplicates = Vec::new();
        let memory = MEMORY.with(|m| m.borrow_mut().take());
        let data = match memory {
            Some(m) => {
                notice = m.notice;
                duplicates = m.duplicates;
                m.data
            }
            None => Self::load(&rules, &mut notice),
        };
        let rows = consolidate::rows(&data, &rules);
        let ctx = ConsolidationCtx {
            data: RwSignal::new(data),
            rows: RwSignal::new(rows),
            progress: RwSignal::new(None),
            refused: RwSignal::new(Vec::new()),
            identical: RwSignal::new(Vec::new()),
            duplicates: RwSignal::new(duplicates),
            summary: RwSignal::new(None),
            storage_notice: RwSignal::new(notice),
            selected: RwSignal::new(None),
        };
        ctx.remember();
        // Every row is evaluated with the active rules, again whenever they change.
        Effect::new(move |prev: Option<()>| {
            let rules = rc.active.get();
            if prev.is_some() {
                ctx.recompute_all(&rules);
            }
        });
        ctx
    }

    /// Keeps a copy for when the page is opened again in this tab.
    fn remember(&self) {
        let (Some(data), Some(duplicates), Some(notice)) = (
            self.data.try_get_untracked(),
            self.duplicates.try_get_untracked(),
            self.storage_notice.try_get_untracked(),
        ) else {
            return;
        };
        MEMORY.with(|m| {
            *m.borrow_mut() = Some(Memory {
                data,
                duplicates,
                notice,
            })
        });
    }

    fn load(rules: &Rules, notice: &mut Option<String>) -> Consolidation {
        match store::load_consolidation() {
            None => Consolidation::default(),
            Some(Ok(stored)) => match Bundle::parse(&stored.bundle, rules) {
                Ok(b) => Consolidation::from_bundle(b, &now_iso()),
                Err(e) => {
                    let kept = store::set_aside_consolidation().is_ok();
                    *notice = Some(format!(
                        "Bảng tổng hợp đã lưu không đọc được với bộ tiêu chí đang dùng ({e}).{}",
                        if kept {
                            " Bản lưu được giữ riêng trong trình duyệt (khóa “chung-suc:consolidation:khong-doc-duoc”), không bị xóa."
                        } else {
                            ""
                        }
                    ));
                    Consolidation::default()
                }
            },
            Some(Err(e)) => {
                let _ = store::set_aside_consolidation();
                *notice = Some(format!(
                    "Bảng tổng hợp đã lưu không đọc được ({e}); bản lưu được giữ riêng, không bị xóa."
                ));
                Consolidation::default()
            }
        }
    }

    pub fn recompute_all(&self, rules: &Rules) {
        let rows = self.data.with_untracked(|c| consolidate::rows(c, rules));
        self.rows.set(rows);
    }

    /// Re-evaluates the rows of entries `from..` (added) or one replaced entry.
    fn refresh_rows(&self, rules: &Rules, from: usize) {
        let new: Vec<Row> = self.data.with_untracked(|c| {
            c.entries[from..]
                .iter()
                .map(|e| consolidate::row_of(e, &evaluate(rules, &e.dossier)))
                .collect()
        });
        self.rows.update(|rows| {
            rows.truncate(from);
            rows.extend(new);
        });
    }

    fn refresh_row(&self, rules: &Rules, i: usize) {
        let row = self.data.with_untracked(|c| {
            let e = &c.entries[i];
            consolidate::row_of(e, &evaluate(rules, &e.dossier))
        });
        self.rows.update(|rows| rows[i] = row);
    }

    /// Saves to the browser; on refusal the data stays here and a notice says to export it.
    pub fn persist(&self) {
        let bundle = self.data.with_untracked(|c| c.to_bundle().to_json());
        let result = store::save_consolidation(&store::StoredConsolidation {
            saved_at: clock::now_ms(),
            bundle,
        });
        self.storage_notice.set(result.err());
        self.remember();
    }

    /// Reads the chosen files in chunks, pausing between chunks, and merges what they hold.
    pub async fn import(&self, rules: std::sync::Arc<Rules>, files: Vec<web_sys::File>) {
        let total = files.len();
        if total == 0 {
            return;
        }
        self.progress.set(Some((0, total)));
        self.refused.set(Vec::new());
        self.identical.set(Vec::new());
        self.summary.set(None);
        let mut added = 0usize;
        let mut dossiers_read = 0usize;
        let mut refused_n = 0usize;
        let mut done = 0usize;
        for chunk in files.chunks(CHUNK) {
            let mut incoming: Vec<(String, Incoming)> = Vec::new();
            let mut refused = Vec::new();
            for file in chunk {
                let name = file.name();
                if file.size() > MAX_FILE_BYTES {
                    refused.push(Refused {
                        reason: format!(
                            "tệp nặng {} MB, vượt giới hạn 50 MB nên không được đọc",
                            size_mb(file.size())
                        ),
                        file: name,
                    });
                    continue;
                }
                let text =
                    gloo_file::futures::read_as_text(&gloo_file::Blob::from(file.clone())).await;
                match text {
                    Err(_) => refused.push(Refused {
                        file: name,
                        reason:
                            "không đọc được tệp (tệp không phải văn bản UTF-8 hoặc đã bị di chuyển)"
                                .into(),
                    }),
                    Ok(text) => match consolidate::import_file(&name, &text, &rules) {
                        Ok(list) => {
                            dossiers_read += list.len();
                            incoming.extend(list.into_iter().map(|d| (name.clone(), d)));
                        }
                        Err(msg) => {
                            // The message starts with the file name; the list shows it apart.
                            let reason = msg
                                .strip_prefix(&format!("{name}: "))
                                .unwrap_or(&msg)
                                .to_string();
                            refused.push(Refused { file: name, reason });
                        }
                    },
                }
            }
            done += chunk.len();
            refused_n += refused.len();
            if !refused.is_empty() {
                self.refused.update(|r| r.extend(refused));
            }
            if !incoming.is_empty() {
                let from = self.data.with_untracked(|c| c.entries.len());
                let mut report = None;
                self.data
                    .update(|c| report = Some(c.merge(incoming, &now_iso())));
                let report = report.expect("merged");
                added += report.added;
                self.refresh_rows(&rules, from);
                if !report.identical.is_empty() {
                    self.identical.update(|v| v.extend(report.identical));
                }
                if !report.duplicates.is_empty() {
                    self.duplicates.update(|v| v.extend(report.duplicates));
                }
            }
            self.progress.set(Some((done, total)));
            yield_to_browser().await;
        }
        let waiting = self.duplicates.with_untracked(Vec::len);
        let identical = self.identical.with_untracked(Vec::len);
        let mut parts = vec![
            format!("Đã đọc {total} tệp"),
            format!("{dossiers_read} hồ sơ hợp lệ"),
            format!("thêm {added} hồ sơ vào bảng"),
        ];
        if refused_n > 0 {
            parts.push(format!("{refused_n} tệp bị từ chối"));
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
        self.summary.set(Some(format!("{}.", parts.join(", "))));
        self.progress.set(None);
        self.persist();
    }

    /// Keeps candidate `keep` of duplicate group `group`.
    pub fn resolve(&self, rules: &Rules, group: usize, keep: usize) {
        let Some(g) = self.duplicates.with_untracked(|v| v.get(group).cloned()) else {
            return;
        };
        let key = g.key.clone();
        self.duplicates.update(|v| {
            v.remove(group);
        });
        self.data.update(|c| c.resolve(g, keep, &now_iso()));
        let (pos, len) = self
            .data
            .with_untracked(|c| (c.position(&key), c.entries.len()));
        let rows_len = self.rows.with_untracked(Vec::len);
        match pos {
            Some(p) if p < rows_len => self.refresh_row(rules, p),
            _ if len > rows_len => self.refresh_rows(rules, rows_len),
            _ => {}
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
        self.data.set(Consolidation::default());
        self.rows.set(Vec::new());
        self.duplicates.set(Vec::new());
        self.identical.set(Vec::new());
        self.refused.set(Vec::new());
        self.summary.set(None);
        self.selected.set(None);
        self.storage_notice.set(store::clear_consolidation().err());
        self.remember();
    }
}
