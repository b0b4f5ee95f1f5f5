//! The browser: storage, the clock, downloads and file reading — the app's only side effects.

pub mod autosave;
pub mod clock;
pub mod deployed;
pub mod download;
pub mod excel;
pub mod storage_ctx;
pub mod store;
