//! Importing many files at once: what each gave and what it left out.

use super::*;
use crate::dossier::{Read, Reader};
use crate::tree::Tree;

/// What one file gave: its valid dossiers, the dossiers of a bundle that were left out, and
/// what the kept ones were accepted with (a name written another way, values kept unevaluated).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileImport {
    pub dossiers: Vec<Incoming>,
    pub refused: Vec<EntryProblem>,
    pub remarks: Vec<String>,
}

/// Reads one file: a single dossier or a bundle. A bundle keeps its valid dossiers and lists the
/// others; `Err` (naming the file and the field) when nothing of the file can be taken.
pub fn import_file(file_name: &str, text: &str, rules: &Rules) -> Result<FileImport, String> {
    import_file_with(&Reader::new(rules), file_name, text)
}

/// [`import_file`] with one [`Reader`] held over many files, so the rules' indicators are
/// indexed once, not once per file.
pub fn import_file_with(
    reader: &Reader,
    file_name: &str,
    text: &str,
) -> Result<FileImport, String> {
    let rules = reader.rules();
    let fail = |e: InputError| format!("{file_name}: {e}");
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A plain dossier file (nearly every file) is read in one pass.
    if let Some(read) = reader.read_stream(body) {
        return Ok(file_of(read, reader));
    }
    // A single dossier (most files) is parsed once and read from that tree; anything else
    // (a bundle, broken JSON, another format) takes the path below, with its messages.
    if let Ok(tree) = crate::envelope::parse_tree(body) {
        let format = tree.as_object().and_then(|o| o.get("format"));
        if format.and_then(Tree::as_str) == Some(crate::dossier::FORMAT) {
            return dossier_tree(tree, reader).map_err(fail);
        }
    }
    let json = crate::envelope::read_json(body).map_err(fail)?;
    let root = json
        .as_object()
        .ok_or_else(|| fail(InputError::new("", "tệp phải là một đối tượng JSON")))?;
    match root.get("format").and_then(Json::as_str) {
        Some(BUNDLE_FORMAT) => {
            let mut remarks = Vec::new();
            let (bundle, refused) =
                Bundle::read_noted(root, rules, &mut remarks).map_err(fail)?;
            Ok(FileImport {
                dossiers: bundle.into_incoming(),
                refused,
                remarks,
            })
        }
        Some(crate::dossier::FORMAT) => dossier_file(body, reader).map_err(fail),
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

/// A file holding one dossier.
fn dossier_file(body: &str, reader: &Reader) -> Result<FileImport, InputError> {
    dossier_tree(crate::envelope::parse_tree(body)?, reader)
}

/// A file holding one dossier, parsed.
fn dossier_tree(tree: Tree, reader: &Reader) -> Result<FileImport, InputError> {
    Ok(file_of(reader.read_tree(tree)?, reader))
}

/// What a file holding one dossier gave.
fn file_of(read: Read, reader: &Reader) -> FileImport {
    FileImport {
        remarks: read.remarks(reader.rules()),
        dossiers: vec![Incoming {
            dossier: read.dossier,
            review: None,
        }],
        refused: Vec::new(),
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
    let reader = Reader::new(rules);
    files
        .into_iter()
        .map(|(name, text)| FileResult {
            file: name.to_string(),
            result: import_file_with(&reader, name, text),
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

/// How each version of a group differs from the others, so an official can tell versions apart
/// (two files may have the same name): per candidate, its values where the versions do not all
/// agree ("15.1: 96,2 %", "15.1: chưa nhập"), at most `max`, and how many more there are.
pub fn differences(g: &DuplicateGroup, rules: &Rules, max: usize) -> Vec<(Vec<String>, usize)> {
    use crate::dossier::kept_value_text;
    // Every (set, code) any version holds, known values and kept ones alike.
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for c in &g.candidates {
        let d = &c.entry.dossier;
        for (set, codes) in d.values.iter() {
            keys.extend(codes.keys().map(|k| (set.as_str(), &**k)));
        }
        for (set, codes) in d.unknown.values.iter() {
            keys.extend(codes.keys().map(|k| (set.as_str(), k.as_str())));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let text = |d: &Dossier, set: &str, code: &str| -> String {
        if let Some(v) = d.value(set, code) {
            let kind = rules
                .set(set)
                .and_then(|s| s.indicator(code))
                .map(|i| i.kind);
            return match kind {
                Some(k) => k.format_value(v, None),
                None => crate::rules::Kind::Number.format_value(v, None),
            };
        }
        match d.unknown.values.get(set).and_then(|m| m.get(code)) {
            Some(v) => kept_value_text(v),
            None => "chưa nhập".into(),
        }
    };
    let differing: Vec<(&str, &str)> = keys
        .into_iter()
        .filter(|(set, code)| {
            let mut seen = g
                .candidates
                .iter()
                .map(|c| text(&c.entry.dossier, set, code));
            let first = seen.next();
            seen.any(|t| Some(t) != first)
        })
        .collect();
    // A code in two sets ("14.1") is named with its set.
    let named = |set: &str, code: &str| {
        let twice = differing.iter().filter(|(_, c)| *c == code).count() > 1;
        match (twice, rules.set(set)) {
            (true, Some(s)) => format!("{code} ({})", s.title),
            (true, None) => format!("{code} (bộ “{set}”)"),
            (false, _) => code.to_string(),
        }
    };
    g.candidates
        .iter()
        .map(|c| {
            let shown = differing
                .iter()
                .take(max)
                .map(|(set, code)| {
                    format!(
                        "{}: {}",
                        named(set, code),
                        text(&c.entry.dossier, set, code)
                    )
                })
                .collect();
            (shown, differing.len().saturating_sub(max))
        })
        .collect()
}
