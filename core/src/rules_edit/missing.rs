//! "Ngưỡng còn thiếu": the indicators with no threshold in force for a year, and filling them in
//! one sitting, each with the document that sets it.

use super::*;

/// An indicator of the active rules with no threshold for the year asked.
#[derive(Clone, Debug, PartialEq)]
pub struct Missing {
    pub set: String,
    pub crit: String,
    pub code: String,
    pub name: String,
    pub kind: Kind,
    pub comparison: Comparison,
    pub unit: Option<String>,
}

/// Every indicator, in the rules' order, whose threshold for `year` is unknown.
pub fn missing_thresholds(rules: &Rules, year: u16) -> Vec<Missing> {
    rules
        .sets
        .iter()
        .flat_map(|s| s.indicators().map(move |(c, i)| (s, c, i)))
        .filter(|(_, _, i)| normalize(i.threshold_for(year)).is_none())
        .map(|(s, c, i)| Missing {
            set: s.id.to_string(),
            crit: c.code.to_string(),
            code: i.code.to_string(),
            name: i.name.to_string(),
            kind: i.kind,
            comparison: i.comparison,
            unit: i.unit.as_deref().map(str::to_string),
        })
        .collect()
}

/// One row of the form as typed: the value already read by the input kernel.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub set: String,
    pub crit: String,
    pub code: String,
    /// `Fixed` for a number, `Flag` for a yes/no indicator; `None`: left blank.
    pub value: Option<Threshold>,
    pub source: Source,
}

impl Entry {
    /// A row with nothing typed is skipped, not refused.
    pub fn is_blank(&self) -> bool {
        self.value.is_none()
            && self.source.document.trim().is_empty()
            && self.source.date.is_none()
            && self
                .source
                .annex
                .as_deref()
                .is_none_or(|a| a.trim().is_empty())
    }
}

/// A problem with one row, naming the row and the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub set: String,
    pub code: String,
    pub field: Field,
    /// "Chỉ tiêu 2.1 (NTM) — Văn bản căn cứ: bắt buộc khi có ngưỡng…".
    pub message: String,
}

impl RowError {
    pub fn new(rules: &Rules, set: &str, code: &str, e: FieldError) -> Self {
        RowError {
            set: set.to_string(),
            code: code.to_string(),
            field: e.field,
            message: format!(
                "Chỉ tiêu {} ({}) — {}",
                crate::text::shown_code(code),
                set_short_name(rules, set),
                e.message
            ),
        }
    }
}

/// The status an official's entry gets: "verified" only when it names a numbered document and
/// its date (the version that sets the number can be found again); otherwise "unverified".
pub fn entry_status(source: &Source) -> Status {
    let numbered = source.document.chars().any(|c| c.is_ascii_digit());
    if numbered && source.date.is_some() {
        Status::Verified
    } else {
        Status::Unverified
    }
}

/// Why `entry_status` gave what it gave, for the form.
pub fn entry_status_reason(source: &Source) -> &'static str {
    if entry_status(source) == Status::Verified {
        "có số hiệu và ngày ban hành của văn bản"
    } else if source.document.trim().is_empty() {
        "chưa ghi văn bản căn cứ"
    } else if !source.document.chars().any(|c| c.is_ascii_digit()) {
        "văn bản chưa ghi số hiệu"
    } else {
        "chưa ghi ngày ban hành của văn bản"
    }
}

/// Puts every filled row into `file` (the province's patch over `base`) as the threshold for
/// `year`, with its document and status; nothing is put when any row is refused.
/// Returns how many thresholds were put.
pub fn fill_missing(
    file: &mut RulesFile,
    base: &Rules,
    active: &Rules,
    year: u16,
    entries: &[Entry],
) -> Result<usize, Vec<RowError>> {
    let mut out = file.clone();
    let mut errs = Vec::new();
    let mut put = 0;
    for e in entries.iter().filter(|e| !e.is_blank()) {
        let row = |fe: FieldError| RowError::new(active, &e.set, &e.code, fe);
        let Some(ind) = find_indicator(active, &e.set, &e.crit, &e.code) else {
            errs.push(row(FieldError::new(
                Field::Entry,
                "không còn trong bộ tiêu chí",
            )));
            continue;
        };
        let Some(value) = &e.value else {
            errs.push(row(FieldError::new(
                Field::Threshold,
                "chưa nhập — nhập ngưỡng, hoặc xóa văn bản căn cứ nếu chưa có ngưỡng",
            )));
            continue;
        };
        if let Threshold::Fixed(v) = value {
            if let Err(p) = check_number(ind.kind, *v) {
                errs.push(row(FieldError::new(Field::Threshold, p)));
                continue;
            }
        }
        let mut form = IndicatorForm::from_indicator(ind);
        form.threshold = Some(match value {
            Threshold::Fixed(v) => {
                // Only the year asked: the other years keep what they had.
                let mut years = match normalize(ind.threshold.as_ref()) {
                    Some(Threshold::ByYear(m)) => m,
                    _ => BTreeMap::new(),
                };
                years.insert(year, Some(*v));
                Threshold::ByYear(years)
            }
            other => other.clone(),
        });
        form.source = e.source.clone();
        // The official vouches for the value, not for the indicator: only its threshold status moves.
        form.threshold_status = entry_status(&clean_source(&e.source));
        let found = check_form(base, active, &e.set, &e.crit, &form, false);
        if !found.is_empty() {
            errs.extend(found.into_iter().map(row));
            continue;
        }
        put_indicator(&mut out, base, &e.set, &e.crit, &form);
        put += 1;
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    *file = out;
    Ok(put)
}
