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
        let (factor, mult_status) = if collective {
            (
                mult.collective,
                mult.collective_status.unwrap_or(mult.status),
            )
        } else {
            (mult.individual, mult.status)
        };
        // Exact integer arithmetic: multiples have at most three decimals (0,15; 3,5), and a
        // float product such as 0,3 × 1.800.000 must not be rounded up a whole step.
        let milli = (factor * 1000.0).round() as u64;
        let raw = base.vnd * milli; // in thousandths of a đồng
        let step = m.rounding.step.max(1) * 1000;
        let rounded = match m.rounding.mode {
            RoundingMode::Nearest => (raw + step / 2) / step * step,
            RoundingMode::Up => raw.div_ceil(step) * step,
            RoundingMode::Down => raw / step * step,
        } / 1000;
        // The rounding rule only weighs on the estimate when it changed the amount.
        let rounding_status = (rounded * 1000 != raw).then(|| {
            m.rounding
                .regime_status
                .get(&regime.id)
                .copied()
                .unwrap_or(m.rounding.status)
        });
        let worst = [Some(base.status), Some(mult_status), rounding_status]
            .into_iter()
            .flatten()
            .max_by_key(|s| match s {
                Status::Verified => 0,
                Status::Partial => 1,
                Status::Unverified => 2,
                Status::NotFound => 3,
            })
            .unwrap_or(Status::Verified);
        if let Some(until) = base
            .checked_until
            .as_deref()
            .filter(|u| base.to.is_none() && date > *u)
        {
            return Err(format!(
                "Mức lương cơ sở {} ({}) mới được kiểm tra đến ngày {}; quyết định ngày {} có thể \
                 áp dụng mức lương cơ sở mới. Nếu vẫn là mức này, tiền thưởng là {} \
                 ({} × {}) — cần kiểm tra lại trước khi dùng.",
                crate::text::format_money(base.vnd as f64),
                cite(&base.source),
                vi_date(until),
                vi_date(date),
                crate::text::format_money(rounded as f64),
                crate::text::format_decimal(factor),
                crate::text::format_money(base.vnd as f64),
            ));
        }
        Ok(MoneyEstimate {
            vnd: rounded,
            base_vnd: base.vnd,
            multiplier: factor,
            collective,
            status: worst,
            citation: format!(
                "{} × lương cơ sở {} ({}); {}{}",
                crate::text::format_decimal(factor),
                crate::text::format_money(base.vnd as f64),
                cite(&base.source),
                cite(&mult.source),
                mult.note
                    .as_deref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default()
            ),
        })
    }
}
