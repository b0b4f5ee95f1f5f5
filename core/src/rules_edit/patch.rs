//! Patch operations of the editor: put, remove, rename, undo one change.

use super::*;

pub(super) fn set_patch<'a>(file: &'a mut RulesFile, set: &str) -> &'a mut SetPatch {
    let i = match file.sets.iter().position(|s| s.id == set) {
        Some(i) => i,
        None => {
            file.sets.push(SetPatch {
                id: set.to_string(),
                ..SetPatch::default()
            });
            file.sets.len() - 1
        }
    };
    &mut file.sets[i]
}

pub(super) fn criterion_patch<'a>(
    file: &'a mut RulesFile,
    set: &str,
    crit: &str,
) -> &'a mut CriterionPatch {
    let sp = set_patch(file, set);
    let i = match sp.criteria.iter().position(|c| c.code == crit) {
        Some(i) => i,
        None => {
            sp.criteria.push(CriterionPatch {
                code: crit.to_string(),
                ..CriterionPatch::default()
            });
            sp.criteria.len() - 1
        }
    };
    &mut sp.criteria[i]
}

pub(super) fn indicator_is_empty(p: &IndicatorPatch) -> bool {
    !p.remove
        && p.name.is_none()
        && p.kind.is_none()
        && p.comparison.is_none()
        && p.threshold.is_none()
        && p.unit.is_none()
        && p.input.is_none()
        && p.source.is_none()
        && p.status.is_none()
        && p.threshold_status.is_none()
        && p.note.is_none()
}

pub(super) fn target_is_empty(p: &TargetPatch) -> bool {
    p.name.is_none()
        && p.measure.is_none()
        && p.kind.is_none()
        && p.comparison.is_none()
        && p.threshold.is_none()
        && p.upper.is_none()
        && p.unit.is_none()
        && p.source.is_none()
        && p.status.is_none()
        && p.note.is_none()
}

/// Drops entries that no longer change anything.
pub fn prune(file: &mut RulesFile) {
    for sp in &mut file.sets {
        for cp in &mut sp.criteria {
            cp.indicators.retain(|i| !indicator_is_empty(i));
        }
        sp.criteria.retain(|c| {
            !c.indicators.is_empty()
                || c.name.is_some()
                || c.group.is_some()
                || c.status.is_some()
                || c.note.is_some()
        });
    }
    file.sets.retain(|s| {
        !s.criteria.is_empty() || s.title.is_some() || s.source.is_some() || s.note.is_some()
    });
    file.targets.retain(|t| !target_is_empty(t));
}

pub(super) fn find_indicator<'a>(
    rules: &'a Rules,
    set: &str,
    crit: &str,
    code: &str,
) -> Option<&'a Indicator> {
    rules
        .set(set)?
        .criteria
        .iter()
        .find(|c| *c.code == *crit)?
        .indicators
        .iter()
        .find(|i| *i.code == *code)
        .map(|i| &**i)
}

/// An indicator as the editor's form holds it, numbers already parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorForm {
    pub code: String,
    pub name: String,
    pub kind: Kind,
    pub comparison: Comparison,
    pub threshold: Option<Threshold>,
    pub unit: String,
    pub source: Source,
    /// How far the indicator itself (its existence, code, wording) was checked.
    pub status: Status,
    /// How far the threshold value was checked.
    pub threshold_status: Status,
    pub note: String,
}

impl IndicatorForm {
    /// The form filled in from an indicator of the active rules.
    pub fn from_indicator(ind: &Indicator) -> IndicatorForm {
        IndicatorForm {
            code: ind.code.to_string(),
            name: ind.name.to_string(),
            kind: ind.kind,
            comparison: ind.comparison,
            threshold: normalize(ind.threshold.as_ref()),
            unit: ind.unit.as_deref().unwrap_or_default().to_string(),
            source: (*ind.source).clone(),
            status: ind.status,
            threshold_status: ind.threshold_checked(),
            note: ind.note.as_deref().unwrap_or_default().to_string(),
        }
    }
}

pub(super) fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 20
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// The editor's own checks before the core's: the code of a new indicator is new in its set, a
/// name is given, and every threshold says which document it comes from.
pub fn check_form(
    base: &Rules,
    active: &Rules,
    set: &str,
    crit: &str,
    form: &IndicatorForm,
    adding: bool,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let code = form.code.trim();
    if adding {
        if !is_code(code) {
            errs.push(FieldError::new(
                Field::Code,
                "chỉ dùng chữ không dấu, số, dấu chấm, gạch ngang (tối đa 20 ký tự), ví dụ 1.1",
            ));
        } else if active.set(set).and_then(|s| s.indicator(code)).is_some() {
            errs.push(FieldError::new(
                Field::Code,
                format!("chỉ tiêu {code} đã có trong bộ này"),
            ));
        }
    }
    if form.name.trim().is_empty() {
        errs.push(FieldError::new(Field::Name, "không được để trống"));
    }
    if form.kind != Kind::Boolean && form.comparison == Comparison::Equals {
        errs.push(FieldError::new(
            Field::Comparison,
            "chỉ tiêu số phải dùng ≥ hoặc ≤",
        ));
    }
    let threshold = normalize(form.threshold.as_ref());
    if threshold.is_some() {
        let base_ind = find_indicator(base, set, crit, code);
        let doc = form.source.document.trim();
        if doc.is_empty() {
            errs.push(FieldError::new(
                Field::Source,
                "bắt buộc khi có ngưỡng — ghi văn bản quy định ngưỡng (số hiệu, cơ quan ban hành)",
            ));
        } else if let Some(b) = base_ind {
            // A new number needs its own document, not the one that did not give it.
            let changed = normalize(b.threshold.as_ref()) != threshold;
            if changed && *b.source == form.source {
                errs.push(FieldError::new(
                    Field::Source,
                    "ngưỡng đã đổi so với bộ gốc — ghi văn bản quy định ngưỡng mới (văn bản đang ghi là căn cứ của bộ gốc)",
                ));
            }
        }
    }
    if let Some(u) = &form.source.url {
        let u = u.trim();
        if !(u.is_empty() || u.starts_with("https://") || u.starts_with("http://")) {
            errs.push(FieldError::new(
                Field::SourceUrl,
                "phải bắt đầu bằng https:// hoặc http://",
            ));
        }
    }
    if let Some(Threshold::ByYear(m)) = &threshold {
        for y in m.keys() {
            if *y < active.years.from || *y > active.years.to {
                errs.push(FieldError::new(
                    Field::Threshold,
                    format!(
                        "năm {y} ngoài giai đoạn {}–{}",
                        active.years.from, active.years.to
                    ),
                ));
            }
        }
    }
    errs
}

pub(super) fn trimmed(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

pub(super) fn clean_source(s: &Source) -> Source {
    Source {
        document: s.document.trim().to_string(),
        annex: s.annex.as_deref().and_then(trimmed),
        date: s.date.as_deref().and_then(trimmed),
        url: s.url.as_deref().and_then(trimmed),
    }
}

/// Puts the form into the patch: for a built-in indicator only the fields that differ from the
/// built-in one (a field set back to the built-in value leaves the patch); for a new one, all.
/// Fields the form does not show (`input`) are kept as the patch had them.
pub fn put_indicator(
    file: &mut RulesFile,
    base: &Rules,
    set: &str,
    crit: &str,
    form: &IndicatorForm,
) {
    let code = form.code.trim().to_string();
    let source = clean_source(&form.source);
    let unit = trimmed(&form.unit);
    let note = trimmed(&form.note);
    let threshold = normalize(form.threshold.as_ref());
    let cp = criterion_patch(file, set, crit);
    let i = match cp.indicators.iter().position(|i| i.code == code) {
        Some(i) => i,
        None => {
            cp.indicators.push(IndicatorPatch {
                code: code.clone(),
                ..IndicatorPatch::default()
            });
            cp.indicators.len() - 1
        }
    };
    let p = &mut cp.indicators[i];
    p.remove = false;
    match find_indicator(base, set, crit, &code) {
        Some(b) => {
            fn diff<T: PartialEq>(new: T, old: T) -> Option<T> {
                (new != old).then_some(new)
            }
            p.name = diff(form.name.trim().to_string(), b.name.to_string());
            p.kind = diff(form.kind, b.kind);
            p.comparison = diff(form.comparison, b.comparison);
            p.threshold = if threshold == normalize(b.threshold.as_ref()) {
                None
            } else {
                // "No threshold" over a built-in one: every year without a number.
                Some(threshold.unwrap_or_else(|| {
                    Threshold::ByYear(
                        (base.years.from..=base.years.to)
                            .map(|y| (y, None))
                            .collect(),
                    )
                }))
            };
            p.unit = match (&unit, b.unit.as_deref()) {
                (None, None) => None,
                (Some(u), Some(o)) if u == o => None,
                (u, _) => Some(u.clone().unwrap_or_default()),
            };
            // No document typed: the built-in source stays.
            p.source = if source.document.is_empty() {
                None
            } else {
                diff(source, (*b.source).clone())
            };
            p.status = diff(form.status, b.status);
            // A changed threshold always says how far it was checked (the file rule: unsaid is
            // unverified); an unchanged one only when the form changed it.
            p.threshold_status = if p.threshold.is_some() {
                Some(form.threshold_status)
            } else {
                diff(form.threshold_status, b.threshold_checked())
            };
            p.note = match (&note, b.note.as_deref()) {
                (None, None) => None,
                (Some(n), Some(o)) if n == o => None,
                (n, _) => Some(n.clone().unwrap_or_default()),
            };
        }
        None => {
            p.name = Some(form.name.trim().to_string());
            p.kind = Some(form.kind);
            p.comparison = Some(form.comparison);
            p.threshold = threshold;
            p.unit = unit;
            p.source = (!source.document.is_empty()).then_some(source);
            p.status = Some(form.status);
            p.threshold_status =
                (form.threshold_status != form.status).then_some(form.threshold_status);
            p.note = note;
        }
    }
    prune(file);
}

/// Removes an indicator: a built-in one is marked `remove`, one the patch added leaves the patch.
pub fn remove_indicator(file: &mut RulesFile, base: &Rules, set: &str, crit: &str, code: &str) {
    let built_in = find_indicator(base, set, crit, code).is_some();
    let cp = criterion_patch(file, set, crit);
    cp.indicators.retain(|i| i.code != code);
    if built_in {
        cp.indicators.push(IndicatorPatch {
            code: code.to_string(),
            remove: true,
            ..IndicatorPatch::default()
        });
    }
    prune(file);
}

/// Renames a criterion (back to the built-in name: the rename leaves the patch).
pub fn rename_criterion(file: &mut RulesFile, base: &Rules, set: &str, crit: &str, name: &str) {
    let name = name.trim().to_string();
    let base_name = base
        .set(set)
        .and_then(|s| s.criteria.iter().find(|c| *c.code == *crit))
        .map(|c| c.name.to_string());
    let cp = criterion_patch(file, set, crit);
    cp.name = match base_name {
        Some(b) if b == name => None,
        _ => Some(name),
    };
    prune(file);
}

/// A movement target as the editor's form holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetForm {
    pub id: String,
    pub threshold: Option<f64>,
    pub upper: Option<f64>,
    pub source: Source,
    pub status: Status,
}

/// Range checks for a target (the core's rules for the target's kind).
pub fn check_target(base: &Rules, t: &Target, form: &TargetForm) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match form.threshold {
        None => errs.push(FieldError::new(Field::Threshold, "không được để trống")),
        Some(v) => {
            if let Err(p) = check_number(t.kind, v) {
                errs.push(FieldError::new(Field::Threshold, p));
            }
        }
    }
    let base_t = base.targets.iter().find(|b| b.id == form.id);
    match form.upper {
        None if base_t.is_some_and(|b| b.upper.is_some()) => errs.push(FieldError::new(
            Field::Upper,
            "bộ gốc có mức vượt nên không để trống được — nhập lại mức vượt",
        )),
        None => {}
        Some(u) => {
            if let Err(p) = check_number(t.kind, u) {
                errs.push(FieldError::new(Field::Upper, p));
            } else if let Some(v) = form.threshold {
                let wrong = match t.comparison {
                    Comparison::AtMost => u > v,
                    _ => u < v,
                };
                if wrong {
                    errs.push(FieldError::new(
                        Field::Upper,
                        "mức vượt phải vượt mức ngưỡng (lớn hơn với ≥, nhỏ hơn với ≤)",
                    ));
                }
            }
        }
    }
    if form.source.document.trim().is_empty() {
        errs.push(FieldError::new(Field::Source, "không được để trống"));
    } else if let Some(b) = base_t {
        if (b.threshold != form.threshold || b.upper != form.upper)
            && clean_source(&form.source) == b.source
        {
            errs.push(FieldError::new(
                Field::Source,
                "mục tiêu đã đổi so với bộ gốc — ghi văn bản quy định mức mới",
            ));
        }
    }
    errs
}

/// Puts a target's form into the patch (only what differs from the built-in target).
pub fn put_target(file: &mut RulesFile, base: &Rules, form: &TargetForm) {
    let i = match file.targets.iter().position(|t| t.id == form.id) {
        Some(i) => i,
        None => {
            file.targets.push(TargetPatch {
                id: form.id.clone(),
                ..TargetPatch::default()
            });
            file.targets.len() - 1
        }
    };
    let p = &mut file.targets[i];
    let source = clean_source(&form.source);
    match base.targets.iter().find(|t| t.id == form.id) {
        Some(b) => {
            p.threshold = form.threshold.filter(|v| Some(*v) != b.threshold);
            p.upper = form.upper.filter(|v| Some(*v) != b.upper);
            p.source = (source != b.source).then_some(source);
            p.status = (form.status != b.status).then_some(form.status);
        }
        None => {
            p.threshold = form.threshold;
            p.upper = form.upper;
            p.source = Some(source);
            p.status = Some(form.status);
        }
    }
    prune(file);
}

/// Takes one change back out of the patch.
pub fn undo(file: &mut RulesFile, change: &Change) {
    match (&change.scope, &change.what) {
        (Scope::Rules, What::Changed { field, .. }) => match field {
            Field::Region => file.region = None,
            Field::Years => file.years = None,
            Field::Levels => file.levels = None,
            _ => {}
        },
        (Scope::Set { set }, What::Added) => file.sets.retain(|s| s.id != *set),
        (Scope::Set { set }, What::Changed { field, .. }) => {
            let sp = set_patch(file, set);
            match field {
                Field::Title => sp.title = None,
                Field::Source => sp.source = None,
                Field::Note => sp.note = None,
                _ => {}
            }
        }
        (Scope::Criterion { set, criterion }, What::Added) => {
            set_patch(file, set)
                .criteria
                .retain(|c| c.code != *criterion);
        }
        (Scope::Criterion { set, criterion }, What::Changed { field, .. }) => {
            let cp = criterion_patch(file, set, criterion);
            match field {
                Field::Name => cp.name = None,
                Field::Group => cp.group = None,
                Field::Status => cp.status = None,
                Field::Note => cp.note = None,
                _ => {}
            }
        }
        (
            Scope::Indicator {
                set,
                criterion,
                code,
            },
            What::Added | What::Removed,
        ) => {
            criterion_patch(file, set, criterion)
                .indicators
                .retain(|i| i.code != *code);
        }
        (
            Scope::Indicator {
                set,
                criterion,
                code,
            },
            What::Changed { field, .. },
        ) => {
            let cp = criterion_patch(file, set, criterion);
            for p in cp.indicators.iter_mut().filter(|i| i.code == *code) {
                match field {
                    Field::Name => p.name = None,
                    Field::Kind => p.kind = None,
                    Field::Comparison => p.comparison = None,
                    Field::Threshold => {
                        p.threshold = None;
                        p.threshold_status = None;
                    }
                    Field::Unit => p.unit = None,
                    Field::Input => p.input = None,
                    Field::Source => p.source = None,
                    Field::Status => p.status = None,
                    Field::ThresholdStatus => p.threshold_status = None,
                    Field::Note => p.note = None,
                    _ => {}
                }
            }
        }
        (Scope::Target { id }, What::Added) => file.targets.retain(|t| t.id != *id),
        (Scope::Target { id }, What::Changed { field, .. }) => {
            for p in file.targets.iter_mut().filter(|t| t.id == *id) {
                match field {
                    Field::Name => p.name = None,
                    Field::Input => p.measure = None,
                    Field::Kind => p.kind = None,
                    Field::Comparison => p.comparison = None,
                    Field::Threshold => p.threshold = None,
                    Field::Upper => p.upper = None,
                    Field::Unit => p.unit = None,
                    Field::Source => p.source = None,
                    Field::Status => p.status = None,
                    Field::Note => p.note = None,
                    _ => {}
                }
            }
        }
        // Built-in sets and criteria cannot be removed by a patch.
        _ => {}
    }
    prune(file);
}
