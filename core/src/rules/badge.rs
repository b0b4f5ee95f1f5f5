//! What a status badge says: which fact of a rule (its threshold, the indicator's code, the
//! criterion) and how far it was checked — "Ngưỡng: chưa có", "Mã chỉ tiêu: chưa xác minh".
//! An indicator's existence and its threshold are separate facts (D11): a verified indicator
//! with no threshold must never read "đã xác minh" alone.

use super::*;

/// Which fact of a rule a badge speaks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// The threshold value in force.
    Threshold,
    /// The indicator itself: that it exists in the source under this code and wording.
    Code,
    /// The criterion itself.
    Criterion,
}

impl Fact {
    pub fn label_vi(self) -> &'static str {
        match self {
            Fact::Threshold => "Ngưỡng",
            Fact::Code => "Mã chỉ tiêu",
            Fact::Criterion => "Tiêu chí",
        }
    }
}

/// How far a fact stands, strongest first: `Missing` is a threshold the rules do not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Verified,
    Partial,
    Unverified,
    NotFound,
    Missing,
}

impl From<Status> for Standing {
    fn from(s: Status) -> Standing {
        match s {
            Status::Verified => Standing::Verified,
            Status::Partial => Standing::Partial,
            Status::Unverified => Standing::Unverified,
            Status::NotFound => Standing::NotFound,
        }
    }
}

impl Standing {
    /// The word used in files and page attributes ("verified", "missing").
    pub fn code(self) -> &'static str {
        match self {
            Standing::Verified => "verified",
            Standing::Partial => "partial",
            Standing::Unverified => "unverified",
            Standing::NotFound => "not_found",
            Standing::Missing => "missing",
        }
    }
    pub fn label_vi(self) -> &'static str {
        match self {
            Standing::Verified => Status::Verified.label_vi(),
            Standing::Partial => Status::Partial.label_vi(),
            Standing::Unverified => Status::Unverified.label_vi(),
            Standing::NotFound => Status::NotFound.label_vi(),
            Standing::Missing => "chưa có",
        }
    }
}

/// One badge: a fact and how far it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Badge {
    pub fact: Fact,
    pub standing: Standing,
}

impl Badge {
    /// "Ngưỡng: chưa có".
    pub fn label_vi(&self) -> String {
        format!("{}: {}", self.fact.label_vi(), self.standing.label_vi())
    }
    pub fn is_verified(&self) -> bool {
        self.standing == Standing::Verified
    }
}

/// The weakest of `badges`; on a tie the first (the threshold is listed first).
fn weakest(badges: impl IntoIterator<Item = Badge>) -> Option<Badge> {
    badges
        .into_iter()
        .fold(None, |w: Option<Badge>, b| match w {
            Some(w) if w.standing >= b.standing => Some(w),
            _ => Some(b),
        })
}

/// Finds the indicator a relative threshold follows (in the rules, or in an assessment).
pub trait BaseLookup {
    fn base_of(&self, r: &Relative) -> Option<&Indicator>;
}

impl BaseLookup for Rules {
    fn base_of(&self, r: &Relative) -> Option<&Indicator> {
        self.set(&r.set).and_then(|s| s.indicator(&r.code))
    }
}

/// How far `ind`'s threshold stands for `year` (`None`: in general, any year): missing when
/// the rules have none, else its own check — and, when relative, that of the one it follows.
pub fn threshold_standing(ind: &Indicator, year: Option<u16>, base: &impl BaseLookup) -> Standing {
    let present = match (&ind.threshold, year) {
        (None, _) => false,
        (Some(_), Some(y)) => ind.threshold_for(y).is_some(),
        (Some(Threshold::ByYear(m)), None) => m.values().any(Option::is_some),
        (Some(_), None) => true,
    };
    if !present {
        return Standing::Missing;
    }
    let own = Standing::from(ind.threshold_checked());
    match &ind.threshold {
        Some(Threshold::Relative { relative }) => {
            let followed = base
                .base_of(relative)
                // A relative pointing at a relative stops here rather than loop.
                .filter(|b| !matches!(b.threshold, Some(Threshold::Relative { .. })))
                .map_or(Standing::Missing, |b| threshold_standing(b, year, base));
            own.max(followed)
        }
        _ => own,
    }
}

/// An indicator's badges: its threshold's, then its code's when that is not verified.
pub fn badges(ind: &Indicator, year: Option<u16>, base: &impl BaseLookup) -> Vec<Badge> {
    let mut out = vec![Badge {
        fact: Fact::Threshold,
        standing: threshold_standing(ind, year, base),
    }];
    if !ind.status.is_verified() {
        out.push(Badge {
            fact: Fact::Code,
            standing: ind.status.into(),
        });
    }
    out
}

/// A criterion's badge: the weakest of its own status and its indicators' badges; a
/// criterion with no indicator has no threshold.
pub fn criterion_badge(crit: &Criterion, year: Option<u16>, base: &impl BaseLookup) -> Badge {
    let own = (!crit.status.is_verified()).then_some(Badge {
        fact: Fact::Criterion,
        standing: crit.status.into(),
    });
    let none = crit.indicators.is_empty().then_some(Badge {
        fact: Fact::Threshold,
        standing: Standing::Missing,
    });
    let inds = crit.indicators.iter().flat_map(|i| badges(i, year, base));
    weakest(inds.chain(none).chain(own)).unwrap_or(Badge {
        fact: Fact::Criterion,
        standing: Standing::Verified,
    })
}

impl Rules {
    /// An indicator's badges under these rules (see [`badges`]).
    pub fn badges(&self, ind: &Indicator, year: Option<u16>) -> Vec<Badge> {
        badges(ind, year, self)
    }

    /// The weakest of an indicator's badges.
    pub fn indicator_badge(&self, ind: &Indicator, year: Option<u16>) -> Badge {
        weakest(self.badges(ind, year)).expect("an indicator always has its threshold badge")
    }

    /// A criterion's badge under these rules (see [`criterion_badge`]).
    pub fn criterion_badge(&self, crit: &Criterion, year: Option<u16>) -> Badge {
        criterion_badge(crit, year, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind<'a>(r: &'a Rules, set: &str, code: &str) -> &'a Indicator {
        r.set(set).unwrap().indicator(code).unwrap()
    }
    fn crit<'a>(r: &'a Rules, set: &str, code: &str) -> &'a Criterion {
        r.set(set)
            .unwrap()
            .criteria
            .iter()
            .find(|c| &*c.code == code)
            .unwrap()
    }

    #[test]
    fn a_verified_indicator_without_threshold_reads_missing_not_verified() {
        let r = Rules::built_in();
        // D11: 17.1, 10 and 11 exist in QĐ 318 (verified) but have no ĐBSH threshold.
        for code in ["17.1", "10", "11"] {
            let i = ind(&r, "ntm", code);
            assert!(i.status.is_verified(), "{code}");
            let b = r.indicator_badge(i, Some(2024));
            assert_eq!(b.label_vi(), "Ngưỡng: chưa có", "{code}");
            let c = r.criterion_badge(crit(&r, "ntm", code.split('.').next().unwrap()), None);
            assert!(!c.is_verified(), "criterion of {code}: {c:?}");
        }
    }

    #[test]
    fn labels_name_the_fact() {
        let r = Rules::built_in();
        // D9: NC 14.1 has a value (95 %) but neither the region nor the code is confirmed.
        let b = r.badges(ind(&r, "ntm_nang_cao", "14.1"), Some(2024));
        let labels: Vec<String> = b.iter().map(Badge::label_vi).collect();
        assert_eq!(
            labels,
            [
                "Ngưỡng: xác minh một phần",
                "Mã chỉ tiêu: xác minh một phần"
            ]
        );
        // A yes/no indicator whose wording is not checked: both facts say so.
        let b = r.badges(ind(&r, "ntm", "1.1"), Some(2024));
        assert_eq!(b[1].label_vi(), "Mã chỉ tiêu: chưa xác minh");
        // C3 (no XDCB debt, QĐ 18/2022): both verified.
        let b = r.badges(ind(&r, "dieu_kien_cong_nhan", "C3"), Some(2024));
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].label_vi(), "Ngưỡng: đã xác minh");
    }

    #[test]
    fn no_built_in_verified_badge_stands_beside_a_note_that_says_unverified() {
        let r = Rules::built_in();
        let mut checked = 0;
        for set in &r.sets {
            for (c, i) in set.indicators() {
                let says = |n: Option<&Text>| {
                    n.is_some_and(|n| n.contains("chưa xác minh") || n.contains("chưa tìm thấy"))
                };
                if says(i.note.as_ref()) {
                    checked += 1;
                    for year in [None, Some(2022), Some(2024)] {
                        let b = r.indicator_badge(i, year);
                        assert!(!b.is_verified(), "{}/{}: {b:?}", set.id, i.code);
                    }
                }
                if says(c.note.as_ref()) {
                    let b = r.criterion_badge(c, Some(2024));
                    assert!(!b.is_verified(), "{}/{}: {b:?}", set.id, c.code);
                }
            }
        }
        assert!(checked >= 10, "{checked}");
    }

    #[test]
    fn a_relative_threshold_is_no_stronger_than_the_one_it_follows() {
        let r = Rules::built_in();
        // KM.2 = 110 % of the nâng cao income, which has no value yet.
        let b = r.indicator_badge(ind(&r, "ntm_kieu_mau", "KM.2"), Some(2024));
        assert_eq!(b.standing, Standing::Missing);
    }

    #[test]
    fn a_criterion_is_as_weak_as_its_weakest_indicator() {
        let r = Rules::built_in();
        // Criterion 10 is verified, its only indicator has no threshold.
        let c = crit(&r, "ntm", "10");
        assert!(c.status.is_verified());
        assert_eq!(
            r.criterion_badge(c, Some(2024)).label_vi(),
            "Ngưỡng: chưa có"
        );
        // A nâng cao criterion with no indicator in the sources.
        let c = crit(&r, "ntm_nang_cao", "1");
        assert_eq!(r.criterion_badge(c, None).standing, Standing::Missing);
        // Criterion C3: everything verified.
        let c = crit(&r, "dieu_kien_cong_nhan", "C3");
        assert!(r.criterion_badge(c, Some(2024)).is_verified());
    }
}
