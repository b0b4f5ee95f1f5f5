//! The bundle file: dossiers with their reviews, written and read back.

use super::*;

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
pub(super) struct BundleOut<'a> {
    format: &'static str,
    version: u32,
    dossiers: Vec<crate::dossier::FileForm<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    reviews: &'a BTreeMap<String, Review>,
}

impl Bundle {
    /// Canonical JSON: fixed key order, two-space indent, final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&BundleOut {
            format: BUNDLE_FORMAT,
            version: BUNDLE_VERSION,
            dossiers: self.dossiers.iter().map(Dossier::file_form).collect(),
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

    pub(super) fn read_object(
        root: &Map<String, Json>,
        rules: &Rules,
    ) -> Result<(Bundle, Vec<EntryProblem>), InputError> {
        Bundle::read_noted(root, rules, &mut Vec::new())
    }

    /// `read_object`, adding to `remarks` what each kept dossier was accepted with
    /// ("Hồ sơ thứ 2 — Xã …: …", see `Read::remarks`).
    pub(super) fn read_noted(
        root: &Map<String, Json>,
        rules: &Rules,
        remarks: &mut Vec<String>,
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
            match Dossier::read(&item.to_string(), rules) {
                Ok(read) => {
                    let d = &read.dossier;
                    let what = describe(i, &d.unit.name, Some(&d.unit.code), Some(d.year));
                    remarks.extend(read.remarks(rules).iter().map(|r| format!("{what}: {r}")));
                    valid.push((i, read.dossier));
                }
                Err(e) => {
                    if let Some(k) = raw_key(item) {
                        refused_keys.insert(k);
                    }
                    problems.push(EntryProblem {
                        entry: Some(i),
                        what: describe_raw(i, item),
                        error: e.within(FieldPath::from("dossiers").index(i)),
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
            let path = FieldPath::from("reviews").field(id);
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
                    let field = path.join(&inner.field);
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

/// Untrusted text shown back to the user, cut to a readable length.
pub(super) fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(MAX).collect();
        c.push('…');
        c
    }
}

pub(super) fn describe(i: usize, name: &str, code: Option<&str>, year: Option<u16>) -> String {
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
pub(super) fn describe_raw(i: usize, item: &Json) -> String {
    let unit = item.get("unit");
    let text = |k: &str| unit.and_then(|u| u.get(k)).and_then(Json::as_str);
    let year = item
        .get("year")
        .and_then(Json::as_u64)
        .and_then(|y| u16::try_from(y).ok());
    describe(i, text("name").unwrap_or(""), text("code"), year)
}

pub(super) fn raw_key(item: &Json) -> Option<DossierKey> {
    let code = item.get("unit")?.get("code")?.as_str()?;
    let year = u16::try_from(item.get("year")?.as_u64()?).ok()?;
    Some(DossierKey {
        unit_code: code.trim().to_string(),
        year,
    })
}
