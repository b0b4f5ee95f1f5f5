//! Reading a register file and checking every entry; each message names the field at fault.

use super::*;

impl Register {
    /// Reads and checks a register file; the message names the field at fault.
    pub fn parse(text: &str, rules: &AwardRules) -> Result<Register, InputError> {
        let env = Envelope {
            format: FORMAT,
            version: VERSION,
            what: "danh sách đề nghị khen thưởng",
            fields: None,
        };
        env.open(text)?;
        // Read from the text (not the parsed value) so a problem comes with its line and column.
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reg: Register = serde_json::from_str(body).map_err(|e| {
            let msg = SerdeMessage::of(&e);
            // serde names the field for a missing or unknown field; for an unknown variant the
            // quoted word is the value, not the field.
            let (field, problem) = match msg.kind {
                SerdeKind::UnknownVariant => (
                    String::new(),
                    format!("giá trị “{}” không hợp lệ", msg.quoted),
                ),
                k => (msg.quoted, k.problem().to_string()),
            };
            InputError::new(
                field,
                format!("{problem} (dòng {}, cột {})", e.line(), e.column()),
            )
        })?;
        reg.normalise();
        reg.validate(rules)?;
        Ok(reg)
    }

    /// NFC for every name, so the same Vietnamese name typed on two machines matches.
    pub fn normalise(&mut self) {
        self.unit = nfc(&self.unit);
        for c in &mut self.candidates {
            c.name = nfc(&c.name);
            c.unit = nfc(&c.unit);
            c.achievement.summary = nfc(&c.achievement.summary);
        }
        for m in &mut self.models {
            m.name = nfc(&m.name);
            m.place = nfc(&m.place);
            m.who = nfc(&m.who);
            m.results = nfc(&m.results);
        }
    }

    pub fn validate(&self, rules: &AwardRules) -> Result<(), InputError> {
        if let Some(d) = &self.decision_date {
            date(at("decision_date"), d)?;
        }
        text(at("unit"), &self.unit)?;
        for (k, v) in &self.parameters {
            let f = at("parameters").field(k);
            if rules.parameter(k).is_none() {
                return Err(InputError::new(
                    f,
                    "tham số không có trong bộ quy định khen thưởng",
                ));
            }
            amount(f, *v)?;
        }
        for (i, q) in self.quotas.iter().enumerate() {
            let f = at("quotas").index(i);
            if rules.award(&q.award).is_none() {
                return Err(InputError::new(
                    f.field("award"),
                    format!("hình thức “{}” không có trong kế hoạch", q.award),
                ));
            }
            if let Some(p) = q.share_of_qualifying_communes_pct {
                if !(p.is_finite() && (0.0..=100.0).contains(&p)) {
                    return Err(InputError::new(
                        f.field("share_of_qualifying_communes_pct"),
                        "phải từ 0 đến 100",
                    ));
                }
            }
        }
        let mut ids = BTreeSet::new();
        for (i, c) in self.candidates.iter().enumerate() {
            let f = at("candidates").index(i);
            if c.id.trim().is_empty() || !ids.insert(c.id.as_str()) {
                return Err(InputError::new(
                    f.field("id"),
                    "trống hoặc trùng với ứng viên khác",
                ));
            }
            self.check_candidate(rules, &f, c)?;
        }
        let mut mids = BTreeSet::new();
        for (i, m) in self.models.iter().enumerate() {
            let f = at("models").index(i);
            if m.id.trim().is_empty() || !mids.insert(m.id.as_str()) {
                return Err(InputError::new(
                    f.field("id"),
                    "trống hoặc trùng với mô hình khác",
                ));
            }
            check_model(&f, m)?;
        }
        Ok(())
    }

    /// One candidate, after its id: names, group, proposal, judgments, history.
    fn check_candidate(
        &self,
        rules: &AwardRules,
        f: &FieldPath,
        c: &Candidate,
    ) -> Result<(), InputError> {
        let f = |name: &str| f.clone().field(name);
        if c.name.trim().is_empty() {
            return Err(InputError::new(f("name"), "chưa có tên"));
        }
        text(f("name"), &c.name)?;
        text(f("unit"), &c.unit)?;
        text(f("achievement").field("summary"), &c.achievement.summary)?;
        let Some(g) = rules.group(&c.group) else {
            return Err(InputError::new(
                f("group"),
                format!("nhóm đối tượng “{}” không có trong kế hoạch", c.group),
            ));
        };
        if !g.subjects.contains(&c.subject) {
            return Err(InputError::new(
                f("subject"),
                format!("“{}” không thuộc nhóm {}", c.subject, g.name),
            ));
        }
        if rules.award(&c.proposed.award).is_none() {
            return Err(InputError::new(
                f("proposed").field("award"),
                format!("hình thức “{}” không có trong kế hoạch", c.proposed.award),
            ));
        }
        if let Some(s) = &c.proposed.standard {
            match rules.standard(s) {
                Some(st) if st.award == c.proposed.award => {}
                _ => {
                    return Err(InputError::new(
                        f("proposed").field("standard"),
                        format!("tiêu chuẩn “{s}” không thuộc hình thức đề nghị"),
                    ))
                }
            }
        }
        if let Some(d) = &c.decision_date {
            date(f("decision_date"), d)?;
        }
        if let Some(l) = &c.commune {
            year(f("commune").field("year"), l.year)?;
        }
        if let Some(d) = c.xdcb_debt_vnd {
            amount(f("xdcb_debt_vnd"), d)?;
        }
        for (k, j) in &c.judgments {
            check_judgment(f("judgments").field(k), j)?;
        }
        check_history(rules, f("history"), &c.history)?;
        if let Some(m) = &c.achievement.model {
            if !self.models.iter().any(|x| &x.id == m) {
                return Err(InputError::new(
                    f("achievement").field("model"),
                    format!("không có mô hình “{m}” trong sổ điển hình"),
                ));
            }
        }
        Ok(())
    }
}

fn at(name: &str) -> FieldPath {
    FieldPath::root().field(name)
}

fn date(field: FieldPath, d: &str) -> Result<(), InputError> {
    iso_day_number(d).map(|_| ()).ok_or_else(|| {
        InputError::new(
            field,
            format!(
                "“{d}” không phải ngày có thật (nhập theo dạng ngày/tháng/năm, ví dụ 01/09/2025)"
            ),
        )
    })
}

fn year(field: FieldPath, y: u16) -> Result<(), InputError> {
    if (1945..=2100).contains(&y) {
        Ok(())
    } else {
        Err(InputError::new(field, format!("năm {y} không hợp lệ")))
    }
}

fn text(field: FieldPath, s: &str) -> Result<(), InputError> {
    if s.chars().count() > MAX_TEXT {
        Err(InputError::new(field, format!("dài quá {MAX_TEXT} ký tự")))
    } else {
        Ok(())
    }
}

fn amount(field: FieldPath, v: f64) -> Result<(), InputError> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(InputError::new(field, "phải là số không âm"))
    }
}

/// One judgment: its evidence and, when recorded, the council's decision.
fn check_judgment(f: FieldPath, j: &Judgment) -> Result<(), InputError> {
    for (e, ev) in j.evidence.iter().enumerate() {
        let ef = f.clone().field("evidence").index(e);
        if let Some(d) = &ev.date {
            date(ef.clone().field("date"), d)?;
        }
        if let Some(v) = ev.figure {
            amount(ef.clone().field("figure"), v)?;
        }
        text(ef.field("description"), &ev.description)?;
    }
    if let Some(d) = &j.council {
        let cf = f.field("council");
        date(cf.clone().field("date"), &d.date)?;
        if d.minutes.trim().is_empty() {
            return Err(InputError::new(
                cf.field("minutes"),
                "cần số biên bản của Hội đồng",
            ));
        }
    }
    Ok(())
}

/// A candidate's past awards, titles, ratings and initiatives.
fn check_history(rules: &AwardRules, f: FieldPath, h: &History) -> Result<(), InputError> {
    let item = |list: &str, i: usize| f.clone().field(list).index(i);
    for (a, p) in h.awards.iter().enumerate() {
        date(item("awards", a).field("date"), &p.date)?;
        if rules.award(&p.award).is_none() && !OTHER_AWARDS.iter().any(|(k, _)| *k == p.award) {
            return Err(InputError::new(
                item("awards", a).field("award"),
                format!("hình thức “{}” không nhận biết được", p.award),
            ));
        }
    }
    for (t, ty) in h.titles.iter().enumerate() {
        year(item("titles", t).field("year"), ty.year)?;
        if !TITLES.iter().any(|(k, _)| *k == ty.title) {
            return Err(InputError::new(
                item("titles", t).field("title"),
                format!("danh hiệu “{}” không nhận biết được", ty.title),
            ));
        }
    }
    let mut rated = BTreeSet::new();
    for (r, ry) in h.ratings.iter().enumerate() {
        year(item("ratings", r).field("year"), ry.year)?;
        if !rated.insert(ry.year) {
            return Err(InputError::new(
                item("ratings", r).field("year"),
                format!("năm {} đã có kết quả xếp loại", ry.year),
            ));
        }
    }
    for (n, ini) in h.initiatives.iter().enumerate() {
        year(item("initiatives", n).field("year"), ini.year)?;
    }
    Ok(())
}

/// One good model, after its id.
fn check_model(f: &FieldPath, m: &GoodModel) -> Result<(), InputError> {
    let f = |name: &str| f.clone().field(name);
    if m.name.trim().is_empty() {
        return Err(InputError::new(f("name"), "chưa có tên"));
    }
    for (k, s) in [
        ("name", &m.name),
        ("place", &m.place),
        ("who", &m.who),
        ("results", &m.results),
    ] {
        text(f(k), s)?;
    }
    for (n, fig) in m.figures.iter().enumerate() {
        if !fig.value.is_finite() {
            return Err(InputError::new(
                f("figures").index(n).field("value"),
                "phải là số",
            ));
        }
    }
    Ok(())
}
