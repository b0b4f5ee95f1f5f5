//! The reward money an award form would bring, estimated from the regime in force.

use super::*;

impl Ctx<'_> {
    pub(super) fn money(&self, award: &str) -> Result<MoneyEstimate, String> {
        let (Some(date), Some(regime)) = (self.date, self.regime) else {
            return Err("Chưa có ngày quyết định để tính.".into());
        };
        let m = &self.rules.money;
        let base = m
            .base_salary
            .iter()
            .find(|b| b.from.as_str() <= date && b.to.as_deref().is_none_or(|t| date <= t))
            .ok_or_else(|| {
                format!(
                    "Chưa có mức lương cơ sở cho ngày {} trong dữ liệu.",
                    vi_date(date)
                )
            })?;
        let mult = m
            .multipliers
            .iter()
            .find(|x| x.award == award && x.regime == regime.id)
            .ok_or_else(|| {
                format!(
                    "Chưa có hệ số tiền thưởng theo {} cho hình thức này.",
                    regime.name
                )
            })?;
        let collective = self
            .rules
            .subject(&self.candidate.subject)
            .and_then(|s| s.collective)
            .or_else(|| {
                self.rules
                    .group(&self.candidate.group)
                    .and_then(|g| g.collective)
            })
            .unwrap_or(false);
        let factor = if collective {
            mult.collective
        } else {
            mult.individual
        };
        let raw = base.vnd as f64 * factor;
        let step = m.rounding.step.max(1) as f64;
        let rounded = match m.rounding.mode {
            RoundingMode::Nearest => (raw / step).round() * step,
            RoundingMode::Up => (raw / step).ceil() * step,
            RoundingMode::Down => (raw / step).floor() * step,
        };
        let worst = [base.status, mult.status, m.rounding.status]
            .into_iter()
            .max_by_key(|s| match s {
                Status::Verified => 0,
                Status::Partial => 1,
                Status::Unverified => 2,
                Status::NotFound => 3,
            })
            .unwrap_or(Status::Verified);
        Ok(MoneyEstimate {
            vnd: rounded as u64,
            base_vnd: base.vnd,
            multiplier: factor,
            collective,
            status: worst,
            citation: format!(
                "{} × lương cơ sở {} ({}); {}",
                crate::text::format_decimal(factor),
                crate::text::format_money(base.vnd as f64),
                cite(&base.source),
                cite(&mult.source)
            ),
        })
    }
}
