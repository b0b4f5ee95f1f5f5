//! Charts for the consolidation page, on plain data so they do not depend on its code:
//! communes by level per district (stacked bars) and the criteria most often not met (bars).

use crate::ui::chart::{Bar, BarChart, StackedBarChart, Tone};
use leptos::prelude::*;

/// For the consolidation page: communes by level, one stacked bar per district.
/// `data`: per district, the number of communes at each level, in `ntm_core::Level` order
/// (chưa đạt, NTM, nâng cao, kiểu mẫu).
#[component]
pub fn CommunesByLevelChart(
    data: Signal<Vec<(String, Vec<f64>)>>,
    #[prop(default = "communes-by-level".to_string(), into)] id: String,
) -> impl IntoView {
    use ntm_core::Level;
    let series = [
        Level::ChuaDat,
        Level::Ntm,
        Level::NtmNangCao,
        Level::NtmKieuMau,
    ]
    .iter()
    .map(|l| {
        match l {
            Level::ChuaDat => "Chưa đạt chuẩn",
            Level::Ntm => "Nông thôn mới",
            Level::NtmNangCao => "NTM nâng cao",
            Level::NtmKieuMau => "NTM kiểu mẫu",
        }
        .to_string()
    })
    .collect::<Vec<_>>();
    view! {
        <StackedBarChart
            id=id
            title="Số xã theo mức đạt chuẩn, theo huyện".to_string()
            data=data
            series=series
            y_desc="Số xã"
            category_header="Huyện, thị xã, thành phố"
        />
    }
}

/// For the consolidation page: the criteria most often not met (number of communes each).
/// `data`: (short label such as "TC 17", its full name, number of communes), most first.
#[component]
pub fn CriteriaNotMetChart(
    data: Signal<Vec<(String, String, f64)>>,
    #[prop(default = "criteria-not-met".to_string(), into)] id: String,
) -> impl IntoView {
    let bars = Signal::derive(move || {
        data.get()
            .into_iter()
            .map(|(label, name, n)| Bar {
                label,
                value: Some(n),
                detail: name,
                tone: Tone::Short,
            })
            .collect::<Vec<_>>()
    });
    view! {
        <BarChart
            id=id
            title="Tiêu chí có nhiều xã chưa đạt nhất".to_string()
            bars=bars
            y_desc="Số xã chưa đạt"
            headers=("Tiêu chí".to_string(), "Số xã chưa đạt".to_string())
        />
    }
}
