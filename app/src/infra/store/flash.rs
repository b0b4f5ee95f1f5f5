//! A message across one reload (sessionStorage).

const FLASH_KEY: &str = "chung-suc:thong-bao";

pub fn set_flash(message: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(FLASH_KEY, message);
    }
}

pub fn take_flash() -> Option<String> {
    let s = web_sys::window().and_then(|w| w.session_storage().ok().flatten())?;
    let m = s.get_item(FLASH_KEY).ok().flatten();
    let _ = s.remove_item(FLASH_KEY);
    m
}
