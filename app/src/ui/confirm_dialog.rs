//! A modal confirmation (`<dialog>`): opened with a request, focus starts on "Hủy" and goes
//! back to the element that opened it when the dialog closes (Escape included).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the dialog asks; `action` is handed back to the page when the user confirms.
#[derive(Clone, Debug, PartialEq)]
pub struct Ask<A> {
    pub title: String,
    pub message: String,
    pub confirm_label: String,
    pub action: A,
}

#[component]
pub fn ConfirmDialog<A>(
    /// `Some` opens the dialog; it is set back to `None` when the dialog closes.
    ask: RwSignal<Option<Ask<A>>>,
    on_confirm: Callback<A>,
    /// id prefix for the title and message (aria-labelledby / describedby).
    id: &'static str,
) -> impl IntoView
where
    A: Clone + Send + Sync + 'static,
{
    let dialog = NodeRef::<html::Dialog>::new();
    // The element focused before opening, to return to.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        let open = ask.with(Option::is_some);
        let Some(d) = dialog.get() else { return };
        if open && !d.open() {
            opener.set_value(
                document()
                    .active_element()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
            );
            let _ = d.show_modal();
        } else if !open && d.open() {
            d.close();
        }
    });
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let on_close = move |_| {
        ask.set(None);
        if let Some(el) = opener.get_value() {
            if el.is_connected() {
                let _ = el.focus();
            }
        }
    };
    let confirm = move |_| {
        let action = ask.get_untracked().map(|a| a.action);
        close();
        if let Some(a) = action {
            on_confirm.run(a);
        }
    };
    let title_id = format!("{id}-h");
    let desc_id = format!("{id}-desc");
    view! {
        <dialog
            node_ref=dialog
            class="confirm-dialog"
            aria-labelledby=title_id.clone()
            aria-describedby=desc_id.clone()
            on:close=on_close
        >
            <h2 id=title_id.clone()>{move || ask.with(|a| a.as_ref().map(|a| a.title.clone()))}</h2>
            <p id=desc_id.clone()>{move || ask.with(|a| a.as_ref().map(|a| a.message.clone()))}</p>
            <div class="dialog-actions">
                <button type="button" class="secondary" autofocus on:click=move |_| close()>
                    "Hủy"
                </button>
                <button type="button" class="danger" data-testid=format!("{id}-confirm") on:click=confirm>
                    {move || ask.with(|a| a.as_ref().map(|a| a.confirm_label.clone()))}
                </button>
            </div>
        </dialog>
    }
}
