//! Consolidation (tổng hợp): a district or the province gathers many commune dossiers, reviews
//! them and reports on them. Pure functions: the caller passes in the time (no clock here).
//!
//! - the bundle file (`chung-suc/bundle`, docs/bundle-format.md): many dossiers and their reviews;
//! - importing many files at once, each a dossier or a bundle, with duplicates reported;
//! - review states (đã nhận → trả lại / đã thẩm tra → đã thẩm định), reopened when content changes;
//! - the consolidated table's rows, sorting, filtering and counts;
//! - the consolidated CSV (Excel and plain).

use crate::criteria::{evaluate, Assessment, CriterionOutcome};
use crate::dossier::Dossier;
use crate::envelope::Envelope;
use crate::error::InputError;
use crate::export::formula_safe;
use crate::level::Level;
use crate::rules::{Rules, RulesRef, Text};
use crate::units;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};
use std::cmp::Ordering;
use std::collections::BTreeMap;

pub const BUNDLE_FORMAT: &str = "chung-suc/bundle";
pub const BUNDLE_VERSION: u32 = 1;

const BUNDLE_ENVELOPE: Envelope = Envelope {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    what: "tệp gói hồ sơ",
    fields: Some(&["format", "version", "dossiers", "reviews"]),
};
/// The set whose criteria get one column each in the table and the CSV.
pub const NTM_SET: &str = "ntm";

// ---- identity and content ------------------------------------------------------------------

/// A commune-year: at most one dossier of each is kept in a consolidation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DossierKey {
    pub unit_code: String,
    pub year: u16,
}

impl DossierKey {
    pub fn of(d: &Dossier) -> DossierKey {
        DossierKey {
            unit_code: d.unit.code.clone(),
            year: d.year,
        }
    }
    /// "13306-2024": the key of `reviews` in a bundle.
    pub fn id(&self) -> String {
        format!("{}-{}", self.unit_code, self.year)
    }
    pub fn parse_id(id: &str) -> Option<DossierKey> {
        let (code, year) = id.rsplit_once('-')?;
        let year = year.parse().ok()?;
        (!code.is_empty()).then(|| DossierKey {
            unit_code: code.to_string(),
            year,
        })
    }
}

/// SHA-256 of the dossier's canonical JSON: "sha256:…". Detects any change of content.
pub fn content_hash(d: &Dossier) -> String {
    let digest = Sha256::digest(d.to_json().as_bytes());
    let mut s = String::with_capacity(71);
    s.push_str("sha256:");
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

// ---- review states ---------------------------------------------------------------------------

/// Who did something and when (ISO 8601 date-time, given by the caller).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    pub by: String,
    pub at: String,
}

/// Where a dossier stands in the district's and the province's work. An appraisal carries the
/// verification it rests on, so "appraised but never verified" cannot be written down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
pub enum ReviewState {
    /// đã nhận — `note` says why, when it was reopened.
    Received {
        at: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// trả lại — comments per indicator ("ntm/15.1" → text) travel back to the commune.
    Returned {
        stamp: Stamp,
        comments: BTreeMap<String, String>,
    },
    /// đã thẩm tra (district)
    VerifiedByDistrict { stamp: Stamp },
    /// đã thẩm định (province)
    AppraisedByProvince { verified: Stamp, appraised: Stamp },
}

/// The state without its data, for tables, filters and files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateKind {
    Received,
    Returned,
    VerifiedByDistrict,
    AppraisedByProvince,
}

impl StateKind {
    pub const ALL: [StateKind; 4] = [
        StateKind::Received,
        StateKind::Returned,
        StateKind::VerifiedByDistrict,
        StateKind::AppraisedByProvince,
    ];
    pub fn code(self) -> &'static str {
        match self {
            StateKind::Received => "received",
            StateKind::Returned => "returned",
            StateKind::VerifiedByDistrict => "verified_by_district",
            StateKind::AppraisedByProvince => "appraised_by_province",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            StateKind::Received => "Đã nhận",
            StateKind::Returned => "Trả lại",
            StateKind::VerifiedByDistrict => "Đã thẩm tra",
            StateKind::AppraisedByProvince => "Đã thẩm định",
        }
    }
}

impl ReviewState {
    pub fn kind(&self) -> StateKind {
        match self {
            ReviewState::Received { .. } => StateKind::Received,
            ReviewState::Returned { .. } => StateKind::Returned,
            ReviewState::VerifiedByDistrict { .. } => StateKind::VerifiedByDistrict,
            ReviewState::AppraisedByProvince { .. } => StateKind::AppraisedByProvince,
        }
    }
    /// The last stamp (who and when), for display.
    pub fn last(&self) -> (Option<&str>, &str) {
        match self {
            ReviewState::Received { at, .. } => (None, at),
            ReviewState::Returned { stamp, .. } | ReviewState::VerifiedByDistrict { stamp } => {
                (Some(&stamp.by), &stamp.at)
            }
            ReviewState::AppraisedByProvince { appraised, .. } => {
                (Some(&appraised.by), &appraised.at)
            }
        }
    }
}

/// A past step, kept so the history of a dossier can be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    pub state: StateKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The review of one dossier: its state, the content it was given for, and its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub state: ReviewState,
    /// `content_hash` of the dossier when the state was last set.
    pub content_hash: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEntry>,
}

/// Why a review step was refused, in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewError(pub String);

impl std::fmt::Display for ReviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn stamp(by: &str, at: &str) -> Result<Stamp, ReviewError> {
    let by = crate::text::nfc(by.trim());
    if by.is_empty() {
        return Err(ReviewError(
            "Nhập họ tên hoặc chức vụ người thực hiện trước khi ghi nhận.".into(),
        ));
    }
    if at.trim().is_empty() {
        return Err(ReviewError("Thiếu thời điểm thực hiện.".into()));
    }
    Ok(Stamp {
        by,
        at: at.trim().to_string(),
    })
}

impl Review {
    /// A dossier just received.
    pub fn received(d: &Dossier, at: &str) -> Review {
        Review {
            state: ReviewState::Received {
                at: at.to_string(),
                note: None,
            },
            content_hash: content_hash(d),
            history: Vec::new(),
        }
    }

    pub fn kind(&self) -> StateKind {
        self.state.kind()
    }

    fn set(&mut self, next: ReviewState, note: Option<String>) {
        let (by, at) = self.state.last();
        self.history.push(HistoryEntry {
            state: self.state.kind(),
            by: by.map(str::to_string),
            at: at.to_string(),
            note,
        });
        self.state = next;
    }

    /// Đánh dấu đã thẩm tra (district): only a received dossier.
    pub fn verify(&mut self, by: &str, at: &str) -> Result<(), ReviewError> {
        match self.state {
            ReviewState::Received { .. } => {
                let s = stamp(by, at)?;
                self.set(ReviewState::VerifiedByDistrict { stamp: s }, None);
                Ok(())
            }
            _ => Err(ReviewError(format!(
                "Chỉ thẩm tra được hồ sơ ở trạng thái “Đã nhận” (hồ sơ đang “{}”).",
                self.kind().label_vi()
            ))),
        }
    }

    /// Đánh dấu đã thẩm định (province): only after the district's verification.
    pub fn appraise(&mut self, by: &str, at: &str) -> Result<(), ReviewError> {
        match &self.state {
            ReviewState::VerifiedByDistrict { stamp: verified } => {
                let verified = verified.clone();
                let s = stamp(by, at)?;
                self.set(
                    ReviewState::AppraisedByProvince {
                        verified,
                        appraised: s,
                    },
                    None,
                );
                Ok(())
            }
            _ => Err(ReviewError(format!(
                "Chỉ thẩm định được hồ sơ đã được huyện thẩm tra (hồ sơ đang “{}”).",
                self.kind().label_vi()
            ))),
        }
    }

    /// Trả lại with comments per indicator ("set/code" → text); empty comments are dropped and
    /// at least one is needed.
    pub fn return_with(
        &mut self,
        by: &str,
        at: &str,
        comments: BTreeMap<String, String>,
    ) -> Result<(), ReviewError> {
        if self.kind() == StateKind::Returned {
            return Err(ReviewError("Hồ sơ đã được trả lại.".into()));
        }
        let comments: BTreeMap<String, String> = comments
            .into_iter()
            .map(|(k, v)| (k, crate::text::nfc(v.trim())))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        if comments.is_empty() {
            return Err(ReviewError(
                "Nhập ý kiến cho ít nhất một chỉ tiêu trước khi trả lại hồ sơ.".into(),
            ));
        }
        let s = stamp(by, at)?;
        self.set(ReviewState::Returned { stamp: s, comments }, None);
        Ok(())
    }

    /// The dossier now has content `hash` (seen at `at`). A verified, appraised or returned
    /// dossier whose content changed goes back to "received" with a note; returns whether it did.
    pub fn observe(&mut self, hash: &str, at: &str) -> bool {
        if self.content_hash == hash {
            return false;
        }
        self.content_hash = hash.to_string();
        let kind = self.kind();
        if kind == StateKind::Received {
            return false;
        }
        let note = format!(
            "Nội dung hồ sơ đã thay đổi sau khi {}; hồ sơ được mở lại để xem xét.",
            match kind {
                StateKind::Returned => "trả lại",
                StateKind::VerifiedByDistrict => "thẩm tra",
                _ => "thẩm định",
            }
        );
        self.set(
            ReviewState::Received {
                at: at.to_string(),
                note: Some(note.clone()),
            },
            Some(note),
        );
        true
    }
}

// ---- bundle --------------------------------------------------------------------------------

/// A dossier with its review, as held in a consolidation.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub dossier: Dossier,
    pub review: Review,
}

/// A dossier read from a file: bundles may carry its review, single dossiers do not.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub dossier: Dossier,
    pub review: Option<Review>,
}

/// Many dossiers and their reviews in one file (docs/bundle-format.md).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bundle {
    pub dossiers: Vec<Dossier>,
    /// `DossierKey::id()` → review.
    pub reviews: BTreeMap<String, Review>,
}

#[derive(Serialize)]
struct BundleOut<'a> {
    format: &'static str,
    version: u32,
    dossiers: &'a [Dossier],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    reviews: &'a BTreeMap<String, Review>,
}

impl Bundle {
    /// Canonical JSON: fixed key order, two-space indent, final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&BundleOut {
            format: BUNDLE_FORMAT,
            version: BUNDLE_VERSION,
            dossiers: &self.dossiers,
            reviews: &self.reviews,
        })
        .expect("bundle serialises");
        s.push('\n');
        s
    }

    /// Reads an untrusted bundle; every dossier is checked like a single dossier file and an
    /// error names the entry (`dossiers[3].values.ntm.15.1`).
    pub fn parse(text: &str, rules: &Rules) -> Result<Bundle, InputError> {
        let json = BUNDLE_ENVELOPE.open(text)?;
        let root = json.as_object().expect("checked by the envelope");
        Bundle::from_object(root, rules)
    }

    fn from_object(root: &Map<String, Json>, rules: &Rules) -> Result<Bundle, InputError> {
        BUNDLE_ENVELOPE.check(root)?;
        let list = match root.get("dossiers") {
            Some(Json::Array(a)) => a,
            Some(_) => return Err(InputError::new("dossiers", "phải là một danh sách hồ sơ")),
            None => return Err(InputError::new("dossiers", "thiếu trường bắt buộc")),
        };
        let mut dossiers = Vec::with_capacity(list.len());
        for (i, item) in list.iter().enumerate() {
            let d = Dossier::parse(&item.to_string(), rules).map_err(|e| {
                let field = if e.field.is_empty() {
                    format!("dossiers[{i}]")
                } else {
                    format!("dossiers[{i}].{}", e.field)
                };
                InputError::new(field, e.problem)
            })?;
            dossiers.push(d);
        }
        let mut reviews = BTreeMap::new();
        match root.get("reviews") {
            None | Some(Json::Null) => {}
            Some(Json::Object(m)) => {
                for (id, r) in m {
                    let path = format!("reviews.{id}");
                    let key = DossierKey::parse_id(id).ok_or_else(|| {
                        InputError::new(path.as_str(), "khóa phải có dạng \"mã xã-năm\"")
                    })?;
                    if !dossiers.iter().any(|d| DossierKey::of(d) == key) {
                        return Err(InputError::new(
                            path.as_str(),
                            "không có hồ sơ nào của xã và năm này trong tệp gói",
                        ));
                    }
                    let review: Review = serde_json::from_value(r.clone()).map_err(|e| {
                        let inner = InputError::from_serde(e);
                        let field = if inner.field.is_empty() {
                            path.clone()
                        } else {
                            format!("{path}.{}", inner.field)
                        };
                        InputError::new(field, inner.problem)
                    })?;
                    reviews.insert(id.clone(), review);
                }
            }
            Some(_) => return Err(InputError::new("reviews", "phải là một đối tượng JSON")),
        }
        Ok(Bundle { dossiers, reviews })
    }

    /// The bundle's dossiers with their reviews, in the file's order.
    pub fn into_incoming(self) -> Vec<Incoming> {
        let mut reviews = self.reviews;
        self.dossiers
            .into_iter()
            .map(|d| {
                let review = reviews.remove(&DossierKey::of(&d).id());
                Incoming { dossier: d, review }
            })
            .collect()
    }

    /// A bundle of entries (a whole consolidation, or one dossier sent back with its comments).
    pub fn of<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Bundle {
        let mut b = Bundle::default();
        for e in entries {
            b.reviews
                .insert(DossierKey::of(&e.dossier).id(), e.review.clone());
            b.dossiers.push(e.dossier.clone());
        }
        b
    }
}

// ---- importing many files --------------------------------------------------------------------

/// Reads one file: a single dossier or a bundle. The error names the file and the field.
pub fn import_file(file_name: &str, text: &str, rules: &Rules) -> Result<Vec<Incoming>, String> {
    let fail = |e: InputError| format!("{file_name}: {e}");
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json: Json = serde_json::from_str(body).map_err(|e| fail(InputError::from_json(e)))?;
    let root = json
        .as_object()
        .ok_or_else(|| fail(InputError::new("", "tệp phải là một đối tượng JSON")))?;
    match root.get("format").and_then(Json::as_str) {
        Some(BUNDLE_FORMAT) => Ok(Bundle::from_object(root, rules)
            .map_err(fail)?
            .into_incoming()),
        Some(crate::dossier::FORMAT) => Ok(vec![Incoming {
            dossier: Dossier::parse(body, rules).map_err(fail)?,
            review: None,
        }]),
        Some(other) => Err(fail(InputError::new(
            "format",
            format!(
                "phải là \"{}\" hoặc \"{BUNDLE_FORMAT}\" (tệp ghi \"{other}\") — đây không phải hồ sơ tự đánh giá hay tệp gói hồ sơ",
                crate::dossier::FORMAT
            ),
        ))),
        None => Err(fail(InputError::new(
            "format",
            format!(
                "thiếu; phải là \"{}\" hoặc \"{BUNDLE_FORMAT}\"",
                crate::dossier::FORMAT
            ),
        ))),
    }
}

/// What one file gave.
#[derive(Clone, Debug, PartialEq)]
pub struct FileResult {
    pub file: String,
    pub result: Result<Vec<Incoming>, String>,
}

/// Reads many files (name, text). One result per file, in order.
pub fn import_files<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    rules: &Rules,
) -> Vec<FileResult> {
    files
        .into_iter()
        .map(|(name, text)| FileResult {
            file: name.to_string(),
            result: import_file(name, text, rules),
        })
        .collect()
}

/// One version of a commune-year among duplicates.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The file it came from, or `None` for the version already in the consolidation.
    pub source: Option<String>,
    pub entry: Entry,
    pub hash: String,
}

/// Several different versions of the same commune-year: the user chooses which to keep.
#[derive(Clone, Debug, PartialEq)]
pub struct DuplicateGroup {
    pub key: DossierKey,
    pub candidates: Vec<Candidate>,
}

/// What a merge did; nothing is dropped without being listed here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeReport {
    pub added: usize,
    /// (file, key) of dossiers identical to one already kept or read just before.
    pub identical: Vec<(String, DossierKey)>,
    /// Different versions of a commune-year, waiting for the user's choice.
    pub duplicates: Vec<DuplicateGroup>,
}

/// The dossiers a district or the province holds, one per commune-year, with their reviews.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Consolidation {
    pub entries: Vec<Entry>,
}

impl Consolidation {
    pub fn from_bundle(b: Bundle, at: &str) -> Consolidation {
        let mut c = Consolidation::default();
        let report = c.merge(
            b.into_incoming()
                .into_iter()
                .map(|i| (String::new(), i))
                .collect(),
            at,
        );
        // A stored bundle was written from a consolidation, so it holds no duplicates; keep
        // the first version if a hand-edited one does.
        for g in report.duplicates {
            c.resolve(g, 0, at);
        }
        c
    }

    pub fn to_bundle(&self) -> Bundle {
        Bundle::of(&self.entries)
    }

    pub fn position(&self, key: &DossierKey) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| DossierKey::of(&e.dossier) == *key)
    }

    fn entry_of(incoming: Incoming, hash: &str, at: &str) -> Entry {
        let mut review = incoming
            .review
            .unwrap_or_else(|| Review::received(&incoming.dossier, at));
        // A review written for other content (edited file) is reopened.
        review.observe(hash, at);
        Entry {
            dossier: incoming.dossier,
            review,
        }
    }

    /// Adds what was read (source file, dossier). New commune-years are added; versions
    /// identical to what is held are listed; different versions of the same commune-year are
    /// returned as groups to choose from (the version held stays until the choice).
    pub fn merge(&mut self, incoming: Vec<(String, Incoming)>, at: &str) -> MergeReport {
        let mut report = MergeReport::default();
        let mut groups: BTreeMap<DossierKey, Vec<Candidate>> = BTreeMap::new();
        let mut order: Vec<DossierKey> = Vec::new();
        for (source, inc) in incoming {
            let key = DossierKey::of(&inc.dossier);
            let hash = content_hash(&inc.dossier);
            let group = groups.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                match self.position(&key) {
                    Some(p) => vec![Candidate {
                        source: None,
                        entry: self.entries[p].clone(),
                        hash: self.entries[p].review.content_hash.clone(),
                    }],
                    None => Vec::new(),
                }
            });
            if group.iter().any(|c| c.hash == hash) {
                report.identical.push((source, key));
                continue;
            }
            group.push(Candidate {
                source: Some(source),
                entry: Consolidation::entry_of(inc, &hash, at),
                hash,
            });
        }
        for key in order {
            let mut cands = groups.remove(&key).expect("grouped");
            let held = cands.first().is_some_and(|c| c.source.is_none());
            match (held, cands.len()) {
                (true, 1) => {}
                (false, 1) => {
                    self.entries.push(cands.remove(0).entry);
                    report.added += 1;
                }
                _ => report.duplicates.push(DuplicateGroup {
                    key,
                    candidates: cands,
                }),
            }
        }
        report
    }

    /// Keeps candidate `keep` of a duplicate group. When it replaces the version held, the
    /// held review carries on and is reopened if the content changed.
    pub fn resolve(&mut self, group: DuplicateGroup, keep: usize, at: &str) {
        let Some(chosen) = group.candidates.into_iter().nth(keep) else {
            return;
        };
        match self.position(&group.key) {
            // the version held stays as it is
            Some(_) if chosen.source.is_none() => {}
            Some(p) => {
                let held = &mut self.entries[p];
                // The district's work on the held version carries on, unless the held version
                // was only received and the chosen one comes with a review from a bundle.
                let mut review = if held.review.kind() == StateKind::Received
                    && chosen.entry.review.kind() != StateKind::Received
                {
                    chosen.entry.review.clone()
                } else {
                    held.review.clone()
                };
                review.observe(&chosen.hash, at);
                held.dossier = chosen.entry.dossier;
                held.review = review;
            }
            None => self.entries.push(chosen.entry),
        }
    }
}

// ---- table rows ----------------------------------------------------------------------------

/// One line of the consolidated table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub key: DossierKey,
    pub unit_name: String,
    pub district_code: String,
    pub district_name: String,
    pub level: Level,
    /// (set id, met, total) in the rules' order.
    pub sets: Vec<(Text, usize, usize)>,
    pub ntm_met: usize,
    pub ntm_total: usize,
    /// Outcome of each criterion of the NTM set, in the rules' order.
    pub ntm: Vec<CriterionOutcome>,
    pub state: StateKind,
    /// The rules the commune assessed with, when they are not the active ones.
    pub other_rules: Option<RulesRef>,
}

/// The NTM criteria (code, name) that make the table's columns.
pub fn ntm_columns(rules: &Rules) -> Vec<(Text, Text)> {
    rules
        .set(NTM_SET)
        .map(|s| {
            s.criteria
                .iter()
                .map(|c| (c.code.clone(), c.name.clone()))
                .collect()
        })
        .unwrap_or_default()
}

pub fn row_of(entry: &Entry, a: &Assessment) -> Row {
    let d = &entry.dossier;
    let district_name = units::find(&d.unit.code)
        .map(|u| u.district_name.clone())
        .unwrap_or_default();
    let ntm = a.set(NTM_SET);
    Row {
        key: DossierKey::of(d),
        unit_name: d.unit.name.clone(),
        district_code: d.unit.district_code.clone(),
        district_name,
        level: a.level,
        sets: a
            .sets
            .iter()
            .map(|s| (s.id.clone(), s.met, s.total))
            .collect(),
        ntm_met: ntm.map_or(0, |s| s.met),
        ntm_total: ntm.map_or(0, |s| s.total),
        ntm: ntm
            .map(|s| s.criteria.iter().map(|c| c.outcome).collect())
            .unwrap_or_default(),
        state: entry.review.kind(),
        other_rules: d.rules.clone().filter(|r| *r != a.rules),
    }
}

/// Every entry evaluated with `rules`.
pub fn rows(c: &Consolidation, rules: &Rules) -> Vec<Row> {
    c.entries
        .iter()
        .map(|e| row_of(e, &evaluate(rules, &e.dossier)))
        .collect()
}

/// A column to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Unit,
    District,
    Year,
    Level,
    NtmMet,
    /// index of an NTM criterion
    Criterion(usize),
    State,
}

fn criterion_rank(o: Option<&CriterionOutcome>) -> u8 {
    match o {
        Some(CriterionOutcome::Dat) => 2,
        Some(CriterionOutcome::ChuaXacDinh) => 1,
        _ => 0,
    }
}

/// Compares two rows on `key`; ties fall back to commune code, then year, so the order is total.
pub fn compare(a: &Row, b: &Row, key: SortKey) -> Ordering {
    let primary = match key {
        SortKey::Unit => crate::text::nfc(&a.unit_name)
            .to_lowercase()
            .cmp(&crate::text::nfc(&b.unit_name).to_lowercase()),
        SortKey::District => a.district_code.cmp(&b.district_code),
        SortKey::Year => a.key.year.cmp(&b.key.year),
        SortKey::Level => a.level.cmp(&b.level),
        SortKey::NtmMet => a.ntm_met.cmp(&b.ntm_met),
        SortKey::Criterion(i) => criterion_rank(a.ntm.get(i)).cmp(&criterion_rank(b.ntm.get(i))),
        SortKey::State => a.state.cmp(&b.state),
    };
    primary.then_with(|| a.key.cmp(&b.key))
}

/// Indices of `rows` in order of `key` (descending when `ascending` is false).
pub fn sorted(rows: &[Row], idx: &mut [usize], key: SortKey, ascending: bool) {
    idx.sort_by(|&i, &j| {
        let o = compare(&rows[i], &rows[j], key);
        if ascending {
            o
        } else {
            o.reverse()
        }
    });
}

/// Which rows to show; `None` = all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub district: Option<String>,
    pub level: Option<Level>,
    pub year: Option<u16>,
    pub state: Option<StateKind>,
}

impl Filter {
    pub fn matches(&self, r: &Row) -> bool {
        self.district.as_ref().is_none_or(|d| *d == r.district_code)
            && self.level.is_none_or(|l| l == r.level)
            && self.year.is_none_or(|y| y == r.key.year)
            && self.state.is_none_or(|s| s == r.state)
    }
}

/// Indices of the rows that pass `filter`, in the rows' order.
pub fn filtered(rows: &[Row], filter: &Filter) -> Vec<usize> {
    (0..rows.len())
        .filter(|&i| filter.matches(&rows[i]))
        .collect()
}

/// "N hồ sơ · x đạt NTM · y nâng cao · z kiểu mẫu" — levels counted cumulatively (a kiểu mẫu
/// commune is also đạt NTM and nâng cao).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub ntm: usize,
    pub nang_cao: usize,
    pub kieu_mau: usize,
}

impl Counts {
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a Row>) -> Counts {
        let mut c = Counts::default();
        for r in rows {
            c.total += 1;
            c.ntm += usize::from(r.level >= Level::Ntm);
            c.nang_cao += usize::from(r.level >= Level::NtmNangCao);
            c.kieu_mau += usize::from(r.level >= Level::NtmKieuMau);
        }
        c
    }
    pub fn text_vi(&self) -> String {
        format!(
            "{} hồ sơ · {} đạt NTM · {} nâng cao · {} kiểu mẫu",
            self.total, self.ntm, self.nang_cao, self.kieu_mau
        )
    }
}

/// The level in a few words, for the table.
pub fn level_short_vi(l: Level) -> &'static str {
    match l {
        Level::ChuaDat => "Chưa đạt",
        Level::Ntm => "NTM",
        Level::NtmNangCao => "NTM nâng cao",
        Level::NtmKieuMau => "NTM kiểu mẫu",
    }
}

// ---- consolidated CSV ------------------------------------------------------------------------

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// For Excel: BOM, Vietnamese headers, one row per dossier (in the order given).
pub fn csv_excel<'a>(rules: &Rules, rows: impl IntoIterator<Item = &'a Row>) -> Vec<u8> {
    let cols = ntm_columns(rules);
    let reference = rules.reference();
    let mut w = csv::Writer::from_writer(BOM.to_vec());
    let mut header: Vec<String> = [
        "STT",
        "Mã xã",
        "Xã",
        "Huyện",
        "Năm",
        "Mức đạt",
        "Số tiêu chí NTM đạt",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(cols.iter().map(|(code, name)| format!("TC{code} {name}")));
    header.push("Trạng thái".into());
    header.push("Bộ tiêu chí".into());
    w.write_record(header.iter().map(|h| formula_safe(h)))
        .expect("write to memory");
    for (n, r) in rows.into_iter().enumerate() {
        let mut rec = vec![
            (n + 1).to_string(),
            r.key.unit_code.clone(),
            r.unit_name.clone(),
            r.district_name.clone(),
            r.key.year.to_string(),
            r.level.label_vi().to_string(),
            format!("{}/{}", r.ntm_met, r.ntm_total),
        ];
        rec.extend((0..cols.len()).map(|i| {
            r.ntm
                .get(i)
                .map_or("Chưa xác định", |o| o.label_vi())
                .to_string()
        }));
        rec.push(r.state.label_vi().to_string());
        let mut rules_cell = format!("{} ({})", reference.id, reference.short_hash());
        if let Some(o) = &r.other_rules {
            rules_cell.push_str(&format!(
                "; hồ sơ lập theo bộ {} ({})",
                o.id,
                o.short_hash()
            ));
        }
        rec.push(rules_cell);
        w.write_record(rec.iter().map(|c| formula_safe(c)))
            .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// For machines: no BOM, codes instead of words.
pub fn csv_plain<'a>(rules: &Rules, rows: impl IntoIterator<Item = &'a Row>) -> Vec<u8> {
    let cols = ntm_columns(rules);
    let reference = rules.reference();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "unit_code",
        "unit_name",
        "district_code",
        "year",
        "level",
        "ntm_met",
        "ntm_total",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(cols.iter().map(|(code, _)| format!("tc{code}")));
    header.extend(
        [
            "review_state",
            "rules_id",
            "rules_hash",
            "dossier_rules_hash",
        ]
        .map(String::from),
    );
    w.write_record(&header).expect("write to memory");
    for r in rows {
        let mut rec = vec![
            r.key.unit_code.clone(),
            r.unit_name.clone(),
            r.district_code.clone(),
            r.key.year.to_string(),
            r.level.code().to_string(),
            r.ntm_met.to_string(),
            r.ntm_total.to_string(),
        ];
        rec.extend((0..cols.len()).map(|i| {
            r.ntm
                .get(i)
                .map_or("chua_xac_dinh", |o| o.code())
                .to_string()
        }));
        rec.push(r.state.code().to_string());
        rec.push(reference.id.clone());
        rec.push(reference.hash.clone());
        rec.push(
            r.other_rules
                .as_ref()
                .map(|o| o.hash.clone())
                .unwrap_or_default(),
        );
        // Names come from the unit list, but a plain file is still opened in spreadsheets.
        w.write_record(rec.iter().map(|c| formula_safe(c)))
            .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// The file name of the consolidated CSV: `tong-hop-2024.csv` or `tong-hop-tat-ca.csv`.
pub fn csv_file_name(year: Option<u16>) -> String {
    match year {
        Some(y) => format!("tong-hop-{y}.csv"),
        None => "tong-hop-tat-ca.csv".into(),
    }
}
