//! Small form pieces of the Khen thưởng page: a number typed the Vietnamese way ("95,5",
//! "95.5", "65.000.000") whose invalid text is kept on screen with its reason but never stored,
//! and a text input bound to the register.

use leptos::prelude::*;
use ntm_core::text::{parse_decimal, parse_money, ParseProblem};

/// Checks a parsed number for one field.
pub type NumCheck = fn(f64) -> Result<(), String>;

pub fn non_negative(v: f64) -> Result<(), String> {
    if v >= 0.0 {
        Ok(())
    } else {
        Err("Phải là số không âm.".into())
    }
}

pub fn whole_count(v: f64) -> Result<(), String> {
    if v >= 0.0 && v.fract() == 0.0 && v <= 100_000.0 {
        Ok(())
    } else {
        Err("Phải là số nguyên không âm (ví dụ: 3).".into())
    }
}

pub fn percent(v: f64) -> Result<(), String> {
    if (0.0..=100.0).contains(&v) {
        Ok(())
    } else {
        Err("Phải từ 0 đến 100.".into())
    }
}

/// The value typed text stands for (`None` = empty), or why it is not acceptable.
pub fn parse_number(text: &str, money: bool, check: NumCheck) -> Result<Option<f64>, String> {
    let parsed = if money {
        parse_money(text)
    } else {
        parse_decimal(text)
    };
    match parsed {
        Err(ParseProblem::Empty) => Ok(None),
        Err(p) => Err(ntm_core::text::sentence(p.message_vi())),
        Ok(v) => check(v).map(|_| Some(v)),
    }
}

/// A number field: every keystroke that gives an acceptable number is handed to `on_value`;
/// an empty field or text that is not an acceptable number gives `None` (the latter stays in
/// the field with its reason, and is never counted).
#[component]
pub fn NumberInput(
    id: String,
    initial: String,
    #[prop(optional)] money: bool,
    check: NumCheck,
    on_value: Callback<Option<f64>>,
    #[prop(optional, into)] suffix: Option<String>,
    #[prop(optional, into)] testid: Option<String>,
    #[prop(optional, into)] described_by: Option<String>,
    #[prop(optional, into)] placeholder: Option<String>,
) -> impl IntoView {
    let error = RwSignal::new(parse_number(&initial, money, check).err());
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || {
            let mut ids: Vec<String> = described_by.iter().cloned().collect();
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let error_testid = testid.as_ref().map(|t| format!("{t}-error"));
    view! {
        <div class="field-control">
            <div class="input-wrap">
                <input
                    type="text"
                    id=id
                    class="num-input"
                    inputmode=if money { "numeric" } else { "decimal" }
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=testid
                    placeholder=placeholder
                    value=initial
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described
                    on:input=move |ev| {
                        match parse_number(&event_target_value(&ev), money, check) {
                            Ok(v) => {
                                error.set(None);
                                on_value.run(v);
                            }
                            // The old value is no longer what the field shows: it is not
                            // counted either.
                            Err(e) => {
                                error.set(Some(e));
                                on_value.run(None);
                            }
                        }
                    }
                />
                {suffix.map(|s| view! { <span class="suffix" aria-hidden="true">{s}</span> })}
            </div>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="field-error" id=error_id.clone() data-testid=error_testid.clone()>
                                <span aria-hidden="true">"⚠ "</span>
                                {e}
                                " Giá trị này chưa được tính."
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// The text of a number as the field shows it ("" when not entered).
pub fn number_text(v: Option<f64>, money: bool) -> String {
    match v {
        None => String::new(),
        Some(v) if money => ntm_core::text::format_decimal(v.round()),
        Some(v) => ntm_core::text::format_decimal(v),
    }
}
