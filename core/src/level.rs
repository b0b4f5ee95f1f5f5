//! The standards a commune can reach, lowest first.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    ChuaDat,
    Ntm,
    NtmNangCao,
    NtmKieuMau,
}

impl Level {
    pub const LADDER: [Level; 3] = [Level::Ntm, Level::NtmNangCao, Level::NtmKieuMau];

    /// The word used in files and the command-line output.
    pub fn code(self) -> &'static str {
        match self {
            Level::ChuaDat => "chua_dat",
            Level::Ntm => "ntm",
            Level::NtmNangCao => "ntm_nang_cao",
            Level::NtmKieuMau => "ntm_kieu_mau",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Level::ChuaDat => "Chưa đạt chuẩn nông thôn mới",
            Level::Ntm => "Đạt chuẩn nông thôn mới",
            Level::NtmNangCao => "Đạt chuẩn nông thôn mới nâng cao",
            Level::NtmKieuMau => "Đạt chuẩn nông thôn mới kiểu mẫu",
        }
    }

    pub fn next(self) -> Option<Level> {
        match self {
            Level::ChuaDat => Some(Level::Ntm),
            Level::Ntm => Some(Level::NtmNangCao),
            Level::NtmNangCao => Some(Level::NtmKieuMau),
            Level::NtmKieuMau => None,
        }
    }
}
