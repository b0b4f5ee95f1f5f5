//! Choices the user has not made yet, kept between sessions.

use super::*;

pub const PENDING_FORMAT: &str = "chung-suc/pending";
pub const PENDING_VERSION: u32 = 1;

pub(super) const PENDING_ENVELOPE: Envelope = Envelope {
    format: PENDING_FORMAT,
    version: PENDING_VERSION,
    what: "danh sách bản chờ chọn",
    fields: Some(&["format", "version", "groups"]),
};

#[derive(Serialize)]
pub(super) struct PendingCandidateOut<'a> {
    source: &'a str,
    review: &'a Review,
    dossier: crate::dossier::FileForm<'a>,
}

#[derive(Serialize)]
pub(super) struct PendingGroupOut<'a> {
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
                        dossier: c.entry.dossier.file_form(),
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
                        FieldPath::from("groups").index(gi).field("key"),
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
            .map_err(|e| e.within(FieldPath::from("dossier")))
            .and_then(|d| {
                let review = item.get("review").cloned().unwrap_or(Json::Null);
                serde_json::from_value::<Review>(review)
                    .map(|r| (d, r))
                    .map_err(|e| {
                        let inner = InputError::from_serde(e);
                        // Always a named step, as before: an unnamed serde field still reads `review.`.
                        let field = FieldPath::from("review").field(inner.field.as_str());
                        InputError::new(field, inner.problem)
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
                        Ok(_) => InputError::new(
                            FieldPath::from("dossier").field("unit"),
                            "không thuộc xã và năm của nhóm",
                        ),
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
