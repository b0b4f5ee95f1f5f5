//! The movement targets page's state: the figures form of the chosen unit (province or a
//! district), saved to localStorage shortly after each edit, and the commune assessments T2
//! counts. Every check and verdict is the core's.

use crate::infra::autosave::Autosave;
use crate::infra::clock;
use crate::infra::store::{self, Draft, StoredFigures, StoredRegistered};
use crate::ui::save_state::SaveState;
use leptos::prelude::*;
use ntm_core::figures::{Figures, PovertyStandard, YearFigures};
use ntm_core::registered::RegisteredTarget;
use ntm_core::targets::{evaluate_targets, TargetResult};
use ntm_core::text::format_decimal;
use ntm_core::text::sentence;
use ntm_core::{evaluate, Assessment, Rules};
use std::collections::{BTreeMap, BTreeSet};

/// The years of the form: the 2020 baseline, then the plan's years.
pub const YEARS: [u16; 6] = [2020, 2021, 2022, 2023, 2024, 2025];
pub const PROVINCE_CODE: &str = "35";
pub const PROVINCE_NAME: &str = "Tỉnh Hà Nam";

/// The province and its districts: (code, name).
pub fn units() -> Vec<(String, String)> {
    let mut out = vec![(PROVINCE_CODE.to_string(), PROVINCE_NAME.to_string())];
    out.extend(
        ntm_core::units::districts()
            .into_iter()
            .map(|(c, n)| (c.to_string(), n.to_string())),
    );
    out
}

pub fn unit_name(code: &str) -> Option<String> {
    units().into_iter().find(|(c, _)| c == code).map(|(_, n)| n)
}

/// The core's check of the figures, said of `field`: which other figure it disagrees with.
fn disagreement(candidate: &Figures, year: u16, field: Field) -> Option<String> {
    let e = core_check(candidate).err()?;
    let other = e
        .field
        .last_field()
        .and_then(Field::from_key)
        .filter(|f| *f != field);
    Some(match other {
        Some(f) => format!(
            "Không khớp với “{}” năm {year}: {}.",
            f.label_vi(),
            e.problem
        ),
        None => sentence(&e.problem),
    })
}

// The figures form's fields (key, label, kind, unit) are the core's: one definition.
pub use ntm_core::figures::{Field, FIELDS};

/// Key of a field's typed text in `StoredFigures::raw`: "2025/poor_households".
pub fn raw_key(year: u16, field: &str) -> String {
    format!("{year}/{field}")
}

fn empty_year(y: &YearFigures) -> bool {
    *y == YearFigures::default()
}

/// The core's verdict on `figures` (the same check an imported file gets): the problem and the
/// field it names ("years.2025.trained_labour").
fn core_check(figures: &Figures) -> Result<(), ntm_core::InputError> {
    Figures::parse(&figures.to_json()).map(|_| ())
}

#[derive(Clone, Copy)]
pub struct FiguresCtx {
    pub unit_code: RwSignal<String>,
    pub figures: RwSignal<Figures>,
    pub raw: StoredValue<BTreeMap<String, String>>,
    pub save_state: RwSignal<SaveState>,
    /// Why the stored figures of this unit could not be read (kept in storage, not deleted).
    pub load_problem: RwSignal<Option<String>>,
    /// Bumped when the form must be rebuilt from storage (unit changed, file imported).
    pub revision: RwSignal<u64>,
    autosave: Autosave,
    /// The registered targets (đăng ký thi đua) and why the stored list could not be read.
    pub registered: RwSignal<Vec<RegisteredTarget>>,
    pub registered_problem: RwSignal<Option<String>>,
    /// The latest year an imported file holds: the page shows that year's results.
    pub imported_year: RwSignal<Option<u16>>,
}

impl FiguresCtx {
    pub fn new() -> Self {
        let unit = store::figures_unit()
            .filter(|c| unit_name(c).is_some())
            .unwrap_or_else(|| PROVINCE_CODE.to_string());
        let autosave = Autosave::new(SaveState::Clean(0.0));
        let (registered, registered_problem) = match store::load_registered() {
            None => (Vec::new(), None),
            Some(Ok(s)) => (s.items, None),
            Some(Err(e)) => (
                Vec::new(),
                Some(format!(
                    "Danh sách chỉ tiêu đăng ký đã lưu không đọc được ({e})."
                )),
            ),
        };
        let ctx = FiguresCtx {
            unit_code: RwSignal::new(unit.clone()),
            figures: RwSignal::new(Figures::new(PROVINCE_CODE, PROVINCE_NAME)),
            raw: StoredValue::new(BTreeMap::new()),
            save_state: autosave.state,
            load_problem: RwSignal::new(None),
            revision: RwSignal::new(0),
            autosave,
            registered: RwSignal::new(registered),
            registered_problem: RwSignal::new(registered_problem),
            imported_year: RwSignal::new(None),
        };
        ctx.load_unit(&unit);
        ctx
    }

    fn load_unit(&self, code: &str) {
        let name = unit_name(code).unwrap_or_else(|| code.to_string());
        let (figures, raw, state, problem) = match store::load_figures(code) {
            None => (Figures::new(code, &name), BTreeMap::new(), 0.0, None),
            Some(Ok(s)) => (s.figures, s.raw, s.saved_at, None),
            Some(Err(e)) => (
                Figures::new(code, &name),
                BTreeMap::new(),
                0.0,
                Some(format!(
                    "Số liệu đã lưu của {name} không đọc được ({e}); biểu đang để trống."
                )),
            ),
        };
        self.raw.set_value(raw);
        self.figures.set(figures);
        self.autosave.clean(state);
        self.load_problem.set(problem);
        self.revision.update(|r| *r += 1);
    }

    /// Switches to another unit's figures, saving the current ones first.
    pub fn set_unit(&self, code: &str) {
        if unit_name(code).is_none() || self.unit_code.get_untracked() == code {
            return;
        }
        self.flush();
        store::set_figures_unit(code);
        self.unit_code.set(code.to_string());
        self.load_unit(code);
    }

    /// The text a field shows: what was typed, else the stored value written out.
    pub fn field_text(&self, year: u16, field: Field) -> String {
        if let Some(t) = self
            .raw
            .with_value(|r| r.get(&raw_key(year, field.key())).cloned())
        {
            return t;
        }
        self.figures
            .with_untracked(|f| f.year(year).and_then(|y| field.get(y)))
            .map(format_decimal)
            .unwrap_or_default()
    }

    pub fn source_text(&self, year: u16) -> String {
        self.figures
            .with_untracked(|f| f.year(year).and_then(|y| y.source.clone()))
            .unwrap_or_default()
    }

    /// Takes typed text for `field` in `year`: stores the value if the core accepts it, else
    /// keeps only the text and returns why (in Vietnamese, for beside the field).
    /// Why `v` for `field` in `year` does not agree with the year's other figures, if it does not.
    pub fn check_number(&self, year: u16, field: Field, v: f64) -> Option<String> {
        let mut candidate = self.figures.get_untracked();
        field.set(candidate.years.entry(year).or_default(), Some(v));
        disagreement(&candidate, year, field)
    }

    pub fn set_number(&self, year: u16, field: Field, text: &str) -> Option<String> {
        let parsed = crate::ui::number_input::read(field.kind(), text, None);
        let (value, mut problem) = match parsed {
            Ok(v) => (v, None),
            Err(e) => (None, Some(e)),
        };
        let mut candidate = self.figures.get_untracked();
        let entry = candidate.years.entry(year).or_default();
        field.set(entry, value);
        if empty_year(entry) {
            candidate.years.remove(&year);
        }
        if problem.is_none() {
            problem = disagreement(&candidate, year, field);
        }
        self.raw.update_value(|r| {
            let k = raw_key(year, field.key());
            if text.trim().is_empty() {
                r.remove(&k);
            } else {
                r.insert(k, text.to_string());
            }
        });
        if problem.is_none() {
            self.figures.set(candidate);
        } else {
            // The old value is no longer what the field shows: it is not counted either.
            self.figures.update(|f| {
                if let Some(y) = f.years.get_mut(&year) {
                    field.set(y, None);
                    if empty_year(y) {
                        f.years.remove(&year);
                    }
                }
            });
        }
        self.schedule_save();
        problem
    }

    pub fn set_source(&self, year: u16, text: &str) {
        let text = text.trim();
        self.figures.update(|f| {
            let y = f.years.entry(year).or_default();
            y.source = (!text.is_empty()).then(|| ntm_core::text::nfc(text));
            if empty_year(y) {
                f.years.remove(&year);
            }
        });
        self.schedule_save();
    }

    /// The poverty standard recorded for `year`'s poor households (T4), if any.
    pub fn poverty_standard(&self, year: u16) -> Option<PovertyStandard> {
        self.figures
            .with_untracked(|f| f.year(year).and_then(|y| y.poverty_standard))
    }

    /// Records which poverty standard `year`'s count was made under (`None`: the one in force).
    pub fn set_poverty_standard(&self, year: u16, standard: Option<PovertyStandard>) {
        self.figures.update(|f| {
            let y = f.years.entry(year).or_default();
            y.poverty_standard = standard;
            if empty_year(y) {
                f.years.remove(&year);
            }
        });
        self.schedule_save();
    }

    fn schedule_save(&self) {
        let ctx = *self;
        self.autosave.edit(move || ctx.flush());
    }

    /// Writes the figures now if they changed; a failure keeps them dirty for the next try.
    pub fn flush(&self) {
        if !self.autosave.dirty() {
            return;
        }
        let now = clock::now_ms();
        let (Some(figures), Some(raw)) =
            (self.figures.try_get_untracked(), self.raw.try_get_value())
        else {
            return;
        };
        let record = StoredFigures {
            saved_at: now,
            figures,
            raw,
        };
        let result = store::save_figures(&record);
        if result.is_ok() {
            self.load_problem.set(None);
        }
        self.autosave.record(result.map(|()| now));
    }

    /// Another tab changed storage (`key`; `None`: all of it was cleared): its figures of the
    /// shown unit are taken unless this tab has unsaved changes; its registered list is taken.
    pub fn on_storage(&self, key: Option<&str>) {
        let code = self.unit_code.get_untracked();
        if key.is_none_or(|k| k == store::figures_key(&code)) && !self.autosave.dirty() {
            self.load_unit(&code);
        }
        if key.is_none_or(|k| k == ntm_core::storage::REGISTERED_KEY) {
            self.load_registered();
        }
    }

    fn load_registered(&self) {
        match store::load_registered() {
            None => self.registered.set(Vec::new()),
            Some(Ok(s)) => self.registered.set(s.items),
            Some(Err(e)) => self.registered_problem.set(Some(format!(
                "Danh sách chỉ tiêu đăng ký đã lưu không đọc được ({e})."
            ))),
        }
    }

    /// Writes the registered targets; `Err` says why they were not saved.
    pub fn save_registered(&self) -> Result<(), String> {
        let record = StoredRegistered {
            saved_at: clock::now_ms(),
            items: self.registered.get_untracked(),
        };
        store::save_registered(&record)
    }

    /// Replaces a unit's figures with an imported file's and shows that unit.
    pub fn import(&self, text: &str, file_name: &str) -> Result<String, String> {
        let figures = Figures::parse(text).map_err(|e| format!("{file_name}: {e}"))?;
        let Some(name) = unit_name(&figures.unit_code) else {
            return Err(format!(
                "{file_name}: mã đơn vị “{}” không phải tỉnh Hà Nam (35) hay một huyện, thị xã, thành phố của tỉnh.",
                figures.unit_code
            ));
        };
        self.flush();
        let record = StoredFigures {
            saved_at: clock::now_ms(),
            figures,
            raw: BTreeMap::new(),
        };
        store::save_figures(&record).map_err(|e| format!("Chưa lưu được số liệu nhập: {e}"))?;
        let code = record.figures.unit_code.clone();
        store::set_figures_unit(&code);
        self.unit_code.set(code.clone());
        self.load_unit(&code);
        let years: Vec<u16> = record.figures.years.keys().copied().collect();
        // 2020 is the base year: it has figures but no results to show.
        let shown = years
            .iter()
            .rev()
            .find(|y| **y > YEARS[0] && YEARS.contains(y));
        self.imported_year.set(shown.copied());
        let list = years
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        Ok(match shown {
            Some(y) => format!(
                "Đã nhập số liệu của {name} từ tệp {file_name} (năm {list}). Đang xem kết quả năm {y}."
            ),
            None if years.is_empty() => {
                format!("Đã nhập tệp {file_name} của {name}: tệp không có số liệu năm nào.")
            }
            None => format!("Đã nhập số liệu của {name} từ tệp {file_name} (năm {list})."),
        })
    }

    pub fn export_name(&self) -> String {
        format!("so-lieu-{}.json", self.unit_code.get_untracked())
    }
}

/// The commune dossiers of this browser's drafts, evaluated with `rules`: one per commune-year,
/// the most recently saved draft winning (drafts come newest first).
pub fn assessments_from_drafts(rules: &Rules, drafts: &[Draft]) -> Vec<Assessment> {
    let mut seen = BTreeSet::new();
    drafts
        .iter()
        .filter(|d| seen.insert((d.dossier.unit.code.to_string(), d.dossier.year)))
        .map(|d| evaluate(rules, &d.dossier))
        .collect()
}

/// The assessments that belong to `unit_code`: all of them for the province, a district's own
/// communes for a district.
pub fn assessments_of_unit(assessments: &[Assessment], unit_code: &str) -> Vec<Assessment> {
    assessments
        .iter()
        .filter(|a| unit_code == PROVINCE_CODE || a.unit.district_code == unit_code)
        .cloned()
        .collect()
}

/// T1–T9 of `unit_code` in `year`. `assessments` may come from anywhere: this browser's drafts
/// today, the consolidation page's dossiers later.
pub fn targets_for(
    rules: &Rules,
    figures: &Figures,
    assessments: &[Assessment],
    year: u16,
) -> Vec<TargetResult> {
    let mine = assessments_of_unit(assessments, &figures.unit_code);
    evaluate_targets(rules, Some(figures), &mine, year)
}
