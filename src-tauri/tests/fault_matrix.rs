//! Every fault in `tests/fault-matrix.json` through the app's commands: each
//! must reach the UI as the listed `{kind, ...}` error, or succeed where the
//! table says so. The UI tests check the message for each error.

mod support;

use std::time::Duration;

use gigma_api::RetryPolicy;
use gigma_sandbox::FaultSpec;
use serde::Deserialize;
use serde_json::{json, Value};
use support::{shop_for, sign_in, start_sandbox, Machine};

#[derive(Deserialize)]
struct Matrix {
    faults: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    fault: String,
    command: String,
    args: Value,
    inject: FaultSpec,
    error: Option<Value>,
}

fn matrix() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fault-matrix.json");
    let text = std::fs::read_to_string(path).expect("the fault matrix is readable");
    serde_json::from_str::<Matrix>(&text)
        .expect("the fault matrix parses")
        .faults
}

/// Whether every field the table lists for the error has that value; the
/// error may carry more details than the table names.
fn matches_expected(got: &Value, expected: &Value) -> bool {
    expected
        .as_object()
        .is_some_and(|fields| fields.iter().all(|(name, value)| &got[name] == value))
}

#[test]
fn every_fault_reaches_ui_as_its_error() {
    let cases = matrix();
    let mut mismatches = Vec::new();

    for case in &cases {
        let sandbox = start_sandbox();
        let mut app = Machine::new();
        app.client_options.request_timeout = Duration::from_secs(1);
        app.client_options.retry = RetryPolicy {
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(50),
            ..RetryPolicy::default()
        };
        let app = app.start(shop_for(&sandbox));
        sign_in(&app);
        sandbox.store().inject(&case.inject);

        let outcome = app.invoke(&case.command, case.args.clone());
        let ok = match (&outcome, &case.error) {
            (Ok(_), None) => true,
            (Err(got), Some(expected)) => matches_expected(got, expected),
            _ => false,
        };
        if !ok {
            mismatches.push(format!(
                "{}: expected error {:?}, got {:?}",
                case.fault, case.error, outcome
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "faults with the wrong outcome:\n{}",
        mismatches.join("\n")
    );

    // The app still works after a fault: nothing was left half-done.
    let sandbox = start_sandbox();
    let app = Machine::new().start(shop_for(&sandbox));
    sign_in(&app);
    assert_eq!(app.ok("load_counterparty", json!({}))["id"], json!(1));
}
