//! Nominations (Khen thưởng): the register of candidates and good models.

use super::*;

/// The stored register, if any: `Err` when the record itself is unreadable.
pub fn load_nominations() -> Option<Result<StoredNominations, String>> {
    get(NOMINATIONS_KEY)
}

pub fn save_nominations(n: &StoredNominations) -> Result<(), String> {
    put(NOMINATIONS_KEY, n, Kind::Nominations.label()).map_err(WriteError::message)
}
