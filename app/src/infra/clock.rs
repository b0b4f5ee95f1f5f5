//! The app's only clock (the only user of `js_sys::Date`): times are local, written the
//! Vietnamese way.

use js_sys::Date;
use wasm_bindgen::JsValue;

pub fn now_ms() -> f64 {
    Date::now()
}

fn parts(ms: f64) -> (u32, u32, u32, u32, u32, u32) {
    let d = Date::new(&JsValue::from_f64(ms));
    (
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds(),
    )
}

/// "14:05:09"
pub fn time(ms: f64) -> String {
    let (_, _, _, h, m, s) = parts(ms);
    format!("{h:02}:{m:02}:{s:02}")
}

/// "29/11/2025"
pub fn date(ms: f64) -> String {
    let (y, mo, d, ..) = parts(ms);
    format!("{d:02}/{mo:02}/{y}")
}

/// "29/11/2025 14:05"
pub fn date_time(ms: f64) -> String {
    let (y, mo, d, h, m, _) = parts(ms);
    format!("{d:02}/{mo:02}/{y} {h:02}:{m:02}")
}

pub fn current_year() -> u16 {
    u16::try_from(Date::new_0().get_full_year()).unwrap_or(2025)
}

/// Now as ISO 8601 (UTC), the form stored stamps are written in.
pub fn now_iso() -> String {
    Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// Today as "YYYY-MM-DD" in the browser's time zone (the core has no clock).
pub fn today_iso() -> String {
    let (y, mo, d, ..) = parts(now_ms());
    format!("{y:04}-{mo:02}-{d:02}")
}

/// "20251130-0915", for file names.
pub fn stamp() -> String {
    let (y, mo, d, h, m, _) = parts(now_ms());
    format!("{y}{mo:02}{d:02}-{h:02}{m:02}")
}

/// "2025-03-01T08:00:00.000Z" → "01/03/2025 15:00" (local time); other text as it is.
pub fn iso_to_local(iso: &str) -> String {
    let ms = Date::parse(iso);
    if ms.is_nan() {
        iso.to_string()
    } else {
        date_time(ms)
    }
}

/// "2025-06-30" → "30/06/2025"; other text as it is (one conversion, in the core).
pub use ntm_core::text::vi_date;
