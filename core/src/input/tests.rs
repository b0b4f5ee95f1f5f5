use super::*;

/// What typed text must become: a number, blank, or a refusal of a given shape.
#[derive(Debug)]
enum Want {
    N(f64),
    Blank,
    NotANumber,
    Ambiguous,
    Fraction,
    Negative,
    Over100,
    TooLarge,
}
use Want::*;

const C: Kind = Kind::Count;
const M: Kind = Kind::Money;
const P: Kind = Kind::Percent;
const D: Kind = Kind::Number;

/// Both sides of every rule of the kernel, as officials type them.
const CASES: &[(Kind, &str, Want)] = &[
    // Counts: `.` and spaces group thousands; a fractional part is refused.
    (C, "6000", N(6000.0)),
    (C, "6.000", N(6000.0)),
    (C, "4.001", N(4001.0)),
    (C, "372.000", N(372_000.0)),
    (C, "1.234.567", N(1_234_567.0)),
    (C, "6 000", N(6000.0)),
    (C, "6\u{a0}000", N(6000.0)),
    (C, "6\u{202f}000", N(6000.0)),
    (C, "  12  ", N(12.0)),
    (C, "0", N(0.0)),
    (C, "", Blank),
    (C, "   ", Blank),
    (C, "6,5", Fraction),
    (C, "6.5", Fraction),
    (C, "0.125", Fraction),
    (C, "6,0", N(6.0)),
    (C, "6.000,0", N(6000.0)),
    (C, "6,000", Ambiguous),
    (C, "12,345", Ambiguous),
    (C, "1.23.456", NotANumber),
    (C, "1.2345", Fraction),
    (C, "12.34.567", NotANumber),
    (C, "6.000.00", NotANumber),
    (C, "6 00", NotANumber),
    (C, "abc", NotANumber),
    (C, "6 hộ", NotANumber),
    (C, "1e3", NotANumber),
    (C, "-5", Negative),
    (C, "1.000.000.000.000.000", TooLarge),
    // Money: whole đồng, the unit may be typed.
    (M, "65.000.000", N(65_000_000.0)),
    (M, "65 000 000", N(65_000_000.0)),
    (M, "65000000", N(65_000_000.0)),
    (M, "65.000.000 đ", N(65_000_000.0)),
    (M, "65.000.000đồng", N(65_000_000.0)),
    (M, "65,000,000", N(65_000_000.0)),
    (M, "65.000.000,00", N(65_000_000.0)),
    (M, "65.000.000,5", Fraction),
    (M, "65,000", Ambiguous),
    (M, "65.000,000", Ambiguous),
    (M, "-1.000", Negative),
    (M, "6.5.000", NotANumber),
    (M, "1,000", Ambiguous),
    (M, "1.234.567.890.123.456", TooLarge),
    // Percents and decimals: `,` or `.` is the decimal mark; `.` before three digits is ambiguous.
    (P, "95,5", N(95.5)),
    (P, "95.5", N(95.5)),
    (P, "95,5 %", N(95.5)),
    (P, "95.5%", N(95.5)),
    (P, "100", N(100.0)),
    (P, "100,0", N(100.0)),
    (P, "0,125", N(0.125)),
    (P, "0.125", N(0.125)),
    (P, "94,99", N(94.99)),
    (P, "100,01", Over100),
    (P, "1.234", Ambiguous),
    (P, "12.500", Ambiguous),
    (P, "95,5,5", NotANumber),
    (P, "95.5.5", NotANumber),
    (P, "95,", NotANumber),
    (P, ",5", NotANumber),
    (P, "95 %%", NotANumber),
    (P, "-0,5", Negative),
    (P, "1e5", NotANumber),
    (P, " 95,5 % ", N(95.5)),
    (D, "1.234,5", N(1234.5)),
    (D, "1,234.5", N(1234.5)),
    (D, "1 234,5", N(1234.5)),
    (D, "1.234.567", N(1_234_567.0)),
    (D, "12,345", N(12.345)),
    (D, "12.5", N(12.5)),
    (D, "1234.5", N(1234.5)),
    (D, "1.234", Ambiguous),
    (D, "1.234,5,6", NotANumber),
    (D, "25 m²", NotANumber),
];

#[test]
fn typed_text_reads_as_officials_mean_it() {
    assert!(CASES.len() >= 40);
    for (kind, text, want) in CASES {
        let got = kind.parse_number(text);
        let ok = match (want, &got) {
            (N(v), Ok(Some(g))) => g == v,
            (Blank, Ok(None)) => true,
            (NotANumber, Err(Problem::NotANumber)) => true,
            (Ambiguous, Err(Problem::Ambiguous { .. })) => true,
            (Fraction, Err(Problem::Fraction)) => true,
            (Negative, Err(Problem::Negative(_))) => true,
            (Over100, Err(Problem::PercentOver100(_))) => true,
            (TooLarge, Err(Problem::TooLarge)) => true,
            _ => false,
        };
        assert!(ok, "{kind:?} {text:?}: want {want:?}, got {got:?}");
    }
}

#[test]
fn an_ambiguous_text_names_both_readings_and_the_forms_that_settle_it() {
    let m = C.parse_number("6,000").unwrap_err().message_vi(C);
    assert_eq!(
        m,
        "“6,000” không rõ là 6 hay 6.000: dấu phẩy là dấu thập phân. Nếu là 6.000, hãy gõ 6.000 hoặc 6000"
    );
    let m = P.parse_number("1.234").unwrap_err().message_vi(P);
    assert_eq!(
        m,
        "“1.234” không rõ là 1,234 hay 1.234: dấu chấm ngăn cách hàng nghìn. Hãy gõ 1,234 nếu là số lẻ, hoặc 1234 nếu là số nguyên"
    );
}

#[test]
fn refusals_show_the_accepted_forms() {
    let m = C.parse_number("6,5").unwrap_err().message_vi(C);
    assert!(m.contains("6.000"), "{m}");
    let m = P.parse_number("chín mươi").unwrap_err().message_vi(P);
    assert!(m.contains("95,5 hoặc 95.5"), "{m}");
    let m = M.parse_number("1,5").unwrap_err().message_vi(M);
    assert!(m.contains("65.000.000"), "{m}");
}

#[test]
fn what_is_shown_reads_back_to_the_same_value() {
    for (kind, v) in [
        (C, 6000.0),
        (C, 1_234_567.0),
        (M, 65_000_000.0),
        (P, 95.5),
        (P, 0.125),
        (D, 1234.5),
        (D, 12.25),
        (D, 1000.0),
        (D, 1_000_000.0),
    ] {
        let shown = kind.show(v);
        assert_eq!(kind.parse_number(&shown), Ok(Some(v)), "{kind:?} {shown}");
    }
    assert_eq!(C.show(6000.0), "6.000");
    assert_eq!(D.show(1000.0), "1000");
    assert_eq!(D.format(1000.0, Some("m²/người")), "1.000 m²/người");
    assert_eq!(P.format(95.5, None), "95,5 %");
    assert_eq!(
        M.format(65_000_000.0, Some("đồng/người/năm")),
        "65.000.000 đ"
    );
    assert_eq!(C.format(2.0, Some("mô hình")), "2 mô hình");
    assert_eq!(D.format(12.5, Some("")), "12,5");
}

#[test]
fn yes_no_reads_the_select_and_the_words() {
    let b = Kind::Boolean;
    assert_eq!(b.parse("true"), Ok(Some(Value::Bool(true))));
    assert_eq!(b.parse("Có"), Ok(Some(Value::Bool(true))));
    assert_eq!(b.parse("không"), Ok(Some(Value::Bool(false))));
    assert_eq!(b.parse(""), Ok(None));
    assert_eq!(b.parse("1"), Err(Problem::NotYesNo));
    assert_eq!(b.show_value(Value::Bool(false)), "false");
}

#[test]
fn a_year_is_four_digits_in_its_span() {
    assert_eq!(parse_year("2024", 2000, 2030), Ok(Some(2024)));
    assert_eq!(parse_year(" ", 2000, 2030), Ok(None));
    assert!(parse_year("1999", 2000, 2030).is_err());
    assert!(parse_year("2031", 2000, 2030).is_err());
    assert!(parse_year("02024", 2000, 2030).is_err());
    assert!(parse_year("2.024", 2000, 2030).is_err());
}

#[test]
fn every_kind_has_one_code_that_reads_back() {
    for k in Kind::ALL {
        assert_eq!(Kind::from_code(k.code()), Some(k));
        let json = serde_json::to_string(&k).unwrap();
        assert_eq!(json, format!("\"{}\"", k.code()));
    }
}
