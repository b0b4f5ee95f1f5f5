//! The self-assessment workspace: the drafts list and the one open draft. This is the only
//! owner of the open draft; every edit goes through `edit`, which schedules a save.

use crate::bo_tieu_chi::state::RulesCtx;
use crate::infra::autosave::Autosave;
use crate::infra::clock;
use crate::infra::store::{self, Draft, DraftSummary, Revision, Stored, WriteError};
use crate::ui::save_state::SaveState;
use leptos::prelude::*;
use ntm_core::units::AdminUnit;
use ntm_core::{evaluate, Assessment, Dossier};
use std::collections::BTreeMap;

/// Which part of the workspace a storage change made by another tab touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touches {
    Nothing,
    /// The drafts list (and export times), not the open draft.
    List,
    /// The list and the open draft.
    OpenDraft,
}

/// `key` changed in another tab (`None`: storage was cleared); `open_key`: the open draft's key.
pub fn touches(key: Option<&str>, open_key: Option<&str>) -> Touches {
    let ours = key.is_none_or(|k| {
        k.starts_with(ntm_core::storage::DRAFT_PREFIX) || k == ntm_core::storage::EXPORTED_KEY
    });
    match (ours, open_key) {
        (false, _) => Touches::Nothing,
        (true, None) => Touches::List,
        (true, Some(open)) if key.is_some_and(|k| k != open) => Touches::List,
        (true, Some(_)) => Touches::OpenDraft,
    }
}

/// What to do with the open draft when storage holds another version of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabSync {
    /// This tab's own write, or a version it already took (or unreadable: set aside later).
    UpToDate,
    /// Deleted elsewhere, nothing unsaved here: kept on screen with a notice.
    DeletedKept,
    /// Deleted elsewhere over unsaved changes: the next save writes it again.
    DeletedWhileEditing,
    /// Another tab's newer version, nothing unsaved here: taken.
    TakeTheirs,
    /// Another tab's newer version over unsaved changes: shown as a conflict, nothing lost.
    Conflict,
}

/// The two-tab decision: `stored` is what storage holds, `known` what this tab last read or
/// wrote there, `dirty` whether this tab has unsaved changes.
pub fn tab_sync(stored: &Stored, known: Option<&Revision>, dirty: bool) -> TabSync {
    match stored {
        Stored::Unreadable => TabSync::UpToDate,
        Stored::Missing if dirty => TabSync::DeletedWhileEditing,
        Stored::Missing => TabSync::DeletedKept,
        Stored::At(rev) if known == Some(rev) => TabSync::UpToDate,
        Stored::At(_) if dirty => TabSync::Conflict,
        Stored::At(_) => TabSync::TakeTheirs,
    }
}

#[derive(Clone, Copy)]
pub struct Workspace {
    pub drafts: RwSignal<Vec<DraftSummary>>,
    pub open: RwSignal<Option<Draft>>,
    pub save_state: RwSignal<SaveState>,
    /// A one-line message about the last create/open (e.g. "already existed, opened it").
    pub notice: RwSignal<Option<String>>,
    pub assessment: Memo<Option<Assessment>>,
    /// Id of the open draft: changes only when another draft is opened.
    pub open_id: Memo<Option<String>>,
    /// Another tab saved the open draft while this one had unsaved changes: its version (this
    /// tab's stays on screen, unsaved, until the user chooses).
    pub conflict: RwSignal<Option<Draft>>,
    /// What happened to the open draft because of another tab (shown by the editor).
    pub sync_notice: RwSignal<Option<String>>,
    /// Bumped when the open draft is replaced by a stored version (the editor is rebuilt).
    pub reloads: RwSignal<u64>,
    /// When each draft was last exported (JSON, CSV, print, backup), by id.
    pub exported: RwSignal<BTreeMap<String, f64>>,
    autosave: Autosave,
    /// Every stored draft in full, read when a page first needs it (T2, award facts).
    pub all: Memo<Vec<Draft>>,
}

impl Workspace {
    pub fn new(rules: RulesCtx) -> Self {
        let drafts = store::list();
        let reopened = store::open_id().and_then(|id| store::load(&id).ok());
        let autosave = Autosave::new(SaveState::Clean(
            reopened.as_ref().map_or(0.0, |d| d.saved_at),
        ));
        let drafts = RwSignal::new(drafts);
        // Lazy: the commune page never reads it, so it starts without reading every dossier.
        let all = Memo::new(move |_| {
            drafts.track();
            store::all_drafts()
        });
        let open = RwSignal::new(reopened);
        let assessment = Memo::new(move |_| {
            let rules = rules.active.get();
            open.with(|o| o.as_ref().map(|d| evaluate(&rules, &d.dossier)))
        });
        let open_id = Memo::new(move |_| open.with(|o| o.as_ref().map(|d| d.id.clone())));
        Workspace {
            drafts,
            open,
            save_state: autosave.state,
            notice: RwSignal::new(None),
            assessment,
            open_id,
            conflict: RwSignal::new(None),
            sync_notice: RwSignal::new(None),
            reloads: RwSignal::new(0),
            exported: RwSignal::new(store::exported()),
            autosave,
            all,
        }
    }

    pub fn refresh(&self) {
        self.drafts.set(store::list());
        self.exported.set(store::exported());
    }

    /// Another tab changed storage (`key`; `None`: all of it was cleared). The list follows; the
    /// open draft is taken from there if this tab has no unsaved change, else the conflict is
    /// shown and nothing is overwritten.
    pub fn on_storage(&self, key: Option<String>) {
        let open = self.open_id.get_untracked();
        let open_key = open.as_deref().map(store::draft_key);
        match touches(key.as_deref(), open_key.as_deref()) {
            Touches::Nothing => return,
            Touches::List => return self.refresh(),
            Touches::OpenDraft => self.refresh(),
        }
        let Some(id) = open else { return };
        let (stored, known) = store::draft_revisions(&id);
        match tab_sync(&stored, known.as_ref(), self.autosave.dirty()) {
            TabSync::UpToDate | TabSync::DeletedWhileEditing => {}
            TabSync::DeletedKept => self.sync_notice.set(Some(
                "Hồ sơ đang mở vừa bị xóa ở một thẻ khác. Nội dung vẫn còn trên màn hình; nếu sửa tiếp, hồ sơ sẽ được lưu lại."
                    .into(),
            )),
            TabSync::Conflict => self.conflict.set(store::draft_theirs(&id)),
            TabSync::TakeTheirs => {
                self.take_stored(&id);
                self.sync_notice.set(Some(format!(
                    "Hồ sơ đang mở vừa được cập nhật từ một thẻ khác (lưu lúc {}).",
                    clock::time(self.with_open(|d| d.saved_at).unwrap_or_default())
                )));
            }
        }
    }

    /// Replaces the open draft with the stored one (read as this tab's from now on).
    fn take_stored(&self, id: &str) {
        if let Ok(d) = store::load(id) {
            self.autosave.clean(d.saved_at);
            self.open.set(Some(d));
            self.reloads.update(|r| *r += 1);
        }
    }

    /// Conflict resolved by taking the other tab's version (this tab's changes are dropped).
    pub fn use_theirs(&self) {
        if let Some(id) = self.open_id.get_untracked() {
            self.conflict.set(None);
            self.take_stored(&id);
            self.sync_notice.set(Some(
                "Đã mở bản do thẻ kia lưu; thay đổi chưa lưu ở thẻ này đã bỏ.".into(),
            ));
        }
    }

    /// Conflict resolved by keeping this tab's version as a new draft (the other tab's version
    /// stays under the original); the copy is opened.
    pub fn keep_mine_as_copy(&self) -> Result<(), String> {
        let Some(mut mine) = self.with_open(Clone::clone) else {
            return Ok(());
        };
        let now = clock::now_ms();
        mine.id = store::free_id(&mine.dossier.unit.code, mine.dossier.year);
        mine.name = format!("{} (bản của thẻ này, {})", mine.name, clock::date_time(now));
        mine.saved_at = now;
        store::save(&mine).map_err(|e| format!("Chưa lưu được bản sao: {}", e.message()))?;
        self.conflict.set(None);
        self.autosave.forget();
        self.refresh();
        store::set_open_id(Some(&mine.id));
        self.autosave.saved(now);
        let name = mine.name.clone();
        self.open.set(Some(mine));
        self.sync_notice.set(Some(format!(
            "Đã lưu bản của thẻ này thành hồ sơ riêng “{name}” và mở hồ sơ đó; bản do thẻ kia lưu giữ nguyên."
        )));
        Ok(())
    }

    /// Drafts changed since their last export (or never exported), newest first.
    pub fn unexported(&self) -> Vec<(DraftSummary, Option<f64>)> {
        self.exported.with(|ex| {
            self.drafts.with(|list| {
                list.iter()
                    .filter_map(|s| {
                        let at = ex.get(&s.id).copied();
                        at.is_none_or(|t| s.saved_at > t).then(|| (s.clone(), at))
                    })
                    .collect()
            })
        })
    }

    /// Records that the open draft was exported now (after saving what is pending).
    pub fn mark_open_exported(&self) {
        self.flush();
        if let Some(id) = self.open_id.get_untracked() {
            // Even when the save failed: the file holds what is on screen.
            let at = self
                .with_open(|d| d.saved_at)
                .unwrap_or_default()
                .max(clock::now_ms());
            self.exported.set(store::set_exported(&[id], at));
        }
    }

    /// Records that every draft was exported now (a backup holds them all).
    pub fn mark_all_exported(&self) {
        let ids: Vec<String> = self
            .drafts
            .with_untracked(|l| l.iter().map(|s| s.id.clone()).collect());
        self.exported
            .set(store::set_exported(&ids, clock::now_ms()));
    }

    /// Reads the open draft without subscribing.
    pub fn with_open<R>(&self, f: impl FnOnce(&Draft) -> R) -> Option<R> {
        self.open.with_untracked(|o| o.as_ref().map(f))
    }

    /// Changes the open draft and schedules a save.
    pub fn edit(&self, f: impl FnOnce(&mut Draft)) {
        self.open.update(|o| {
            if let Some(d) = o {
                f(d);
            }
        });
        let ws = *self;
        self.autosave.edit(move || ws.flush());
    }

    /// Writes the open draft now if it has unsaved changes. A failure keeps it dirty, so the
    /// next edit (or leaving the page) tries again.
    pub fn flush(&self) {
        if !self.autosave.dirty() {
            return;
        }
        let now = clock::now_ms();
        let Some(result) = self.with_open(|d| {
            let mut copy = d.clone();
            copy.saved_at = now;
            store::save(&copy).map(|_| DraftSummary::from(&copy))
        }) else {
            return;
        };
        match result {
            Ok(summary) => {
                // Untracked: the save time is not an edit and must not re-run the assessment.
                self.open.update_untracked(|o| {
                    if let Some(d) = o {
                        d.saved_at = now;
                    }
                });
                self.upsert_summary(summary);
                self.autosave.saved(now);
            }
            Err(WriteError::Conflict(e)) => {
                let id = self.open_id.get_untracked().unwrap_or_default();
                let (stored, known) = store::draft_revisions(&id);
                if tab_sync(&stored, known.as_ref(), true) == TabSync::Conflict {
                    if let Some(theirs) = store::draft_theirs(&id) {
                        self.conflict.set(Some(theirs));
                    }
                }
                self.autosave.failed(e);
            }
            Err(WriteError::Refused(e)) => self.autosave.failed(e),
        }
    }

    fn upsert_summary(&self, summary: DraftSummary) {
        self.drafts.update(|list| {
            list.retain(|s| s.id != summary.id);
            list.insert(0, summary);
        });
    }

    pub fn open_draft(&self, id: &str) -> Result<(), String> {
        if self.open_id.get_untracked().as_deref() == Some(id) {
            return Ok(());
        }
        self.flush();
        let d = store::load(id).map_err(|e| format!("Không mở được hồ sơ: {e}."))?;
        self.autosave.clean(d.saved_at);
        self.conflict.set(None);
        self.sync_notice.set(None);
        store::set_open_id(Some(id));
        self.open.set(Some(d));
        Ok(())
    }

    pub fn close(&self) {
        self.flush();
        self.conflict.set(None);
        store::set_open_id(None);
        self.open.set(None);
    }

    fn existing(&self, unit_code: &str, year: u16) -> Option<DraftSummary> {
        self.drafts.with_untracked(|list| {
            list.iter()
                .find(|s| s.unit_code == unit_code && s.year == year)
                .cloned()
        })
    }

    /// Saves a new draft and opens it.
    fn add(&self, draft: Draft) -> Result<(), String> {
        self.flush();
        store::save(&draft).map_err(|e| format!("Chưa tạo được hồ sơ: {}", e.message()))?;
        self.upsert_summary(DraftSummary::from(&draft));
        store::set_open_id(Some(&draft.id));
        self.autosave.forget();
        self.autosave.saved(draft.saved_at);
        self.open.set(Some(draft));
        Ok(())
    }

    /// Creates the draft for a commune-year, or opens the one that exists. Returns what happened.
    pub fn create(
        &self,
        unit: &AdminUnit,
        year: u16,
        rules_ref: ntm_core::RulesRef,
    ) -> Result<String, String> {
        if let Some(s) = self.existing(&unit.code, year) {
            self.open_draft(&s.id)?;
            return Ok(format!(
                "Đã có hồ sơ của {} năm {year} (“{}”) — đã mở hồ sơ đó thay vì tạo mới.",
                unit.name, s.name
            ));
        }
        let mut dossier = Dossier::new(unit, year);
        dossier.rules = Some(rules_ref);
        let name = format!("Tự đánh giá {} năm {year}", unit.name);
        let draft = Draft {
            id: store::free_id(&unit.code, year),
            name: name.clone(),
            saved_at: clock::now_ms(),
            dossier,
            raw: Default::default(),
        };
        self.add(draft)?;
        Ok(format!("Đã tạo hồ sơ “{name}”."))
    }

    /// Adds an imported dossier as a new draft; never overwrites one for the same commune-year.
    pub fn import(&self, dossier: Dossier, file_name: &str) -> Result<String, String> {
        let unit_name = dossier.unit.name.to_string();
        let year = dossier.year;
        let base = format!("Tự đánh giá {unit_name} năm {year}");
        let clash = self.drafts.with_untracked(|l| {
            l.iter()
                .filter(|s| *s.unit_code == *dossier.unit.code && s.year == year)
                .count()
        });
        let name = if clash == 0 {
            base
        } else {
            let taken = |n: &str| {
                self.drafts
                    .with_untracked(|l| l.iter().any(|s| s.name == n))
            };
            (clash + 1..)
                .map(|k| format!("{base} (nhập {k})"))
                .find(|n| !taken(n))
                .expect("a free name")
        };
        let draft = Draft {
            id: store::free_id(&dossier.unit.code, year),
            name: name.clone(),
            saved_at: clock::now_ms(),
            dossier,
            raw: Default::default(),
        };
        self.add(draft)?;
        Ok(if clash == 0 {
            format!("Đã nhập hồ sơ “{name}” từ tệp {file_name} và mở hồ sơ.")
        } else {
            format!("Đã nhập tệp {file_name}. Vì đã có hồ sơ của {unit_name} năm {year}, hồ sơ nhập được lưu riêng với tên “{name}” (hồ sơ cũ giữ nguyên).")
        })
    }

    pub fn rename(&self, id: &str, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("Tên hồ sơ không được để trống.".into());
        }
        if self.open_id.get_untracked().as_deref() == Some(id) {
            let name = name.to_string();
            self.edit(move |d| d.name = name);
            self.flush();
            return match self.save_state.get_untracked() {
                SaveState::Failed(e) => Err(e),
                _ => Ok(()),
            };
        }
        let mut d = store::load(id).map_err(|e| format!("Không đổi tên được: {e}."))?;
        d.name = name.to_string();
        d.saved_at = clock::now_ms();
        store::save(&d).map_err(WriteError::message)?;
        self.upsert_summary(DraftSummary::from(&d));
        Ok(())
    }

    pub fn delete(&self, id: &str) -> Result<(), String> {
        store::delete(id)?;
        store::forget_exported(id);
        self.exported.update(|e| {
            e.remove(id);
        });
        if self.open_id.get_untracked().as_deref() == Some(id) {
            self.autosave.forget();
            self.conflict.set(None);
            store::set_open_id(None);
            self.open.set(None);
        }
        self.drafts.update(|l| l.retain(|s| s.id != id));
        Ok(())
    }

    /// Stores typed text and the value it stands for (None = not entered).
    pub fn set_field(&self, key: String, text: String, apply: impl FnOnce(&mut Dossier)) {
        self.edit(move |d| {
            if text.is_empty() {
                d.raw.remove(&key);
            } else {
                d.raw.insert(key, text);
            }
            apply(&mut d.dossier);
        });
    }

    /// The text to show in a field: what was typed, else the stored value written out.
    pub fn field_text(
        &self,
        key: &str,
        kind: ntm_core::rules::Kind,
        value: Option<ntm_core::Value>,
    ) -> String {
        self.with_open(|d| d.raw.get(key).cloned())
            .flatten()
            .unwrap_or_else(|| value.map(|v| kind.show_value(v)).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(n: u64, by: &str) -> Revision {
        (n, by.to_string())
    }

    #[test]
    fn only_draft_records_touch_the_workspace() {
        let open = store::draft_key("a");
        assert_eq!(
            touches(Some("chung-suc:rules"), Some(&open)),
            Touches::Nothing
        );
        assert_eq!(
            touches(Some(&store::draft_key("b")), Some(&open)),
            Touches::List
        );
        assert_eq!(touches(Some(&store::draft_key("b")), None), Touches::List);
        assert_eq!(
            touches(Some(ntm_core::storage::EXPORTED_KEY), Some(&open)),
            Touches::List
        );
        assert_eq!(touches(Some(&open), Some(&open)), Touches::OpenDraft);
        assert_eq!(
            touches(None, Some(&open)),
            Touches::OpenDraft,
            "storage cleared"
        );
    }

    #[test]
    fn own_writes_and_known_versions_are_ignored() {
        let mine = rev(3, "t-1");
        for dirty in [false, true] {
            assert_eq!(
                tab_sync(&Stored::At(mine.clone()), Some(&mine), dirty),
                TabSync::UpToDate
            );
            assert_eq!(
                tab_sync(&Stored::Unreadable, Some(&mine), dirty),
                TabSync::UpToDate
            );
        }
    }

    #[test]
    fn theirs_is_taken_silently_without_unsaved_changes() {
        let known = rev(3, "t-1");
        let theirs = Stored::At(rev(4, "t-2"));
        assert_eq!(tab_sync(&theirs, Some(&known), false), TabSync::TakeTheirs);
        assert_eq!(tab_sync(&theirs, None, false), TabSync::TakeTheirs);
    }

    #[test]
    fn theirs_over_unsaved_changes_is_a_conflict() {
        let known = rev(3, "t-1");
        // Same revision number, other writer: still another tab's version.
        let theirs = Stored::At(rev(3, "t-2"));
        assert_eq!(tab_sync(&theirs, Some(&known), true), TabSync::Conflict);
    }

    #[test]
    fn deletion_elsewhere_keeps_the_draft_on_screen() {
        let known = rev(3, "t-1");
        assert_eq!(
            tab_sync(&Stored::Missing, Some(&known), false),
            TabSync::DeletedKept
        );
        assert_eq!(
            tab_sync(&Stored::Missing, Some(&known), true),
            TabSync::DeletedWhileEditing
        );
    }
}
