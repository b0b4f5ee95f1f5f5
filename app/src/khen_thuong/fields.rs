//! Form pieces of the candidate editor: reading and changing the candidate being edited, and
//! text, checkbox and select fields bound to it. Numbers go through `ui::number_input`.

use crate::khen_thuong::state::{awards_by_rank, group_short, rules, NominationsCtx};
use crate::ui::text_field::TextField;
use leptos::prelude::*;
use ntm_core::input::Kind;
use ntm_core::nominations::Candidate;

/// Reads the candidate `cid` (tracked); the default when it is gone.
pub fn get<T: Default>(
    ctx: NominationsCtx,
    cid: StoredValue<String>,
    f: impl FnOnce(&Candidate) -> T,
) -> T {
    cid.with_value(|id| ctx.with_candidate(id, f))
        .unwrap_or_default()
}

/// Reads the candidate `cid` without subscribing (initial values of forms that keep typed text).
pub fn get_untracked<T: Default>(
    ctx: NominationsCtx,
    cid: StoredValue<String>,
    f: impl FnOnce(&Candidate) -> T,
) -> T {
    cid.with_value(|id| ctx.candidate(id).as_ref().map(f))
        .unwrap_or_default()
}

/// Changes the candidate `cid` and schedules a save.
pub fn set(ctx: NominationsCtx, cid: StoredValue<String>, f: impl FnOnce(&mut Candidate)) {
    let id = cid.get_value();
    ctx.edit_candidate(&id, f);
}

/// A text input bound to one field of the candidate.
pub fn text_field(
    ctx: NominationsCtx,
    cid: StoredValue<String>,
    id: &'static str,
    label: &'static str,
    read: fn(&Candidate) -> String,
    write: fn(&mut Candidate, String),
) -> impl IntoView {
    view! {
        <TextField
            id=id.to_string()
            label=label
            testid=id
            value=Signal::derive(move || get(ctx, cid, read))
            on_input=Callback::new(move |v: String| set(ctx, cid, move |c| write(c, v)))
        />
    }
}

/// A checkbox bound to one flag of the candidate.
pub fn checkbox(
    ctx: NominationsCtx,
    cid: StoredValue<String>,
    id: &'static str,
    label: &'static str,
    read: fn(&Candidate) -> bool,
    write: fn(&mut Candidate, bool),
) -> impl IntoView {
    view! {
        <label class="khen-thuong-check" for=id>
            <input
                type="checkbox"
                id=id
                data-testid=id
                prop:checked=move || get(ctx, cid, read)
                on:change=move |ev| {
                    let v = event_target_checked(&ev);
                    set(ctx, cid, move |c| write(c, v));
                }
            />
            {label}
        </label>
    }
}

/// A labelled select whose choice is handed to `on_change`; `options` draws its options.
pub fn select_field<V: IntoView + 'static>(
    id: &'static str,
    label: &'static str,
    described_by: Option<&'static str>,
    on_change: impl Fn(String) + 'static,
    options: V,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                data-testid=id
                aria-describedby=described_by
                on:change=move |ev| on_change(event_target_value(&ev))
            >
                {options}
            </select>
        </div>
    }
}

/// The plan's groups as options ("c. Xã"), `selected` marked.
pub fn group_options(selected: &str) -> impl IntoView {
    rules()
        .groups
        .iter()
        .map(|g| {
            let sel = g.id == selected;
            view! { <option value=g.id.clone() selected=sel>{group_short(&g.id)}</option> }
        })
        .collect_view()
}

/// The plan's award forms as options, highest first, `selected` marked.
pub fn award_options(selected: &str) -> impl IntoView {
    awards_by_rank()
        .into_iter()
        .map(|a| {
            let sel = a.id == selected;
            view! { <option value=a.id.clone() selected=sel>{a.name.clone()}</option> }
        })
        .collect_view()
}

/// A stored number as its input shows it ("" when not entered).
pub fn shown(kind: Kind, v: Option<f64>) -> String {
    v.map(|v| kind.show(v)).unwrap_or_default()
}
