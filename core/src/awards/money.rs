//! The reward money an award form would bring, estimated from the regime in force.

use super::*;
use crate::text::{format_decimal, format_money};

/// `factor × base` rounded as the rules say, in đồng, and whether rounding changed it.
fn rounded(rounding: &Rounding, base: u64, factor: f64) -> (u64, bool) {
    // Exact integer arithmetic: multiples have at most three decimals (0,15; 3,5), and a
    // float product such as 0,3 × 1.800.000 must not be rounded up a whole step.
    let milli = (factor * 1000.0).round() as u64;
    let raw = base * milli; // in thousandths of a đồng
    let step = rounding.step.max(1) * 1000;
    let vnd = match rounding.mode {
        RoundingMode::Nearest => (raw + step / 2) / step * step,
        RoundingMode::Up => raw.div_ceil(step) * step,
        RoundingMode::Down => raw / step * step,
    } / 1000;
    (vnd, vnd * 1000 != raw)
}

fn severity(s: &Status) -> u8 {
    match s {
        Status::Verified => 0,
        Status::Partial => 1,
        Status::Unverified => 2,
        Status::NotFound => 3,
    }
}

impl Multiplier {
    fn factor(&self, collective: bool) -> f64 {
        if collective {
            self.collective
        } else {
            self.individual
        }
    }
}

impl<'a> Ctx<'a> {
    /// Whether the candidate gets the collective multiple.
    fn collective(&self) -> bool {
        self.rules
            .subject(&self.candidate.subject)
            .and_then(|s| s.collective)
            .or_else(|| {
                self.rules
                    .group(&self.candidate.group)
                    .and_then(|g| g.collective)
            })
            .unwrap_or(false)
    }

    /// The multiple for this award and regime. Where it depends on who decides (Giấy khen
    /// under NĐ 91), the candidate's chosen decider picks it; no choice gives no amount, so
    /// neither the higher nor the lower rate is ever paid silently.
    fn rate(
        &self,
        award: &str,
        regime: &Regime,
        base: &BaseSalary,
        collective: bool,
    ) -> Result<&'a Multiplier, String> {
        let rates: Vec<&'a Multiplier> = self
            .rules
            .money
            .multipliers
            .iter()
            .filter(|x| x.award == award && x.regime == regime.id)
            .collect();
        let Some(first) = rates.first().copied() else {
            return Err(format!(
                "Chưa có hệ số tiền thưởng theo {} cho hình thức này.",
                regime.name
            ));
        };
        if rates.iter().all(|x| x.deciders.is_empty()) {
            return Ok(first);
        }
        let name = self
            .rules
            .award(award)
            .map_or_else(|| self.award_name(award), |a| a.short.clone());
        match self.candidate.proposed.decider {
            Some(d) => rates
                .iter()
                .copied()
                .find(|x| x.deciders.is_empty() || x.deciders.contains(&d))
                .ok_or_else(|| {
                    format!(
                        "Chưa có hệ số tiền thưởng theo {} cho {name} do {} quyết định.",
                        regime.name,
                        d.label_vi()
                    )
                }),
            None => {
                let options: Vec<String> = rates
                    .iter()
                    .map(|x| {
                        let who = if x.deciders.is_empty() {
                            "các cấp khác".to_string()
                        } else {
                            x.deciders
                                .iter()
                                .map(|d| d.label_vi())
                                .collect::<Vec<_>>()
                                .join(" hoặc ")
                        };
                        let factor = x.factor(collective);
                        let (vnd, _) = rounded(&self.rules.money.rounding, base.vnd, factor);
                        format!(
                            "{who} quyết định: {} × {} = {} ({})",
                            format_decimal(factor),
                            format_money(base.vnd as f64),
                            format_money(vnd as f64),
                            x.status.label_vi()
                        )
                    })
                    .collect();
                Err(format!(
                    "Chưa chọn ai quyết định tặng {name} (ô “Cấp quyết định Giấy khen”). Theo {}, \
                     mức tiền thưởng tùy người quyết định: {}.",
                    regime.name,
                    options.join("; ")
                ))
            }
        }
    }

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
        let collective = self.collective();
        let stale = base
            .checked_until
            .as_deref()
            .filter(|u| base.to.is_none() && date > *u);
        let mult = self
            .rate(award, regime, base, collective)
            .map_err(|e| match stale {
                Some(until) => format!(
                    "{e} Lưu ý: mức lương cơ sở {} mới được kiểm tra đến ngày {}.",
                    format_money(base.vnd as f64),
                    vi_date(until)
                ),
                None => e,
            })?;
        let factor = mult.factor(collective);
        let mult_status = if collective {
            mult.collective_status.unwrap_or(mult.status)
        } else {
            mult.status
        };
        let (vnd, changed) = rounded(&m.rounding, base.vnd, factor);
        // The rounding rule only weighs on the estimate when it changed the amount.
        let rounding_status = changed.then(|| {
            m.rounding
                .regime_status
                .get(&regime.id)
                .copied()
                .unwrap_or(m.rounding.status)
        });
        let worst = [Some(base.status), Some(mult_status), rounding_status]
            .into_iter()
            .flatten()
            .max_by_key(severity)
            .unwrap_or(Status::Verified);
        if let Some(until) = stale {
            return Err(format!(
                "Mức lương cơ sở {} ({}) mới được kiểm tra đến ngày {}; quyết định ngày {} có thể \
                 áp dụng mức lương cơ sở mới. Nếu vẫn là mức này, tiền thưởng là {} \
                 ({} × {}) — cần kiểm tra lại trước khi dùng.",
                format_money(base.vnd as f64),
                cite(&base.source),
                vi_date(until),
                vi_date(date),
                format_money(vnd as f64),
                format_decimal(factor),
                format_money(base.vnd as f64),
            ));
        }
        let decided_by = self
            .candidate
            .proposed
            .decider
            .filter(|_| !mult.deciders.is_empty())
            .map(|d| format!(" — do {} quyết định", d.label_vi()))
            .unwrap_or_default();
        Ok(MoneyEstimate {
            vnd,
            base_vnd: base.vnd,
            multiplier: factor,
            collective,
            status: worst,
            citation: format!(
                "{} × lương cơ sở {} ({}); {}{decided_by}{}",
                format_decimal(factor),
                format_money(base.vnd as f64),
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
