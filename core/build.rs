//! Hà Nam's units (data/ha_nam_units.csv) as a Rust table, read here with the csv crate: the
//! app carries the table, not a CSV reader and its parse at start (issue 11, first-load size).

use std::fmt::Write;

fn main() {
    const FILE: &str = "data/ha_nam_units.csv";
    println!("cargo:rerun-if-changed={FILE}");
    let mut reader = csv::Reader::from_path(FILE).expect("data/ha_nam_units.csv");
    let headers = reader.headers().expect("header row").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{FILE}: no column {name}"))
    };
    let at = [
        column("district_code"),
        column("district_name"),
        column("unit_code"),
        column("unit_name"),
    ];
    let kind_at = column("unit_type");
    let mut table = String::from("&[\n");
    for (line, record) in reader.records().enumerate() {
        let record = record.unwrap_or_else(|e| panic!("{FILE}: {e}"));
        let kind = match &record[kind_at] {
            "xa" => "Xa",
            "phuong" => "Phuong",
            "thi_tran" => "ThiTran",
            other => panic!("{FILE}, line {}: unit_type {other:?}", line + 2),
        };
        let [dc, dn, c, n] = at.map(|i| record[i].trim().to_string());
        writeln!(
            table,
            "    ({dc:?}, {dn:?}, {c:?}, {n:?}, UnitKind::{kind}),"
        )
        .unwrap();
    }
    table.push(']');
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("units.rs");
    std::fs::write(out, table).expect("OUT_DIR/units.rs");
}
