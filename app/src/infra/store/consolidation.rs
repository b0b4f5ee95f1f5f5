//! The consolidation (Tổng hợp): dossiers and reviews as a bundle, waiting duplicates.

use super::*;

/// The consolidation (dossiers and their reviews), kept as the text of a bundle file, with the
/// duplicate groups still waiting for a choice and the refused list of the last import. Records
/// of older builds have neither field and load with none (fields are only added).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredConsolidation {
    pub saved_at: f64,
    /// A `chung-suc/bundle` file (docs/bundle-format.md).
    pub bundle: String,
    /// The waiting versions, `chung-suc/pending` JSON (`consolidate::pending_to_json`); empty
    /// when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pending: String,
    /// Waiting groups that did not fit in storage (they are gone after a reload).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pending_unsaved: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<crate::tong_hop::state::Refused>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Characters the app's other records take in localStorage (its quota counts characters).
pub fn storage_chars_besides_consolidation() -> usize {
    backend::keys()
        .iter()
        .filter(|k| *k != CONSOLIDATION_KEY)
        .map(|k| backend::chars(k))
        .sum()
}

/// The stored consolidation, if any: `Err` when the record itself is unreadable (the Tổng hợp
/// page then sets it aside with `set_aside_consolidation`).
pub fn load_consolidation() -> Option<Result<StoredConsolidation, String>> {
    backend::record::<StoredConsolidation>(CONSOLIDATION_KEY)
        .map(|r| r.map(|(c, _)| c))
        .map_err(|e| e.message())
        .transpose()
}

/// Writes the consolidation; the error says, in Vietnamese, that it is kept in memory only.
pub fn save_consolidation(c: &StoredConsolidation) -> Result<(), String> {
    // Written without the detour through a JSON value `encode` takes: the record can be
    // megabytes.
    #[derive(Serialize)]
    struct Versioned<'a> {
        schema: u64,
        #[serde(flatten)]
        record: &'a StoredConsolidation,
    }
    let record = Versioned {
        schema: SCHEMA,
        record: c,
    };
    backend::set(CONSOLIDATION_KEY, &record).map_err(|refusal| {
        let why = match refusal {
            Refusal::Quota => {
                "bộ nhớ của trình duyệt không đủ chỗ cho bảng tổng hợp này".to_string()
            }
            Refusal::Unavailable => "trình duyệt không cho phép lưu dữ liệu".to_string(),
            Refusal::Other(name) if name.is_empty() => "trình duyệt từ chối ghi".to_string(),
            Refusal::Other(name) => format!("trình duyệt từ chối ghi ({name})"),
        };
        format!(
            "Chưa lưu được bảng tổng hợp vào trình duyệt: {why}. Các hồ sơ và trạng thái thẩm tra vẫn còn trong trang này nhưng sẽ mất khi đóng hoặc tải lại trang — hãy bấm “Xuất tệp gói (JSON)” để giữ lại."
        )
    })
}

/// Moves an unreadable stored consolidation aside (kept, never deleted). One set aside earlier
/// is moved among the other unreadable records first, so it is not overwritten.
pub fn set_aside_consolidation() -> Result<(), String> {
    if !backend::available() {
        return Err(backend::UNAVAILABLE.to_string());
    }
    if let Some(text) = backend::text(CONSOLIDATION_KEY) {
        if let Some(older) = backend::text(CONSOLIDATION_ASIDE_KEY) {
            set_aside(
                CONSOLIDATION_ASIDE_KEY,
                &older,
                "bảng tổng hợp không đọc được, được trang Tổng hợp giữ riêng trước đó",
            );
            if backend::has(CONSOLIDATION_ASIDE_KEY) {
                return Err("Không có chỗ để giữ riêng bảng tổng hợp không đọc được.".into());
            }
        }
        backend::set_text(CONSOLIDATION_ASIDE_KEY, &text)
            .map_err(|e| refusal(&e, "bảng tổng hợp không đọc được"))?;
        backend::delete(CONSOLIDATION_KEY)
            .map_err(|_| "Không chuyển được bảng tổng hợp.".to_string())?;
        emit(Event::SetAside);
    }
    Ok(())
}

pub fn clear_consolidation() -> Result<(), String> {
    backend::delete(CONSOLIDATION_KEY)
        .map_err(|_| "Không xóa được bảng tổng hợp khỏi bộ nhớ của trình duyệt.".to_string())
}
