use super::Tree;
use serde_json::Value as Json;

/// What `Value` makes of `text`: the value, or serde_json's message (with line and column).
fn as_value(text: &str) -> Result<Json, String> {
    serde_json::from_str::<Json>(text).map_err(|e| e.to_string())
}

fn as_tree(text: &str) -> Result<Json, String> {
    Tree::parse(text)
        .map(|t| t.to_value())
        .map_err(|e| e.to_string())
}

#[test]
fn reads_like_a_value() {
    for text in [
        r#"{"b": 1, "a": [true, null, -0, 1e400], "c": {"z": "x", "y": "\u00e0\n"}}"#,
        r#"{"k": 1, "k": 2, "j": {"q": [], "q": null}, "k": 3}"#,
        r#"{"a\u0062": 1, "ab": 2}"#,
        r#"[18446744073709551615, 18446744073709551616, -9223372036854775809, 0.1, 5e-324]"#,
        r#"{"a": 1,}"#,
        r#"{"a": 1} x"#,
        r#"{"a" 1}"#,
        r#"{1: 2}"#,
        "\"\\ud800\"",
        "",
        "nul",
    ] {
        assert_eq!(as_tree(text), as_value(text), "{text}");
    }
    // nested past serde_json's limit: refused with the same message
    let deep = "[".repeat(200) + &"]".repeat(200);
    assert!(as_value(&deep).is_err());
    assert_eq!(as_tree(&deep), as_value(&deep));
}

#[test]
fn a_repeated_key_keeps_the_last_value_and_keys_come_in_order() {
    let t = Tree::parse(r#"{"b": 1, "a": 2, "b": 3, "c": null, "a": 4}"#).unwrap();
    let o = t.as_object().unwrap();
    assert_eq!(o.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
    assert_eq!(o.get("a").and_then(Tree::as_u64), Some(4));
    assert_eq!(o.get("b").and_then(Tree::as_u64), Some(3));
    assert!(o.get("c").is_some_and(Tree::is_null));
    assert!(o.get("d").is_none());
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let t = Tree::parse(r#"{"plain": "Xã Phù Vân", "esc\u0061ped": "a\nb"}"#).unwrap();
    let o = t.as_object().unwrap();
    assert!(matches!(
        o.get("plain"),
        Some(Tree::String(std::borrow::Cow::Borrowed("Xã Phù Vân")))
    ));
    assert_eq!(o.get("escaped").and_then(Tree::as_str), Some("a\nb"));
}

#[cfg(not(target_arch = "wasm32"))]
mod fuzz {
    use super::{as_tree, as_value};
    use proptest::prelude::*;

    /// JSON text with what a `Value` map resolves: repeated and unordered keys, escapes,
    /// numbers at the edges of each representation.
    fn json_text() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec![
            "\"a\"",
            "\"b\"",
            "\"ab\"",
            "\"\\u0061\"",
            "\"\"",
            "\"1.1\"",
            "\"10\"",
            "\"é\"",
        ]);
        let leaf = prop::sample::select(vec![
            "null",
            "true",
            "false",
            "0",
            "-0",
            "-0.0",
            "1.5",
            "1e400",
            "-1e400",
            "18446744073709551616",
            "-9223372036854775809",
            "123456789.123456789",
            "\"x\"",
            "\"\\n\\u00e0\"",
        ])
        .prop_map(str::to_string);
        leaf.prop_recursive(4, 40, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6)
                    .prop_map(|items| format!("[{}]", items.join(","))),
                prop::collection::vec((key.clone(), inner), 0..6).prop_map(|members| {
                    let m: Vec<String> = members.iter().map(|(k, v)| format!("{k}:{v}")).collect();
                    format!("{{{}}}", m.join(","))
                }),
            ]
        })
    }

    /// Valid text with a character removed or replaced: syntax errors at every place.
    fn broken() -> impl Strategy<Value = String> {
        (json_text(), any::<prop::sample::Index>(), any::<char>()).prop_map(|(t, at, c)| {
            let mut chars: Vec<char> = t.chars().collect();
            let i = at.index(chars.len());
            if c.is_ascii_digit() {
                chars.remove(i);
            } else {
                chars[i] = c;
            }
            chars.into_iter().collect()
        })
    }

    proptest! {
        #[test]
        fn any_text_reads_like_a_value(text in prop_oneof![json_text(), broken(), any::<String>()]) {
            prop_assert_eq!(as_tree(&text), as_value(&text));
        }
    }
}
