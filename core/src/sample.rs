//! Generated sample dossiers, the same on every run: for benchmarks (native and WASM) and demos.

use crate::dossier::{Dossier, Value};
use crate::rules::{Comparison, Kind, Rules, Threshold};
use crate::units;

/// A small deterministic generator: the same dossiers on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `count` dossiers over Hà Nam's xã and the rules' years; most values meet known thresholds.
pub fn generate(rules: &Rules, count: usize) -> Vec<Dossier> {
    let communes: Vec<_> = units::communes().collect();
    let mut rng = Lcg(2025);
    (0..count)
        .map(|i| {
            let unit = communes[i % communes.len()];
            let year = rules.years.from
                + (rng.below(u64::from(rules.years.to - rules.years.from) + 1) as u16);
            let mut d = Dossier::new(unit, year);
            let commune_sets = rules
                .levels
                .iter()
                .flat_map(|l| l.sets.iter())
                .filter_map(|id| rules.set(id));
            for set in commune_sets {
                for (_, ind) in set.indicators().filter(|(_, i)| i.is_entered()) {
                    if rng.below(500) == 0 {
                        continue; // now and then a value is missing
                    }
                    // Mostly meets its threshold (when known), sometimes just misses it.
                    let pass = rng.below(400) != 0;
                    let v = match (ind.kind, ind.threshold_for(year)) {
                        (Kind::Boolean, Some(Threshold::Flag(want))) => Value::Bool(*want == pass),
                        (Kind::Boolean, _) => Value::Bool(pass),
                        (kind, t) => {
                            let base = match t {
                                Some(Threshold::Fixed(n)) => *n,
                                Some(Threshold::ByYear(m)) => {
                                    m.get(&year).copied().flatten().unwrap_or(0.0)
                                }
                                _ => 50.0,
                            };
                            let up = ind.comparison == Comparison::AtLeast;
                            let step = if kind == Kind::Money {
                                1_000_000.0
                            } else {
                                0.01
                            };
                            let delta = rng.below(500) as f64 * step;
                            let n = if pass == up {
                                base + delta
                            } else {
                                base - step - delta
                            };
                            let n = match kind {
                                Kind::Percent => n.clamp(0.0, 100.0),
                                Kind::Money => n.max(0.0).round(),
                                _ => n.max(0.0),
                            };
                            Value::Number((n * 100.0).round() / 100.0)
                        }
                    };
                    d.set_value(&set.id, &ind.code, Some(v));
                }
            }
            d.conditions.satisfaction_pct = Some(85.0 + rng.below(1500) as f64 / 100.0);
            d.conditions.xdcb_debt_vnd = Some(if rng.below(10) == 0 { 1_000_000.0 } else { 0.0 });
            d.conditions.security_order_ok = Some(rng.below(20) != 0);
            d.conditions.smart_village_models = Some(rng.below(3) as u32);
            d.conditions.outstanding_fields =
                Some(vec!["Sản xuất".into(); rng.below(2) as usize]);
            d
        })
        .collect()
}
