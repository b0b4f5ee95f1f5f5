//! Editing a province's rules file: what it changes against the built-in rules, and the small
//! patch operations the rules editor needs (put, remove, rename, undo one change).
//!
//! The edit state is one [`RulesFile`] laid over the built-in rules; the resolved rules are
//! always `Rules::with_override(&patch)`, so validation stays the core's. Everything here is
//! pure: the app calls it and shows the result.

use crate::dossier::check_number;
use crate::error::InputError;
use crate::rules::{
    Comparison, CriterionPatch, Indicator, IndicatorPatch, Kind, Rules, RulesFile, SetPatch,
    Source, Status, Target, TargetPatch, Threshold, Years, FORMAT, VERSION,
};
use crate::text::{format_decimal, format_money, iso_to_vi_date};
use std::collections::BTreeMap;

/// Default id and title of the province's rules file.
pub const DEFAULT_ID: &str = "ha-nam";
pub const DEFAULT_TITLE: &str = "Bộ tiêu chí tỉnh Hà Nam";

/// An empty patch: the built-in rules, unchanged, under the province's id and title.
pub fn empty_patch(id: &str, title: &str) -> RulesFile {
    RulesFile {
        format: FORMAT.to_string(),
        version: VERSION,
        id: id.to_string(),
        title: title.to_string(),
        ..RulesFile::default()
    }
}

/// True when the patch changes nothing but the id and title.
pub fn is_empty(file: &RulesFile) -> bool {
    file.region.is_none()
        && file.years.is_none()
        && file.levels.is_none()
        && file.sets.is_empty()
        && file.targets.is_empty()
}

// ---- fields and their Vietnamese names -------------------------------------------------------

/// A field of a rule, as the editor and the changes list name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Title,
    Region,
    Years,
    Levels,
    Code,
    Name,
    Group,
    Kind,
    Comparison,
    Threshold,
    Upper,
    Unit,
    Input,
    Source,
    SourceDate,
    SourceUrl,
    Status,
    Note,
    /// The whole entry (e.g. "no such indicator to remove").
    Entry,
}

impl Field {
    pub fn label_vi(self) -> &'static str {
        match self {
            Field::Id => "Mã bộ tiêu chí",
            Field::Title => "Tên",
            Field::Region => "Vùng",
            Field::Years => "Giai đoạn",
            Field::Levels => "Các mức đạt chuẩn",
            Field::Code => "Mã chỉ tiêu",
            Field::Name => "Tên",
            Field::Group => "Nhóm",
            Field::Kind => "Loại giá trị",
            Field::Comparison => "Phép so sánh",
            Field::Threshold => "Ngưỡng",
            Field::Upper => "Mức vượt",
            Field::Unit => "Đơn vị",
            Field::Input => "Nguồn số liệu",
            Field::Source => "Văn bản căn cứ",
            Field::SourceDate => "Ngày ban hành",
            Field::SourceUrl => "Địa chỉ văn bản",
            Field::Status => "Tình trạng xác minh",
            Field::Note => "Ghi chú",
            Field::Entry => "Chỉ tiêu",
        }
    }
}

/// A problem with one field of the editor's form, in Vietnamese, naming the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    /// "Ngưỡng năm 2024: tỷ lệ phần trăm phải từ 0 đến 100 (nhận được 120)".
    pub message: String,
}

impl FieldError {
    pub fn new(field: Field, problem: impl AsRef<str>) -> Self {
        FieldError {
            field,
            message: format!("{}: {}", field.label_vi(), problem.as_ref()),
        }
    }
}

/// Which field of the form a core error (`sets[ntm].criteria[15].indicators[15.1].threshold.2024`)
/// is about, with its message in Vietnamese words instead of the file path.
pub fn field_error(e: &InputError) -> FieldError {
    let path = e.field.as_str();
    // The part after the last `]`, without its leading dot: "threshold.2024", "comparison", "".
    let tail = path.rsplit_once(']').map_or(path, |(_, t)| t);
    let tail = tail.strip_prefix('.').unwrap_or(tail);
    let (head, rest) = tail.split_once('.').unwrap_or((tail, ""));
    let field = match head {
        "id" => Field::Id,
        "title" => Field::Title,
        "region" => Field::Region,
        "years" => Field::Years,
        "levels" => Field::Levels,
        "code" => Field::Code,
        "name" => Field::Name,
        "group" => Field::Group,
        "kind" => Field::Kind,
        "comparison" => Field::Comparison,
        "threshold" => Field::Threshold,
        "upper" => Field::Upper,
        "unit" => Field::Unit,
        "input" => Field::Input,
        "source" => Field::Source,
        "status" => Field::Status,
        "note" => Field::Note,
        _ if path.starts_with("levels") => Field::Levels,
        _ => Field::Entry,
    };
    let label = match (field, rest.parse::<u16>()) {
        (Field::Threshold, Ok(year)) => format!("Ngưỡng năm {year}"),
        (Field::Entry, _) if path.is_empty() => String::new(),
        (Field::Entry, _) => match path.rsplit_once("indicators[") {
            Some((_, code)) => format!("Chỉ tiêu {}", code.trim_end_matches(']')),
            None => format!("Trường “{path}”"),
        },
        _ => field.label_vi().to_string(),
    };
    let message = if label.is_empty() {
        e.problem.clone()
    } else {
        format!("{label}: {}", e.problem)
    };
    FieldError { field, message }
}

// ---- Vietnamese text of values -----------------------------------------------------------------

pub fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Boolean => "có / không",
        Kind::Percent => "tỷ lệ (%)",
        Kind::Count => "số đếm (nguyên)",
        Kind::Number => "số",
        Kind::Money => "số tiền (đồng)",
    }
}

fn number_text(kind: Kind, v: f64, unit: Option<&str>) -> String {
    match kind {
        Kind::Percent => format!("{} %", format_decimal(v)),
        Kind::Money => format_money(v),
        _ => match unit {
            Some(u) if !u.is_empty() => format!("{} {u}", format_decimal(v)),
            _ => format_decimal(v),
        },
    }
}

/// Drops the years without a number; no number at all is no threshold.
pub fn normalize(t: Option<&Threshold>) -> Option<Threshold> {
    match t {
        Some(Threshold::ByYear(m)) => {
            let m: BTreeMap<u16, Option<f64>> = m
                .iter()
                .filter(|(_, v)| v.is_some())
                .map(|(y, v)| (*y, *v))
                .collect();
            (!m.is_empty()).then_some(Threshold::ByYear(m))
        }
        t => t.cloned(),
    }
}

/// "95,5 %", "2024: 65.000.000 đ; 2025: 70.000.000 đ", "Đạt", "chưa có ngưỡng".
pub fn threshold_text(kind: Kind, t: Option<&Threshold>, unit: Option<&str>) -> String {
    match normalize(t) {
        None => "chưa có ngưỡng".into(),
        Some(Threshold::Flag(true)) => "Đạt".into(),
        Some(Threshold::Flag(false)) => "Không".into(),
        Some(Threshold::Fixed(v)) => number_text(kind, v, unit),
        Some(Threshold::Relative { relative }) => format!(
            "{} % ngưỡng chỉ tiêu {} (bộ {})",
            relative.percent, relative.code, relative.set
        ),
        Some(Threshold::ByYear(m)) => m
            .iter()
            .filter_map(|(y, v)| v.map(|v| format!("{y}: {}", number_text(kind, v, unit))))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn opt_text(s: Option<&str>) -> String {
    match s {
        Some(s) if !s.trim().is_empty() => s.to_string(),
        _ => "(trống)".into(),
    }
}

fn source_text(s: &Source) -> String {
    let mut t = s.citation();
    if let Some(u) = &s.url {
        t.push_str(" — ");
        t.push_str(u);
    }
    t
}

/// Short name of a set for the changes list: "NTM nâng cao".
pub fn set_short_name(rules: &Rules, id: &str) -> String {
    match id {
        "ntm" => "NTM".into(),
        "ntm_nang_cao" => "NTM nâng cao".into(),
        "ntm_kieu_mau" => "NTM kiểu mẫu".into(),
        "dieu_kien_cong_nhan" => "Điều kiện công nhận".into(),
        "huyen_ntm" => "Huyện NTM".into(),
        _ => rules
            .set(id)
            .map_or_else(|| id.to_string(), |s| s.title.to_string()),
    }
}

/// "dd/mm/yyyy" (or already ISO) → ISO `yyyy-mm-dd`; `Err` in Vietnamese.
pub fn parse_vi_date(text: &str) -> Result<Option<String>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || format!("“{t}” không phải ngày dạng ngày/tháng/năm (ví dụ 08/03/2022)");
    let parts: Vec<&str> = if t.contains('/') {
        t.split('/').collect()
    } else if t.len() == 10 && t.as_bytes()[4] == b'-' {
        let p: Vec<&str> = t.split('-').collect();
        if p.len() != 3 {
            return Err(bad());
        }
        vec![p[2], p[1], p[0]]
    } else {
        t.split(['-', '.']).collect()
    };
    if parts.len() != 3 {
        return Err(bad());
    }
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (d, m, y) = match (num(parts[0]), num(parts[1]), num(parts[2])) {
        (Some(d), Some(m), Some(y)) if parts[2].len() == 4 => (d, m, y),
        _ => return Err(bad()),
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if d == 0 || d > days || !(1900..=2100).contains(&y) {
        return Err(bad());
    }
    Ok(Some(format!("{y:04}-{m:02}-{d:02}")))
}

/// ISO date as the form shows it (dd/mm/yyyy); anything else as it is.
pub fn date_for_form(iso: Option<&str>) -> String {
    iso.map(|d| iso_to_vi_date(d).unwrap_or_else(|| d.to_string()))
        .unwrap_or_default()
}

// ---- what a patch changes ----------------------------------------------------------------------

/// What a change is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The rules as a whole (years, levels, region).
    Rules,
    Set {
        set: String,
    },
    Criterion {
        set: String,
        criterion: String,
    },
    Indicator {
        set: String,
        criterion: String,
        code: String,
    },
    Target {
        id: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum What {
    Added,
    Removed,
    Changed {
        field: Field,
        old: String,
        new: String,
    },
}

/// One difference between the built-in rules and the edited ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub scope: Scope,
    pub what: What,
    /// Where, in words: "NTM · tiêu chí 15 · chỉ tiêu 15.1".
    pub place: String,
    /// The whole change in one Vietnamese sentence.
    pub description: String,
}

impl Change {
    pub fn set(&self) -> Option<&str> {
        match &self.scope {
            Scope::Set { set } | Scope::Criterion { set, .. } | Scope::Indicator { set, .. } => {
                Some(set)
            }
            _ => None,
        }
    }
    pub fn criterion(&self) -> Option<&str> {
        match &self.scope {
            Scope::Criterion { criterion, .. } | Scope::Indicator { criterion, .. } => {
                Some(criterion)
            }
            _ => None,
        }
    }
    /// The indicator's code (or the target's id).
    pub fn code(&self) -> Option<&str> {
        match &self.scope {
            Scope::Indicator { code, .. } => Some(code),
            Scope::Target { id } => Some(id),
            _ => None,
        }
    }
    /// A stable key for lists and test hooks: "ntm/15/15.1/threshold".
    pub fn key(&self) -> String {
        let scope = match &self.scope {
            Scope::Rules => "rules".to_string(),
            Scope::Set { set } => set.clone(),
            Scope::Criterion { set, criterion } => format!("{set}/{criterion}"),
            Scope::Indicator {
                set,
                criterion,
                code,
            } => format!("{set}/{criterion}/{code}"),
            Scope::Target { id } => format!("targets/{id}"),
        };
        let what = match &self.what {
            What::Added => "added".to_string(),
            What::Removed => "removed".to_string(),
            What::Changed { field, .. } => format!("{field:?}").to_lowercase(),
        };
        format!("{scope}/{what}")
    }
}

struct Diff<'a> {
    base: &'a Rules,
    out: Vec<Change>,
}

impl Diff<'_> {
    fn place(&self, scope: &Scope) -> String {
        match scope {
            Scope::Rules => "Toàn bộ".into(),
            Scope::Set { set } => format!("Bộ {}", set_short_name(self.base, set)),
            Scope::Criterion { set, criterion } => {
                format!("{} · tiêu chí {criterion}", set_short_name(self.base, set))
            }
            Scope::Indicator {
                set,
                criterion,
                code,
            } => format!(
                "{} · tiêu chí {criterion} · chỉ tiêu {code}",
                set_short_name(self.base, set)
            ),
            Scope::Target { id } => format!("Mục tiêu {id}"),
        }
    }

    fn push(&mut self, scope: Scope, what: What, subject: String) {
        let place = self.place(&scope);
        let description = match &what {
            What::Added => format!("Thêm {subject} ({place})"),
            What::Removed => format!("Bỏ {subject} ({place})"),
            What::Changed { field, old, new } => format!(
                "{place} — {}: {old} → {new}",
                field.label_vi().to_lowercase()
            ),
        };
        self.out.push(Change {
            scope,
            what,
            place,
            description,
        });
    }

    fn field(&mut self, scope: &Scope, field: Field, old: String, new: String) {
        if old != new {
            self.push(
                scope.clone(),
                What::Changed { field, old, new },
                String::new(),
            );
        }
    }

    fn indicator(&mut self, scope: &Scope, a: &Indicator, b: &Indicator) {
        self.field(scope, Field::Name, a.name.to_string(), b.name.to_string());
        self.field(
            scope,
            Field::Kind,
            kind_label(a.kind).into(),
            kind_label(b.kind).into(),
        );
        self.field(
            scope,
            Field::Comparison,
            a.comparison.symbol().into(),
            b.comparison.symbol().into(),
        );
        if normalize(a.threshold.as_ref()) != normalize(b.threshold.as_ref()) {
            self.push(
                scope.clone(),
                What::Changed {
                    field: Field::Threshold,
                    old: threshold_text(a.kind, a.threshold.as_ref(), a.unit.as_deref()),
                    new: threshold_text(b.kind, b.threshold.as_ref(), b.unit.as_deref()),
                },
                String::new(),
            );
        }
        self.field(
            scope,
            Field::Unit,
            opt_text(a.unit.as_deref()),
            opt_text(b.unit.as_deref()),
        );
        if a.input != b.input {
            let t = |i: &Indicator| match &i.input {
                None => "nhập trực tiếp".to_string(),
                Some(i) => serde_json::to_string(i).unwrap_or_default(),
            };
            self.field(scope, Field::Input, t(a), t(b));
        }
        if a.source != b.source {
            self.push(
                scope.clone(),
                What::Changed {
                    field: Field::Source,
                    old: source_text(&a.source),
                    new: source_text(&b.source),
                },
                String::new(),
            );
        }
        self.field(
            scope,
            Field::Status,
            a.status.label_vi().into(),
            b.status.label_vi().into(),
        );
        self.field(
            scope,
            Field::Note,
            opt_text(a.note.as_deref()),
            opt_text(b.note.as_deref()),
        );
    }

    fn target(&mut self, a: &Target, b: &Target) {
        let scope = Scope::Target { id: b.id.clone() };
        let num = |t: &Target, v: Option<f64>| {
            v.map_or_else(
                || "(trống)".to_string(),
                |v| number_text(t.kind, v, Some(&t.unit)),
            )
        };
        self.field(&scope, Field::Name, a.name.clone(), b.name.clone());
        if a.measure != b.measure {
            let m = |t: &Target| serde_json::to_string(&t.measure).unwrap_or_default();
            self.field(&scope, Field::Input, m(a), m(b));
        }
        self.field(
            &scope,
            Field::Kind,
            kind_label(a.kind).into(),
            kind_label(b.kind).into(),
        );
        self.field(
            &scope,
            Field::Comparison,
            a.comparison.symbol().into(),
            b.comparison.symbol().into(),
        );
        self.field(
            &scope,
            Field::Threshold,
            num(a, a.threshold),
            num(b, b.threshold),
        );
        self.field(&scope, Field::Upper, num(a, a.upper), num(b, b.upper));
        self.field(&scope, Field::Unit, a.unit.clone(), b.unit.clone());
        if a.source != b.source {
            self.field(
                &scope,
                Field::Source,
                source_text(&a.source),
                source_text(&b.source),
            );
        }
        self.field(
            &scope,
            Field::Status,
            a.status.label_vi().into(),
            b.status.label_vi().into(),
        );
        self.field(
            &scope,
            Field::Note,
            opt_text(a.note.as_deref()),
            opt_text(b.note.as_deref()),
        );
    }
}

fn quoted(name: &str) -> String {
    format!("“{name}”")
}

/// Every difference between `base` (the built-in rules) and `edited`, in the order of the rules.
pub fn changes(base: &Rules, edited: &Rules) -> Vec<Change> {
    let mut d = Diff {
        base,
        out: Vec::new(),
    };
    let all = Scope::Rules;
    if base.region != edited.region {
        d.field(
            &all,
            Field::Region,
            opt_text(base.region.as_deref()),
            opt_text(edited.region.as_deref()),
        );
    }
    if base.years != edited.years {
        let y = |y: &Years| format!("{}–{}", y.from, y.to);
        d.field(&all, Field::Years, y(&base.years), y(&edited.years));
    }
    if base.levels != edited.levels {
        let l = |r: &Rules| {
            r.levels
                .iter()
                .map(|l| format!("{}: {}", l.name, l.sets.join(", ")))
                .collect::<Vec<_>>()
                .join("; ")
        };
        d.field(&all, Field::Levels, l(base), l(edited));
    }
    for bset in &base.sets {
        if edited.set(&bset.id).is_none() {
            let scope = Scope::Set {
                set: bset.id.to_string(),
            };
            d.push(scope, What::Removed, format!("bộ {}", quoted(&bset.title)));
        }
    }
    for eset in &edited.sets {
        let set = eset.id.to_string();
        let Some(bset) = base.set(&set) else {
            d.push(
                Scope::Set { set: set.clone() },
                What::Added,
                format!("bộ {}", quoted(&eset.title)),
            );
            for c in &eset.criteria {
                let scope = Scope::Criterion {
                    set: set.clone(),
                    criterion: c.code.to_string(),
                };
                d.push(scope, What::Added, format!("tiêu chí {}", quoted(&c.name)));
            }
            continue;
        };
        let sscope = Scope::Set { set: set.clone() };
        d.field(
            &sscope,
            Field::Title,
            bset.title.to_string(),
            eset.title.to_string(),
        );
        if bset.source != eset.source {
            d.field(
                &sscope,
                Field::Source,
                source_text(&bset.source),
                source_text(&eset.source),
            );
        }
        d.field(
            &sscope,
            Field::Note,
            opt_text(bset.note.as_deref()),
            opt_text(eset.note.as_deref()),
        );
        for bc in &bset.criteria {
            if !eset.criteria.iter().any(|c| c.code == bc.code) {
                let scope = Scope::Criterion {
                    set: set.clone(),
                    criterion: bc.code.to_string(),
                };
                d.push(
                    scope,
                    What::Removed,
                    format!("tiêu chí {}", quoted(&bc.name)),
                );
            }
        }
        for ec in &eset.criteria {
            let criterion = ec.code.to_string();
            let cscope = Scope::Criterion {
                set: set.clone(),
                criterion: criterion.clone(),
            };
            let bc = bset.criteria.iter().find(|c| c.code == ec.code);
            let base_inds: &[_] = bc.map_or(&[], |c| &c.indicators);
            match bc {
                None => d.push(
                    cscope.clone(),
                    What::Added,
                    format!("tiêu chí {}", quoted(&ec.name)),
                ),
                Some(bc) => {
                    d.field(
                        &cscope,
                        Field::Name,
                        bc.name.to_string(),
                        ec.name.to_string(),
                    );
                    d.field(
                        &cscope,
                        Field::Group,
                        opt_text(bc.group.as_deref()),
                        opt_text(ec.group.as_deref()),
                    );
                    d.field(
                        &cscope,
                        Field::Status,
                        bc.status.label_vi().into(),
                        ec.status.label_vi().into(),
                    );
                    d.field(
                        &cscope,
                        Field::Note,
                        opt_text(bc.note.as_deref()),
                        opt_text(ec.note.as_deref()),
                    );
                }
            }
            let iscope = |code: &str| Scope::Indicator {
                set: set.clone(),
                criterion: criterion.clone(),
                code: code.to_string(),
            };
            for bi in base_inds {
                if !ec.indicators.iter().any(|i| i.code == bi.code) {
                    d.push(
                        iscope(&bi.code),
                        What::Removed,
                        format!("chỉ tiêu {} {}", bi.code, quoted(&bi.name)),
                    );
                }
            }
            for ei in &ec.indicators {
                match base_inds.iter().find(|i| i.code == ei.code) {
                    None => d.push(
                        iscope(&ei.code),
                        What::Added,
                        format!(
                            "chỉ tiêu {} {} ({}, ngưỡng: {})",
                            ei.code,
                            quoted(&ei.name),
                            kind_label(ei.kind),
                            threshold_text(ei.kind, ei.threshold.as_ref(), ei.unit.as_deref())
                        ),
                    ),
                    Some(bi) => d.indicator(&iscope(&ei.code), bi, ei),
                }
            }
        }
    }
    for et in &edited.targets {
        match base.targets.iter().find(|t| t.id == et.id) {
            None => d.push(
                Scope::Target { id: et.id.clone() },
                What::Added,
                format!("mục tiêu {} {}", et.id, quoted(&et.name)),
            ),
            Some(bt) => d.target(bt, et),
        }
    }
    d.out
}

// ---- patch operations --------------------------------------------------------------------------

fn set_patch<'a>(file: &'a mut RulesFile, set: &str) -> &'a mut SetPatch {
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

fn criterion_patch<'a>(file: &'a mut RulesFile, set: &str, crit: &str) -> &'a mut CriterionPatch {
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

fn indicator_is_empty(p: &IndicatorPatch) -> bool {
    !p.remove
        && p.name.is_none()
        && p.kind.is_none()
        && p.comparison.is_none()
        && p.threshold.is_none()
        && p.unit.is_none()
        && p.input.is_none()
        && p.source.is_none()
        && p.status.is_none()
        && p.note.is_none()
}

fn target_is_empty(p: &TargetPatch) -> bool {
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

fn find_indicator<'a>(
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
    pub status: Status,
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
            note: ind.note.as_deref().unwrap_or_default().to_string(),
        }
    }
}

fn is_code(s: &str) -> bool {
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

fn trimmed(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn clean_source(s: &Source) -> Source {
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
                    Field::Threshold => p.threshold = None,
                    Field::Unit => p.unit = None,
                    Field::Input => p.input = None,
                    Field::Source => p.source = None,
                    Field::Status => p.status = None,
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

/// A safe download name: `bo-tieu-chi-ha-nam.json`.
pub fn export_file_name(id: &str) -> String {
    let slug: String = crate::text::nfc(id)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "bo-tieu-chi.json".into()
    } else {
        format!("bo-tieu-chi-{slug}.json")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Rules {
        Rules::built_in()
    }

    fn apply(file: &RulesFile) -> Rules {
        Rules::with_override(file).expect("patch applies")
    }

    fn form_of(rules: &Rules, set: &str, code: &str) -> IndicatorForm {
        IndicatorForm::from_indicator(rules.set(set).unwrap().indicator(code).unwrap())
    }

    fn provincial() -> Source {
        Source {
            document: "Quyết định 12/2024/QĐ-UBND tỉnh Hà Nam".into(),
            annex: Some("Phụ lục".into()),
            date: Some("2024-03-01".into()),
            url: None,
        }
    }

    #[test]
    fn empty_patch_gives_no_changes() {
        let b = base();
        let p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
        assert!(is_empty(&p));
        let e = apply(&p);
        assert_eq!(e.hash(), b.hash());
        assert!(changes(&b, &e).is_empty());
        assert!(changes(&b, &b).is_empty());
    }

    #[test]
    fn threshold_change_is_reported_with_old_and_new() {
        let b = base();
        let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
        let mut f = form_of(&b, "ntm", "15.1");
        f.threshold = Some(Threshold::Fixed(95.5));
        f.source = provincial();
        assert!(check_form(&b, &b, "ntm", "15", &f, false).is_empty());
        put_indicator(&mut p, &b, "ntm", "15", &f);
        let e = apply(&p);
        let ch = changes(&b, &e);
        assert_eq!(ch.len(), 2, "{ch:#?}");
        assert_eq!(ch[0].set(), Some("ntm"));
        assert_eq!(ch[0].criterion(), Some("15"));
        assert_eq!(ch[0].code(), Some("15.1"));
        assert_eq!(
            ch[0].what,
            What::Changed {
                field: Field::Threshold,
                old: "chưa có ngưỡng".into(),
                new: "95,5 %".into()
            }
        );
        assert!(
            ch[0].description.contains("95,5 %"),
            "{}",
            ch[0].description
        );
        assert!(matches!(
            ch[1].what,
            What::Changed {
                field: Field::Source,
                ..
            }
        ));
        // Only what differs from the built-in indicator is in the patch.
        let ip = &p.sets[0].criteria[0].indicators[0];
        assert!(ip.name.is_none() && ip.kind.is_none() && ip.status.is_none());
        assert_eq!(ip.threshold, Some(Threshold::Fixed(95.5)));
    }

    #[test]
    fn removed_and_added_indicators_are_both_reported() {
        let b = base();
        let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
        remove_indicator(&mut p, &b, "ntm", "18", "18.4");
        let f = IndicatorForm {
            code: "1.1".into(),
            name: "Có quy hoạch chung xây dựng xã được phê duyệt".into(),
            kind: Kind::Boolean,
            comparison: Comparison::Equals,
            threshold: Some(Threshold::Flag(true)),
            unit: String::new(),
            source: provincial(),
            status: Status::Verified,
            note: String::new(),
        };
        assert!(check_form(&b, &b, "ntm_nang_cao", "1", &f, true).is_empty());
        put_indicator(&mut p, &b, "ntm_nang_cao", "1", &f);
        let e = apply(&p);
        assert!(e.set("ntm").unwrap().indicator("18.4").is_none());
        assert!(e.set("ntm_nang_cao").unwrap().indicator("1.1").is_some());
        let ch = changes(&b, &e);
        assert_eq!(ch.len(), 2, "{ch:#?}");
        let removed = ch.iter().find(|c| c.what == What::Removed).unwrap();
        assert_eq!(
            removed.scope,
            Scope::Indicator {
                set: "ntm".into(),
                criterion: "18".into(),
                code: "18.4".into()
            }
        );
        assert!(removed.description.starts_with("Bỏ chỉ tiêu 18.4"));
        let added = ch.iter().find(|c| c.what == What::Added).unwrap();
        assert_eq!(added.code(), Some("1.1"));
        assert_eq!(added.set(), Some("ntm_nang_cao"));
        assert!(added.description.starts_with("Thêm chỉ tiêu 1.1"));

        // Undoing each takes it out of the patch; undoing both gives the built-in rules.
        undo(&mut p, removed);
        let e = apply(&p);
        assert!(e.set("ntm").unwrap().indicator("18.4").is_some());
        assert_eq!(changes(&b, &e).len(), 1);
        undo(&mut p, added);
        assert!(is_empty(&p));
        assert_eq!(apply(&p).hash(), b.hash());
    }

    #[test]
    fn removing_an_added_indicator_drops_it_from_the_patch() {
        let b = base();
        let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
        let f = IndicatorForm {
            code: "2.9".into(),
            name: "Chỉ tiêu thử".into(),
            kind: Kind::Percent,
            comparison: Comparison::AtLeast,
            threshold: None,
            unit: String::new(),
            source: Source {
                document: String::new(),
                annex: None,
                date: None,
                url: None,
            },
            status: Status::Unverified,
            note: String::new(),
        };
        put_indicator(&mut p, &b, "ntm_nang_cao", "2", &f);
        assert!(!is_empty(&p));
        remove_indicator(&mut p, &b, "ntm_nang_cao", "2", "2.9");
        assert!(is_empty(&p), "{}", p.to_json());
    }

    #[test]
    fn setting_a_field_back_leaves_the_patch() {
        let b = base();
        let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
        let mut f = form_of(&b, "ntm_nang_cao", "14.1");
        f.name = "Tên mới".into();
        put_indicator(&mut p, &b, "ntm_nang_cao", "14", &f);
        assert!(!is_empty(&p));
        let f = form_of(&b, "ntm_nang_cao", "14.1");
        put_indicator(&mut p, &b, "ntm_nang_cao", "14", &f);
        assert!(is_empty(&p));
    }

    #[test]
    fn an_empty_document_keeps_the_built_in_source() {
        let b = base();
        let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
        let mut f = form_of(&b, "ntm", "15.1");
        f.name = "Tỷ lệ người dân tham gia BHYT".into();
        f.source = Source {
            document: " ".into(),
            annex: None,
            date: None,
            url: None,
        };
        put_indicator(&mut p, &b, "ntm", "15", &f);
        let e = apply(&p);
        let ch = changes(&b, &e);
        assert_eq!(ch.len(), 1, "{ch:#?}");
        assert!(matches!(
            ch[0].what,
            What::Changed {
                field: Field::Name,
                ..
            }
        ));
    }

    #[test]
    fn clearing_a_built_in_threshold_means_no_threshold() {
        let b = base();
        let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
        let mut f = form_of(&b, "ntm_nang_cao", "14.1");
        f.threshold = None;
        put_indicator(&mut p, &b, "ntm_nang_cao", "14", &f);
        let e = apply(&p);
        let ind = e.set("ntm_nang_cao").unwrap().indicator("14.1").unwrap();
        assert!(ind.threshold_for(2024).is_none());
        let ch = changes(&b, &e);
        assert_eq!(ch.len(), 1);
        assert_eq!(
            ch[0].what,
            What::Changed {
                field: Field::Threshold,
                old: "95 %".into(),
                new: "chưa có ngưỡng".into()
            }
        );
    }

    #[test]
    fn rename_and_per_year_thresholds() {
        let b = base();
        let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
        rename_criterion(&mut p, &b, "ntm_nang_cao", "1", "Quy hoạch (sửa đổi 2024)");
        let mut f = form_of(&b, "ntm", "10");
        f.threshold = Some(Threshold::ByYear(
            [(2024, Some(65_000_000.0)), (2025, None)]
                .into_iter()
                .collect(),
        ));
        f.source = provincial();
        put_indicator(&mut p, &b, "ntm", "10", &f);
        let e = apply(&p);
        let ch = changes(&b, &e);
        let rename = ch
            .iter()
            .find(|c| {
                c.scope
                    == Scope::Criterion {
                        set: "ntm_nang_cao".into(),
                        criterion: "1".into(),
                    }
            })
            .unwrap();
        assert_eq!(
            rename.what,
            What::Changed {
                field: Field::Name,
                old: "Quy hoạch".into(),
                new: "Quy hoạch (sửa đổi 2024)".into()
            }
        );
        let t = ch
            .iter()
            .find(|c| {
                matches!(
                    c.what,
                    What::Changed {
                        field: Field::Threshold,
                        ..
                    }
                )
            })
            .unwrap();
        assert!(
            t.description.contains("2024: 65.000.000 đ"),
            "{}",
            t.description
        );
        undo(&mut p, rename);
        assert_eq!(
            apply(&p).set("ntm_nang_cao").unwrap().criteria[0]
                .name
                .as_ref(),
            "Quy hoạch"
        );
    }

    #[test]
    fn form_checks_name_the_field_in_vietnamese() {
        let b = base();
        // A threshold without a document of its own.
        let mut f = form_of(&b, "ntm", "15.1");
        f.threshold = Some(Threshold::Fixed(95.0));
        let errs = check_form(&b, &b, "ntm", "15", &f, false);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, Field::Source);
        assert!(errs[0].message.starts_with("Văn bản căn cứ:"));
        f.source.document = String::new();
        assert!(check_form(&b, &b, "ntm", "15", &f, false)[0]
            .message
            .contains("bắt buộc"));
        // A code that is already there.
        let f = form_of(&b, "ntm", "15.2");
        let errs = check_form(&b, &b, "ntm", "15", &f, true);
        assert_eq!(errs[0].field, Field::Code);
    }

    #[test]
    fn core_errors_map_to_form_fields() {
        let b = base();
        let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
        let mut f = form_of(&b, "ntm", "15.1");
        f.threshold = Some(Threshold::Fixed(120.0));
        f.source = provincial();
        put_indicator(&mut p, &b, "ntm", "15", &f);
        let e = Rules::with_override(&p).unwrap_err();
        let fe = field_error(&e);
        assert_eq!(fe.field, Field::Threshold);
        assert!(
            fe.message
                .starts_with("Ngưỡng: tỷ lệ phần trăm phải từ 0 đến 100"),
            "{}",
            fe.message
        );

        let e = InputError::new("sets[ntm].criteria[10].indicators[10].threshold.2024", "x");
        assert_eq!(field_error(&e).message, "Ngưỡng năm 2024: x");
        let e = InputError::new("id", "không được để trống");
        assert_eq!(field_error(&e).field, Field::Id);
        assert_eq!(
            field_error(&e).message,
            "Mã bộ tiêu chí: không được để trống"
        );
    }

    #[test]
    fn targets_are_checked_and_diffed() {
        let b = base();
        let t3 = b.targets.iter().find(|t| t.id == "T4").unwrap().clone();
        let mut form = TargetForm {
            id: t3.id.clone(),
            threshold: Some(120.0),
            upper: t3.upper,
            source: t3.source.clone(),
            status: t3.status,
        };
        let errs = check_target(&b, &t3, &form);
        assert!(errs.iter().any(|e| e.field == Field::Threshold));
        assert!(errs.iter().any(|e| e.field == Field::Source));
        form.threshold = Some(62.0);
        form.source = provincial();
        assert!(check_target(&b, &t3, &form).is_empty());
        let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
        put_target(&mut p, &b, &form);
        let e = apply(&p);
        let ch = changes(&b, &e);
        assert_eq!(ch.len(), 2, "{ch:#?}");
        assert_eq!(ch[0].code(), Some("T4"));
        assert!(
            ch[0].description.contains("60 % → 62 %"),
            "{}",
            ch[0].description
        );
        for c in &ch {
            undo(&mut p, c);
        }
        assert!(is_empty(&p));
    }

    #[test]
    fn dates_and_file_names() {
        assert_eq!(parse_vi_date("08/03/2022"), Ok(Some("2022-03-08".into())));
        assert_eq!(parse_vi_date("8/3/2022"), Ok(Some("2022-03-08".into())));
        assert_eq!(parse_vi_date("2022-03-08"), Ok(Some("2022-03-08".into())));
        assert_eq!(parse_vi_date(" "), Ok(None));
        assert!(parse_vi_date("31/02/2022").is_err());
        assert!(parse_vi_date("hôm qua").is_err());
        assert_eq!(date_for_form(Some("2022-03-08")), "08/03/2022");
        assert_eq!(export_file_name("ha-nam"), "bo-tieu-chi-ha-nam.json");
        assert_eq!(
            export_file_name("Hà Nam 2024"),
            "bo-tieu-chi-h--nam-2024.json"
        );
        assert_eq!(export_file_name("../"), "bo-tieu-chi.json");
    }

    #[test]
    fn exported_patch_reimports_to_the_same_hash() {
        let b = base();
        let mut p = empty_patch(DEFAULT_ID, DEFAULT_TITLE);
        let mut f = form_of(&b, "ntm", "15.1");
        f.threshold = Some(Threshold::Fixed(95.5));
        f.source = provincial();
        put_indicator(&mut p, &b, "ntm", "15", &f);
        remove_indicator(&mut p, &b, "ntm", "18", "18.4");
        let e = apply(&p);
        let again = RulesFile::parse(&p.to_json()).unwrap();
        assert_eq!(apply(&again).hash(), e.hash());
        assert_eq!(apply(&again).id, DEFAULT_ID);
    }
}
