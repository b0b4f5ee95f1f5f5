//! Consolidation (tổng hợp): a district or the province gathers many commune dossiers, reviews
//! them and reports on them. Pure functions: the caller passes in the time (no clock here).
//!
//! - the bundle file (`chung-suc/bundle`, docs/bundle-format.md): many dossiers and their reviews;
//! - importing many files at once, each a dossier or a bundle, with duplicates reported;
//! - review states (đã nhận → trả lại / đã thẩm tra → đã thẩm định), reopened when content changes;
//! - the consolidated table's rows, sorting, filtering and counts;
//! - the consolidated CSV (Excel and plain).

use crate::criteria::{evaluate, Assessment, CriterionOutcome};
use crate::dossier::Dossier;
use crate::envelope::Envelope;
use crate::error::{FieldPath, InputError};
use crate::export::{formula_safe, CsvOut};
use crate::level::Level;
use crate::rules::{Rules, RulesRef, Text};
use crate::text::collation_key;
use crate::units;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

pub const BUNDLE_FORMAT: &str = "chung-suc/bundle";
pub const BUNDLE_VERSION: u32 = 1;

const BUNDLE_ENVELOPE: Envelope = Envelope {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    what: "tệp gói hồ sơ",
    fields: Some(&["format", "version", "dossiers", "reviews"]),
};

mod bundle;
mod export;
mod import;
mod pending;
mod review;
mod rows;
pub use bundle::*;
pub use export::*;
pub use import::*;
pub use pending::*;
pub use review::*;
pub use rows::*;
/// The set whose criteria get one column each in the table and the CSV.
pub const NTM_SET: &str = "ntm";

// ---- identity and content ------------------------------------------------------------------

/// A commune-year: at most one dossier of each is kept in a consolidation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DossierKey {
    pub unit_code: String,
    pub year: u16,
}

impl DossierKey {
    pub fn of(d: &Dossier) -> DossierKey {
        DossierKey {
            unit_code: d.unit.code.clone(),
            year: d.year,
        }
    }
    /// "13306-2024": the key of `reviews` in a bundle.
    pub fn id(&self) -> String {
        format!("{}-{}", self.unit_code, self.year)
    }
    pub fn parse_id(id: &str) -> Option<DossierKey> {
        let (code, year) = id.rsplit_once('-')?;
        let year = year.parse().ok()?;
        (!code.is_empty()).then(|| DossierKey {
            unit_code: code.to_string(),
            year,
        })
    }
}

/// SHA-256 of the dossier's canonical JSON: "sha256:…". Detects any change of content.
pub fn content_hash(d: &Dossier) -> String {
    let digest = Sha256::digest(d.to_json().as_bytes());
    let mut s = String::with_capacity(71);
    s.push_str("sha256:");
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
