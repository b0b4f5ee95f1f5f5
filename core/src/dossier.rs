//! The commune's self-assessment dossier (hồ sơ tự đánh giá): format, validation, JSON.
//! Format reference: docs/dossier-format.md.

use crate::codes::CodeTable;
use crate::envelope::Envelope;
use crate::error::{FieldPath, InputError};
use crate::rules::{ConditionField, Indicator, Kind, Rules, RulesRef};
use crate::text::nfc;
use crate::tree::{Object, Tree};
use crate::units;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value as Json;
use std::collections::BTreeMap;

mod kept;
pub use kept::{shown as kept_value_text, KeptRow, Unknown, KEPT_NOTE};

pub const FORMAT: &str = "chung-suc/dossier";
pub const VERSION: u32 = 1;

const ENVELOPE: Envelope = Envelope {
    format: FORMAT,
    version: VERSION,
    what: "hồ sơ tự đánh giá",
    fields: Some(&[
        "format",
        "version",
        "unit",
        "year",
        "values",
        "conditions",
        "evidence",
        "rules",
    ]),
};
/// Longest free text kept per evidence note.
pub const MAX_EVIDENCE_CHARS: usize = 20_000;

/// An entered value: yes/no or a number (percent, count, whole đồng).
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Number(f64),
}

impl Serialize for Value {
    /// Whole numbers are written without ".0" so money reads as 65000000.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Value::Bool(b) => s.serialize_bool(b),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => s.serialize_i64(n as i64),
            Value::Number(n) => s.serialize_f64(n),
        }
    }
}

/// Same writing as `Value::Number`: 0, not 0.0.
fn opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(n) => Value::Number(*n).serialize(s),
        None => s.serialize_none(),
    }
}

impl Value {
    pub fn as_number(self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n),
            Value::Bool(_) => None,
        }
    }
}

/// The commune the dossier is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub district_code: String,
}

/// Recognition conditions (QĐ 18/2022) and kiểu mẫu inputs (QĐ 319). `None` = not entered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Conditions {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "opt_number"
    )]
    pub satisfaction_pct: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "opt_number"
    )]
    pub xdcb_debt_vnd: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_order_ok: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smart_village_models: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outstanding_fields: Option<Vec<String>>,
}

/// Values per criteria set, then per indicator code (codes repeat across sets: "14.1").
pub type SetValues<T> = BTreeMap<String, BTreeMap<String, T>>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    pub format: String,
    pub version: u32,
    pub unit: Unit,
    pub year: u16,
    pub values: SetValues<Value>,
    pub conditions: Conditions,
    pub evidence: SetValues<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<RulesRef>,
    /// Values and evidence under codes the rules in use do not have. Kept apart in the browser's
    /// storage; in a file they sit under `values` and `evidence` with the others (`FileForm`).
    #[serde(default, skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
}

/// A dossier as its file holds it: kept values sit with the others, in code order.
#[derive(Serialize)]
pub struct FileForm<'a> {
    format: &'a str,
    version: u32,
    unit: &'a Unit,
    year: u16,
    values: kept::FileSets<'a, Value, Json>,
    conditions: &'a Conditions,
    evidence: kept::FileSets<'a, String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: &'a Option<RulesRef>,
}

/// A dossier just read, and what was accepted with a remark that the dossier does not keep
/// (its commune name written another way; `Dossier::warnings` gives the lasting ones).
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    pub dossier: Dossier,
    pub notes: Vec<String>,
}

impl Read {
    /// The notes, then the dossier's warnings: what to tell the user on import.
    pub fn remarks(&self, rules: &Rules) -> Vec<String> {
        let mut all = self.notes.clone();
        all.extend(self.dossier.warnings(rules));
        all
    }
}

impl Dossier {
    /// An empty dossier for a commune of the list.
    pub fn new(unit: &units::AdminUnit, year: u16) -> Dossier {
        Dossier {
            format: FORMAT.into(),
            version: VERSION,
            unit: Unit {
                code: unit.code.clone(),
                name: unit.name.clone(),
                district_code: unit.district_code.clone(),
            },
            year,
            values: BTreeMap::new(),
            conditions: Conditions::default(),
            evidence: BTreeMap::new(),
            rules: None,
            unknown: Unknown::default(),
        }
    }

    pub fn value(&self, set: &str, code: &str) -> Option<Value> {
        self.values.get(set).and_then(|m| m.get(code)).copied()
    }

    /// Sets or clears a value, dropping empty set maps so the file stays canonical.
    pub fn set_value(&mut self, set: &str, code: &str, v: Option<Value>) {
        match v {
            Some(v) => {
                self.values
                    .entry(set.to_string())
                    .or_default()
                    .insert(code.to_string(), v);
            }
            None => {
                if let Some(m) = self.values.get_mut(set) {
                    m.remove(code);
                    if m.is_empty() {
                        self.values.remove(set);
                    }
                }
            }
        }
    }

    pub fn set_evidence(&mut self, set: &str, code: &str, text: &str) {
        let text = nfc(text);
        if text.trim().is_empty() {
            if let Some(m) = self.evidence.get_mut(set) {
                m.remove(code);
                if m.is_empty() {
                    self.evidence.remove(set);
                }
            }
        } else {
            self.evidence
                .entry(set.to_string())
                .or_default()
                .insert(code.to_string(), text);
        }
    }

    /// Canonical JSON: fixed key order, two-space indent, final newline.
    /// Export → import → export gives the same bytes.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.file_form()).expect("dossier serialises");
        s.push('\n');
        s
    }

    /// What the file holds, for writers that put dossiers inside another file (bundles).
    pub fn file_form(&self) -> FileForm<'_> {
        FileForm {
            format: &self.format,
            version: self.version,
            unit: &self.unit,
            year: self.year,
            values: kept::FileSets(&self.values, &self.unknown.values),
            conditions: &self.conditions,
            evidence: kept::FileSets(&self.evidence, &self.unknown.evidence),
            rules: &self.rules,
        }
    }

    /// Reads an untrusted dossier and checks it against the rules and the unit list.
    pub fn parse(text: &str, rules: &Rules) -> Result<Dossier, InputError> {
        Dossier::read(text, rules).map(|r| r.dossier)
    }

    /// `parse`, with the notes of what was accepted with a remark.
    pub fn read(text: &str, rules: &Rules) -> Result<Read, InputError> {
        Reader::new(rules).read(text)
    }

    /// What stays true of the dossier and the user must see: a commune name that is not the
    /// official one of its code, values kept under codes the rules do not have.
    pub fn warnings(&self, rules: &Rules) -> Vec<String> {
        self.name_warning()
            .into_iter()
            .chain(self.kept_warning(rules))
            .collect()
    }

    /// The commune name of the file, when it is another name than the official one of its code.
    pub fn name_warning(&self) -> Option<String> {
        let official = units::find(&self.unit.code)?;
        match units::check_name(&official.name, &self.unit.name) {
            units::NameCheck::Different(why) => Some(format!(
                "Tên xã trong tệp là {}, nhưng mã {} trong danh mục đơn vị hành chính là {} ({why}). Hồ sơ được nhận theo mã xã; hãy kiểm tra lại tên và mã với xã.",
                units::quoted_visibly(&self.unit.name),
                self.unit.code,
                units::quoted_visibly(&official.name),
            )),
            _ => None,
        }
    }

    /// The codes whose values are kept unevaluated, in one sentence.
    pub fn kept_warning(&self, rules: &Rules) -> Option<String> {
        let rows = self.unknown.rows(rules);
        if rows.is_empty() {
            return None;
        }
        let list: Vec<String> = rows
            .iter()
            .map(|r| format!("“{}” ({})", r.code, r.set))
            .collect();
        Some(format!(
            "{} {KEPT_NOTE} để đánh giá: {}. Các giá trị này được giữ nguyên và xuất lại cùng hồ sơ, không tính vào kết quả.",
            rows.len(),
            list.join(", ")
        ))
    }

    /// Reads the dossier again with `rules` (after the rules in use changed), so values kept
    /// under codes the new rules have are evaluated, and values under codes they lack are
    /// kept. Returns whether anything moved; a dossier the new rules refuse stays as it is.
    pub fn refile(&mut self, rules: &Rules) -> bool {
        if self.fits(rules) {
            return false;
        }
        match Dossier::parse(&self.to_json(), rules) {
            Ok(d) if d != *self => {
                *self = d;
                true
            }
            _ => false,
        }
    }

    /// Every value and evidence is where `rules` would put them. As fast as an evaluation:
    /// the rules' indicators are looked up in the dossier, not the other way round.
    fn fits(&self, rules: &Rules) -> bool {
        all_known(&self.values, rules)
            && all_known(&self.evidence, rules)
            && none_known(&self.unknown.values, rules)
            && none_known(&self.unknown.evidence, rules)
    }
}

/// Reads dossiers against one set of rules. What a file is checked against (each commune set's
/// indicators by code) is indexed once here, not once per file: hold one to read many files.
pub struct Reader<'r> {
    rules: &'r Rules,
    /// Per set of the rules, in their order: its indicators by code when a commune assesses
    /// itself against it (a set named in the rules' levels), else `None`.
    sets: Vec<Option<CodeTable<'r, &'r Indicator>>>,
}

impl<'r> Reader<'r> {
    pub fn new(rules: &'r Rules) -> Reader<'r> {
        let sets = rules
            .sets
            .iter()
            .map(|set| {
                let used = rules
                    .levels
                    .iter()
                    .any(|l| l.sets.iter().any(|s| *s == *set.id));
                used.then(|| {
                    let mut t = CodeTable::new();
                    t.fill(set.indicators().map(|(_, i)| (&*i.code, i)));
                    t
                })
            })
            .collect();
        Reader { rules, sets }
    }

    /// The rules the dossiers are read against.
    pub fn rules(&self) -> &'r Rules {
        self.rules
    }

    /// Reads an untrusted dossier as [`Dossier::read`] does.
    pub fn read(&self, text: &str) -> Result<Read, InputError> {
        // Read in place: answers as a `serde_json::Value` would, for a fraction of the cost.
        self.read_tree(crate::envelope::parse_tree(text)?)
    }

    /// `read`, on the tree of a file's text already parsed (`envelope::parse_tree`).
    pub(crate) fn read_tree(&self, json: Tree) -> Result<Read, InputError> {
        let json = ENVELOPE.check_tree(json)?;
        let root = json.as_object().expect("checked by the envelope");
        let mut notes = Vec::new();
        let unit = parse_unit(root.get("unit"), &mut notes)?;
        let year = match root.get("year").and_then(Tree::as_u64) {
            Some(y)
                if (u64::from(self.rules.years.from)..=u64::from(self.rules.years.to))
                    .contains(&y) =>
            {
                y as u16
            }
            Some(y) => {
                return Err(InputError::new(
                    "year",
                    format!(
                        "năm {y} nằm ngoài giai đoạn {}–{} của bộ tiêu chí",
                        self.rules.years.from, self.rules.years.to
                    ),
                ))
            }
            None => return Err(InputError::new("year", "thiếu hoặc không phải số nguyên")),
        };
        let mut unknown = Unknown::default();
        let values = parse_values(root.get("values"), self, &mut unknown)?;
        let conditions = parse_conditions(root.get("conditions"))?;
        let evidence = parse_evidence(root.get("evidence"), self, &mut unknown)?;
        let rules_ref =
            match root.get("rules") {
                None | Some(Tree::Null) => None,
                Some(r) => Some(serde_json::from_value::<RulesRef>(r.to_value()).map_err(
                    |_| InputError::new("rules", "phải có \"id\" và \"hash\" dạng chuỗi"),
                )?),
            };
        let dossier = Dossier {
            format: FORMAT.into(),
            version: VERSION,
            unit,
            year,
            values,
            conditions,
            evidence,
            rules: rules_ref,
            unknown,
        };
        Ok(Read { dossier, notes })
    }

    /// A set of the file as the rules see it: one a commune assesses itself against (its
    /// indicators by code), or one they do not have (its values are kept). A set the rules have
    /// for another kind of unit is an error.
    fn commune_set(
        &self,
        set_id: &str,
        path: impl FnOnce() -> FieldPath,
    ) -> Result<Option<&CodeTable<'r, &'r Indicator>>, InputError> {
        let Some(at) = self.rules.sets.iter().position(|s| &*s.id == set_id) else {
            return Ok(None);
        };
        self.sets[at].as_ref().map(Some).ok_or_else(|| {
            InputError::new(
                path(),
                format!("bộ tiêu chí \"{set_id}\" không dùng cho hồ sơ xã"),
            )
        })
    }
}

/// Every code of `m` is an indicator of its set in `rules`.
fn all_known<T>(m: &SetValues<T>, rules: &Rules) -> bool {
    m.iter().all(|(set, codes)| {
        rules.set(set).is_some_and(|s| {
            s.indicators()
                .filter(|(_, i)| codes.contains_key(&*i.code))
                .count()
                == codes.len()
        })
    })
}

/// No code of `m` is an indicator of its set in `rules`.
fn none_known<T>(m: &SetValues<T>, rules: &Rules) -> bool {
    m.iter().all(|(set, codes)| {
        rules
            .set(set)
            .is_none_or(|s| !s.indicators().any(|(_, i)| codes.contains_key(&*i.code)))
    })
}

/// `v` as an object; `field` names it in an error (a path is only written out for one).
fn obj<'t, 'a, P: Into<FieldPath>>(
    v: Option<&'t Tree<'a>>,
    field: impl FnOnce() -> P,
) -> Result<&'t Object<'a>, InputError> {
    match v {
        Some(Tree::Object(m)) => Ok(m),
        Some(_) => Err(InputError::new(field(), "phải là một đối tượng JSON")),
        None => Err(InputError::new(field(), "thiếu trường bắt buộc")),
    }
}

fn string_field(m: &Object, key: &str, path: &str) -> Result<String, InputError> {
    let at = || FieldPath::from(path).field(key);
    match m.get(key) {
        Some(Tree::String(s)) if !s.trim().is_empty() => Ok(nfc(s.trim())),
        Some(Tree::String(_)) => Err(InputError::new(at(), "không được để trống")),
        Some(_) => Err(InputError::new(at(), "phải là chuỗi ký tự")),
        None => Err(InputError::new(at(), "thiếu trường bắt buộc")),
    }
}

fn parse_unit(v: Option<&Tree>, notes: &mut Vec<String>) -> Result<Unit, InputError> {
    let m = obj(v, || "unit")?;
    let code = string_field(m, "code", "unit")?;
    let name = string_field(m, "name", "unit")?;
    let district_code = string_field(m, "district_code", "unit")?;
    let known = units::find(&code).ok_or_else(|| {
        InputError::new(
            FieldPath::from("unit").field("code"),
            format!("mã \"{code}\" không có trong danh mục đơn vị hành chính tỉnh Hà Nam"),
        )
    })?;
    if !known.is_commune() {
        return Err(InputError::new(
            FieldPath::from("unit").field("code"),
            format!(
                "\"{}\" ({code}) không phải là xã; chỉ xã tự đánh giá theo Bộ tiêu chí xã NTM",
                known.name
            ),
        ));
    }
    if known.district_code != district_code {
        return Err(InputError::new(
            FieldPath::from("unit").field("district_code"),
            format!(
                "xã {} thuộc đơn vị cấp huyện mã {} ({}), không phải {district_code}",
                known.name, known.district_code, known.district_name
            ),
        ));
    }
    // Accents typed as separate marks (NFD) look the same but compare differently elsewhere.
    let decomposed = m
        .get("name")
        .and_then(Tree::as_str)
        .is_some_and(|raw| nfc(raw.trim()) != raw.trim());
    // The code decides the commune; a name written another way takes the official spelling,
    // another name is kept as written and warned about (`Dossier::warnings`).
    let name = match units::check_name(&known.name, &name) {
        units::NameCheck::Different(_) => name,
        units::NameCheck::Same if !decomposed => name,
        units::NameCheck::Same => {
            notes.push(format!(
                "Tên xã trong tệp ghi dấu tách rời khỏi chữ (dạng Unicode NFD); đã đọc là {} (mã {code}).",
                units::quoted_visibly(&known.name)
            ));
            name
        }
        units::NameCheck::Alike(mut what) => {
            if decomposed {
                what.push("dấu ghi tách rời khỏi chữ (dạng Unicode NFD)");
            }
            notes.push(format!(
                "Tên xã trong tệp {} được đọc là {} (mã {code}): chỉ khác {}.",
                units::quoted_visibly(&name),
                units::quoted_visibly(&known.name),
                what.join(", ")
            ));
            nfc(&known.name)
        }
    };
    Ok(Unit {
        code,
        name,
        district_code,
    })
}

/// Range check shared by dossier values, rule thresholds and the app's fields.
pub fn check_number(kind: Kind, v: f64) -> Result<(), String> {
    kind.check(v).map_err(|p| p.message_vi(kind))
}

/// Range check of a numeric recognition condition (the app's fields use it too).
pub fn check_condition(field: ConditionField, v: f64) -> Result<(), String> {
    match field {
        ConditionField::SatisfactionPct => check_number(Kind::Percent, v),
        ConditionField::XdcbDebtVnd => check_number(Kind::Money, v),
        // Stored as u32: a bound far above any commune's villages keeps the cast exact.
        ConditionField::SmartVillageModels if v > 10_000.0 => Err("số quá lớn".into()),
        ConditionField::SmartVillageModels => check_number(Kind::Count, v),
        ConditionField::SecurityOrderOk | ConditionField::OutstandingFields => {
            Err("không phải là trường số".into())
        }
    }
}

fn parse_values(
    v: Option<&Tree>,
    reader: &Reader,
    unknown: &mut Unknown,
) -> Result<SetValues<Value>, InputError> {
    let mut out = BTreeMap::new();
    let Some(v) = v else { return Ok(out) };
    for (set_id, codes) in obj(Some(v), || "values")?.iter() {
        let path = || FieldPath::from("values").field(set_id);
        let codes = obj(Some(codes), path)?;
        let Some(indicators) = reader.commune_set(set_id, path)? else {
            for (code, val) in codes.iter().filter(|(_, v)| !v.is_null()) {
                unknown.keep_value(set_id, code, val.to_value());
            }
            continue;
        };
        let mut m = Vec::new();
        for (code, val) in codes.iter() {
            // Written out only for an error: most dossiers have none.
            let vpath = || path().field(code);
            let Some(ind) = indicators.get(code) else {
                if !val.is_null() {
                    unknown.keep_value(set_id, code, val.to_value());
                }
                continue;
            };
            if !ind.is_entered() {
                return Err(InputError::new(
                    vpath(),
                    "chỉ tiêu này được tính từ số liệu khác, không nhập trực tiếp",
                ));
            }
            let value = match (ind.kind, val) {
                (_, Tree::Null) => continue,
                (Kind::Boolean, Tree::Bool(b)) => Value::Bool(*b),
                (Kind::Boolean, _) => {
                    return Err(InputError::new(
                        vpath(),
                        "phải là true (đạt/có) hoặc false (chưa đạt/không)",
                    ))
                }
                (k, Tree::Number(n)) => {
                    let n = n
                        .as_f64()
                        .ok_or_else(|| InputError::new(vpath(), "số không hợp lệ"))?;
                    check_number(k, n).map_err(|p| InputError::new(vpath(), p))?;
                    Value::Number(n)
                }
                (_, _) => return Err(InputError::new(vpath(), "phải là một số")),
            };
            m.push((code.to_string(), value));
        }
        if !m.is_empty() {
            // Built at once from the pairs: full nodes, which evaluation reads faster.
            out.insert(set_id.to_string(), m.into_iter().collect());
        }
    }
    Ok(out)
}

fn parse_conditions(v: Option<&Tree>) -> Result<Conditions, InputError> {
    let mut c = Conditions::default();
    let Some(v) = v else { return Ok(c) };
    for (key, val) in obj(Some(v), || "conditions")?.iter() {
        let path = || FieldPath::from("conditions").field(key);
        if val.is_null() {
            continue;
        }
        let number = |field: ConditionField| -> Result<f64, InputError> {
            let n = val
                .as_f64()
                .ok_or_else(|| InputError::new(path(), "phải là một số"))?;
            check_condition(field, n).map_err(|p| InputError::new(path(), p))?;
            Ok(n)
        };
        match key {
            "satisfaction_pct" => {
                c.satisfaction_pct = Some(number(ConditionField::SatisfactionPct)?)
            }
            "xdcb_debt_vnd" => c.xdcb_debt_vnd = Some(number(ConditionField::XdcbDebtVnd)?),
            "smart_village_models" => {
                c.smart_village_models = Some(number(ConditionField::SmartVillageModels)? as u32)
            }
            "security_order_ok" => {
                c.security_order_ok = Some(
                    val.as_bool()
                        .ok_or_else(|| InputError::new(path(), "phải là true hoặc false"))?,
                )
            }
            "outstanding_fields" => {
                let arr = val
                    .as_array()
                    .ok_or_else(|| InputError::new(path(), "phải là danh sách tên lĩnh vực"))?;
                let mut fields = Vec::new();
                for (i, f) in arr.iter().enumerate() {
                    match f.as_str() {
                        Some(s) if !s.trim().is_empty() => fields.push(nfc(s.trim())),
                        _ => {
                            return Err(InputError::new(
                                path().index(i),
                                "phải là tên lĩnh vực (chuỗi không rỗng)",
                            ))
                        }
                    }
                }
                c.outstanding_fields = Some(fields);
            }
            _ => return Err(InputError::new(path(), "trường không được hỗ trợ")),
        }
    }
    Ok(c)
}

fn parse_evidence(
    v: Option<&Tree>,
    reader: &Reader,
    unknown: &mut Unknown,
) -> Result<SetValues<String>, InputError> {
    let mut out = BTreeMap::new();
    let Some(v) = v else { return Ok(out) };
    for (set_id, codes) in obj(Some(v), || "evidence")?.iter() {
        let path = || FieldPath::from("evidence").field(set_id);
        let indicators = reader.commune_set(set_id, path)?;
        let mut m = BTreeMap::new();
        for (code, text) in obj(Some(codes), path)?.iter() {
            // Written out only for an error.
            let epath = || path().field(code);
            let text = text
                .as_str()
                .ok_or_else(|| InputError::new(epath(), "phải là chuỗi ký tự"))?;
            if text.chars().count() > MAX_EVIDENCE_CHARS {
                return Err(InputError::new(
                    epath(),
                    format!("dài quá {MAX_EVIDENCE_CHARS} ký tự"),
                ));
            }
            if text.trim().is_empty() {
                continue;
            }
            if indicators.is_some_and(|t| t.get(code).is_some()) {
                m.insert(code.to_string(), nfc(text));
            } else {
                unknown.keep_evidence(set_id, code, nfc(text));
            }
        }
        if !m.is_empty() {
            out.insert(set_id.to_string(), m);
        }
    }
    Ok(out)
}
