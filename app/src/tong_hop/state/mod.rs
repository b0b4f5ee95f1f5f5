//! The Tổng hợp page's state: the consolidation (dossiers and reviews), its table rows
//! evaluated with the active rules, the last import's results, the duplicate groups waiting for a
//! choice, the values districts enter, and persistence through infra/store. Every decision
//! (parsing, duplicates, review steps, rows) is the core's `consolidate` module.
//!
//! Created once by the app and read from storage when first needed, so leaving the page (even
//! during an import) and coming back keeps it. Scale: 10 000 files import without freezing the
//! tab: files read fifty at a time as one blob, batches staged against the groups already
//! waiting, lists redrawn at most once a second, rows evaluated in slices (`import_plan` holds
//! those decisions).

mod import_plan;
mod reading;
mod rows;
mod storage;

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::{clock, store};
use leptos::prelude::*;
use ntm_core::consolidate::{self, Consolidation, DossierKey, DuplicateGroup, Row};
use ntm_core::{Dossier, Rules};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use storage::Loaded;

/// Largest file the consolidation reads; bigger ones are refused before reading.
pub const MAX_FILE_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

/// A refused file, or a dossier of a bundle left out, and why, in Vietnamese.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    pub file: String,
    /// Which dossier of a bundle whose other dossiers were kept ("Hồ sơ thứ 4 — Xã …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    pub reason: String,
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
    /// What accepted dossiers of the last import came with (a commune name written another
    /// way or another name, values kept under codes the rules lack), by file.
    pub remarks: RwSignal<Vec<Refused>>,
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
    /// Typed values of the districts' own indicators, by `district/year/code`.
    pub district_raw: RwSignal<BTreeMap<String, String>>,
    /// Why the district values could not be read or saved.
    pub district_notice: RwSignal<Option<String>>,
    rc: RulesCtx,
    /// Read from storage yet (the first page that needs it reads it).
    loaded: StoredValue<bool>,
    /// The Tổng hợp page is shown (its rows follow the rules only then).
    page_open: StoredValue<bool>,
    /// Bumped by each evaluation pass over the rows, so an older pass stops.
    eval_gen: StoredValue<u64>,
    /// An evaluation pass is running (it goes on to the last entry, even one added meanwhile).
    pass_running: StoredValue<bool>,
    /// The rules the rows were last fully evaluated with.
    rows_rules: StoredValue<Option<Arc<Rules>>>,
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

fn district_inputs() -> (BTreeMap<String, String>, Option<String>) {
    match store::load_district_inputs() {
        None => (BTreeMap::new(), None),
        Some(Ok(s)) => (s.raw, None),
        Some(Err(e)) => (
            BTreeMap::new(),
            Some(format!("Số liệu cấp huyện đã lưu không đọc được ({e}).")),
        ),
    }
}

impl ConsolidationCtx {
    /// Empty until first needed: the commune page starts without reading the consolidation.
    pub fn new(rc: RulesCtx) -> Self {
        ConsolidationCtx {
            data: RwSignal::new(Consolidation::default()),
            rows: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            evaluating: RwSignal::new(None),
            refused: RwSignal::new(Vec::new()),
            remarks: RwSignal::new(Vec::new()),
            identical: RwSignal::new(Vec::new()),
            duplicates: RwSignal::new(Vec::new()),
            summary: RwSignal::new(None),
            storage_notice: RwSignal::new(None),
            pending_notice: RwSignal::new(None),
            selected: RwSignal::new(None),
            district_raw: RwSignal::new(BTreeMap::new()),
            district_notice: RwSignal::new(None),
            rc,
            loaded: StoredValue::new(false),
            page_open: StoredValue::new(false),
            eval_gen: StoredValue::new(0),
            pass_running: StoredValue::new(false),
            rows_rules: StoredValue::new(None),
        }
    }

    /// Reads the stored consolidation the first time it is needed. Untracked: nothing has
    /// shown the empty one yet.
    fn ensure_loaded(&self) {
        if self.loaded.get_value() {
            return;
        }
        self.loaded.set_value(true);
        self.take(Loaded::read(&self.rc.active.get_untracked()), false);
        let (raw, notice) = district_inputs();
        self.district_raw.update_untracked(|r| *r = raw);
        self.district_notice.update_untracked(|n| *n = notice);
    }

    /// Shows `l` (notified when something already shows the consolidation).
    fn take(&self, l: Loaded, notify: bool) {
        self.data.update_untracked(|d| *d = l.data);
        self.refused.update_untracked(|r| *r = l.refused);
        self.duplicates.update_untracked(|d| *d = l.duplicates);
        self.storage_notice.update_untracked(|n| *n = l.notice);
        self.pending_notice
            .update_untracked(|n| *n = l.pending_notice);
        self.rows.update_untracked(Vec::clear);
        if notify {
            self.data.notify();
            self.refused.notify();
            self.duplicates.notify();
            self.storage_notice.notify();
            self.pending_notice.notify();
            self.rows.notify();
        }
    }

    /// The page opens: the stored data, rows kept in step with the rules while it is shown.
    pub fn open_page(&self) {
        self.ensure_loaded();
        self.page_open.set_value(true);
        // Rows for the stored data, or again when the rules changed while the page was closed.
        if !self.rows_current() {
            self.evaluate_rows();
        }
        let me = *self;
        // Owned by the page: closed, it no longer re-evaluates on every rules change.
        Effect::new(move |prev: Option<()>| {
            me.rc.active.track();
            if prev.is_some() {
                me.evaluate_rows();
            }
        });
        on_cleanup(move || me.page_open.set_value(false));
    }

    /// Reads the consolidated dossiers (tracked), reading storage the first time.
    pub fn with_dossiers<R>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &Dossier>) -> R) -> R {
        self.ensure_loaded();
        self.data
            .with(|c| f(&mut c.entries.iter().map(|e| &e.dossier)))
    }

    /// Another tab changed storage (`key`; `None`: all of it was cleared). Its consolidation is
    /// taken when this tab is not importing; its district values are taken.
    pub fn on_storage(&self, key: Option<&str>) {
        if !self.loaded.get_value() {
            return;
        }
        let idle = self.progress.get_untracked().is_none();
        if idle && key.is_none_or(|k| k == ntm_core::storage::CONSOLIDATION_KEY) {
            self.eval_gen.update_value(|g| *g += 1);
            self.pass_running.set_value(false);
            self.rows_rules.set_value(None);
            self.selected.set(None);
            self.take(Loaded::read(&self.rc.active.get_untracked()), true);
            if self.page_open.get_value() {
                self.evaluate_rows();
            }
        }
        if key.is_none_or(|k| k == ntm_core::storage::DISTRICT_INPUTS_KEY) {
            let (raw, notice) = district_inputs();
            self.district_raw.set(raw);
            self.district_notice.set(notice);
        }
    }

    /// Stores a district's typed value (empty text: none) and saves them all.
    pub fn set_district_input(&self, key: String, text: String) {
        self.district_raw.update(|m| {
            if text.trim().is_empty() {
                m.remove(&key);
            } else {
                m.insert(key, text);
            }
        });
        let record = store::StoredDistrictInputs {
            saved_at: clock::now_ms(),
            raw: self.district_raw.get_untracked(),
        };
        self.district_notice
            .set(store::save_district_inputs(&record).err());
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
        // A re-evaluation still running has nothing left to do.
        self.eval_gen.update_value(|g| *g += 1);
        self.pass_running.set_value(false);
        self.data.set(Consolidation::default());
        self.rows.set(Vec::new());
        self.evaluating.set(None);
        self.duplicates.set(Vec::new());
        self.identical.set(Vec::new());
        self.refused.set(Vec::new());
        self.remarks.set(Vec::new());
        self.summary.set(None);
        self.pending_notice.set(None);
        self.selected.set(None);
        self.storage_notice.set(store::clear_consolidation().err());
    }
}
