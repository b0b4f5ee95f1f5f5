//! Commune drafts (Tự đánh giá): the list, each draft, the open one, export times.

use super::*;

/// What the drafts list shows, without keeping every dossier in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftSummary {
    pub id: String,
    pub name: String,
    pub unit_code: String,
    pub unit_name: String,
    pub year: u16,
    pub saved_at: f64,
    pub rules: Option<RulesRef>,
}

impl From<&Draft> for DraftSummary {
    fn from(d: &Draft) -> Self {
        DraftSummary {
            id: d.id.clone(),
            name: d.name.clone(),
            unit_code: d.dossier.unit.code.to_string(),
            unit_name: d.dossier.unit.name.to_string(),
            year: d.dossier.year,
            saved_at: d.saved_at,
            rules: d.dossier.rules.clone(),
        }
    }
}

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// How the messages name a draft.
pub fn draft_what(name: &str) -> String {
    format!("hồ sơ nháp “{name}”")
}

/// Every stored draft, newest first. Drafts that cannot be read are set aside.
pub fn list() -> Vec<DraftSummary> {
    let mut drafts = Vec::new();
    for key in app_keys() {
        let Some(id) = key.strip_prefix(DRAFT_PREFIX) else {
            continue;
        };
        if let Some(Ok(mut d)) = read_record::<Draft>(&key, false) {
            // The key is the identity; a record edited by hand cannot hijack another.
            d.id = id.to_string();
            drafts.push(DraftSummary::from(&d));
        }
    }
    drafts.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
    drafts
}

pub fn load(id: &str) -> Result<Draft, String> {
    let mut d: Draft =
        get(&draft_key(id)).unwrap_or_else(|| Err("hồ sơ không còn trong bộ nhớ".to_string()))?;
    d.id = id.to_string();
    Ok(d)
}

/// A record's envelope: its revision and the tab that wrote it.
pub type Revision = (u64, String);

/// What storage holds under a draft's key, by envelope only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    Missing,
    /// Not readable: the next read sets it aside, so it is not judged here.
    Unreadable,
    At(Revision),
}

/// What is stored under draft `id` now, and what this tab last read or wrote there. Reading it
/// here does not count as taking it: a save from this tab still meets the conflict.
pub fn draft_revisions(id: &str) -> (Stored, Option<Revision>) {
    let key = draft_key(id);
    let stored = match backend::record::<Draft>(&key) {
        Ok(Some((_, meta))) => Stored::At((meta.rev, meta.by)),
        Err(ReadError::Unread(_)) => Stored::Unreadable,
        Ok(None) | Err(ReadError::Unavailable) => Stored::Missing,
    };
    (stored, known(&key))
}

/// The version of draft `id` another tab stored, without taking it as this tab's.
pub fn draft_theirs(id: &str) -> Option<Draft> {
    let (mut d, _) = backend::record::<Draft>(&draft_key(id)).ok()??;
    d.id = id.to_string();
    Some(d)
}

pub fn save(d: &Draft) -> Result<(), WriteError> {
    put(&draft_key(&d.id), d, &draft_what(&d.name))
}

/// The file a draft that could not be saved is downloaded as (a backup holding it).
pub fn draft_unsaved_file(d: &Draft) -> (String, String) {
    let key = draft_key(&d.id);
    let rev = known(&key).map_or(0, |(r, _)| r) + 1;
    (
        format!("chua-luu-{}-{}.json", file_slug(&key), clock::stamp()),
        single_backup(&key, rec::encode_value(d, rev, &tab())),
    )
}

pub fn delete(id: &str) -> Result<(), String> {
    let key = draft_key(id);
    backend::delete(&key)
        .map_err(|_| "Không xóa được hồ sơ khỏi bộ nhớ của trình duyệt.".to_string())?;
    forget(&key);
    Ok(())
}

/// A free id for a commune-year: "13306-2024", then "13306-2024-2", ….
pub fn free_id(unit_code: &str, year: u16) -> String {
    let base = format!("{unit_code}-{year}");
    let taken = |id: &str| backend::has(&draft_key(id));
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some id is free")
}

/// The draft that was open when the page was last used.
pub fn open_id() -> Option<String> {
    backend::record::<OpenDraft>(OPEN_KEY)
        .ok()
        .flatten()
        .map(|(o, _)| o.id)
}

pub fn set_open_id(id: Option<&str>) {
    // Losing this only means the editor starts closed; not worth an error message.
    match id {
        Some(id) => put_setting(OPEN_KEY, &OpenDraft { id: id.to_string() }),
        None => {
            let _ = backend::delete(OPEN_KEY);
        }
    }
}

/// When each draft was last exported.
pub fn exported() -> BTreeMap<String, f64> {
    backend::record::<Exported>(EXPORTED_KEY)
        .ok()
        .flatten()
        .map(|(e, _)| e.at)
        .unwrap_or_default()
}

/// Records that drafts `ids` were exported at `at` (merged with what other tabs recorded).
pub fn set_exported(ids: &[String], at: f64) -> BTreeMap<String, f64> {
    let mut all = exported();
    for id in ids {
        all.insert(id.clone(), at);
    }
    put_setting(EXPORTED_KEY, &Exported { at: all.clone() });
    all
}

/// Drops the export time of a deleted draft.
pub fn forget_exported(id: &str) {
    let mut all = exported();
    if all.remove(id).is_some() {
        put_setting(EXPORTED_KEY, &Exported { at: all });
    }
}

/// Every stored commune draft, newest first (for counting communes at nâng cao).
pub fn all_drafts() -> Vec<Draft> {
    list()
        .iter()
        .filter_map(|s| {
            let mut d = read_record::<Draft>(&draft_key(&s.id), false)?.ok()?;
            d.id = s.id.clone();
            Some(d)
        })
        .collect()
}
