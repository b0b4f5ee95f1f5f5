//! Bộ tiêu chí: the active rules — every threshold with its source and status — and the
//! editor of the province's patch over the built-in rules: thresholds with their documents,
//! indicators added, removed or renamed, movement targets, the list of changes (each can be
//! undone), export and import of the rules file, and going back to the built-in rules.

use crate::bo_tieu_chi::forms::{focus_id, id_part, Done, RenameCriterion};
use crate::bo_tieu_chi::indicator::IndicatorEditor;
use crate::bo_tieu_chi::state::{Origin, RulesCtx};
use crate::bo_tieu_chi::target::TargetEditor;
use crate::infra::clock;
use crate::infra::download::{download, ChosenFile};
use crate::tu_danh_gia::indicator_row::derived_text;
use crate::ui::confirm_dialog::{Ask, ConfirmDialog};
use crate::ui::file_drop::FileDrop;
use crate::ui::source_note::SourceNote;
use crate::ui::status_tag::StatusTag;
use leptos::prelude::*;
use ntm_core::criteria::{describe_required, Required};
use ntm_core::rules::{CriteriaSet, Indicator, Kind, Threshold};
use ntm_core::rules_edit::{self, field_error, Change, What};
use ntm_core::Rules;

/// The threshold cell: one requirement, a per-year table, or a relative rule.
fn threshold_view(ind: &Indicator) -> AnyView {
    match &ntm_core::rules_edit::normalize(ind.threshold.as_ref()) {
        None => view! { <span class="no-threshold">"Chưa có ngưỡng"</span> }.into_any(),
        Some(Threshold::Flag(b)) => describe_required(ind, &Required::Flag(*b)).into_any(),
        Some(Threshold::Fixed(n)) => describe_required(ind, &Required::Number(*n)).into_any(),
        Some(Threshold::Relative { relative }) => format!(
            "{} {} % × ngưỡng chỉ tiêu {} (bộ “{}”)",
            ind.comparison.symbol(),
            relative.percent,
            relative.code,
            relative.set
        )
        .into_any(),
        Some(Threshold::ByYear(years)) => {
            let rows = years
                .iter()
                .map(|(y, v)| {
                    let text = match v {
                        Some(n) => describe_required(ind, &Required::Number(*n)),
                        None => "Chưa có ngưỡng".to_string(),
                    };
                    view! {
                        <tr>
                            <th scope="row">{y.to_string()}</th>
                            <td>{text}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="year-table">
                    <caption>"Theo năm đánh giá"</caption>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    }
}

/// The one form open on the page.
#[derive(Clone, Debug, PartialEq)]
enum Editing {
    Indicator {
        set: String,
        crit: String,
        code: String,
    },
    Add {
        set: String,
        crit: String,
    },
    Rename {
        set: String,
        crit: String,
    },
    Target {
        id: String,
    },
}

/// What a confirmation dialog asks for.
#[derive(Clone, Debug, PartialEq)]
enum Action {
    Remove {
        set: String,
        crit: String,
        code: String,
    },
    Reset,
}

/// The page's shared state, handed to the set views.
#[derive(Clone, Copy)]
struct Ui {
    editing: RwSignal<Option<Editing>>,
    ask: RwSignal<Option<Ask<Action>>>,
    /// The last thing done, for the status line.
    notice: RwSignal<Option<String>>,
    /// A warning or error about the last thing done.
    problem: RwSignal<Option<String>>,
}

impl Ui {
    /// Closes the form; says what was saved; focus goes back to `return_to`.
    fn done(self, d: Done, return_to: String) {
        self.editing.set(None);
        if let Done::Saved { message, warning } = d {
            self.notice.set(Some(message));
            self.problem.set(warning);
        }
        focus_id(return_to);
    }

    fn open(self, e: Editing, first_field: String) {
        self.editing.set(Some(e));
        focus_id(first_field);
    }
}

fn set_view(rules: &Rules, set: &CriteriaSet, used_by: Vec<String>, ui: Ui) -> impl IntoView {
    let set_id = set.id.to_string();
    let usage = if used_by.is_empty() {
        "Không dùng cho tự đánh giá xã.".to_string()
    } else {
        format!("Dùng để xét: {}.", used_by.join("; "))
    };
    let editing = ui.editing;
    let criteria = set
        .criteria
        .iter()
        .map(|c| {
            let crit = c.code.to_string();
            let rows = c
                .indicators
                .iter()
                .map(|ind| {
                    let code = ind.code.to_string();
                    let derived = ind.input.as_ref().map(|i| derived_text(rules, &set_id, i));
                    let edit_btn = format!("btn-edit-{}-{}", id_part(&set_id), id_part(&code));
                    let me = Editing::Indicator {
                        set: set_id.clone(),
                        crit: crit.clone(),
                        code: code.clone(),
                    };
                    let is_open = {
                        let me = me.clone();
                        Signal::derive(move || editing.with(|e| e.as_ref() == Some(&me)))
                    };
                    let open_edit = {
                        let first = format!(
                            "ed-{}-{}-{}-name",
                            id_part(&set_id),
                            id_part(&crit),
                            id_part(&code)
                        );
                        let me = me.clone();
                        move |_| {
                            if editing.with_untracked(|e| e.as_ref() == Some(&me)) {
                                editing.set(None);
                            } else {
                                ui.open(me.clone(), first.clone());
                            }
                        }
                    };
                    let ask_remove = {
                        let (set, crit, code, name) =
                            (set_id.clone(), crit.clone(), code.clone(), ind.name.to_string());
                        move |_| {
                            ui.ask.set(Some(Ask {
                                title: format!("Xóa chỉ tiêu {code}?"),
                                message: format!(
                                    "Chỉ tiêu {code} “{name}” sẽ bị bỏ khỏi tiêu chí {crit}. Hồ sơ của các xã không còn đánh giá chỉ tiêu này (số liệu đã nhập vẫn được giữ trong hồ sơ). Có thể hoàn tác trong mục “Thay đổi so với bộ gốc”."
                                ),
                                confirm_label: "Xóa chỉ tiêu".into(),
                                action: Action::Remove {
                                    set: set.clone(),
                                    crit: crit.clone(),
                                    code: code.clone(),
                                },
                            }))
                        }
                    };
                    let form_row = {
                        let (set, crit, code, edit_btn) =
                            (set_id.clone(), crit.clone(), code.clone(), edit_btn.clone());
                        move || {
                            is_open.get().then(|| {
                                let back = edit_btn.clone();
                                let on_done = Callback::new(move |d: Done| ui.done(d, back.clone()));
                                view! {
                                    <tr class="edit-row">
                                        <td colspan="9">
                                            <IndicatorEditor
                                                set=set.clone()
                                                crit=crit.clone()
                                                code=Some(code.clone())
                                                on_done=on_done
                                            />
                                        </td>
                                    </tr>
                                }
                            })
                        }
                    };
                    view! {
                        <tr class:is-editing=is_open>
                            <th scope="row" class="bo-tieu-chi-rule-code">{code.clone()}</th>
                            <td>
                                {ind.name.to_string()}
                                {derived.map(|d| view! { <p class="derived">{d}</p> })}
                            </td>
                            <td>{ind.kind.label()}</td>
                            <td class="bo-tieu-chi-rule-cmp">{ind.comparison.symbol()}</td>
                            <td data-testid=format!("rule-{set_id}-{code}")>{threshold_view(ind)}</td>
                            <td>{ind.unit.as_ref().map(|u| u.to_string()).unwrap_or_else(|| "—".into())}</td>
                            <td><StatusTag status=ind.status /></td>
                            <td class="bo-tieu-chi-rule-source">
                                <SourceNote
                                    citation=ind.source.citation()
                                    url=ind.source.url.as_ref().map(|u| u.to_string())
                                    note=ind.note.as_ref().map(|n| n.to_string()).filter(|n| !n.trim().is_empty())
                                />
                            </td>
                            <td class="bo-tieu-chi-rule-actions">
                                <button
                                    type="button"
                                    class="small"
                                    id=edit_btn
                                    data-testid=format!("edit-{set_id}-{code}")
                                    aria-label=format!("Sửa chỉ tiêu {code}")
                                    aria-expanded=move || if is_open.get() { "true" } else { "false" }
                                    on:click=open_edit
                                >
                                    "Sửa"
                                </button>
                                <button
                                    type="button"
                                    class="small danger"
                                    data-testid=format!("remove-{set_id}-{code}")
                                    aria-label=format!("Xóa chỉ tiêu {code}")
                                    on:click=ask_remove
                                >
                                    "Xóa"
                                </button>
                            </td>
                        </tr>
                        {form_row}
                    }
                })
                .collect_view();
            let body = if c.indicators.is_empty() {
                view! {
                    <p class="empty">
                        "Bộ tiêu chí chưa có chỉ tiêu cho tiêu chí này — bấm “Thêm chỉ tiêu” để nhập theo văn bản của tỉnh."
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="bo-tieu-chi-table">
                            <colgroup>
                                <col class="bo-tieu-chi-col-code" />
                                <col class="bo-tieu-chi-col-name" />
                                <col class="bo-tieu-chi-col-kind" />
                                <col class="bo-tieu-chi-col-cmp" />
                                <col class="bo-tieu-chi-col-threshold" />
                                <col class="bo-tieu-chi-col-unit" />
                                <col class="bo-tieu-chi-col-status" />
                                <col class="bo-tieu-chi-col-source" />
                                <col class="bo-tieu-chi-col-actions" />
                            </colgroup>
                            <thead>
                                <tr>
                                    <th scope="col">"Mã"</th>
                                    <th scope="col">"Chỉ tiêu"</th>
                                    <th scope="col">"Loại"</th>
                                    <th scope="col">"So sánh"</th>
                                    <th scope="col">"Ngưỡng"</th>
                                    <th scope="col">"Đơn vị"</th>
                                    <th scope="col">"Tình trạng"</th>
                                    <th scope="col">"Căn cứ, ghi chú"</th>
                                    <th scope="col">"Thao tác"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            };
            let sp = id_part(&set_id);
            let cp = id_part(&crit);
            let add_btn = format!("btn-add-{sp}-{cp}");
            let rename_btn = format!("btn-rename-{sp}-{cp}");
            let add_me = Editing::Add { set: set_id.clone(), crit: crit.clone() };
            let rename_me = Editing::Rename { set: set_id.clone(), crit: crit.clone() };
            let open_add = {
                let (me, first) = (add_me.clone(), format!("ed-{sp}-{cp}-moi-code"));
                move |_| ui.open(me.clone(), first.clone())
            };
            let open_rename = {
                let (me, first) = (rename_me.clone(), format!("rn-{sp}-{cp}-name"));
                move |_| ui.open(me.clone(), first.clone())
            };
            let add_form = {
                let (set, crit, back) = (set_id.clone(), crit.clone(), add_btn.clone());
                move || {
                    editing.with(|e| e.as_ref() == Some(&add_me)).then(|| {
                        let back = back.clone();
                        let on_done = Callback::new(move |d: Done| ui.done(d, back.clone()));
                        view! { <IndicatorEditor set=set.clone() crit=crit.clone() code=None on_done=on_done /> }
                    })
                }
            };
            let rename_form = {
                let (set, crit, back) = (set_id.clone(), crit.clone(), rename_btn.clone());
                move || {
                    editing.with(|e| e.as_ref() == Some(&rename_me)).then(|| {
                        let back = back.clone();
                        let on_done = Callback::new(move |d: Done| ui.done(d, back.clone()));
                        view! { <RenameCriterion set=set.clone() crit=crit.clone() on_done=on_done /> }
                    })
                }
            };
            view! {
                <section class="bo-tieu-chi-rule-criterion" aria-labelledby=format!("crit-{sp}-{cp}-h")>
                    <div class="crit-head">
                        <h4 id=format!("crit-{sp}-{cp}-h") tabindex="-1">
                            {format!("Tiêu chí {}. {}", c.code, c.name)}
                            " "
                            <StatusTag status=c.status />
                        </h4>
                        <div class="crit-actions">
                            <button
                                type="button"
                                class="small secondary"
                                id=rename_btn
                                data-testid=format!("rename-{set_id}-{crit}")
                                aria-label=format!("Đổi tên tiêu chí {crit}")
                                on:click=open_rename
                            >
                                "Đổi tên"
                            </button>
                            <button
                                type="button"
                                class="small"
                                id=add_btn
                                data-testid=format!("add-indicator-{set_id}-{crit}")
                                aria-label=format!("Thêm chỉ tiêu vào tiêu chí {crit}")
                                on:click=open_add
                            >
                                "+ Thêm chỉ tiêu"
                            </button>
                        </div>
                    </div>
                    {rename_form}
                    {c.note.as_ref().map(|n| view! { <p class="note">"Ghi chú: " {n.to_string()}</p> })}
                    {body}
                    {add_form}
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="bo-tieu-chi-rule-set" id=format!("bo-{set_id}") aria-labelledby=format!("bo-{set_id}-h")>
            <h3 id=format!("bo-{set_id}-h")>{set.title.to_string()}</h3>
            <p class="set-source">
                <code>{set_id.clone()}</code>
                {format!(" · {} tiêu chí · ", set.criteria.len())}
                "Căn cứ: "
                {set.source.citation()}
            </p>
            <p class="set-usage">{usage}</p>
            {set.note.as_ref().map(|n| view! { <p class="note">{n.to_string()}</p> })}
            {criteria}
        </section>
    }
}

/// The movement targets T1–T9, each editable.
fn targets_view(rules: &Rules, ui: Ui) -> impl IntoView {
    let editing = ui.editing;
    let rows = rules
        .targets
        .iter()
        .map(|t| {
            let id = t.id.clone();
            let btn = format!("btn-target-{}", id_part(&id));
            let me = Editing::Target { id: id.clone() };
            let is_open = {
                let me = me.clone();
                Signal::derive(move || editing.with(|e| e.as_ref() == Some(&me)))
            };
            let num = |v: f64| match t.kind {
                Kind::Percent => format!("{} %", ntm_core::text::format_decimal(v)),
                Kind::Money => ntm_core::text::format_money(v),
                _ => format!("{} {}", ntm_core::text::format_decimal(v), t.unit),
            };
            let mut threshold = t
                .threshold
                .map_or_else(|| "Chưa có ngưỡng".to_string(), |v| format!("{} {}", t.comparison.symbol(), num(v)));
            if let Some(u) = t.upper {
                threshold.push_str(&format!(" (vượt mức từ {})", num(u)));
            }
            let open = {
                let first = format!("tg-{}-thr", id_part(&id));
                move |_| {
                    if editing.with_untracked(|e| e.as_ref() == Some(&me)) {
                        editing.set(None);
                    } else {
                        ui.open(me.clone(), first.clone());
                    }
                }
            };
            let form_row = {
                let (t, btn) = (t.clone(), btn.clone());
                move || {
                    is_open.get().then(|| {
                        let back = btn.clone();
                        let on_done = Callback::new(move |d: Done| ui.done(d, back.clone()));
                        view! {
                            <tr class="edit-row">
                                <td colspan="6"><TargetEditor target=t.clone() on_done=on_done /></td>
                            </tr>
                        }
                    })
                }
            };
            view! {
                <tr class:is-editing=is_open>
                    <th scope="row" class="bo-tieu-chi-rule-code">{id.clone()}</th>
                    <td>{t.name.clone()}</td>
                    <td data-testid=format!("target-{id}")>{threshold}</td>
                    <td><StatusTag status=t.status /></td>
                    <td class="bo-tieu-chi-rule-source">
                        <SourceNote
                            citation=t.source.citation()
                            url=t.source.url.clone()
                            note=t.note.clone().filter(|n| !n.trim().is_empty())
                        />
                    </td>
                    <td class="bo-tieu-chi-rule-actions">
                        <button
                            type="button"
                            class="small"
                            id=btn
                            data-testid=format!("edit-target-{id}")
                            aria-label=format!("Sửa mục tiêu {id}")
                            aria-expanded=move || if is_open.get() { "true" } else { "false" }
                            on:click=open
                        >
                            "Sửa"
                        </button>
                    </td>
                </tr>
                {form_row}
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="bo-tieu-chi-table targets-table">
                <colgroup>
                    <col class="bo-tieu-chi-col-code" />
                    <col class="bo-tieu-chi-col-name" />
                    <col class="bo-tieu-chi-col-threshold-wide" />
                    <col class="bo-tieu-chi-col-status" />
                    <col class="bo-tieu-chi-col-source" />
                    <col class="bo-tieu-chi-col-actions-narrow" />
                </colgroup>
                <thead>
                    <tr>
                        <th scope="col">"Mã"</th>
                        <th scope="col">"Mục tiêu"</th>
                        <th scope="col">"Ngưỡng"</th>
                        <th scope="col">"Tình trạng"</th>
                        <th scope="col">"Căn cứ, ghi chú"</th>
                        <th scope="col">"Thao tác"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn BoTieuChi() -> impl IntoView {
    let rc = expect_context::<RulesCtx>();
    let error = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let ui = Ui {
        editing: RwSignal::new(None),
        ask: RwSignal::new(None),
        notice: ok,
        problem: error,
    };
    let file_error = RwSignal::new(None::<String>);
    let undo_error = RwSignal::new(None::<String>);

    let on_file = Callback::new(move |f: ChosenFile| {
        let result = f
            .text
            .map_err(|e| format!("{}: {e}", f.name))
            .and_then(|text| rc.import(&f.name, &text));
        match result {
            Ok(warning) => {
                ui.editing.set(None);
                error.set(warning);
                ok.set(Some(format!("Đã áp dụng bộ tiêu chí từ tệp {}.", f.name)));
            }
            Err(e) => {
                ok.set(None);
                error.set(Some(e));
            }
        }
    });
    let do_reset = move || match rc.reset() {
        Ok(()) => {
            ui.editing.set(None);
            error.set(None);
            file_error.set(None);
            undo_error.set(None);
            ok.set(Some("Đang dùng bộ tiêu chí gốc.".into()));
        }
        Err(e) => error.set(Some(e)),
    };
    let reset = move |_| {
        if rc.has_edits() {
            ui.ask.set(Some(Ask {
                title: "Dùng bộ tiêu chí gốc?".into(),
                message: "Mọi thay đổi trên trang này và bộ tiêu chí đã nhập từ tệp sẽ bị xóa khỏi trình duyệt; các hồ sơ được tính lại theo bộ tiêu chí gốc. Nếu cần giữ lại, hãy “Xuất tệp bộ tiêu chí” trước.".into(),
                confirm_label: "Khôi phục bộ gốc".into(),
                action: Action::Reset,
            }));
        } else {
            do_reset();
        }
    };
    let on_confirm = Callback::new(move |a: Action| match a {
        Action::Reset => {
            do_reset();
            focus_id("reset-rules".into());
        }
        Action::Remove { set, crit, code } => {
            let mut patch = rc.patch.get_untracked();
            rules_edit::remove_indicator(&mut patch, &rc.base.get_value(), &set, &crit, &code);
            match rc.apply_patch(patch) {
                Ok(w) => {
                    ui.editing.set(None);
                    error.set(w);
                    ok.set(Some(format!(
                        "Đã xóa chỉ tiêu {code} khỏi tiêu chí {crit}."
                    )));
                }
                Err(e) => {
                    ok.set(None);
                    error.set(Some(field_error(&e).message));
                }
            }
            focus_id(format!("crit-{}-{}-h", id_part(&set), id_part(&crit)));
        }
    });

    let export = move |_| {
        let patch = rc.patch.get_untracked();
        let name = rules_edit::export_file_name(&patch.id);
        match download(patch.to_json().as_bytes(), &name, "application/json") {
            Ok(()) => ok.set(Some(format!("Đã xuất tệp {name}."))),
            Err(e) => error.set(Some(e)),
        }
    };

    // The rules file's id and title.
    let id_text = RwSignal::new(rc.patch.with_untracked(|p| p.id.clone()));
    let title_text = RwSignal::new(rc.patch.with_untracked(|p| p.title.clone()));
    Effect::new(move |_| {
        let (id, title) = rc.patch.with(|p| (p.id.clone(), p.title.clone()));
        id_text.set(id);
        title_text.set(title);
    });
    let save_names = move || {
        let id = id_text.get_untracked().trim().to_string();
        let title = title_text.get_untracked().trim().to_string();
        if id.is_empty() {
            file_error.set(Some("Mã bộ tiêu chí: không được để trống.".into()));
            return;
        }
        if title.is_empty() {
            file_error.set(Some("Tên bộ tiêu chí: không được để trống.".into()));
            return;
        }
        let same = rc.patch.with_untracked(|p| p.id == id && p.title == title);
        if same {
            file_error.set(None);
            return;
        }
        let mut patch = rc.patch.get_untracked();
        patch.id = id;
        patch.title = title;
        match rc.apply_patch(patch) {
            Ok(w) => {
                file_error.set(None);
                error.set(w);
                ok.set(Some("Đã lưu mã và tên bộ tiêu chí.".into()));
            }
            Err(e) => file_error.set(Some(field_error(&e).message)),
        }
    };

    let changes = Memo::new(move |_| {
        let active = rc.active.get();
        rules_edit::changes(&rc.base.get_value(), &active)
    });
    let undo = move |c: Change| {
        let mut patch = rc.patch.get_untracked();
        rules_edit::undo(&mut patch, &c);
        match rc.apply_patch(patch) {
            Ok(w) => {
                undo_error.set(None);
                error.set(w);
                ok.set(Some(format!("Đã hoàn tác: {}.", c.description)));
                focus_id("changes-h".into());
            }
            Err(e) => undo_error.set(Some(format!(
                "Không hoàn tác được vì bộ tiêu chí sẽ không hợp lệ — {}. Hãy hoàn tác thay đổi liên quan trước.",
                field_error(&e).message
            ))),
        }
    };
    let changes_view = move || {
        let list = changes.get();
        if list.is_empty() {
            return view! {
                <p class="empty">"Chưa có thay đổi nào: đang dùng đúng bộ tiêu chí gốc."</p>
            }
            .into_any();
        }
        let n = list.len();
        view! {
            <p class="bo-tieu-chi-changes-count">{format!("{n} thay đổi:")}</p>
            <ol class="bo-tieu-chi-changes-list">
                {list
                    .into_iter()
                    .map(|c| {
                        let kind = match &c.what {
                            What::Added => "added",
                            What::Removed => "removed",
                            What::Changed { .. } => "changed",
                        };
                        let label = format!("Hoàn tác: {}", c.description);
                        let desc = c.description.clone();
                        let key = c.key();
                        view! {
                            <li class=format!("bo-tieu-chi-change bo-tieu-chi-change-{kind}") data-key=key data-testid="change">
                                <span class="bo-tieu-chi-change-desc">{desc}</span>
                                <button
                                    type="button"
                                    class="small secondary"
                                    aria-label=label
                                    on:click=move |_| undo(c.clone())
                                >
                                    "Hoàn tác"
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };

    let header = move || {
        let rules = rc.active.get();
        let r = rules.reference();
        let origin = rc.origin.get();
        let n = changes.with(Vec::len);
        // A province's file is named by its own title; the built-in title stays underneath.
        let heading = match &origin {
            Origin::BuiltIn => rules.title.to_string(),
            _ => rules
                .layers
                .last()
                .map_or_else(|| rules.title.to_string(), |l| l.to_string()),
        };
        let origin = match origin {
            Origin::BuiltIn => "Bộ tiêu chí gốc của ứng dụng".to_string(),
            Origin::File { name, saved_at } => format!(
                "Tệp “{name}” (nhập lúc {}) áp lên bộ tiêu chí gốc",
                clock::date_time(saved_at)
            ),
            Origin::Edited {
                from_file: Some(name),
                saved_at,
            } => format!(
                "Tệp “{name}”, đã sửa trên trang này (lưu lúc {}) — {n} thay đổi so với bộ gốc",
                clock::date_time(saved_at)
            ),
            Origin::Edited {
                from_file: None,
                saved_at,
            } => format!(
                "Bộ tiêu chí gốc, đã sửa trên trang này (lưu lúc {}) — {n} thay đổi",
                clock::date_time(saved_at)
            ),
        };
        view! {
            <div class="panel active-rules" data-testid="active-rules">
                <h2>{heading}</h2>
                <dl class="facts">
                    <div><dt>"Mã bộ tiêu chí"</dt><dd><code>{r.id.to_string()}</code></dd></div>
                    <div><dt>"Mã băm"</dt><dd><code title=r.hash.to_string()>{r.short_hash().to_string()}</code></dd></div>
                    <div><dt>"Nguồn"</dt><dd>{origin}</dd></div>
                    <div>
                        <dt>"Giai đoạn"</dt>
                        <dd>{format!("{}–{}", rules.years.from, rules.years.to)}</dd>
                    </div>
                    <div class="facts-wide">
                        <dt>"Các lớp"</dt>
                        <dd>
                            <ol class="layers">
                                {rules.layers.iter().map(|l| view! { <li>{l.to_string()}</li> }).collect_view()}
                            </ol>
                        </dd>
                    </div>
                    <div class="facts-wide">
                        <dt>"Mức đạt chuẩn"</dt>
                        <dd>
                            <ol class="layers">
                                {rules
                                    .levels
                                    .iter()
                                    .map(|l| view! { <li>{format!("{} — bộ: {}", l.name, l.sets.join(", "))}</li> })
                                    .collect_view()}
                            </ol>
                        </dd>
                    </div>
                </dl>
            </div>
        }
    };

    let sets = move || {
        let rules = rc.active.get();
        rules
            .sets
            .iter()
            .map(|s| {
                let used_by: Vec<String> = rules
                    .levels
                    .iter()
                    .filter(|l| l.sets.iter().any(|x| *x == *s.id))
                    .map(|l| l.name.to_string())
                    .collect();
                set_view(&rules, s, used_by, ui)
            })
            .collect_view()
    };
    let targets = move || {
        let rules = rc.active.get();
        targets_view(&rules, ui)
    };
    let toc = move || {
        rc.active.with(|rules| {
            let mut links: Vec<(String, String)> = rules
                .sets
                .iter()
                .map(|s| (format!("bo-{}", s.id), s.title.to_string()))
                .collect();
            links.insert(
                0,
                ("muc-tieu-h".into(), "Mục tiêu phong trào (T1–T9)".into()),
            );
            links.insert(0, ("changes-h".into(), "Thay đổi so với bộ gốc".into()));
            links
                .into_iter()
                .map(|(target, title)| {
                    view! {
                        <li>
                            <a
                                href="#/bo-tieu-chi"
                                on:click=move |ev| {
                                    // Jump within the page without touching the router's hash.
                                    ev.prevent_default();
                                    if let Some(el) = document().get_element_by_id(&target) {
                                        el.scroll_into_view();
                                    }
                                }
                            >
                                {title}
                            </a>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let input_field = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    type="text"
                    id=id
                    autocomplete="off"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:change=move |_| save_names()
                    aria-invalid=move || file_error.get().is_some().then_some("true")
                    aria-describedby=move || file_error.get().is_some().then_some("rules-file-err")
                />
            </div>
        }
    };

    view! {
        <div class="page page-bo-tieu-chi">
            <h1 class="page-title">"Bộ tiêu chí"</h1>
            {move || {
                rc.startup_problem
                    .get()
                    .map(|p| view! { <p class="alert alert-warning" role="note">{p}</p> })
            }}
            {header}
            <section class="panel" aria-labelledby="rules-import-h">
                <h2 id="rules-import-h">"Bộ tiêu chí của tỉnh"</h2>
                <p>
                    "Ngưỡng, chỉ tiêu và tên tiêu chí sửa trên trang này được ghi thành một tệp bộ tiêu chí của tỉnh (định dạng chung-suc/rules) áp lên bộ gốc và lưu trong trình duyệt này; các hồ sơ được tính lại theo bộ mới. Mỗi ngưỡng phải ghi văn bản quy định nó."
                </p>
                <div class="form-row">
                    {input_field("rules-id", "Mã bộ tiêu chí", id_text)}
                    {input_field("rules-title", "Tên bộ tiêu chí", title_text)}
                </div>
                {move || {
                    file_error
                        .get()
                        .map(|e| view! { <p class="field-error" role="alert" id="rules-file-err">{e}</p> })
                }}
                <div class="bo-tieu-chi-actions">
                    <button type="button" id="export-rules" class="primary" on:click=export>
                        "Xuất tệp bộ tiêu chí"
                    </button>
                    <FileDrop
                        input_id="import-rules"
                        label="Nhập tệp bộ tiêu chí (JSON)"
                        hint="Tệp .json. Tệp nhập vào thay cho các thay đổi hiện có và được lưu trong trình duyệt này."
                        on_file=on_file
                    />
                    <button type="button" id="reset-rules" class="secondary" on:click=reset>
                        "Dùng bộ tiêu chí gốc"
                    </button>
                </div>
                {move || {
                    error
                        .get()
                        .map(|e| view! { <p class="alert alert-error" role="alert" data-testid="rules-error">{e}</p> })
                }}
            </section>
            <section class="panel" aria-labelledby="changes-h">
                <h2 id="changes-h" tabindex="-1">"Thay đổi so với bộ gốc"</h2>
                {move || {
                    undo_error
                        .get()
                        .map(|e| view! { <p class="alert alert-error" role="alert">{e}</p> })
                }}
                <div data-testid="changes">{changes_view}</div>
            </section>
            <nav class="panel toc" aria-label="Các phần của bộ tiêu chí">
                <h2>"Mục lục"</h2>
                <ul>{toc}</ul>
            </nav>
            <section class="panel" aria-labelledby="muc-tieu-h">
                <h2 id="muc-tieu-h">"Mục tiêu phong trào (T1–T9)"</h2>
                {targets}
            </section>
            {sets}
            <p class="toast" role="status" aria-live="polite" data-testid="rules-status">
                {move || ok.get()}
            </p>
            <ConfirmDialog ask=ui.ask on_confirm=on_confirm id="rules-confirm" />
        </div>
    }
}
