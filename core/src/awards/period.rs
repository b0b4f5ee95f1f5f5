//! The years a standard's record is counted over, and the prior award it rests on.

use super::*;

/// The earlier award a merit-track standard rests on, and why it counts or not.
pub(super) enum Prior<'a> {
    Counted(&'a crate::nominations::PastAward),
    Excluded(&'a crate::nominations::PastAward, &'a PriorBasisRule),
    None,
}

/// The years a standard's record is counted over.
pub(super) struct Period<'a> {
    pub(super) prior: Prior<'a>,
    /// Years after this one only (the prior award, or the last award of the same form).
    pub(super) after: Option<u16>,
    /// Up to this year (the decision's).
    pub(super) until: u16,
    /// The consecutive rated years ending most recently (for RatingYears).
    pub(super) run: Vec<u16>,
    /// The run reaches the year before the decision or the decision's year.
    pub(super) run_recent: bool,
}

impl Period<'_> {
    pub(super) fn contains(&self, y: u16) -> bool {
        self.after.is_none_or(|a| y > a)
            && y <= self.until
            && (self.run.is_empty() || self.run.contains(&y))
    }
}

impl<'a> Period<'a> {
    pub(super) fn of(ctx: &Ctx<'a>, s: &Standard) -> Period<'a> {
        let h = &ctx.candidate.history;
        let date = ctx.date.unwrap_or("9999-12-31");
        let until = ctx.year().unwrap_or(u16::MAX);
        let regime = ctx.regime.map(|r| r.id.as_str()).unwrap_or("");
        let year_of = |d: &str| d.get(0..4).and_then(|y| y.parse::<u16>().ok());
        let prior_awards = s.conditions.iter().find_map(|c| match c {
            Condition::PriorAward { awards } => Some(awards),
            _ => None,
        });
        let prior = match prior_awards {
            None => Prior::None,
            Some(awards) => {
                let rule = ctx
                    .rules
                    .principles
                    .prior_basis
                    .iter()
                    .find(|r| r.regime == regime);
                let mut found: Vec<&crate::nominations::PastAward> = h
                    .awards
                    .iter()
                    .filter(|a| awards.contains(&a.award) && a.date.as_str() < date)
                    .collect();
                found.sort_by(|a, b| b.date.cmp(&a.date));
                let counted = found
                    .iter()
                    .find(|a| rule.is_none_or(|r| !r.exclude.contains(&a.basis)));
                match (counted, found.first(), rule) {
                    (Some(a), _, _) => Prior::Counted(a),
                    (None, Some(a), Some(r)) => Prior::Excluded(a, r),
                    _ => Prior::None,
                }
            }
        };
        // Counted from the prior award, else from the last award of the same form (NĐ 98 Đ30 k9).
        let after = match &prior {
            Prior::Counted(a) | Prior::Excluded(a, _) => year_of(&a.date),
            Prior::None => h
                .awards
                .iter()
                .filter(|a| a.award == s.award && a.date.as_str() < date)
                .filter_map(|a| year_of(&a.date))
                .max(),
        };
        let min_rating = s.conditions.iter().find_map(|c| match c {
            Condition::RatingYears { min_rating, .. } => Some(*min_rating),
            _ => None,
        });
        let mut run = Vec::new();
        let mut run_recent = false;
        if let Some(min) = min_rating {
            let mut rated: Vec<(u16, Rating)> = h
                .ratings
                .iter()
                .filter(|r| after.is_none_or(|a| r.year > a) && r.year <= until)
                .map(|r| (r.year, r.rating))
                .collect();
            rated.sort_by_key(|(y, _)| *y);
            // walk back from the latest rated year while years are consecutive and good enough
            for (y, r) in rated.iter().rev() {
                let joins = run.last().is_none_or(|last: &u16| *last == y + 1);
                if *r >= min && joins {
                    run.push(*y);
                } else {
                    break;
                }
            }
            run.reverse();
            run_recent = run
                .last()
                .is_some_and(|last| until == u16::MAX || *last + 1 >= until);
        }
        Period {
            prior,
            after,
            until,
            run,
            run_recent,
        }
    }
}
