//! Movement targets (Mục tiêu): the figures form per unit and the registered targets.

use super::*;

pub fn figures_key(unit_code: &str) -> String {
    format!("{FIGURES_PREFIX}{unit_code}")
}

pub fn load_figures(unit_code: &str) -> Option<Result<StoredFigures, String>> {
    get(&figures_key(unit_code))
}

pub fn save_figures(f: &StoredFigures) -> Result<(), String> {
    put(
        &format!("{FIGURES_PREFIX}{}", f.figures.unit_code),
        f,
        &format!("số liệu tổng hợp của {}", f.figures.unit_name),
    )
    .map_err(WriteError::message)
}

/// The unit last chosen on the targets page.
pub fn figures_unit() -> Option<String> {
    backend::record::<FiguresUnit>(FIGURES_UNIT_KEY)
        .ok()
        .flatten()
        .map(|(u, _)| u.unit_code)
}

pub fn set_figures_unit(unit_code: &str) {
    // Losing this only means the page starts on the province.
    put_setting(
        FIGURES_UNIT_KEY,
        &FiguresUnit {
            unit_code: unit_code.to_string(),
        },
    );
}

pub fn load_registered() -> Option<Result<StoredRegistered, String>> {
    get(REGISTERED_KEY)
}

pub fn save_registered(r: &StoredRegistered) -> Result<(), String> {
    put(REGISTERED_KEY, r, Kind::Registered.label()).map_err(WriteError::message)
}
