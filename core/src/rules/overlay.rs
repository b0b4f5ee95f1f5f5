//! Laying a rules file over rules, and checking the result.

use super::*;

impl Rules {
    pub fn apply(&mut self, file: &RulesFile) -> Result<(), InputError> {
        if file.id.trim().is_empty() {
            return Err(InputError::new("id", "không được để trống"));
        }
        self.id = file.id.clone();
        self.title = file.title.clone();
        self.layers.push(file.title.clone());
        if let Some(r) = &file.region {
            self.region = Some(r.clone());
        }
        if let Some(y) = file.years {
            if y.from > y.to {
                return Err(InputError::new("years", "năm bắt đầu sau năm kết thúc"));
            }
            self.years = y;
        }
        if let Some(l) = &file.levels {
            self.levels = l.clone();
        }
        for sp in &file.sets {
            self.apply_set(sp)?;
        }
        for tp in &file.targets {
            self.apply_target(tp)?;
        }
        self.check()?;
        self.hash = content_hash(self);
        Ok(())
    }

    fn apply_set(&mut self, sp: &SetPatch) -> Result<(), InputError> {
        let path = FieldPath::from("sets").key(&*sp.id);
        let idx = match self.sets.iter().position(|s| *s.id == *sp.id) {
            Some(i) => i,
            None => {
                self.sets.push(CriteriaSet {
                    id: sp.id.as_str().into(),
                    title: sp
                        .title
                        .as_deref()
                        .ok_or_else(|| missing(path.clone().field("title"), "tên bộ tiêu chí"))?
                        .into(),
                    source: Arc::new(
                        sp.source
                            .clone()
                            .ok_or_else(|| missing(path.clone().field("source"), "căn cứ"))?,
                    ),
                    note: None,
                    criteria: Vec::new(),
                });
                self.sets.len() - 1
            }
        };
        let set = &mut self.sets[idx];
        if let Some(t) = &sp.title {
            set.title = t.as_str().into();
        }
        if let Some(s) = &sp.source {
            set.source = Arc::new(s.clone());
        }
        if let Some(n) = &sp.note {
            set.note = Some(n.as_str().into());
        }
        for cp in &sp.criteria {
            let cpath = path.clone().field("criteria").key(&*cp.code);
            let ci = match set.criteria.iter().position(|c| *c.code == *cp.code) {
                Some(i) => i,
                None => {
                    set.criteria.push(Arc::new(Criterion {
                        code: cp.code.as_str().into(),
                        name: cp
                            .name
                            .as_deref()
                            .ok_or_else(|| missing(cpath.clone().field("name"), "tên tiêu chí"))?
                            .into(),
                        group: None,
                        status: cp.status.ok_or_else(|| {
                            missing(cpath.clone().field("status"), "tình trạng xác minh")
                        })?,
                        note: None,
                        indicators: Vec::new(),
                    }));
                    set.criteria.len() - 1
                }
            };
            let default_source = set.source.clone();
            let crit = Arc::make_mut(&mut set.criteria[ci]);
            if let Some(v) = &cp.name {
                crit.name = v.as_str().into();
            }
            if let Some(v) = &cp.group {
                crit.group = Some(v.as_str().into());
            }
            if let Some(v) = cp.status {
                crit.status = v;
            }
            if let Some(v) = &cp.note {
                crit.note = Some(v.as_str().into());
            }
            for ip in &cp.indicators {
                apply_indicator(crit, ip, &cpath, &default_source)?;
            }
        }
        Ok(())
    }

    fn apply_target(&mut self, tp: &TargetPatch) -> Result<(), InputError> {
        let path = FieldPath::from("targets").key(&*tp.id);
        let idx = match self.targets.iter().position(|t| t.id == tp.id) {
            Some(i) => i,
            None => {
                fn need<T>(
                    o: Option<T>,
                    path: &FieldPath,
                    f: &str,
                    what: &str,
                ) -> Result<T, InputError> {
                    o.ok_or_else(|| missing(path.clone().field(f), what))
                }
                self.targets.push(Target {
                    id: tp.id.clone(),
                    name: need(tp.name.clone(), &path, "name", "tên chỉ tiêu")?,
                    measure: need(tp.measure.clone(), &path, "measure", "cách đo")?,
                    kind: need(tp.kind, &path, "kind", "loại giá trị")?,
                    comparison: need(tp.comparison, &path, "comparison", "phép so sánh")?,
                    threshold: None,
                    upper: None,
                    unit: need(tp.unit.clone(), &path, "unit", "đơn vị")?,
                    source: need(tp.source.clone(), &path, "source", "căn cứ")?,
                    status: need(tp.status, &path, "status", "tình trạng xác minh")?,
                    note: None,
                });
                self.targets.len() - 1
            }
        };
        let t = &mut self.targets[idx];
        if let Some(v) = &tp.name {
            t.name = v.clone();
        }
        if let Some(v) = &tp.measure {
            t.measure = v.clone();
        }
        if let Some(v) = tp.kind {
            t.kind = v;
        }
        if let Some(v) = tp.comparison {
            t.comparison = v;
        }
        if tp.threshold.is_some() {
            t.threshold = tp.threshold;
        }
        if tp.upper.is_some() {
            t.upper = tp.upper;
        }
        if let Some(v) = &tp.unit {
            t.unit = v.clone();
        }
        if let Some(v) = &tp.source {
            t.source = v.clone();
        }
        if let Some(v) = tp.status {
            t.status = v;
        }
        if let Some(v) = &tp.note {
            t.note = Some(v.clone());
        }
        Ok(())
    }

    /// Coherence checks after every layer: kinds, thresholds and references agree.
    fn check(&self) -> Result<(), InputError> {
        for set in &self.sets {
            for (crit, ind) in set.indicators() {
                check_indicator(self, ind, &indicator_path(&set.id, &crit.code, &ind.code))?;
            }
        }
        self.check_sources()?;
        for set in &self.sets {
            let mut seen = std::collections::BTreeSet::new();
            for (crit, ind) in set.indicators() {
                if !seen.insert(&*ind.code) {
                    return Err(InputError::new(
                        indicator_path(&set.id, &crit.code, &ind.code),
                        "mã chỉ tiêu bị trùng trong cùng bộ tiêu chí",
                    ));
                }
            }
        }
        for t in &self.targets {
            for (field, v) in [("threshold", t.threshold), ("upper", t.upper)] {
                if let Some(v) = v {
                    check_number(
                        t.kind,
                        v,
                        FieldPath::from("targets").key(&*t.id).field(field),
                    )?;
                }
            }
        }
        for l in &self.levels {
            for s in &l.sets {
                if self.set(s).is_none() {
                    return Err(InputError::new(
                        FieldPath::from("levels").key(l.level.code()).field("sets"),
                        format!("bộ tiêu chí \"{s}\" không tồn tại"),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Rules {
    /// A fact marked verified must cite a real document: no placeholder number or date (a
    /// file is not taken at its word). The message names the source field at fault.
    fn check_sources(&self) -> Result<(), InputError> {
        fn real(source: &Source, at: FieldPath) -> Result<(), InputError> {
            match source.placeholder() {
                Some((field, problem)) => Err(InputError::new(at.field(field), problem)),
                None => Ok(()),
            }
        }
        for set in &self.sets {
            let spath = FieldPath::from("sets").key(&*set.id);
            for crit in &set.criteria {
                // A criterion has no source of its own: the set's backs it.
                if crit.status.is_verified() {
                    real(&set.source, spath.clone().field("source"))?;
                }
                for ind in &crit.indicators {
                    if ind.status.is_verified() || ind.threshold_checked().is_verified() {
                        real(
                            &ind.source,
                            indicator_path(&set.id, &crit.code, &ind.code).field("source"),
                        )?;
                    }
                }
            }
        }
        for t in &self.targets {
            if t.status.is_verified() {
                real(
                    &t.source,
                    FieldPath::from("targets").key(&*t.id).field("source"),
                )?;
            }
        }
        Ok(())
    }
}

fn apply_indicator(
    crit: &mut Criterion,
    ip: &IndicatorPatch,
    cpath: &FieldPath,
    default_source: &Arc<Source>,
) -> Result<(), InputError> {
    let path = cpath.clone().field("indicators").key(&*ip.code);
    if ip.code.trim().is_empty() {
        return Err(InputError::new(
            path.clone(),
            "mã chỉ tiêu không được để trống",
        ));
    }
    if ip.remove {
        let before = crit.indicators.len();
        crit.indicators.retain(|i| *i.code != *ip.code);
        if crit.indicators.len() == before {
            return Err(InputError::new(path, "không có chỉ tiêu này để xóa"));
        }
        return Ok(());
    }
    match crit.indicators.iter_mut().find(|i| *i.code == *ip.code) {
        Some(ind) => {
            let ind = Arc::make_mut(ind);
            if let Some(v) = &ip.name {
                ind.name = v.as_str().into();
            }
            if let Some(v) = ip.kind {
                ind.kind = v;
            }
            if let Some(v) = ip.comparison {
                ind.comparison = v;
            }
            if let Some(v) = &ip.threshold {
                ind.threshold = Some(v.clone());
                // A new value is only as checked as the file says; saying nothing vouches for nothing.
                ind.threshold_status = Some(
                    ip.threshold_status
                        .or(ip.status)
                        .unwrap_or(Status::Unverified),
                );
            }
            if let Some(v) = &ip.unit {
                ind.unit = Some(v.as_str().into());
            }
            if let Some(v) = &ip.input {
                ind.input = Some(v.clone());
            }
            if let Some(v) = &ip.source {
                ind.source = Arc::new(v.clone());
            }
            if let Some(v) = ip.status {
                ind.status = v;
            }
            if let Some(v) = ip.threshold_status {
                ind.threshold_status = Some(v);
            }
            if let Some(v) = &ip.note {
                ind.note = Some(v.as_str().into());
            }
        }
        None => crit.indicators.push(Arc::new(Indicator {
            code: ip.code.as_str().into(),
            name: ip
                .name
                .as_deref()
                .ok_or_else(|| missing(path.clone().field("name"), "tên chỉ tiêu"))?
                .into(),
            kind: ip
                .kind
                .ok_or_else(|| missing(path.clone().field("kind"), "loại giá trị"))?,
            comparison: ip
                .comparison
                .ok_or_else(|| missing(path.clone().field("comparison"), "phép so sánh"))?,
            threshold: ip.threshold.clone(),
            unit: ip.unit.as_deref().map(Into::into),
            input: ip.input.clone(),
            source: ip
                .source
                .clone()
                .map_or_else(|| default_source.clone(), Arc::new),
            status: ip
                .status
                .ok_or_else(|| missing(path.clone().field("status"), "tình trạng xác minh"))?,
            threshold_status: ip.threshold_status,
            note: ip.note.as_deref().map(Into::into),
        })),
    }
    Ok(())
}

fn check_number(kind: Kind, v: f64, field: FieldPath) -> Result<(), InputError> {
    crate::dossier::check_number(kind, v).map_err(|p| InputError::new(field, p))
}

fn check_indicator(rules: &Rules, ind: &Indicator, path: &FieldPath) -> Result<(), InputError> {
    let tpath = path.clone().field("threshold");
    match (&ind.kind, &ind.threshold) {
        (Kind::Boolean, None | Some(Threshold::Flag(_))) => {
            if ind.comparison != Comparison::Equals {
                return Err(InputError::new(
                    path.clone().field("comparison"),
                    "chỉ tiêu có/không phải dùng phép so sánh \"=\"",
                ));
            }
        }
        (Kind::Boolean, Some(_)) => {
            return Err(InputError::new(
                tpath,
                "chỉ tiêu có/không cần ngưỡng true hoặc false",
            ))
        }
        (_, Some(Threshold::Flag(_))) => {
            return Err(InputError::new(tpath, "chỉ tiêu số cần ngưỡng là một số"))
        }
        (k, Some(Threshold::Fixed(v))) => check_number(*k, *v, tpath.clone())?,
        (k, Some(Threshold::ByYear(m))) => {
            for (y, v) in m {
                let ypath = tpath.clone().field(y.to_string());
                if let Some(v) = v {
                    check_number(*k, *v, ypath)?;
                }
            }
        }
        (_, Some(Threshold::Relative { relative })) => {
            let target = rules
                .set(&relative.set)
                .and_then(|s| s.indicator(&relative.code));
            if target.is_none() {
                return Err(InputError::new(
                    tpath,
                    format!(
                        "tham chiếu tới chỉ tiêu {} của bộ \"{}\" không tồn tại",
                        relative.code, relative.set
                    ),
                ));
            }
        }
        (_, None) => {}
    }
    if ind.kind != Kind::Boolean && ind.comparison == Comparison::Equals {
        return Err(InputError::new(
            path.clone().field("comparison"),
            "chỉ tiêu số phải dùng \">=\" hoặc \"<=\"",
        ));
    }
    if let Some(Input::District(DistrictMeasure::MinCommuneSatisfactionPct)) = &ind.input {
        return Err(InputError::new(
            path.clone().field("input"),
            "tỷ lệ hài lòng chung thấp nhất của các xã không đủ để xét: QĐ 320/QĐ-TTg yêu cầu từ 80 % trở lên với từng nội dung ở từng xã — bỏ trường input và để huyện xác nhận Đạt/Chưa đạt (chỉ tiêu có/không)",
        ));
    }
    if let Some(Input::From(r)) = &ind.input {
        match rules.set(&r.set).and_then(|s| s.indicator(&r.code)) {
            Some(src) if src.kind == ind.kind && src.is_entered() => {}
            Some(_) => {
                return Err(InputError::new(
                    path.clone().field("input"),
                    "chỉ tiêu nguồn phải cùng loại và được nhập trực tiếp",
                ))
            }
            None => {
                return Err(InputError::new(
                    path.clone().field("input"),
                    format!(
                        "chỉ tiêu nguồn {} của bộ \"{}\" không tồn tại",
                        r.code, r.set
                    ),
                ))
            }
        }
    }
    Ok(())
}

/// `sets[ntm].criteria[10].indicators[10.1]`: an indicator found by its codes.
fn indicator_path(set: &str, crit: &str, ind: &str) -> FieldPath {
    FieldPath::from("sets")
        .key(set)
        .field("criteria")
        .key(crit)
        .field("indicators")
        .key(ind)
}
