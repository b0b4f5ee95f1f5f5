//! District results (Tổng hợp): the values a district enters itself.

use super::*;

/// The stored district inputs, if any: `Err` when the record itself is unreadable.
pub fn load_district_inputs() -> Option<Result<StoredDistrictInputs, String>> {
    get(DISTRICT_INPUTS_KEY)
}

pub fn save_district_inputs(d: &StoredDistrictInputs) -> Result<(), String> {
    put(DISTRICT_INPUTS_KEY, d, Kind::DistrictInputs.label()).map_err(WriteError::message)
}
