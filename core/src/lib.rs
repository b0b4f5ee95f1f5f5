//! ntm-core — Chung Sức's rules as code for the "Chung sức xây dựng nông thôn mới" movement.
//!
//! Pure functions, no I/O, no clock: the browser app, the `ntm` command-line tool and the
//! tests all call the same code. Legal parameters live in `rules/*.json`, never in formulas.
//!
//! The app is built for size; the few functions every imported dossier passes through (reading
//! and evaluating) are built for speed instead, in the release build only (`--cfg ntm_speed`,
//! scripts/build.sh, on its pinned nightly): `#[cfg_attr(ntm_speed, optimize(speed))]`.
#![cfg_attr(ntm_speed, feature(optimize_attribute))]

pub mod awards;
pub mod backup;
mod codes;
pub mod consolidate;
pub mod criteria;
pub mod district;
pub mod dossier;
pub mod envelope;
pub mod error;
pub mod excel;
pub mod export;
pub mod figures;
pub mod input;
pub mod level;
pub mod nominations;
pub mod registered;
pub mod rules;
pub mod rules_edit;
pub mod sample;
pub mod storage;
pub mod targets;
pub mod text;
mod tree;
pub mod typed;
pub mod units;

pub use criteria::{evaluate, Assessment, CriterionOutcome, Outcome};
pub use dossier::{Dossier, Value};
pub use error::InputError;
pub use level::Level;
pub use rules::{Rules, RulesFile, RulesRef, Status};
pub use units::AdminUnit;
