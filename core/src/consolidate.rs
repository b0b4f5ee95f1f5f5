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
use crate::text::collation_key;
use crate::units;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

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

    /// Reads an untrusted bundle, all or nothing (the stored consolidation): every dossier is
    /// checked like a single dossier file and the first error names the entry
    /// (`dossiers[3].values.ntm.15.1`).
    pub fn parse(text: &str, rules: &Rules) -> Result<Bundle, InputError> {
        let json = BUNDLE_ENVELOPE.open(text)?;
        let root = json.as_object().expect("checked by the envelope");
        let (bundle, problems) = Bundle::read_object(root, rules)?;
        match problems.into_iter().next() {
            Some(p) => Err(p.error),
            None => Ok(bundle),
        }
    }

    /// Reads an untrusted bundle keeping what is valid: a dossier that fails its checks (or
    /// whose review does) is left out and listed, the others are kept. Only a file that is not
    /// a bundle at all (JSON, format, version, fields, `dossiers` not a list) is an `Err`.
    pub fn parse_lenient(
        text: &str,
        rules: &Rules,
    ) -> Result<(Bundle, Vec<EntryProblem>), InputError> {
        let json = BUNDLE_ENVELOPE.open(text)?;
        let root = json.as_object().expect("checked by the envelope");
        Bundle::read_object(root, rules)
    }

    fn read_object(
        root: &Map<String, Json>,
        rules: &Rules,
    ) -> Result<(Bundle, Vec<EntryProblem>), InputError> {
        BUNDLE_ENVELOPE.check(root)?;
        let list = match root.get("dossiers") {
            Some(Json::Array(a)) => a,
            Some(_) => return Err(InputError::new("dossiers", "phải là một danh sách hồ sơ")),
            None => return Err(InputError::new("dossiers", "thiếu trường bắt buộc")),
        };
        let reviews_in = match root.get("reviews") {
            None | Some(Json::Null) => None,
            Some(Json::Object(m)) => Some(m),
            Some(_) => return Err(InputError::new("reviews", "phải là một đối tượng JSON")),
        };
        let mut problems = Vec::new();
        // (position in the file, dossier) of the entries that passed their checks.
        let mut valid: Vec<(usize, Dossier)> = Vec::with_capacity(list.len());
        // Commune-years named by refused entries: their reviews go with them, unlisted.
        let mut refused_keys = std::collections::HashSet::new();
        for (i, item) in list.iter().enumerate() {
            match Dossier::parse(&item.to_string(), rules) {
                Ok(d) => valid.push((i, d)),
                Err(e) => {
                    if let Some(k) = raw_key(item) {
                        refused_keys.insert(k);
                    }
                    problems.push(EntryProblem {
                        entry: Some(i),
                        what: describe_raw(i, item),
                        error: InputError::new(entry_field(i, &e.field), e.problem),
                    });
                }
            }
        }
        // The first valid entry of each commune-year carries its review.
        let mut first: HashMap<DossierKey, usize> = HashMap::with_capacity(valid.len());
        for (n, (_, d)) in valid.iter().enumerate() {
            first.entry(DossierKey::of(d)).or_insert(n);
        }
        let mut reviews = BTreeMap::new();
        let mut bad_review = vec![false; valid.len()];
        for (id, r) in reviews_in.into_iter().flatten() {
            let path = format!("reviews.{id}");
            let what = format!("Trạng thái thẩm tra “{}”", clip(id));
            let Some(key) = DossierKey::parse_id(id) else {
                problems.push(EntryProblem {
                    entry: None,
                    what,
                    error: InputError::new(path, "khóa phải có dạng \"mã xã-năm\""),
                });
                continue;
            };
            let Some(&n) = first.get(&key) else {
                if !refused_keys.contains(&key) {
                    problems.push(EntryProblem {
                        entry: None,
                        what,
                        error: InputError::new(
                            path,
                            "không có hồ sơ nào của xã và năm này trong tệp gói",
                        ),
                    });
                }
                continue;
            };
            match serde_json::from_value::<Review>(r.clone()) {
                Ok(review) => {
                    reviews.insert(id.clone(), review);
                }
                Err(e) => {
                    // A review that cannot be read would silently lose the district's work.
                    let inner = InputError::from_serde(e);
                    let field = if inner.field.is_empty() {
                        path
                    } else {
                        format!("{path}.{}", inner.field)
                    };
                    let (i, d) = &valid[n];
                    bad_review[n] = true;
                    problems.push(EntryProblem {
                        entry: Some(*i),
                        what: describe(*i, &d.unit.name, Some(&d.unit.code), Some(d.year)),
                        error: InputError::new(field, inner.problem),
                    });
                }
            }
        }
        let dossiers = valid
            .into_iter()
            .zip(bad_review)
            .filter(|(_, bad)| !bad)
            .map(|((_, d), _)| d)
            .collect();
        // File order: entries first, then reviews that match nothing.
        problems.sort_by_key(|p| p.entry.unwrap_or(usize::MAX));
        Ok((Bundle { dossiers, reviews }, problems))
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

/// A dossier of a bundle (or a review in it) that was left out, and why; the file's other
/// dossiers are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryProblem {
    /// Index in `dossiers`, when the problem is a dossier's.
    pub entry: Option<usize>,
    /// Which one, in Vietnamese, as far as it can be read: "Hồ sơ thứ 4 — Xã Phù Vân (mã 13306),
    /// năm 2024".
    pub what: String,
    /// The field from the top of the file (`dossiers[3].values.ntm.15.1`) and the problem.
    pub error: InputError,
}

impl EntryProblem {
    /// "Hồ sơ thứ 4 — Xã Phù Vân (mã 13306), năm 2024: Trường “dossiers[3]…”: …"
    pub fn text_vi(&self) -> String {
        format!("{}: {}", self.what, self.error)
    }
}

fn entry_field(i: usize, field: &str) -> String {
    if field.is_empty() {
        format!("dossiers[{i}]")
    } else {
        format!("dossiers[{i}].{field}")
    }
}

/// Untrusted text shown back to the user, cut to a readable length.
fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(MAX).collect();
        c.push('…');
        c
    }
}

fn describe(i: usize, name: &str, code: Option<&str>, year: Option<u16>) -> String {
    let mut s = format!("Hồ sơ thứ {}", i + 1);
    let name = clip(name.trim());
    match (name.is_empty(), code) {
        (false, Some(c)) => s.push_str(&format!(" — {name} (mã {})", clip(c))),
        (false, None) => s.push_str(&format!(" — {name}")),
        (true, Some(c)) => s.push_str(&format!(" — xã mã {}", clip(c))),
        (true, None) => {}
    }
    if let Some(y) = year {
        s.push_str(&format!(", năm {y}"));
    }
    s
}

/// Position and commune of an entry that failed its checks, from whatever of it is readable.
fn describe_raw(i: usize, item: &Json) -> String {
    let unit = item.get("unit");
    let text = |k: &str| unit.and_then(|u| u.get(k)).and_then(Json::as_str);
    let year = item
        .get("year")
        .and_then(Json::as_u64)
        .and_then(|y| u16::try_from(y).ok());
    describe(i, text("name").unwrap_or(""), text("code"), year)
}

fn raw_key(item: &Json) -> Option<DossierKey> {
    let code = item.get("unit")?.get("code")?.as_str()?;
    let year = u16::try_from(item.get("year")?.as_u64()?).ok()?;
    Some(DossierKey {
        unit_code: code.trim().to_string(),
        year,
    })
}

// ---- importing many files --------------------------------------------------------------------

/// What one file gave: its valid dossiers, and the dossiers of a bundle that were left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileImport {
    pub dossiers: Vec<Incoming>,
    pub refused: Vec<EntryProblem>,
}

/// Reads one file: a single dossier or a bundle. A bundle keeps its valid dossiers and lists the
/// others; `Err` (naming the file and the field) when nothing of the file can be taken.
pub fn import_file(file_name: &str, text: &str, rules: &Rules) -> Result<FileImport, String> {
    let fail = |e: InputError| format!("{file_name}: {e}");
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json: Json = serde_json::from_str(body).map_err(|e| fail(InputError::from_json(e)))?;
    let root = json
        .as_object()
        .ok_or_else(|| fail(InputError::new("", "tệp phải là một đối tượng JSON")))?;
    match root.get("format").and_then(Json::as_str) {
        Some(BUNDLE_FORMAT) => {
            let (bundle, refused) = Bundle::read_object(root, rules).map_err(fail)?;
            Ok(FileImport {
                dossiers: bundle.into_incoming(),
                refused,
            })
        }
        Some(crate::dossier::FORMAT) => Ok(FileImport {
            dossiers: vec![Incoming {
                dossier: Dossier::parse(body, rules).map_err(fail)?,
                review: None,
            }],
            refused: Vec::new(),
        }),
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
    pub result: Result<FileImport, String>,
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

/// Versions of commune-years new to the consolidation, read by the steps of an import so far
/// (`Consolidation::stage`); `Consolidation::finish` adds them or makes them groups.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Staged {
    groups: HashMap<DossierKey, Vec<Candidate>>,
    /// Commune-years in the order first read.
    order: Vec<DossierKey>,
}

impl Staged {
    /// Versions waiting for the end of the import.
    pub fn len(&self) -> usize {
        self.groups.values().map(Vec::len).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
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
        let mut pending = Vec::new();
        let mut report = self.merge_pending(&mut pending, incoming, at);
        report.duplicates = pending;
        report
    }

    /// `merge` against the groups still waiting for a choice (`pending`): a version of one of
    /// their commune-years joins that group (or is listed as identical) instead of starting
    /// another. New groups are appended to `pending`; `report.duplicates` stays empty.
    pub fn merge_pending(
        &mut self,
        pending: &mut Vec<DuplicateGroup>,
        incoming: Vec<(String, Incoming)>,
        at: &str,
    ) -> MergeReport {
        let mut staged = Staged::default();
        let mut report = self.stage(pending, &mut staged, incoming, at);
        report.added = self.finish(pending, staged);
        report
    }

    /// One step of an import read in several steps. Versions of commune-years held or waiting
    /// join their group at once (or are listed as identical); versions of commune-years new to
    /// the consolidation wait in `staged` until `finish`, so the outcome does not depend on how
    /// the files were split into steps: a commune-year that comes in several versions never
    /// enters the table before the user's choice. Linear in what is held plus what is read.
    pub fn stage(
        &mut self,
        pending: &mut Vec<DuplicateGroup>,
        staged: &mut Staged,
        incoming: Vec<(String, Incoming)>,
        at: &str,
    ) -> MergeReport {
        let mut report = MergeReport::default();
        let mut held: HashMap<DossierKey, usize> = HashMap::new();
        if !incoming.is_empty() {
            held.reserve(self.entries.len());
            for (p, e) in self.entries.iter().enumerate() {
                held.entry(DossierKey::of(&e.dossier)).or_insert(p);
            }
        }
        let mut waiting: HashMap<DossierKey, usize> = pending
            .iter()
            .enumerate()
            .map(|(g, group)| (group.key.clone(), g))
            .collect();
        for (source, inc) in incoming {
            let key = DossierKey::of(&inc.dossier);
            let hash = content_hash(&inc.dossier);
            let group = if let Some(&g) = waiting.get(&key) {
                &mut pending[g].candidates
            } else if let Some(&p) = held.get(&key) {
                if self.entries[p].review.content_hash == hash {
                    report.identical.push((source, key));
                    continue;
                }
                waiting.insert(key.clone(), pending.len());
                pending.push(DuplicateGroup {
                    key: key.clone(),
                    candidates: vec![Candidate {
                        source: None,
                        entry: self.entries[p].clone(),
                        hash: self.entries[p].review.content_hash.clone(),
                    }],
                });
                &mut pending.last_mut().expect("just pushed").candidates
            } else {
                let Staged { groups, order } = staged;
                groups.entry(key.clone()).or_insert_with(|| {
                    order.push(key.clone());
                    Vec::new()
                })
            };
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
        report
    }

    /// Ends an import: commune-years that came in one version are added (in the order first
    /// read), the others become groups in `pending`. Returns how many were added.
    pub fn finish(&mut self, pending: &mut Vec<DuplicateGroup>, staged: Staged) -> usize {
        let Staged { mut groups, order } = staged;
        let mut added = 0;
        for key in order {
            let mut cands = groups.remove(&key).expect("staged");
            if cands.len() == 1 {
                self.entries.push(cands.remove(0).entry);
                added += 1;
            } else {
                pending.push(DuplicateGroup {
                    key,
                    candidates: cands,
                });
            }
        }
        added
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

// ---- pending choices, kept between sessions ----------------------------------------------

pub const PENDING_FORMAT: &str = "chung-suc/pending";
pub const PENDING_VERSION: u32 = 1;

const PENDING_ENVELOPE: Envelope = Envelope {
    format: PENDING_FORMAT,
    version: PENDING_VERSION,
    what: "danh sách bản chờ chọn",
    fields: Some(&["format", "version", "groups"]),
};

#[derive(Serialize)]
struct PendingCandidateOut<'a> {
    source: &'a str,
    review: &'a Review,
    dossier: &'a Dossier,
}

#[derive(Serialize)]
struct PendingGroupOut<'a> {
    key: String,
    candidates: Vec<PendingCandidateOut<'a>>,
}

/// The groups still waiting for a choice as JSON text, to keep with the consolidation between
/// sessions. The version held is not repeated (it is in the consolidation). Groups are written
/// in order while the text stays within `budget` bytes (browser storage is small); returns the
/// text and how many groups it holds.
pub fn pending_to_json(groups: &[DuplicateGroup], budget: usize) -> (String, usize) {
    let mut out =
        format!("{{\"format\":\"{PENDING_FORMAT}\",\"version\":{PENDING_VERSION},\"groups\":[");
    let mut written = 0;
    for g in groups {
        let record = PendingGroupOut {
            key: g.key.id(),
            candidates: g
                .candidates
                .iter()
                .filter_map(|c| {
                    c.source.as_deref().map(|source| PendingCandidateOut {
                        source,
                        review: &c.entry.review,
                        dossier: &c.entry.dossier,
                    })
                })
                .collect(),
        };
        let text = serde_json::to_string(&record).expect("pending group serialises");
        if out.len() + text.len() + 3 > budget {
            break;
        }
        if written > 0 {
            out.push(',');
        }
        out.push_str(&text);
        written += 1;
    }
    out.push_str("]}");
    (out, written)
}

/// Pending groups read back, and the versions left out with the file each came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PendingRead {
    pub groups: Vec<DuplicateGroup>,
    pub dropped: Vec<(String, EntryProblem)>,
}

/// Reads pending groups back for consolidation `c`. A version that no longer passes the checks
/// (the rules changed) is left out and returned with the file it came from; the version held is
/// taken from `c` as it is now.
pub fn pending_from_json(
    text: &str,
    rules: &Rules,
    c: &Consolidation,
    at: &str,
) -> Result<PendingRead, InputError> {
    let json = PENDING_ENVELOPE.open(text)?;
    let groups_in = match json.get("groups") {
        Some(Json::Array(a)) => a,
        _ => return Err(InputError::new("groups", "phải là một danh sách")),
    };
    let held: HashMap<DossierKey, usize> = c
        .entries
        .iter()
        .enumerate()
        .map(|(p, e)| (DossierKey::of(&e.dossier), p))
        .collect();
    let mut groups: Vec<DuplicateGroup> = Vec::new();
    let mut problems = Vec::new();
    for (gi, g) in groups_in.iter().enumerate() {
        let Some(key) = g
            .get("key")
            .and_then(Json::as_str)
            .and_then(DossierKey::parse_id)
        else {
            problems.push((
                String::new(),
                EntryProblem {
                    entry: None,
                    what: format!("Nhóm bản chờ chọn thứ {}", gi + 1),
                    error: InputError::new(
                        format!("groups[{gi}].key"),
                        "khóa phải có dạng \"mã xã-năm\"",
                    ),
                },
            ));
            continue;
        };
        if groups.iter().any(|x| x.key == key) {
            continue;
        }
        let mut candidates: Vec<Candidate> = Vec::new();
        if let Some(&p) = held.get(&key) {
            candidates.push(Candidate {
                source: None,
                entry: c.entries[p].clone(),
                hash: c.entries[p].review.content_hash.clone(),
            });
        }
        let list = g.get("candidates").and_then(Json::as_array);
        for (ci, item) in list.into_iter().flatten().enumerate() {
            let source = item
                .get("source")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_string();
            let read = Dossier::parse(
                &item
                    .get("dossier")
                    .cloned()
                    .unwrap_or(Json::Null)
                    .to_string(),
                rules,
            )
            .map_err(|e| {
                let field = if e.field.is_empty() {
                    "dossier".to_string()
                } else {
                    format!("dossier.{}", e.field)
                };
                InputError::new(field, e.problem)
            })
            .and_then(|d| {
                let review = item.get("review").cloned().unwrap_or(Json::Null);
                serde_json::from_value::<Review>(review)
                    .map(|r| (d, r))
                    .map_err(|e| {
                        let inner = InputError::from_serde(e);
                        InputError::new(format!("review.{}", inner.field), inner.problem)
                    })
            });
            match read {
                Ok((dossier, mut review)) if DossierKey::of(&dossier) == key => {
                    let hash = content_hash(&dossier);
                    review.observe(&hash, at);
                    if candidates.iter().all(|x| x.hash != hash) {
                        candidates.push(Candidate {
                            source: Some(source),
                            entry: Entry { dossier, review },
                            hash,
                        });
                    }
                }
                other => {
                    let error = match other {
                        Err(e) => e,
                        Ok(_) => InputError::new("dossier.unit", "không thuộc xã và năm của nhóm"),
                    };
                    problems.push((
                        source,
                        EntryProblem {
                            entry: None,
                            what: format!(
                                "Bản chờ chọn thứ {} của xã mã {} năm {} (không còn đọc được với bộ tiêu chí đang dùng)",
                                ci + 1,
                                key.unit_code,
                                key.year
                            ),
                            error,
                        },
                    ));
                }
            }
        }
        // Nothing left to choose between: the version held (if any) simply stays.
        if candidates.len() > 1 {
            groups.push(DuplicateGroup { key, candidates });
        } else if let (Some(only), false) = (candidates.pop(), held.contains_key(&key)) {
            // A lone new version is still the user's to accept: it stays offered.
            groups.push(DuplicateGroup {
                key,
                candidates: vec![only],
            });
        }
    }
    Ok(PendingRead {
        groups,
        dropped: problems,
    })
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
/// Names compare in Vietnamese order (`text::collation_key`).
pub fn compare(a: &Row, b: &Row, key: SortKey) -> Ordering {
    let primary = match key {
        SortKey::Unit => collation_key(&a.unit_name).cmp(&collation_key(&b.unit_name)),
        SortKey::District => collation_key(&a.district_name)
            .cmp(&collation_key(&b.district_name))
            .then_with(|| a.district_code.cmp(&b.district_code)),
        SortKey::Year => a.key.year.cmp(&b.key.year),
        SortKey::Level => a.level.cmp(&b.level),
        SortKey::NtmMet => a.ntm_met.cmp(&b.ntm_met),
        SortKey::Criterion(i) => criterion_rank(a.ntm.get(i)).cmp(&criterion_rank(b.ntm.get(i))),
        SortKey::State => a.state.cmp(&b.state),
    };
    primary.then_with(|| a.key.cmp(&b.key))
}

/// Indices of `rows` in order of `key` (descending when `ascending` is false). Name keys are
/// computed once per row, not once per comparison: 10 000 rows sort in a few milliseconds.
pub fn sorted(rows: &[Row], idx: &mut [usize], key: SortKey, ascending: bool) {
    let name: Option<fn(&Row) -> &str> = match key {
        SortKey::Unit => Some(|r| &r.unit_name),
        SortKey::District => Some(|r| &r.district_name),
        _ => None,
    };
    let order = |o: Ordering| if ascending { o } else { o.reverse() };
    match name {
        Some(name) => {
            let mut keyed: Vec<(Vec<u32>, usize)> = idx
                .iter()
                .map(|&i| (collation_key(name(&rows[i])), i))
                .collect();
            keyed.sort_by(|(ka, i), (kb, j)| {
                let (a, b) = (&rows[*i], &rows[*j]);
                // The same ties as `compare`.
                let tie = match key {
                    SortKey::District => a.district_code.cmp(&b.district_code),
                    _ => Ordering::Equal,
                };
                order(ka.cmp(kb).then(tie).then_with(|| a.key.cmp(&b.key)))
            });
            for (slot, (_, i)) in idx.iter_mut().zip(keyed) {
                *slot = i;
            }
        }
        None => idx.sort_by(|&i, &j| order(compare(&rows[i], &rows[j], key))),
    }
}

/// The province's districts (code, name) in Vietnamese alphabetical order of their names.
pub fn districts_by_name() -> Vec<(&'static str, &'static str)> {
    let mut d = units::districts();
    d.sort_by_cached_key(|(code, name)| (collation_key(name), *code));
    d
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
