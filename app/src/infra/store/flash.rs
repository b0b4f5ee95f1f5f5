//! A message across one reload (sessionStorage).

use super::backend;

const FLASH_KEY: &str = "chung-suc:thong-bao";

pub fn set_flash(message: &str) {
    backend::session_set(FLASH_KEY, message);
}

pub fn take_flash() -> Option<String> {
    backend::session_take(FLASH_KEY)
}
