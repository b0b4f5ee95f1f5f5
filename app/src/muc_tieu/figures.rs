//! The figures form (số liệu tổng hợp): one column per year from the 2020 baseline, one row per
//! figure, the source of each year's figures; import and export of the figures JSON.

use crate::infra::download::{download, ChosenFile};
use crate::muc_tieu::state::{Field, FiguresCtx, FIELDS, YEARS};
use crate::ui::alert::{ErrorAlert, OkAlert};
use crate::ui::file_drop::FileDrop;
use crate::ui::invalid_warning::InvalidWarning;
use crate::ui::number_input::NumberInput;
use crate::ui::save_state::SaveStatus;
use crate::ui::table::TableScroll;
use leptos::prelude::*;
use ntm_core::figures::PovertyStandard;
use ntm_core::typed::{invalid_cell, InvalidCell};

#[component]
fn FigureInput(year: u16, field: Field) -> impl IntoView {
    let ctx = expect_context::<FiguresCtx>();
    let id = format!("fig-{year}-{}", field.key());
    // Beyond its kind's rule, a figure must agree with the year's other figures (the core's check).
    let agrees = Callback::new(move |v: f64| match ctx.check_number(year, field, v) {
        Some(problem) => Err(problem),
        None => Ok(()),
    });
    let on_text = Callback::new(move |(text, _): (String, Option<f64>)| {
        ctx.set_number(year, field, &text);
    });
    view! {
        <div class="muc-tieu-figures-cell">
            <NumberInput
                id=id.clone()
                kind=field.kind()
                initial=ctx.field_text(year, field)
                on_text=on_text
                check=agrees
                testid=id
                suffix=field.suffix()
                label=format!("{} — năm {year}", field.label_vi())
            />
        </div>
    }
}

/// Every figure whose typed text the kernel refuses, year by year.
fn invalid_figures(ctx: &FiguresCtx) -> Vec<InvalidCell> {
    YEARS
        .iter()
        .flat_map(|&year| FIELDS.iter().map(move |&field| (year, field)))
        .filter_map(|(year, field)| {
            let place = format!("{} — năm {year}", field.label_vi());
            let key = format!("{year}/{}", field.key());
            invalid_cell(field.kind(), &key, place, &ctx.field_text(year, field))
        })
        .collect()
}

/// Which poverty standard the year's poor households were counted under (T4, D15); empty: the
/// one in force that year.
#[component]
fn PovertyStandardSelect(year: u16) -> impl IntoView {
    let ctx = expect_context::<FiguresCtx>();
    let id = format!("fig-{year}-poverty_standard");
    let chosen = ctx.poverty_standard(year);
    let default = match PovertyStandard::in_force(year) {
        Some(s) => format!("Theo năm: {}", s.label_vi()),
        None => "Chưa ghi".to_string(),
    };
    view! {
        <select
            id=id.clone()
            data-testid=id
            aria-label=format!("Chuẩn nghèo dùng để đếm số hộ nghèo năm {year}")
            on:change=move |ev| ctx.set_poverty_standard(year, PovertyStandard::from_code(&event_target_value(&ev)))
        >
            <option value="" selected=chosen.is_none()>{default}</option>
            {PovertyStandard::ALL
                .into_iter()
                .map(|s| view! { <option value=s.code() selected=chosen == Some(s)>{s.label_vi()}</option> })
                .collect_view()}
        </select>
    }
}

#[component]
fn SourceInput(year: u16) -> impl IntoView {
    let ctx = expect_context::<FiguresCtx>();
    let id = format!("fig-{year}-source");
    view! {
        <textarea
            id=id.clone()
            class="muc-tieu-figures-source"
            rows="2"
            data-testid=id
            aria-label=format!("Nguồn số liệu năm {year} (số, ngày báo cáo)")
            placeholder="Báo cáo số …, ngày …"
            prop:value=ctx.source_text(year)
            on:input=move |ev| ctx.set_source(year, &event_target_value(&ev))
        ></textarea>
    }
}

/// One row per figure, one column per year, and the source of each year's figures.
#[component]
fn FiguresTable() -> impl IntoView {
    let ctx = expect_context::<FiguresCtx>();
    view! {
    // New inputs (not patched old ones, which would keep typed text) whenever another
    // unit is chosen or a file is imported.
    <For
        each=move || std::iter::once(ctx.revision.get())
        key=|r| *r
        children=move |_| {
        view! {
            <TableScroll label="Biểu số liệu tổng hợp">
                <table class="muc-tieu-figures-table" data-testid="figures-form">
                    <thead>
                        <tr>
                            <th scope="col" class="muc-tieu-figures-label">"Chỉ tiêu"</th>
                            {YEARS
                                .iter()
                                .map(|y| {
                                    view! {
                                        <th scope="col">
                                            {if *y == 2020 {
                                                "2020 (gốc)".to_string()
                                            } else {
                                                y.to_string()
                                            }}
                                        </th>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {FIELDS
                            .iter()
                            .map(|f| {
                                let f = *f;
                                // The count's standard sits under it: T4 compares like with like.
                                let standard = (f == Field::PoorHouseholds).then(|| view! {
                                    <tr>
                                        <th scope="row" class="muc-tieu-figures-label">"Chuẩn nghèo dùng để đếm số hộ nghèo (T4)"</th>
                                        {YEARS
                                            .iter()
                                            .map(|y| view! { <td><PovertyStandardSelect year=*y /></td> })
                                            .collect_view()}
                                    </tr>
                                });
                                view! {
                                    <tr>
                                        <th scope="row" class="muc-tieu-figures-label">{f.label_vi()}</th>
                                        {YEARS
                                            .iter()
                                            .map(|y| view! { <td><FigureInput year=*y field=f /></td> })
                                            .collect_view()}
                                    </tr>
                                    {standard}
                                }
                            })
                            .collect_view()}
                        <tr>
                            <th scope="row" class="muc-tieu-figures-label">
                                "Nguồn số liệu (số, ngày báo cáo)"
                            </th>
                            {YEARS
                                .iter()
                                .map(|y| view! { <td><SourceInput year=*y /></td> })
                                .collect_view()}
                        </tr>
                    </tbody>
                </table>
            </TableScroll>
        }
        }
    />
    }
}

#[component]
pub fn FiguresForm() -> impl IntoView {
    let ctx = expect_context::<FiguresCtx>();
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);

    let save_file = Callback::new(move |()| {
        ctx.flush();
        let json = ctx.figures.with_untracked(|f| f.to_json());
        error.set(download(json.as_bytes(), &ctx.export_name(), "application/json").err());
    });
    // Refused text is named before the file is made (it is left out of it).
    let invalid = RwSignal::new(Vec::new());
    let pending = RwSignal::new(None::<()>);
    let export = move |_| {
        let cells = invalid_figures(&ctx);
        if cells.is_empty() {
            save_file.run(());
        } else {
            invalid.set(cells);
            pending.set(Some(()));
        }
    };
    let on_file =
        Callback::new(
            move |f: ChosenFile| match f.text.and_then(|t| ctx.import(&t, &f.name)) {
                Ok(m) => {
                    error.set(None);
                    ok.set(Some(m));
                }
                Err(e) => {
                    ok.set(None);
                    error.set(Some(e));
                }
            },
        );

    view! {
        <section class="panel muc-tieu-figures-panel no-print" aria-labelledby="fig-h">
            <div class="muc-tieu-figures-head">
                <h2 id="fig-h">
                    "Số liệu tổng hợp — "
                    {move || {
                        ctx.figures.with(|f| f.unit_name.clone())
                    }}
                </h2>
                <SaveStatus state=ctx.save_state testid="figures-save-status" empty="Chưa có số liệu" reason=true />
            </div>
            <p class="hint">
                "Năm 2020 là năm gốc để tính mức giảm hộ nghèo (T4). Số thập phân gõ “95,5” hay “95.5” đều được; số hộ, số người gõ “6.000” hay “6000” (dấu chấm ngăn cách hàng nghìn); số tiền gõ “65.000.000”. Ô để trống là chưa có số liệu, không bao giờ được tính là đạt. Số liệu được lưu ngay trong trình duyệt này."
            </p>
            {move || {
                ctx.load_problem
                    .get()
                    .map(|p| view! { <p class="alert alert-warning" role="alert">{p}</p> })
            }}
            <FiguresTable />
            <div class="muc-tieu-figures-files">
                <button type="button" id="export-figures" on:click=export>
                    "Xuất số liệu (JSON)"
                </button>
                <InvalidWarning pending=pending cells=invalid proceed=save_file />
                <FileDrop
                    input_id="import-figures"
                    label="Nhập số liệu (JSON)"
                    hint="Tệp số liệu tổng hợp .json (định dạng chung-suc/figures). Số liệu trong tệp thay cho số liệu đang có của đơn vị ghi trong tệp."
                    drop_testid="figures-drop"
                    on_file=on_file
                />
            </div>
            <ErrorAlert message=error testid="figures-error" />
            <OkAlert message=ok testid="figures-ok" />
        </section>
    }
}
