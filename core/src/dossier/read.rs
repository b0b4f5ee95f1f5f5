//! Reading an untrusted dossier: the [`Reader`] (each commune set's indicators indexed once, for
//! many files) and the checks of each part, with the field at fault named in every error.

use super::*;
use crate::codes::Cursor;
use crate::error::FieldPath;
use crate::rules::Indicator;
use crate::text::nfc;
use crate::tree::{Object, Tree};

/// Reads dossiers against one set of rules. What a file is checked against (each commune set's
/// indicators by code) is indexed once here, not once per file: hold one to read many files.
pub struct Reader<'r> {
    rules: &'r Rules,
    /// Per set of the rules, in their order: its indicators in code order when a commune
    /// assesses itself against it (a set named in the rules' levels), else `None`.
    sets: Vec<Option<Vec<&'r Indicator>>>,
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
                    let mut by_code: Vec<&Indicator> = set.indicators().map(|(_, i)| i).collect();
                    by_code.sort_by(|a, b| a.code.cmp(&b.code));
                    by_code
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
        // Most files are read in one pass (`stream`); any other is read as a tree, with its messages.
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        match self.read_stream(body) {
            Some(read) => Ok(read),
            None => self.read_tree(crate::envelope::parse_tree(text)?),
        }
    }

    /// `read`, on the tree of a file's text already parsed (`envelope::parse_tree`).
    pub(crate) fn read_tree(&self, json: Tree) -> Result<Read, InputError> {
        let json = ENVELOPE.check_tree(json)?;
        let root = json.as_object().expect("checked by the envelope");
        let parts = Parts {
            unit: root.get("unit"),
            year: root.get("year"),
            conditions: root.get("conditions"),
            evidence: root.get("evidence"),
            rules: root.get("rules"),
        };
        self.assemble(parts, |unknown| {
            parse_values(root.get("values"), self, unknown)
        })
    }

    /// The dossier from its checked envelope's parts, checked in the order the messages follow:
    /// unit, year, values (read by `values`), conditions, evidence, rules.
    pub(super) fn assemble(
        &self,
        parts: Parts,
        values: impl FnOnce(&mut Unknown) -> Result<SetValues<Value>, InputError>,
    ) -> Result<Read, InputError> {
        let mut notes = Vec::new();
        let unit = parse_unit(parts.unit, &mut notes)?;
        let year = match parts.year.and_then(Tree::as_u64) {
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
        let values = values(&mut unknown)?;
        let conditions = parse_conditions(parts.conditions)?;
        let evidence = parse_evidence(parts.evidence, self, &mut unknown)?;
        let rules_ref =
            match parts.rules {
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
    pub(super) fn commune_set(
        &self,
        set_id: &str,
        path: impl FnOnce() -> FieldPath,
    ) -> Result<Option<&[&'r Indicator]>, InputError> {
        let Some(at) = self.rules.sets.iter().position(|s| &*s.id == set_id) else {
            return Ok(None);
        };
        self.sets[at].as_deref().map(Some).ok_or_else(|| {
            InputError::new(
                path(),
                format!("bộ tiêu chí \"{set_id}\" không dùng cho hồ sơ xã"),
            )
        })
    }
}

/// The top-level parts of a dossier file other than `values`, as read (`None`: absent).
pub(super) struct Parts<'t, 'a> {
    pub unit: Option<&'t Tree<'a>>,
    pub year: Option<&'t Tree<'a>>,
    pub conditions: Option<&'t Tree<'a>>,
    pub evidence: Option<&'t Tree<'a>>,
    pub rules: Option<&'t Tree<'a>>,
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
        let mut indicators = reader.commune_set(set_id, path)?.map(Cursor::new);
        let mut m = Codes::with_capacity(if indicators.is_some() { codes.len() } else { 0 });
        for (code, val) in codes.iter() {
            value_entry(set_id, indicators.as_mut(), code, val, &mut m, unknown)?;
        }
        if !m.is_empty() {
            out.insert(set_id.to_string(), m);
        }
    }
    Ok(out)
}

/// One value of the file, `values.<set_id>.<code>`, against the set's indicators in code order
/// (`None`: a set the rules do not have), the file's codes coming in that order: into `m` under
/// the rules' own code, kept in `unknown`, or the error.
#[cfg_attr(ntm_speed, optimize(speed))]
pub(super) fn value_entry(
    set_id: &str,
    indicators: Option<&mut Cursor<'_, &Indicator>>,
    code: &str,
    val: &Tree,
    m: &mut Codes<Value>,
    unknown: &mut Unknown,
) -> Result<(), InputError> {
    // Written out only for an error: most dossiers have none.
    let vpath = || FieldPath::from("values").field(set_id).field(code);
    let Some(&ind) = indicators.and_then(|t| t.find(code, |i| &i.code)) else {
        if !val.is_null() {
            unknown.keep_value(set_id, code, val.to_value());
        }
        return Ok(());
    };
    if !ind.is_entered() {
        return Err(InputError::new(
            vpath(),
            "chỉ tiêu này được tính từ số liệu khác, không nhập trực tiếp",
        ));
    }
    let value = match (ind.kind, val) {
        (_, Tree::Null) => return Ok(()),
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
    // Files list codes in order: an append, with the rules' own code.
    if let Some((code, value)) = m.try_append(ind.code.clone(), value) {
        m.insert(code, value);
    }
    Ok(())
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
        let mut indicators = reader.commune_set(set_id, path)?.map(Cursor::new);
        let mut m = Codes::new();
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
            if let Some(ind) = indicators.as_mut().and_then(|t| t.find(code, |i| &i.code)) {
                m.insert(ind.code.clone(), nfc(text));
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
