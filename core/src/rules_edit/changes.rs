//! What a patch changes against the built-in rules, one line per change.

use super::*;
use crate::rules::{CriteriaSet, Criterion};
use crate::text::shown_code;

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
            What::Changed { field, .. } => format!("{field:?}").to_ascii_lowercase(),
        };
        format!("{scope}/{what}")
    }
}

pub(super) struct Diff<'a> {
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
                crate::text::lower(field.label_vi())
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
            crate::text::lower(a.kind.label()),
            crate::text::lower(b.kind.label()),
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
            Field::ThresholdStatus,
            a.threshold_checked().label_vi().into(),
            b.threshold_checked().label_vi().into(),
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
                |v| t.kind.format(v, Some(&t.unit)),
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
            crate::text::lower(a.kind.label()),
            crate::text::lower(b.kind.label()),
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

pub(super) fn quoted(name: &str) -> String {
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
        d.set(&set, bset, eset);
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

impl Diff<'_> {
    /// A set in both: its own fields, then each criterion.
    fn set(&mut self, set: &str, bset: &CriteriaSet, eset: &CriteriaSet) {
        let d = self;
        let set = set.to_string();
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
            d.criterion(&set, bset, ec);
        }
    }

    /// A criterion of the edited set: added, or its fields and indicators against the base's.
    fn criterion(&mut self, set: &str, bset: &CriteriaSet, ec: &Criterion) {
        let d = self;
        let set = set.to_string();
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
                    format!("chỉ tiêu {} {}", shown_code(&bi.code), quoted(&bi.name)),
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
                        crate::text::lower(ei.kind.label()),
                        threshold_text(ei.kind, ei.threshold.as_ref(), ei.unit.as_deref())
                    ),
                ),
                Some(bi) => d.indicator(&iscope(&ei.code), bi, ei),
            }
        }
    }
}
