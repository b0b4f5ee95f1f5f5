//! The app's only clock: times are local, written the Vietnamese way.

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
