//! The register of good models (điển hình tiên tiến, sáng kiến, mô hình hay, cách làm sáng
//! tạo): search (accent-insensitive, the core's `GoodModel::matches`), add, edit, delete, and
//! the list for Excel. A candidate's achievement may point to one of them.

use crate::infra::clock::vi_date;
use crate::infra::download::download;
use crate::infra::excel::download_book;
use crate::khen_thuong::state::{fresh_id, NominationsCtx};
use crate::ui::alert::ErrorAlert;
use crate::ui::confirm_dialog::{Ask, ConfirmDialog};
use crate::ui::date_input::DateInput;
use crate::ui::text_field::TextField;
use leptos::prelude::*;
use ntm_core::excel;
use ntm_core::input::Kind;
use ntm_core::nominations::{models_csv_excel, Evidence, Figure, GoodModel, ModelKind};
use ntm_core::text::nfc;

#[derive(Clone, Debug, Default, PartialEq)]
struct FigureText {
    label: String,
    value: String,
    unit: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct EvidenceText {
    document: String,
    date: String,
    issuer: String,
    description: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct ModelForm {
    kind: ModelKind,
    name: String,
    place: String,
    who: String,
    results: String,
    since: String,
    figures: Vec<FigureText>,
    evidence: Vec<EvidenceText>,
}

impl ModelForm {
    fn of(m: &GoodModel) -> ModelForm {
        ModelForm {
            kind: m.kind,
            name: m.name.clone(),
            place: m.place.clone(),
            who: m.who.clone(),
            results: m.results.clone(),
            since: m.since.clone(),
            figures: m
                .figures
                .iter()
                .map(|f| FigureText {
                    label: f.label.clone(),
                    value: Kind::Number.show(f.value),
                    unit: f.unit.clone(),
                })
                .collect(),
            evidence: m
                .evidence
                .iter()
                .map(|e| EvidenceText {
                    document: e.document.clone(),
                    date: e.date.clone().unwrap_or_default(),
                    issuer: e.issuer.clone(),
                    description: e.description.clone(),
                })
                .collect(),
        }
    }

    /// The model, or the first problem in words.
    fn to_model(&self, id: String) -> Result<GoodModel, String> {
        if self.name.trim().is_empty() {
            return Err("Chưa nhập tên điển hình, mô hình.".into());
        }
        let mut figures = Vec::new();
        for (i, f) in self.figures.iter().enumerate() {
            if f.label.trim().is_empty() && f.value.trim().is_empty() {
                continue;
            }
            if f.label.trim().is_empty() {
                return Err(format!("Số liệu dòng {}: chưa có tên chỉ tiêu.", i + 1));
            }
            let value = match Kind::Number.parse_number(&f.value) {
                Ok(Some(v)) => v,
                Ok(None) => return Err(format!("Số liệu dòng {}: chưa nhập giá trị.", i + 1)),
                Err(p) => {
                    return Err(format!(
                        "Số liệu dòng {}: {}.",
                        i + 1,
                        p.message_vi(Kind::Number)
                    ))
                }
            };
            figures.push(Figure {
                label: nfc(f.label.trim()),
                value,
                unit: f.unit.trim().to_string(),
            });
        }
        let evidence = self
            .evidence
            .iter()
            .filter(|e| !(e.document.trim().is_empty() && e.description.trim().is_empty()))
            .map(|e| {
                // The date field keeps a refused text: it is refused again here.
                let date = ntm_core::text::parse_vi_date(&e.date)
                    .map_err(|p| format!("Ngày của minh chứng: {p}."))?;
                Ok(Evidence {
                    document: e.document.trim().to_string(),
                    date,
                    issuer: e.issuer.trim().to_string(),
                    description: e.description.trim().to_string(),
                    figure: None,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(GoodModel {
            id,
            kind: self.kind,
            name: nfc(self.name.trim()),
            place: nfc(self.place.trim()),
            who: nfc(self.who.trim()),
            results: nfc(self.results.trim()),
            figures,
            since: self.since.trim().to_string(),
            evidence,
        })
    }
}

/// One input of a repeated row of the model form (a figure, a piece of evidence).
struct Cell<R> {
    key: &'static str,
    label: &'static str,
    kind: &'static str,
    inputmode: Option<&'static str>,
    get: fn(&R) -> String,
    put: fn(&mut R, String),
}

/// Rows of the model form that repeat: their ids `{prefix}-{i}-{key}`, a delete per row.
struct Repeated<R: 'static> {
    prefix: &'static str,
    what: &'static str,
    testid: Option<&'static str>,
    rows: fn(&ModelForm) -> &Vec<R>,
    rows_mut: fn(&mut ModelForm) -> &mut Vec<R>,
    cells: Vec<Cell<R>>,
}

impl<R: 'static> Repeated<R> {
    fn cell(&self, form: RwSignal<ModelForm>, i: usize, c: &Cell<R>) -> AnyView {
        let id = format!("{}-{i}-{}", self.prefix, c.key);
        let (rows, rows_mut, get, put) = (self.rows, self.rows_mut, c.get, c.put);
        if c.kind == "date" {
            let write = move |v: String| {
                form.update(|f| {
                    if let Some(x) = rows_mut(f).get_mut(i) {
                        put(x, v);
                    }
                })
            };
            return view! {
                <div class="field">
                    <label for=id.clone()>{format!("{} (dòng {})", c.label, i + 1)}</label>
                    <DateInput
                        id=id
                        label=c.label
                        value=Signal::derive(move || form.with(|f| rows(f).get(i).map(get).unwrap_or_default()))
                        on_date=Callback::new(write)
                        on_invalid=Callback::new(write)
                    />
                </div>
            }
            .into_any();
        }
        view! {
            <div class="field">
                <label for=id.clone()>{format!("{} (dòng {})", c.label, i + 1)}</label>
                <input
                    type=c.kind
                    id=id
                    autocomplete="off"
                    inputmode=c.inputmode
                    prop:value=move || form.with(|f| rows(f).get(i).map(get).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| {
                            if let Some(x) = rows_mut(f).get_mut(i) {
                                put(x, v);
                            }
                        });
                    }
                />
            </div>
        }
        .into_any()
    }

    fn view(self, form: RwSignal<ModelForm>, count: Memo<usize>) -> impl IntoView {
        let this = StoredValue::new_local(self);
        move || {
            (0..count.get())
                .map(|i| {
                    this.with_value(|r| {
                        let rows_mut = r.rows_mut;
                        let cells = r.cells.iter().map(|c| r.cell(form, i, c)).collect_view();
                        view! {
                            <div class="khen-thuong-add-row" data-testid=r.testid>
                                {cells}
                                <button
                                    type="button"
                                    class="small danger"
                                    aria-label=format!("Xóa {} dòng {}", r.what, i + 1)
                                    on:click=move |_| form.update(|f| {
                                        let list = rows_mut(f);
                                        if i < list.len() {
                                            list.remove(i);
                                        }
                                    })
                                >
                                    "Xóa"
                                </button>
                            </div>
                        }
                    })
                })
                .collect_view()
        }
    }
}

fn model_card(
    ctx: NominationsCtx,
    m: GoodModel,
    linked: Vec<String>,
    on_edit: Callback<String>,
    ask: RwSignal<Option<Ask<String>>>,
) -> impl IntoView {
    let (id_edit, id_del, name_del) = (m.id.clone(), m.id.clone(), m.name.clone());
    let n_linked = linked.len();
    let _ = ctx;
    view! {
        <li class="khen-thuong-model" data-testid="model-item" data-id=m.id.clone()>
            <p class="khen-thuong-model-head">
                <span class="tag tag-kind">{m.kind.label_vi()}</span>
                " "
                <strong class="khen-thuong-model-name">{m.name.clone()}</strong>
            </p>
            <dl class="khen-thuong-facts">
                {(!m.place.is_empty()).then(|| view! { <div><dt>"Địa bàn"</dt><dd>{m.place.clone()}</dd></div> })}
                {(!m.who.is_empty()).then(|| view! { <div><dt>"Thực hiện"</dt><dd>{m.who.clone()}</dd></div> })}
                {(!m.since.is_empty()).then(|| view! { <div><dt>"Từ"</dt><dd>{m.since.clone()}</dd></div> })}
            </dl>
            {(!m.results.is_empty()).then(|| view! { <p class="khen-thuong-model-results">{m.results.clone()}</p> })}
            {(!m.figures.is_empty())
                .then(|| {
                    view! {
                        <ul class="khen-thuong-figures">
                            {m
                                .figures
                                .iter()
                                .map(|f| {
                                    view! {
                                        <li>
                                            {format!("{}: ", f.label)}
                                            <strong>{Kind::Number.format(f.value, Some(&f.unit))}</strong>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {(!m.evidence.is_empty())
                .then(|| {
                    view! {
                        <p class="note">
                            "Minh chứng: "
                            {m
                                .evidence
                                .iter()
                                .map(|e| {
                                    let mut s = [e.document.as_str(), e.issuer.as_str(), e.description.as_str()]
                                        .into_iter()
                                        .filter(|x| !x.is_empty())
                                        .collect::<Vec<_>>()
                                        .join(", ");
                                    if let Some(d) = &e.date {
                                        s.push_str(&format!(" ({})", vi_date(d)));
                                    }
                                    s
                                })
                                .collect::<Vec<_>>()
                                .join("; ")}
                        </p>
                    }
                })}
            {(n_linked > 0)
                .then(|| view! { <p class="note">{format!("Được đề nghị khen: {}.", linked.join(", "))}</p> })}
            <div class="khen-thuong-model-actions">
                <button type="button" class="small" aria-label=format!("Sửa {}", m.name) on:click=move |_| on_edit.run(id_edit.clone())>
                    "Sửa"
                </button>
                <button
                    type="button"
                    class="small danger"
                    aria-label=format!("Xóa {}", m.name)
                    on:click=move |_| {
                        ask.set(Some(Ask {
                            title: "Xóa khỏi sổ điển hình?".into(),
                            message: if n_linked > 0 {
                                format!("“{name_del}” sẽ bị xóa. {n_linked} đề nghị khen thưởng đang liên kết với nó sẽ bỏ liên kết (thành tích vẫn giữ nguyên).")
                            } else {
                                format!("“{name_del}” sẽ bị xóa khỏi sổ điển hình trong trình duyệt này.")
                            },
                            confirm_label: "Xóa".into(),
                            action: id_del.clone(),
                        }))
                    }
                >
                    "Xóa"
                </button>
            </div>
        </li>
    }
}

fn figure_rows() -> Repeated<FigureText> {
    Repeated {
        prefix: "model-fig",
        what: "số liệu",
        testid: Some("model-figure-row"),
        rows: |f| &f.figures,
        rows_mut: |f| &mut f.figures,
        cells: vec![
            Cell {
                key: "label",
                label: "Chỉ tiêu",
                kind: "text",
                inputmode: None,
                get: |f: &FigureText| f.label.clone(),
                put: |f, v| f.label = v,
            },
            Cell {
                key: "value",
                label: "Giá trị",
                kind: "text",
                inputmode: Some(Kind::Number.inputmode()),
                get: |f| f.value.clone(),
                put: |f, v| f.value = v,
            },
            Cell {
                key: "unit",
                label: "Đơn vị tính",
                kind: "text",
                inputmode: None,
                get: |f| f.unit.clone(),
                put: |f, v| f.unit = v,
            },
        ],
    }
}

fn evidence_rows() -> Repeated<EvidenceText> {
    Repeated {
        prefix: "model-ev",
        what: "minh chứng",
        testid: None,
        rows: |f| &f.evidence,
        rows_mut: |f| &mut f.evidence,
        cells: vec![
            Cell {
                key: "doc",
                label: "Số văn bản",
                kind: "text",
                inputmode: None,
                get: |e: &EvidenceText| e.document.clone(),
                put: |e, v| e.document = v,
            },
            Cell {
                key: "date",
                label: "Ngày",
                kind: "date",
                inputmode: None,
                get: |e| e.date.clone(),
                put: |e, v| e.date = v,
            },
            Cell {
                key: "issuer",
                label: "Cơ quan",
                kind: "text",
                inputmode: None,
                get: |e| e.issuer.clone(),
                put: |e, v| e.issuer = v,
            },
            Cell {
                key: "desc",
                label: "Nội dung",
                kind: "text",
                inputmode: None,
                get: |e| e.description.clone(),
                put: |e, v| e.description = v,
            },
        ],
    }
}

/// The register's models matching `q`, each with the nominations linked to it.
fn model_list(
    ctx: NominationsCtx,
    q: String,
    on_edit: Callback<String>,
    ask: RwSignal<Option<Ask<String>>>,
) -> AnyView {
    ctx.register.with(|r| {
        let shown: Vec<_> = r.models.iter().filter(|m| m.matches(&q)).cloned().collect();
        if r.models.is_empty() {
            return view! { <p class="empty">"Sổ chưa có điển hình, mô hình nào."</p> }.into_any();
        }
        if shown.is_empty() {
            return view! { <p class="empty" data-testid="model-none">"Không có điển hình, mô hình nào khớp với từ tìm."</p> }
                .into_any();
        }
        view! {
            <ul class="khen-thuong-models" data-testid="model-list">
                {shown
                    .into_iter()
                    .map(|m| {
                        let linked = r
                            .candidates
                            .iter()
                            .filter(|c| c.achievement.model.as_deref() == Some(m.id.as_str()))
                            .map(|c| c.name.clone())
                            .collect();
                        model_card(ctx, m, linked, on_edit, ask)
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    })
}

/// A text input bound to one part of the model form.
fn text_input(
    form: RwSignal<ModelForm>,
    id: &'static str,
    label: &'static str,
    get: fn(&ModelForm) -> String,
    put: fn(&mut ModelForm, String),
) -> impl IntoView {
    view! {
        <TextField
            id=id.to_string()
            label=label
            value=Signal::derive(move || form.with(get))
            on_input=Callback::new(move |v: String| form.update(|f| put(f, v)))
        />
    }
}

/// The fields of the model form: kind, names, results, figures and evidence.
fn model_fields(form: RwSignal<ModelForm>) -> impl IntoView {
    let n_figures = Memo::new(move |_| form.with(|f| f.figures.len()));
    let n_evidence = Memo::new(move |_| form.with(|f| f.evidence.len()));
    let figure_rows = figure_rows().view(form, n_figures);
    let evidence_rows = evidence_rows().view(form, n_evidence);
    view! {
        <div class="khen-thuong-two">
            <div class="field">
                <label for="model-kind">"Loại"</label>
                <select
                    id="model-kind"
                    on:change=move |ev| {
                        if let Some(k) = ModelKind::from_code(&event_target_value(&ev)) {
                            form.update(|f| f.kind = k);
                        }
                    }
                >
                    {move || {
                        let cur = form.with(|f| f.kind);
                        ModelKind::ALL
                            .into_iter()
                            .map(|k| view! { <option value=k.code() selected=k == cur>{k.label_vi()}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            {text_input(form, "model-name", "Tên", |f| f.name.clone(), |f, v| f.name = v)}
            {text_input(form, "model-place", "Địa bàn (xã, huyện)", |f| f.place.clone(), |f, v| f.place = v)}
            {text_input(form, "model-who", "Người, đơn vị thực hiện", |f| f.who.clone(), |f, v| f.who = v)}
            {text_input(form, "model-since", "Thực hiện từ (năm hoặc ngày)", |f| f.since.clone(), |f, v| f.since = v)}
        </div>
        <div class="field">
            <label for="model-results">"Kết quả, hiệu quả"</label>
            <textarea
                id="model-results"
                rows="3"
                prop:value=move || form.with(|f| f.results.clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    form.update(|f| f.results = v);
                }
            ></textarea>
        </div>
        <fieldset class="khen-thuong-fieldset">
            <legend>"Số liệu kết quả"</legend>
            {figure_rows}
            <button type="button" class="small" id="model-add-figure" on:click=move |_| form.update(|f| f.figures.push(FigureText::default()))>
                "Thêm dòng số liệu"
            </button>
        </fieldset>
        <fieldset class="khen-thuong-fieldset">
            <legend>"Minh chứng"</legend>
            {evidence_rows}
            <button type="button" class="small" id="model-add-evidence" on:click=move |_| form.update(|f| f.evidence.push(EvidenceText::default()))>
                "Thêm minh chứng"
            </button>
        </fieldset>
    }
}

#[component]
pub fn GoodModels() -> impl IntoView {
    let ctx = expect_context::<NominationsCtx>();
    let query = RwSignal::new(String::new());
    let form = RwSignal::new(ModelForm::default());
    let editing = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let ask = RwSignal::new(None::<Ask<String>>);

    let reset = move || {
        form.set(ModelForm::default());
        editing.set(None);
        error.set(None);
    };
    let on_edit = Callback::new(move |id: String| {
        if let Some(m) = ctx
            .register
            .with_untracked(|r| r.models.iter().find(|m| m.id == id).cloned())
        {
            form.set(ModelForm::of(&m));
            editing.set(Some(id));
            error.set(None);
            if let Some(el) = document().get_element_by_id("model-name") {
                use wasm_bindgen::JsCast;
                el.scroll_into_view();
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    });
    let on_delete = Callback::new(move |id: String| {
        ctx.edit(|r| {
            r.models.retain(|m| m.id != id);
            for c in &mut r.candidates {
                if c.achievement.model.as_deref() == Some(id.as_str()) {
                    c.achievement.model = None;
                }
            }
        });
        if editing.get_untracked().as_deref() == Some(id.as_str()) {
            reset();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = editing.get_untracked().unwrap_or_else(|| {
            ctx.register
                .with_untracked(|r| fresh_id("mh", |x| r.models.iter().any(|m| m.id == x)))
        });
        match form.with_untracked(|f| f.to_model(id.clone())) {
            Ok(m) => {
                let name = m.name.clone();
                ctx.edit(move |r| match r.models.iter_mut().find(|x| x.id == m.id) {
                    Some(slot) => *slot = m,
                    None => r.models.push(m),
                });
                message.set(Some(format!("Đã lưu “{name}” vào sổ điển hình.")));
                reset();
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let export = move |_| {
        let bytes = ctx.register.with_untracked(|r| models_csv_excel(&r.models));
        message.set(
            download(
                &bytes,
                "so-dien-hinh-tien-tien.csv",
                "text/csv;charset=utf-8",
            )
            .err(),
        );
    };

    let export_error = RwSignal::new(None::<String>);
    let export_xlsx = move |_| {
        let book = ctx.register.with_untracked(|r| {
            excel::nominations::models_book(r, &r.models, &crate::infra::clock::today_iso())
        });
        download_book(
            book,
            excel::nominations::MODELS_FILE_NAME.into(),
            move |r| export_error.set(r.err()),
        );
    };

    let list = move || model_list(ctx, query.get(), on_edit, ask);

    view! {
        <section class="panel khen-thuong-models-panel" aria-labelledby="kt-models-h" data-testid="good-models">
            <h2 id="kt-models-h">"Sổ điển hình tiên tiến, sáng kiến, mô hình hay, cách làm sáng tạo"</h2>
            <div class="khen-thuong-filters">
                <div class="field khen-thuong-grow">
                    <label for="model-search">"Tìm trong sổ (không cần gõ dấu)"</label>
                    <input
                        type="search"
                        id="model-search"
                        autocomplete="off"
                        placeholder="Ví dụ: cach lam, OCOP, Phù Vân"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                </div>
                <button type="button" id="export-models-csv" on:click=export>"Xuất sổ CSV (Excel)"</button>
                <button type="button" id="export-models-xlsx" on:click=export_xlsx>"Xuất sổ Excel (.xlsx)"</button>
            </div>
            {move || message.get().map(|m| view! { <p class="alert alert-info" role="status">{m}</p> })}
            <ErrorAlert message=export_error testid="models-export-error" />
            {list}
            <form class="khen-thuong-model-form" on:submit=submit novalidate data-testid="model-form">
                <h3>{move || if editing.get().is_some() { "Sửa điển hình, mô hình" } else { "Thêm vào sổ điển hình" }}</h3>
                {model_fields(form)}
                <ErrorAlert message=error testid="model-error" />
                <div class="khen-thuong-buttons">
                    <button type="submit" class="primary" id="model-save">
                        {move || if editing.get().is_some() { "Lưu thay đổi" } else { "Thêm vào sổ" }}
                    </button>
                    <Show when=move || editing.get().is_some()>
                        <button type="button" on:click=move |_| reset()>"Hủy sửa"</button>
                    </Show>
                </div>
            </form>
            <ConfirmDialog ask=ask on_confirm=on_delete id="kt-model-delete" />
        </section>
    }
}
