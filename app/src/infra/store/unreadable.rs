//! Records set aside because they could not be read.

use super::*;

/// A record kept aside because it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct UnreadableEntry {
    /// Where it is kept now.
    pub key: String,
    /// Where it was stored.
    pub original_key: String,
    /// What it was ("hồ sơ nháp", …).
    pub what: String,
    pub reason: String,
    /// When it was set aside (0 when unknown).
    pub at: f64,
    /// Characters of its text.
    pub chars: usize,
}

/// Every record kept aside, oldest first.
pub fn unreadable() -> Vec<UnreadableEntry> {
    let what_of = |key: &str| {
        Kind::of_key(key)
            .map(|k| k.label().to_string())
            .unwrap_or_else(|| "dữ liệu".into())
    };
    let mut list = Vec::new();
    for key in app_keys() {
        let Some(text) = backend::text(&key) else {
            continue;
        };
        if key == CONSOLIDATION_ASIDE_KEY {
            list.push(UnreadableEntry {
                original_key: CONSOLIDATION_KEY.into(),
                what: Kind::Consolidation.label().into(),
                reason: "không đọc được với bộ tiêu chí hoặc phiên bản đang dùng (trang Tổng hợp đã giữ riêng)".into(),
                at: 0.0,
                chars: text.chars().count(),
                key,
            });
        } else if key.starts_with(UNREADABLE_PREFIX) {
            let entry = match rec::decode::<Unreadable>(&text) {
                Ok((u, _)) => UnreadableEntry {
                    what: what_of(&u.key),
                    original_key: u.key,
                    reason: u.reason,
                    at: u.at,
                    chars: u.text.chars().count(),
                    key: key.clone(),
                },
                Err(_) => UnreadableEntry {
                    original_key: key.clone(),
                    what: "dữ liệu".into(),
                    reason: "không rõ".into(),
                    at: 0.0,
                    chars: text.chars().count(),
                    key: key.clone(),
                },
            };
            list.push(entry);
        }
    }
    for (key, reason) in STUCK.with(|st| st.borrow().clone()) {
        if let Some(text) = backend::text(&key) {
            list.push(UnreadableEntry {
                original_key: key.clone(),
                what: what_of(&key),
                reason: format!(
                    "{reason} (chưa chuyển sang chỗ riêng được vì bộ nhớ đầy; vẫn ở chỗ cũ)"
                ),
                at: 0.0,
                chars: text.chars().count(),
                key,
            });
        }
    }
    list.sort_by(|a, b| a.at.total_cmp(&b.at).then_with(|| a.key.cmp(&b.key)));
    list
}

/// The original text of an unreadable record (exactly as it was stored).
pub fn unreadable_text(key: &str) -> Option<String> {
    let text = backend::text(key)?;
    if key.starts_with(UNREADABLE_PREFIX) {
        if let Ok((u, _)) = rec::decode::<Unreadable>(&text) {
            return Some(u.text);
        }
    }
    Some(text)
}
