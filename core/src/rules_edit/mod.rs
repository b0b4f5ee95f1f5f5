//! Editing a province's rules file: what it changes against the built-in rules, and the small
//! patch operations the rules editor needs (put, remove, rename, undo one change).
//!
//! The edit state is one [`RulesFile`] laid over the built-in rules; the resolved rules are
//! always `Rules::with_override(&patch)`, so validation stays the core's. Everything here is
//! pure: the app calls it and shows the result.

use crate::dossier::check_number;
use crate::error::{InputError, PathSegment};
use crate::rules::{
    Comparison, CriterionPatch, Indicator, IndicatorPatch, Kind, Rules, RulesFile, SetPatch,
    Source, Status, Target, TargetPatch, Threshold, Years, FORMAT, VERSION,
};
use crate::text::iso_to_vi_date;
use std::collections::BTreeMap;

mod changes;
mod fields;
mod missing;
mod patch;
mod wording;
pub use changes::*;
pub use fields::*;
pub use missing::*;
pub use patch::*;
pub use wording::*;

#[cfg(test)]
mod missing_tests;
#[cfg(test)]
mod tests;

/// Default id and title of the province's rules file.
pub const DEFAULT_ID: &str = "ha-nam";
pub const DEFAULT_TITLE: &str = "Bộ tiêu chí tỉnh Hà Nam";

/// An empty patch: the built-in rules, unchanged, under the province's id and title.
pub fn empty_patch(id: &str, title: &str) -> RulesFile {
    RulesFile {
        format: FORMAT.to_string(),
        version: VERSION,
        id: id.to_string(),
        title: title.to_string(),
        ..RulesFile::default()
    }
}

/// True when the patch changes nothing but the id and title.
pub fn is_empty(file: &RulesFile) -> bool {
    file.region.is_none()
        && file.years.is_none()
        && file.levels.is_none()
        && file.sets.is_empty()
        && file.targets.is_empty()
}

/// A safe download name: `bo-tieu-chi-ha-nam.json`.
pub fn export_file_name(id: &str) -> String {
    let slug: String = crate::text::nfc(id)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "bo-tieu-chi.json".into()
    } else {
        format!("bo-tieu-chi-{slug}.json")
    }
}

/// The date of the newest document the rules cite (ISO): the "as of" of a rules file.
pub fn latest_source_date(rules: &Rules) -> Option<String> {
    let sets = rules
        .sets
        .iter()
        .flat_map(|s| std::iter::once(&*s.source).chain(s.indicators().map(|(_, i)| &*i.source)));
    sets.chain(rules.targets.iter().map(|t| &t.source))
        .filter_map(|s| s.date.as_deref())
        .filter(|d| crate::text::iso_to_vi_date(d).is_some())
        .max()
        .map(str::to_string)
}
